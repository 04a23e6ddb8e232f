"""The deploy engine on real engines (SQLite, PostgreSQL, MariaDB), through the library API
(:mod:`madinhdanh.deploy`): each example target is seeded with its legacy codes, a bundle rendered
for its engine is planned, applied, re-applied and rolled back, and every table is compared, all
rows and all columns (surrogate ids too), before and after.

- plan leaves the target as it was (MariaDB may gain mdd's own tables, empty: its DDL commits);
- apply converts, writes one ledger row and one backup row; a second apply changes nothing;
- rollback restores every table exactly, and a later apply works again; ``--to RELEASE`` undoes
  the releases applied after it;
- the share guard, a bundle of another engine and a broken postcondition are refused, nothing
  changed.
"""

from __future__ import annotations

import getpass
import hashlib
import shutil
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from dbtargets import REPO, SYSTEMS, Database, dump_tables, load_target, sample, select, url_of
from madinhdanh import deploy
from madinhdanh.render.command import render_release
from madinhdanh.targets import Outcome, Part, Refused, TargetError
from madinhdanh.targets import diff as diff_lib
from madinhdanh.targets.ledger import Entry

# Saturday 23:00 in Bắc Giang: inside every example system's window but tthc's (sun 00:00-04:00),
# so tthc is applied on Sunday night.
SATURDAY_NIGHT = datetime(2025, 1, 4, 23, 0, tzinfo=timezone(timedelta(hours=7)))
SUNDAY_NIGHT = datetime(2025, 1, 5, 1, 30, tzinfo=timezone(timedelta(hours=7)))
Tables = dict[str, list[tuple[Any, ...]]]


def when(system: str) -> datetime:
    return SUNDAY_NIGHT if system == "tthc" else SATURDAY_NIGHT


# --- registries and bundles ------------------------------------------------------------------------

def edit_units(registry: Path, *replacements: tuple[str, str]) -> None:
    path = registry / "units.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


BAN_TON_GIAO = """- id: ban-ton-giao
  code: H03.02.02
  code102: 000.01.06.H03
  name: Ban Tôn giáo
  block: state
  status: active
  decision:
    number: 1350/QĐ-UBND
    date: '2021-12-02'
    issuer: UBND tỉnh Bắc Giang
"""
RECODED = BAN_TON_GIAO.replace("code: H03.02.02", "code: H03.02.09").replace(
    "    issuer: UBND tỉnh Bắc Giang\n", "    issuer: UBND tỉnh Bắc Giang\n  history:\n  - code: H03.02.02\n"
    "    until: '2024-07-01'\n    decision:\n      number: 2000/QĐ-UBND\n      date: '2024-07-01'\n"
    "      issuer: UBND tỉnh Bắc Giang\n")


def second_release(registry: Path) -> None:
    """r2: Ban Tôn giáo recoded H03.02.02 → H03.02.09 (its old code in its history), and the
    Ban Thi đua - Khen thưởng renamed. Still a valid registry."""
    edit_units(registry, (BAN_TON_GIAO, RECODED),
               ("  name: Ban Thi đua - Khen thưởng\n", "  name: Ban Thi đua - Khen thưởng tỉnh\n"))


def case_only_rename(registry: Path) -> None:
    """A correction that changes only the case of a name (as Decision 20 spells it)."""
    edit_units(registry, ("  name: Ban Tôn giáo\n", "  name: Ban Tôn Giáo\n"))


def share_limit(value: str) -> Callable[[Path], None]:
    """reporting's max_change_share set to ``value`` (as written in systems.yaml)."""
    def edit(registry: Path) -> None:
        path = registry / "systems.yaml"
        text = path.read_text(encoding="utf-8")
        anchor = "  template_set: reporting\n"
        assert text.count(anchor) == 1
        path.write_text(text.replace(anchor, f"{anchor}  max_change_share: {value}\n"), encoding="utf-8")
    return edit


EDITS: dict[str, Callable[[Path], None]] = {"r2": second_release, "case": case_only_rename,
                                            "share": share_limit("1"), "share-1.0": share_limit("1.0")}


class Bundles:
    """Full-sync bundles of the sample registry (or an edited copy), rendered once per session
    for each engine. Read only: the tests load them, never write to them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: dict[tuple[str, str], Path] = {}

    def __call__(self, dialect: str, variant: str = "r1") -> Path:
        key = (variant, dialect)
        if key not in self.made:
            registry = REPO / "registry"
            if variant != "r1":
                registry = self.root / f"registry-{variant}"
                if not registry.exists():
                    shutil.copytree(REPO / "registry", registry)
                    EDITS[variant](registry)
            out = self.root / dialect / variant
            release = "r2" if variant == "r2" else "r1"
            outcome = render_release(registry, out=out, dialect=dialect, release=release)
            assert outcome.manifest is not None and not outcome.problems, outcome.problems
            self.made[key] = out
        return self.made[key]


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Bundles:
    return Bundles(tmp_path_factory.mktemp("bundles"))


@pytest.fixture(autouse=True)
def _no_stray_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The library reads only the environ it is given; the process's MDD_* must not matter."""
    for name in ("MDD_QLVB_STATE_DSN", "MDD_QLVB_PARTY_DSN", "MDD_TTHC_DSN", "MDD_REPORTING_DSN", "MDD_PORTAL_DSN"):
        monkeypatch.delenv(name, raising=False)
    yield


# --- a target ---------------------------------------------------------------------------------------

class Target:
    """One seeded example system on a test database, and the settings that reach it."""

    def __init__(self, database: Database, system: str) -> None:
        self.database, self.system = database, system
        load_target(database, system)
        self.url = url_of(database)

    def part(self, bundle: Path) -> Part:
        return deploy.load(bundle, (self.system,))[1][0]

    def settings(self, part: Part, **options: Any) -> deploy.Settings:
        return deploy.Settings({part.dsn_env: self.url}, now=when(self.system), lock_timeout=10, **options)

    def plan(self, part: Part) -> Outcome:
        (outcome,) = deploy.plan_parts([part], self.settings(part))
        return outcome

    def apply(self, part: Part, **options: Any) -> Outcome:
        return deploy.apply_part(part, self.settings(part, **options))

    def rollback(self, part: Part, to_release: str | None = None) -> list[Entry]:
        return deploy.rollback(self.system, part.dsn_env, self.settings(part), to_release=to_release)

    def ledger(self, part: Part) -> list[Entry]:
        (entries,) = deploy.status([(self.system, part.dsn_env)], self.settings(part)).values()
        assert not isinstance(entries, str), entries
        return entries

    def tables(self) -> Tables:
        """Every table of the system (all rows, all columns), mdd's own left out."""
        return self.both()[0]

    def both(self) -> tuple[Tables, Tables]:
        """(the system's tables, mdd's own: mdd_ledger, mdd_backup, mdd_undo…), read at once."""
        tables = dump_tables(self.database)
        own = {t: rows for t, rows in tables.items() if t.lower().startswith("mdd_")}
        return {t: rows for t, rows in tables.items() if t not in own}, own


def manifest_entry(bundle: Path, system: str) -> dict[str, Any]:
    manifest = deploy.load(bundle)[0].manifest
    entry: dict[str, Any] = next(s for s in manifest["systems"] if s["id"] == system)
    return entry


def bundle_sha256(bundle: Path) -> str:
    return hashlib.sha256((bundle / "manifest.json").read_bytes()).hexdigest()


def units_key(system: str) -> tuple[str, str]:
    """(table, key column) of the system's units table, as systems.yaml declares it."""
    units = sample().system(system)["units"]
    return str(units["table"]), str(units["key"])


# --- plan ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("system", SYSTEMS)
def test_plan_changes_nothing_and_its_diff_matches_the_manifest(system: str, database: Database,
                                                                bundles: Bundles) -> None:
    target = Target(database, system)
    bundle = bundles(database.dialect)
    part = target.part(bundle)
    before = target.tables()
    outcome = target.plan(part)
    after, own = target.both()
    assert after == before
    if database.dialect == "mysql":  # its DDL commits: the bookkeeping tables may stay, empty
        assert all(rows == [] for rows in own.values()), {t: len(r) for t, r in own.items()}
    else:
        assert own == {}
    entry = manifest_entry(bundle, system)
    assert (outcome.state, outcome.system, outcome.release, outcome.bundle) == ("planned", system, "r1",
                                                                                entry["bundle_id"])
    assert outcome.violations == ()
    recodes = entry["changes"]["recodes"]
    assert diff_lib.codes_changed(outcome.changes) == recodes
    table, column = units_key(system)
    recoded_units = [c for c in outcome.changes
                     if (c.table, c.column) == (table, column) and c.kind in diff_lib.RECODES]
    assert len(recoded_units) == recodes  # every legacy identifier in the units table gets its code
    assert all(c.before != c.after and c.after for c in recoded_units)
    moved = {t: len(before[t]) for t in {s.table for s in part.steps}}
    for change in outcome.changes:
        moved[change.table] += {"insert": 1, "delete": -1}.get(change.action, 0)
    assert outcome.rows == moved
    assert target.plan(part).fingerprint == outcome.fingerprint == diff_lib.fingerprint(outcome.changes)


# --- apply, re-apply, rollback --------------------------------------------------------------------

@pytest.mark.parametrize("system", SYSTEMS)
def test_apply_then_again_then_rollback_then_apply(system: str, database: Database, bundles: Bundles) -> None:
    target = Target(database, system)
    bundle = bundles(database.dialect)
    part = target.part(bundle)
    seeded = target.tables()
    planned = target.plan(part)

    applied = target.apply(part, force=True)
    assert (applied.state, applied.ledger_id) == ("applied", 1)
    assert applied.tally == planned.tally  # an apply without --plan counts, it does not read every row back
    converted, own = target.both()
    assert converted != seeded
    assert applied.tally.codes == manifest_entry(bundle, system)["changes"]["recodes"]
    (entry,) = target.ledger(part)
    assert (entry.system_id, entry.id, entry.action, entry.outcome, entry.undoes) == (system, 1, "apply",
                                                                                       "applied", None)
    assert (entry.release_name, entry.bundle, entry.base_ref) == ("r1", part.bundle_id, "")
    assert entry.bundle_sha256 == bundle_sha256(bundle) == part.bundle_sha256
    assert (entry.deployer, entry.host) == (getpass.getuser(), socket.gethostname())
    assert entry.started_at == when(system).astimezone(UTC).isoformat(timespec="seconds")
    assert entry.counts == {"codes": planned.tally.codes, "values": planned.tally.values}
    backup = select(database, "mdd_backup", ["system_id", "ledger_id", "bundle", "down_sha256", "records"])
    down = (bundle / system / "down.sql").read_bytes()
    assert backup == [(system, 1, part.bundle_id, hashlib.sha256(down).hexdigest(), planned.tally.values)]

    again = target.apply(part, force=True)
    assert again.state == "already applied" and again.changes == ()
    assert target.both() == (converted, own)

    (undone,) = target.rollback(part)
    assert (undone.id, undone.action, undone.outcome, undone.undoes, undone.release_name) == (
        2, "rollback", "rolled back", 1, "r1")
    assert target.tables() == seeded
    assert [(e.id, e.action, e.outcome) for e in target.ledger(part)] == [(1, "apply", "applied"),
                                                                          (2, "rollback", "rolled back")]

    reapplied = target.apply(part, force=True)
    assert (reapplied.state, reapplied.ledger_id) == ("applied", 3)
    assert target.tables() == converted
    assert len(select(database, "mdd_backup", ["ledger_id"])) == 2


def test_rollback_with_nothing_applied_is_refused(database: Database, bundles: Bundles) -> None:
    target = Target(database, "reporting")
    part = target.part(bundles(database.dialect))
    with pytest.raises(Refused, match="nothing to roll back"):
        target.rollback(part)
    target.apply(part, force=True)
    target.rollback(part)
    with pytest.raises(Refused, match="no apply in effect"):
        target.rollback(part)


@pytest.mark.parametrize("system", ["qlvb_state", "reporting"])
def test_rollback_to_a_release_undoes_the_releases_after_it(system: str, database: Database,
                                                           bundles: Bundles) -> None:
    target = Target(database, system)
    seeded = target.tables()
    first, second = target.part(bundles(database.dialect)), target.part(bundles(database.dialect, "r2"))
    assert target.apply(first, force=True).state == "applied"
    after_first = target.tables()

    planned = target.plan(second)
    assert {(c.before, c.after) for c in planned.changes if c.kind in diff_lib.RECODES} == {("H03.02.02", "H03.02.09")}
    assert ("Ban Thi đua - Khen thưởng", "Ban Thi đua - Khen thưởng tỉnh") in {(c.before, c.after)
                                                                              for c in planned.changes}
    assert target.apply(second).state == "applied"  # a small change: no --force needed
    assert target.tables() != after_first

    with pytest.raises(Refused, match="'r0' is not among the applies in effect"):
        target.rollback(second, to_release="r0")
    undone = target.rollback(second, to_release="r1")
    assert [(e.release_name, e.undoes) for e in undone] == [("r2", 2)]
    assert target.tables() == after_first
    assert target.apply(first, force=True).state == "already applied"
    (last,) = target.rollback(first)
    assert (last.release_name, last.undoes) == ("r1", 1)
    assert target.tables() == seeded


# --- refusals -----------------------------------------------------------------------------------------

def test_the_share_guard_refuses_without_force(database: Database, bundles: Bundles) -> None:
    target = Target(database, "reporting")
    part = target.part(bundles(database.dialect))
    seeded = target.tables()
    assert part.max_change_share == 0.5
    with pytest.raises(Refused, match=r"changes more than 50% of the rows of cauhinh_donvi 100%.*add --force"):
        target.apply(part)
    assert target.tables() == seeded
    (refusal,) = target.ledger(part)
    assert (refusal.action, refusal.outcome, refusal.counts) == ("apply", "refused", {})
    assert "--force" in refusal.detail
    assert select(database, "mdd_backup", ["ledger_id"]) == []


def test_max_change_share_from_systems_yaml_is_honoured(database: Database, bundles: Bundles) -> None:
    target = Target(database, "reporting")
    part = target.part(bundles(database.dialect, "share"))
    assert part.max_change_share == 1.0
    assert target.apply(part).state == "applied"  # every row changes, and the limit allows it
    assert [e.outcome for e in target.ledger(part)] == ["applied"]


def test_a_fractional_max_change_share_is_accepted(sqlite_database: Database, bundles: Bundles) -> None:
    target = Target(sqlite_database, "reporting")
    part = target.part(bundles("sqlite", "share-1.0"))
    assert part.max_change_share == 1.0
    assert target.apply(part).state == "applied"


OTHER = {"sqlite": "postgresql", "postgresql": "mysql", "mysql": "sqlite"}


def test_a_bundle_for_another_engine_is_refused_naming_both(database: Database, bundles: Bundles) -> None:
    target = Target(database, "portal")
    other = OTHER[database.dialect]
    part = target.part(bundles(other))
    seeded = target.tables()
    for action in (lambda: target.plan(part), lambda: target.apply(part, force=True)):
        with pytest.raises(TargetError) as raised:
            action()
        message = str(raised.value)
        assert f"rendered for {other} but" in message and f"is {database.dialect}" in message
        assert f"--dialect {database.dialect}" in message and part.dsn_env in message
    assert target.both() == (seeded, {})


# A vendor trigger that cuts unit names to the 30 characters its old screen shows: up.sql sets
# each name as the registry says, the trigger cuts it again, and check.sql finds the difference.
CUT_NAMES = {
    "sqlite": ["CREATE TRIGGER cut_names AFTER UPDATE ON cauhinh_donvi FOR EACH ROW "
               "WHEN length(NEW.ten_donvi) > 30 BEGIN UPDATE cauhinh_donvi SET ten_donvi = substr(ten_donvi, 1, 30) "
               "WHERE ma_donvi = NEW.ma_donvi; END"],
    "postgresql": ["CREATE FUNCTION cut_names() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN NEW.ten_donvi := left(NEW.ten_donvi, 30); RETURN NEW; END $$",
                   "CREATE TRIGGER cut_names BEFORE UPDATE ON cauhinh_donvi FOR EACH ROW EXECUTE FUNCTION cut_names()"],
    "mysql": ["CREATE TRIGGER cut_names BEFORE UPDATE ON cauhinh_donvi FOR EACH ROW "
              "SET NEW.ten_donvi = LEFT(NEW.ten_donvi, 30)"],
}


def test_a_broken_postcondition_is_refused_and_nothing_changes(database: Database, bundles: Bundles) -> None:
    target = Target(database, "reporting")
    with database.engine.begin() as connection:
        for statement in CUT_NAMES[database.dialect]:
            connection.exec_driver_sql(statement)
    part = target.part(bundles(database.dialect))
    seeded = target.tables()
    planned = target.plan(part)
    assert planned.violations and {v.problem for v in planned.violations} == {"attribute"}
    assert all(v.column == "ten_donvi" and v.found == (v.expected or "")[:30] for v in planned.violations)
    with pytest.raises(Refused, match=r"postcondition\(s\) failed after up.sql, e.g. attribute: cauhinh_donvi"):
        target.apply(part, force=True)
    assert target.tables() == seeded
    (refusal,) = target.ledger(part)
    assert refusal.outcome == "refused" and "postcondition" in refusal.detail
    assert select(database, "mdd_undo", ["bundle"]) == []  # no records, no mark: it can be applied once fixed


def test_a_name_correction_that_only_changes_case_reaches_the_target(database: Database, bundles: Bundles) -> None:
    target = Target(database, "reporting")
    first = target.part(bundles(database.dialect))
    target.apply(first, force=True)
    corrected = target.part(bundles(database.dialect, "case"))
    planned = target.plan(corrected)
    assert [(c.column, c.before, c.after) for c in planned.changes] == [("ten_donvi", "Ban Tôn giáo", "Ban Tôn Giáo")]
    assert target.apply(corrected).tally.values == 1
    assert select(database, "cauhinh_donvi", ["ten_donvi"], "WHERE ma_donvi = 'H03.02.02'") == [("Ban Tôn Giáo",)]


# --- deploy: several systems, all or none -------------------------------------------------------------

CUT_PORTAL_NAMES = {
    "sqlite": ["CREATE TRIGGER cut_names AFTER UPDATE ON portal_units FOR EACH ROW WHEN length(NEW.unit_name) > 30 "
               "BEGIN UPDATE portal_units SET unit_name = substr(unit_name, 1, 30) WHERE id = NEW.id; END"],
    "postgresql": ["CREATE FUNCTION cut_names() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN NEW.unit_name := left(NEW.unit_name, 30); RETURN NEW; END $$",
                   "CREATE TRIGGER cut_names BEFORE UPDATE ON portal_units FOR EACH ROW EXECUTE FUNCTION cut_names()"],
    "mysql": ["CREATE TRIGGER cut_names BEFORE UPDATE ON portal_units FOR EACH ROW "
              "SET NEW.unit_name = LEFT(NEW.unit_name, 30)"],
}


def test_a_deploy_whose_plans_show_a_broken_postcondition_changes_nothing(database: Database,
                                                                          bundles: Bundles) -> None:
    # (a system failing only at apply time, after others were converted, is tests/faults/test_deploy_failure.py)
    reporting = Target(database, "reporting")  # both systems in one database: two dsn variables, one URL
    load_target(database, "portal")
    bundle = bundles(database.dialect)
    parts = deploy.load(bundle, ("portal", "reporting"))[1]
    assert [p.system for p in parts] == ["reporting", "portal"]  # portal depends on reporting
    settings = deploy.Settings({p.dsn_env: reporting.url for p in parts}, now=SATURDAY_NIGHT, force=True)
    with database.engine.begin() as connection:
        for statement in CUT_PORTAL_NAMES[database.dialect]:
            connection.exec_driver_sql(statement)
    seeded = reporting.tables()
    with pytest.raises(Refused, match=r"nothing was changed: portal: \d+ postcondition\(s\) would break"):
        deploy.deploy(parts, settings)
    assert reporting.tables() == seeded
    assert reporting.ledger(parts[0]) == []
