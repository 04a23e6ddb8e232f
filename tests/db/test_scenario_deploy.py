"""The history scenario deployed release by release on SQLite, PostgreSQL and MariaDB (DESIGN.md
§7–§8, issue 6): the five example systems, seeded with their legacy QCVN 102 codes, share one
database per engine; per tag, ``mdd diff/render --base auto`` then ``mdd deploy --yes`` converts
them and ``mdd verify --all`` is clean; then ``mdd rollback --to v2024.2`` on every system and
verify against the registry at v2024.2 is clean. Everything goes through the CLI, as CI runs it."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from dbtargets import REPO, SYSTEMS, Database, load_target, url_of
from madinhdanh.cli import cli

sys.path.insert(0, str(REPO / "examples" / "scenarios"))

import replay  # noqa: E402

SCENARIO = REPO / "examples" / "scenarios" / "bac-giang-2021-2025"
DSN_ENV = {"qlvb_state": "MDD_QLVB_STATE_DSN", "qlvb_party": "MDD_QLVB_PARTY_DSN", "tthc": "MDD_TTHC_DSN",
           "reporting": "MDD_REPORTING_DSN", "portal": "MDD_PORTAL_DSN"}
# per tag and system: recodes/adds/updates/closes/repoints of the bundle (the closing note's table)
CHANGES = {
    "v2021.12": {"qlvb_state": "0/163/163/2/1", "qlvb_party": "0/180/180/2/1", "tthc": "0/154/154/2/1",
                 "reporting": "0/153/153/2/1", "portal": "0/171/171/2/1"},
    "v2024.1": {"qlvb_state": "163/0/163/0/0", "qlvb_party": "180/0/180/0/0", "tthc": "154/0/154/0/0",
                "reporting": "153/0/153/0/0", "portal": "171/0/171/0/0"},
    "v2024.2": dict.fromkeys(SYSTEMS, "2/1/5/1/1"),
    "v2025.1": {"qlvb_state": "164/0/164/3/3", "qlvb_party": "181/0/181/3/3", "tthc": "155/0/155/3/3",
                "reporting": "154/0/154/3/3", "portal": "172/0/172/3/3"},
}


def mdd(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def counts(entry: dict[str, dict[str, int]]) -> str:
    c = entry["changes"]
    return f"{c['recodes']}/{c['adds']}/{c['updates']}/{c['closes']}/{c['repoints']}"


def test_the_scenario_deploys_release_by_release_and_rolls_back(database: Database, tmp_path: Path) -> None:
    assert set(DSN_ENV) == set(SYSTEMS)
    for system in SYSTEMS:  # the five systems' tables do not share names: one database holds them all
        load_target(database, system)
    env = dict.fromkeys(DSN_ENV.values(), url_of(database))
    repo = tmp_path / "province"
    tags = [release.tag for release in replay.build_repository(SCENARIO, repo)]

    for outcome in replay.deploy_releases(mdd, repo, tags, tmp_path / "bundles", env, database.dialect):
        assert {s["id"]: counts(s) for s in outcome.manifest["systems"]} == CHANGES[outcome.tag]
        base = outcome.manifest["base"]  # --base auto: the tag before (none at the first: a full render)
        assert (base and base["ref"]) == (None if outcome.tag == tags[0] else tags[tags.index(outcome.tag) - 1])
        assert [(s["system"], s["state"]) for s in outcome.deploy["systems"]] == [(s, "applied") for s in SYSTEMS]
        # (replay.run already refuses a non-zero exit: verify exits 1 on any discrepancy)
        assert all(s["discrepancies"] == [] and s["error"] is None and s["pending"] == s["missing"] == 0
                   and s["converted"] == s["in_scope"] for s in outcome.verify["systems"])

    verified = replay.roll_back(mdd, repo, "v2024.2", SYSTEMS, env)
    assert all(s["discrepancies"] == [] and s["error"] is None for s in verified["systems"])
    code, out, _ = mdd("status", "--all", "--registry", str(repo / "registry"), env=env)
    assert code == 0 and out.count("rollback") >= len(SYSTEMS)
