"""mdd verify on the example targets, on real SQLite, PostgreSQL and MariaDB: before a conversion
every unit in scope is pending; after mdd deploy nothing is; after a hand-made corruption (one row
back to its old code, one name changed, one extra unit) exactly those three are reported, each
with its table, key, column and expected value."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dbtargets import REPO, Database, load_target, url_of
from madinhdanh import deploy, verify
from madinhdanh.render.command import render_release

SYSTEM = "qlvb_state"  # a units table, a filtered dictionary, a catalog with foreign keys, routes
DSN = "MDD_QLVB_STATE_DSN"


@pytest.fixture
def converted(database: Database, tmp_path: Path) -> tuple[Database, dict[str, str]]:
    load_target(database, SYSTEM)
    environ = {DSN: url_of(database)}
    before = verify.collect(REPO / "registry", environ, systems=(SYSTEM,), with_exchange=False)
    (system,) = before["systems"]
    assert system["error"] is None
    assert (system["converted"], system["pending"], system["missing"]) == (0, system["in_scope"], 0)
    assert {u["systems"][SYSTEM] for u in before["units"]} == {"pending", "out of scope"}
    assert Counter(d["kind"] for d in system["discrepancies"]).keys() == {"stale"}
    outcome = render_release(REPO / "registry", out=tmp_path / "bundle", dialect=database.dialect, release="r1")
    assert outcome.manifest is not None
    parts = deploy.load(tmp_path / "bundle", (SYSTEM,))[1]
    result = deploy.deploy(parts, deploy.Settings(environ, force=True, ignore_window=True, reason="test"))
    assert result.ok, result.errors
    return database, environ


def run(environ: dict[str, str]) -> dict[str, Any]:
    document = verify.collect(REPO / "registry", environ, systems=(SYSTEM,), with_exchange=False)
    return document


def test_after_deploy_nothing_is_left(converted: tuple[Database, dict[str, str]]) -> None:
    _, environ = converted
    document = run(environ)
    (system,) = document["systems"]
    assert system["discrepancies"] == []
    assert (system["converted"], system["pending"], system["missing"]) == (system["in_scope"], 0, 0)
    assert verify.problems(document) == 0
    assert [e["outcome"] for e in system["ledger"]] == ["applied"]


def test_a_corruption_is_reported_exactly(converted: tuple[Database, dict[str, str]]) -> None:
    database, environ = converted
    with database.engine.begin() as connection:
        # a dictionary row back to the old code of Sở Nội vụ, a renamed unit, and a unit nobody issued
        connection.exec_driver_sql("UPDATE dm_dungchung SET ma = '000.00.06.H03' WHERE loai = 'DONVI' AND ma = 'H03.02'")
        connection.exec_driver_sql("UPDATE dm_donvi SET ten_donvi = 'Sở Tư pháp (cũ)' WHERE ma_dinh_danh = 'H03.03'")
        insert = ("INSERT INTO dm_donvi (ma_dinh_danh, ten_donvi, ma_donvi_cha, cap, trang_thai) "
                  "VALUES ('H03.99', 'Đơn vị lạ', 'H03', 2, 'active')")
        connection.exec_driver_sql(insert)
    document = run(environ)
    (system,) = document["systems"]
    found = sorted((d["kind"], d["table"], d["column"], d["found"], d["expected"], d["unit"])
                   for d in system["discrepancies"])
    assert found == [
        ("extra", "dm_donvi", "ma_dinh_danh", "H03.99", None, None),
        ("name", "dm_donvi", "ten_donvi", "Sở Tư pháp (cũ)", "Sở Tư pháp", "so-tu-phap"),
        ("stale", "dm_dungchung", "ma", "000.00.06.H03", "H03.02", "so-noi-vu"),
    ]
    keys = {d["kind"]: d["key"] for d in system["discrepancies"]}
    assert keys["name"] == "H03.03" and keys["extra"] == "H03.99" and keys["stale"].startswith("id=")
    states = {u["id"]: u["systems"][SYSTEM] for u in document["units"]}
    assert states["so-tu-phap"] == "wrong" and states["so-noi-vu"] == "stale"
    assert verify.problems(document) == 3
