"""The exchange monitor on real engines (SQLite, PostgreSQL, MariaDB): qlvb_state is seeded with its
legacy codes and its 2024 exchange log, converted by the deploy engine on a Saturday night, and
then receives messages addressed the old way (a QCVN 102 code), to a closed unit, to an unknown
code, to an agency outside the province and to a current code, plus one just before the cutover.
:func:`madinhdanh.exchange.scan` reports exactly the three anomalies after the cutover, with
their counts, times and suggested units, reading the cutover from the ledger (UTC) and comparing
it with the log's local times (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import seed
from dbtargets import REPO, Database, load_target, run_sql, sample, url_of
from madinhdanh import deploy, exchange
from madinhdanh.model import Registry, System
from madinhdanh.render.command import render_release

SYSTEM, DSN = "qlvb_state", "MDD_QLVB_STATE_DSN"
SATURDAY_NIGHT = datetime(2025, 1, 4, 23, 0, tzinfo=timezone(timedelta(hours=7)))  # the apply: 16:00 UTC


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    made: dict[str, Path] = {}

    def get(dialect: str) -> Path:
        if dialect not in made:
            out = tmp_path_factory.mktemp("exchange") / dialect
            outcome = render_release(REPO / "registry", out=out, dialect=dialect, release="r1", system_ids=(SYSTEM,))
            assert outcome.manifest is not None and not outcome.problems, outcome.problems
            made[dialect] = out
        return made[dialect]
    return get


@pytest.fixture(autouse=True)
def _no_stray_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DSN, raising=False)


def registry() -> Registry:
    return sample().registry


def systems() -> list[System]:
    return [System.from_document(doc) for doc in sample().systems]


def unit(unit_id: str) -> Any:
    found = registry().by_id(unit_id)
    assert found is not None
    return found


def suggestion(unit_id: str) -> dict[str, str]:
    u = unit(unit_id)
    return {"id": u.id, "code": u.code, "name": u.name}


def insert_messages(database: Database, rows: list[tuple[str, str, datetime, str]]) -> None:
    """Messages into lt_nhatky, every NOT NULL column filled, times local as the vendor writes them."""
    values = []
    for number, (sender, receiver, when, status) in enumerate(rows, start=1):
        row = (f"{sender},{when:%Y/%m/%d},T{number}", sender, receiver, when, status, "GUI", f"{number}/CV-VP")
        values.append("(" + ", ".join(seed.literal(v, database.dialect) for v in row) + ")")
    run_sql(database, "INSERT INTO lt_nhatky (ma_thong_diep, ma_noi_gui, ma_noi_nhan, thoi_gian, trang_thai, chieu, "
                      "so_ky_hieu) VALUES " + ", ".join(values))


def convert(database: Database, bundle: Callable[[str], Path]) -> dict[str, str]:
    """Seed qlvb_state, apply the sample bundle on Saturday night; the environ that reaches it."""
    load_target(database, SYSTEM)
    environ = {DSN: url_of(database)}
    part = deploy.load(bundle(database.dialect), (SYSTEM,))[1][0]
    settings = deploy.Settings(environ, now=SATURDAY_NIGHT, lock_timeout=10, force=True)
    assert deploy.apply_part(part, settings).state == "applied"
    return environ


def test_scan_reports_what_was_addressed_the_old_way_after_the_cutover(database: Database,
                                                                       bundle: Callable[[str], Path]) -> None:
    environ = convert(database, bundle)
    province = unit("ubnd-tinh").code  # H03
    office = unit("vp-ubnd-tinh")  # H03.01, QCVN 102 000.00.03.H03
    merged = unit("son-dong-xa-thanh-luan")  # closed, merged into son-dong-tt-tay-yen-tu
    district = unit("ubnd-huyen-son-dong").code
    assert (office.code102, merged.status) == ("000.00.03.H03", "closed")
    insert_messages(database, [
        (province, office.code102, datetime(2025, 1, 4, 22, 30), "DA_NHAN"),  # before the cutover (15:30 UTC)
        (province, office.code102, datetime(2025, 1, 4, 23, 30), "LOI"),
        (province, office.code102, datetime(2025, 1, 6, 8, 15), "DA_NHAN"),
        (office.code102, province, datetime(2025, 1, 6, 9, 0), "DA_GUI"),
        (district, merged.code, datetime(2025, 1, 7, 10, 0), "LOI"),
        (province, "H03.99.99", datetime(2025, 1, 8, 14, 0), "LOI"),
        (province, "000.00.00.G22", datetime(2025, 1, 8, 15, 0), "DA_GUI"),  # outside the province
        (province, office.code, datetime(2025, 1, 9, 7, 45), "DA_NHAN"),  # as it should be
    ])
    result = exchange.scan(registry(), systems(), environ)
    assert result["errors"] == {}
    assert result["since"] == "2025-01-04T23:00:00+07:00"
    assert result["since_by_system"] == {SYSTEM: "2025-01-04T23:00:00+07:00"}
    base = {"system": SYSTEM, "direction": "received", "counterpart": province}
    assert result["anomalies"] == [
        {**base, "code": "000.00.03.H03", "kind": "old", "count": 2, "first": "2025-01-04T23:30:00+07:00",
         "last": "2025-01-06T08:15:00+07:00", "suggested": suggestion("vp-ubnd-tinh"),
         "statuses": {"DA_NHAN": 1, "LOI": 1}},
        {**base, "code": "000.00.03.H03", "kind": "old", "direction": "sent", "count": 1,
         "first": "2025-01-06T09:00:00+07:00", "last": "2025-01-06T09:00:00+07:00",
         "suggested": suggestion("vp-ubnd-tinh"), "statuses": {"DA_GUI": 1}},
        {**base, "code": "H03.45.33", "kind": "closed", "counterpart": district, "count": 1,
         "first": "2025-01-07T10:00:00+07:00", "last": "2025-01-07T10:00:00+07:00",
         "suggested": suggestion("son-dong-tt-tay-yen-tu"), "statuses": {"LOI": 1}},
        {**base, "code": "H03.99.99", "kind": "unknown", "count": 1, "first": "2025-01-08T14:00:00+07:00",
         "last": "2025-01-08T14:00:00+07:00", "suggested": None, "statuses": {"LOI": 1}},
    ]
    text = exchange.fix_list(result)
    assert text.splitlines()[0] == ("qlvb_state (since 2025-01-04 23:00, Asia/Ho_Chi_Minh time): "
                                    "4 exchange anomalies")
    assert f"  H03.45.33  closed, received from {district}, 1 message (LOI 1), 2025-01-07 10:00 → " \
           f"{unit('son-dong-tt-tay-yen-tu').code} {unit('son-dong-tt-tay-yen-tu').name}" in text

    later = exchange.scan(registry(), systems(), environ, since="2025-01-07")  # given: the ledger is not read
    assert later["since"] == "2025-01-07T00:00:00+07:00"
    assert [(a["code"], a["count"]) for a in later["anomalies"]] == [("H03.45.33", 1), ("H03.99.99", 1)]


def test_without_a_cutover_every_message_of_the_seeded_log_is_judged(sqlite_database: Database) -> None:
    load_target(sqlite_database, SYSTEM)
    result = exchange.scan(registry(), systems(), {DSN: url_of(sqlite_database)})
    assert (result["since"], result["since_by_system"], result["errors"]) == (None, {SYSTEM: None}, {})
    anomalies = result["anomalies"]
    assert {a["kind"] for a in anomalies} == {"old", "unknown"}  # before conversion: QCVN 102 codes everywhere
    top = unit("ubnd-tinh").code102
    unknown = [a for a in anomalies if a["kind"] == "unknown"]
    assert unknown == [{"system": SYSTEM, "code": "000.99.99.H03", "kind": "unknown", "direction": "received",
                        "counterpart": top, "count": 1, "first": "2024-12-20T10:00:00+07:00",
                        "last": "2024-12-20T10:00:00+07:00", "suggested": None, "statuses": {"LOI": 1}}]
    merged = unit("son-dong-xa-thanh-luan")
    (to_closed,) = [a for a in anomalies if a["code"] == merged.code102 and a["direction"] == "received"]
    assert (to_closed["kind"], to_closed["suggested"]) == ("old", suggestion("son-dong-tt-tay-yen-tu"))
    assert not any(a["code"].endswith(".G22") or a["code"].endswith(".G17") for a in anomalies)


def test_a_target_that_cannot_be_read_is_an_error_not_an_exception(tmp_path: Path) -> None:
    result = exchange.scan(registry(), systems(), {})
    assert result["anomalies"] == [] and list(result["errors"]) == [SYSTEM]
    assert DSN in result["errors"][SYSTEM]
    empty = tmp_path / "empty.sqlite"
    with sqlite3.connect(empty) as connection:  # a database, but not qlvb_state's
        connection.execute("CREATE TABLE other (id INTEGER)")
    result = exchange.scan(registry(), systems(), {DSN: f"sqlite:///{empty}"})
    assert "cannot read the exchange log lt_nhatky" in result["errors"][SYSTEM]
    assert result["since_by_system"] == {} and result["since"] is None
    wrong = exchange.scan(registry(), systems(), {DSN: "postgresql://mdd:s3cret@127.0.0.1:1/none"})
    assert "s3cret" not in wrong["errors"][SYSTEM]
