"""The pure parts of the deploy engine: the maintenance window, the row diff (fingerprint,
codes, shares), how a script splits into what runs before the transaction and what runs in it,
which applies the ledger still has in effect, the saved plan, and the text/Markdown/JSON views."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from madinhdanh import deploy, deployview
from madinhdanh.render import bundle as bundle_lib
from madinhdanh.render import statements
from madinhdanh.targets import Outcome, Part, Refused
from madinhdanh.targets import diff
from madinhdanh.targets.script import OWN_DDL, SESSION, code_of, split_script
from madinhdanh.targets.diff import Change, Violation
from madinhdanh.targets.ledger import Entry, live
from madinhdanh.errors import ConfigError

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
VN = timezone(timedelta(hours=7))
WEEKEND_NIGHTS = {"days": ["sat", "sun"], "start": "22:00", "end": "05:00"}  # most example systems
SUNDAY_EARLY = {"days": ["sun"], "start": "00:00", "end": "04:00"}  # tthc


def at(day: int, hour: int, minute: int = 0, tz: timezone = VN) -> datetime:
    """January 2025: the 4th is a Saturday, the 5th a Sunday, the 6th a Monday."""
    return datetime(2025, 1, day, hour, minute, tzinfo=tz)


def part(window: dict[str, Any] | None = WEEKEND_NIGHTS, *, system: str = "portal", share: float = 0.5) -> Part:
    return Part(system, "Cổng", "sqlite", "mdd-1", "r1", None, "a" * 64, "", "", "", (), "MDD_PORTAL_DSN", window,
                share)


# --- the maintenance window -------------------------------------------------------------------------

@pytest.mark.parametrize(("when", "inside"), [
    (at(4, 22), True),            # Saturday, the window opens
    (at(4, 21, 59), False),
    (at(4, 23, 30), True),
    (at(5, 4, 59), True),         # Sunday morning: Saturday's night still
    (at(5, 5), False),            # the end is not in the window
    (at(5, 12), False),
    (at(5, 22), True),            # Sunday's own night
    (at(6, 4, 59), True),         # Monday morning belongs to Sunday night
    (at(6, 5), False),
    (at(6, 22), False),           # Monday night: no window
    (at(4, 3), False),            # Saturday morning belongs to Friday night: closed
    (at(3, 23), False),           # Friday night
    (at(8, 2), False),            # a Wednesday
])
def test_a_window_crossing_midnight_belongs_to_the_day_it_started(when: datetime, inside: bool) -> None:
    assert deploy.in_window(WEEKEND_NIGHTS, when) is inside


@pytest.mark.parametrize(("when", "inside"), [
    (at(5, 0), True), (at(5, 3, 59), True), (at(5, 4), False), (at(4, 23, 59), False), (at(6, 0, 30), False),
])
def test_a_window_within_one_day(when: datetime, inside: bool) -> None:
    assert deploy.in_window(SUNDAY_EARLY, when) is inside


@pytest.mark.parametrize(("when", "inside"), [
    (at(4, 15, tz=UTC), True),              # 22:00 in Bắc Giang
    (at(4, 14, 59, tz=UTC), False),
    (at(5, 21, 59, tz=UTC), True),          # Monday 04:59 in Bắc Giang
    (at(5, 22, tz=UTC), False),             # Monday 05:00
    (at(3, 22, tz=UTC), False),             # Saturday 05:00: the end of Friday's (absent) night
    (at(4, 10, tz=timezone(timedelta(hours=-5))), True),   # 15:00 UTC: Saturday 22:00 in Bắc Giang
    (at(4, 17, tz=timezone(timedelta(hours=-5))), False),  # 22:00 UTC: Sunday 05:00 in Bắc Giang
])
def test_the_window_is_read_in_asia_ho_chi_minh(when: datetime, inside: bool) -> None:
    assert deploy.in_window(WEEKEND_NIGHTS, when) is inside


def test_vietnam_is_utc_plus_seven_all_year() -> None:
    for month in range(1, 13):
        moment = datetime(2025, month, 1, tzinfo=UTC)
        assert moment.astimezone(deploy.VIETNAM).utcoffset() == timedelta(hours=7)
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        zone = ZoneInfo("Asia/Ho_Chi_Minh")
    except (ImportError, ZoneInfoNotFoundError):
        return
    for month in range(1, 13):
        assert datetime(2025, month, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("window", [None, {}])
def test_no_window_means_always(window: dict[str, Any] | None) -> None:
    for hour in range(0, 24, 5):
        assert deploy.in_window(window, at(8, hour))
    deploy.check_window(part(window), deploy.Settings({}, now=at(8, 12)))


def test_outside_the_window_apply_is_refused_with_the_window_and_the_way_out() -> None:
    with pytest.raises(Refused) as raised:
        deploy.check_window(part(), deploy.Settings({}, now=at(3, 12, 5)))
    assert str(raised.value) == ("portal: outside its maintenance window (sat, sun 22:00–05:00 (Asia/Ho_Chi_Minh); "
                                 "now Fri 12:05); nothing was changed: wait for the window, or add --ignore-window "
                                 "--reason TEXT")
    deploy.check_window(part(), deploy.Settings({}, now=at(4, 23)))  # inside: nothing to say


def test_the_refusal_shows_the_time_in_bac_giang() -> None:
    with pytest.raises(Refused, match=r"now Sat 04:30\)"):
        deploy.check_window(part(), deploy.Settings({}, now=at(3, 21, 30, tz=UTC)))


@pytest.mark.parametrize("reason", ["", "   "])
def test_ignoring_the_window_needs_a_reason(reason: str) -> None:
    settings = deploy.Settings({}, now=at(3, 12), ignore_window=True, reason=reason)
    with pytest.raises(ConfigError, match="--ignore-window needs --reason TEXT"):
        deploy.check_window(part(), settings)


def test_ignoring_the_window_with_a_reason_passes_and_the_reason_goes_to_the_ledger() -> None:
    settings = deploy.Settings({}, now=at(3, 12), ignore_window=True, reason="urgent fix")
    deploy.check_window(part(), settings)
    who = settings.who()
    assert who.reason == "urgent fix" and who.started_at == "2025-01-03T05:00:00+00:00"


# --- the row diff -------------------------------------------------------------------------------------

def change(step: int, key: str, before: str | None, after: str | None, *, kind: str = "two_phase",
           table: str = "units", column: str = "code") -> Change:
    return Change(step, kind, table, column, "id", key, before, after)


CHANGES = [change(1, "1", "000.00.00.H03", "H03"), change(1, "2", "000.00.03.H03", "H03.01"),
           change(2, "7", "000.00.03.H03", "H03.01", kind="plain", table="refs", column="unit"),
           change(3, "H03.01", "Văn phòng", "Văn phòng UBND", kind="attribute", column="name"),
           change(4, "H03.99", None, "(new row)", kind="insert"),
           change(5, "9", "(row)", None, kind="repoint", table="refs", column="(row)")]


def test_the_fingerprint_does_not_depend_on_the_order_rows_were_read() -> None:
    expected = diff.fingerprint(CHANGES)
    shuffled = list(CHANGES)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert diff.fingerprint(shuffled) == expected
    assert diff.fingerprint(iter(CHANGES)) == expected
    assert diff.fingerprint([]) == hashlib.sha256(b"").hexdigest()


@pytest.mark.parametrize("field", ["step", "key", "before", "after"])
def test_the_fingerprint_changes_with_any_value_read(field: str) -> None:
    edited = {"step": 9, "key": "3", "before": "000.00.01.H03", "after": "H03.02"}[field]
    first = CHANGES[0]
    other = first._replace(**{field: edited})
    assert diff.fingerprint([other, *CHANGES[1:]]) != diff.fingerprint(CHANGES)


def test_the_fingerprint_tells_a_missing_value_from_an_empty_one() -> None:
    assert diff.fingerprint([change(3, "a", None, "x")]) != diff.fingerprint([change(3, "a", "", "x")])
    assert diff.fingerprint(CHANGES) != diff.fingerprint(CHANGES[:-1])  # a row fewer


def test_actions() -> None:
    assert [c.action for c in CHANGES] == ["update", "update", "update", "update", "insert", "delete"]


def test_codes_changed_counts_distinct_old_identifiers_of_recode_steps() -> None:
    assert diff.codes_changed(CHANGES) == 2  # 000.00.03.H03 in two tables counts once; attribute/insert not
    stub = change(1, "5", "000.00.05.H03", "H03.05", kind="stub")
    assert diff.codes_changed([*CHANGES, stub]) == 3
    assert diff.codes_changed([c for c in CHANGES if c.kind not in diff.RECODES]) == 0


def test_values_per_column_in_first_seen_order() -> None:
    assert diff.per_column(CHANGES) == {("units", "code", "update"): 2, ("refs", "unit", "update"): 1,
                                        ("units", "name", "update"): 1, ("units", "code", "insert"): 1,
                                        ("refs", "(row)", "delete"): 1}
    assert list(diff.per_column(reversed(CHANGES)))[0] == ("refs", "(row)", "delete")


def test_share_is_per_table_the_largest_step_over_the_rows_before() -> None:
    updates = [change(1, str(i), f"o{i}", f"n{i}") for i in range(3)]
    names = [change(2, str(i), f"a{i}", f"b{i}", kind="attribute", column="name") for i in range(6)]
    assert diff.shares(updates, {"units": 10}) == {"units": 0.3}
    assert diff.shares(updates + names, {"units": 10}) == {"units": 0.6}  # the largest step, not the sum


def test_inserted_rows_are_not_in_the_rows_before_and_not_a_share() -> None:
    updates = [change(1, str(i), f"o{i}", f"n{i}") for i in range(5)]
    inserts = [change(4, f"N{i}", None, "(new row)", kind="insert") for i in range(2)]
    assert diff.shares(updates + inserts, {"units": 12}) == {"units": 0.5}  # 5 of the 10 rows before
    assert diff.shares(inserts, {"units": 12}) == {}


def test_deleted_rows_were_rows_before_and_count_once_with_their_update() -> None:
    step = [change(5, "1", "A", "B", kind="repoint", table="refs", column="unit"),
            change(5, "2", "A", "B", kind="repoint", table="refs", column="unit"),
            change(5, "2", "(row)", None, kind="repoint", table="refs", column="(row)"),
            change(5, "3", "(row)", None, kind="repoint", table="refs", column="(row)")]
    assert diff.shares(step, {"refs": 8}) == {"refs": 0.3}  # keys 1, 2, 3 of the 10 rows before


def test_over_share_is_strictly_above_the_limit() -> None:
    half = [change(1, str(i), f"o{i}", f"n{i}") for i in range(5)]
    assert diff.over_share(half, {"units": 10}, 0.5) == {}
    assert diff.over_share(half, {"units": 10}, 0.49) == {"units": 0.5}
    assert diff.over_share(half, {"units": 5}, 1.0) == {}
    assert diff.shares(half, {}) == {"units": 5.0}  # an unknown table counts as one row: always flagged


# --- split_script on every rendered script --------------------------------------------------------

SCRIPTS = sorted(GOLDEN.glob("*/*/up.sql")) + sorted(GOLDEN.glob("*/*/down.sql"))


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.relative_to(GOLDEN).as_posix())
def test_split_script_on_rendered_scripts(path: Path) -> None:
    dialect = path.parent.name
    text = path.read_text(encoding="utf-8")
    everything = statements.split(text, dialect)
    prelude, body = split_script(text, dialect)
    assert sorted(prelude + body) == sorted(everything)
    assert prelude == [s for s in everything if s in prelude] and body == [s for s in everything if s in body]
    first_body = everything.index(body[0])
    for statement in prelude:
        code = code_of(statement)
        assert OWN_DDL.match(code) or (SESSION.match(code) and everything.index(statement) < first_body), code
    assert not [s for s in body if OWN_DDL.match(code_of(s))]
    assert any("mdd_undo" in code_of(s) for s in prelude)  # created before the transaction
    if dialect in ("mysql", "mssql"):
        assert SESSION.match(code_of(prelude[0]))  # SET NAMES utf8mb4 / SET XACT_ABORT ON first
    if dialect == "oracle":
        assert any("GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_" in code_of(s) for s in prelude)


def test_code_of_drops_only_the_leading_comments() -> None:
    """A COPY's rows reach the server as rendered, even one that starts with ``--``."""
    assert code_of("-- step 1\n\n  -- why\nCOPY t (a) FROM STDIN;\n--x\n\\.") == "COPY t (a) FROM STDIN;\n--x\n\\."
    assert code_of("-- only a comment\n") == ""


def test_split_script_keeps_a_late_set_and_other_tables_in_the_body() -> None:
    text = ("-- header\nSET NAMES utf8mb4;\n"
            "-- our table\nCREATE TABLE IF NOT EXISTS mdd_undo (a INT);\n"
            "UPDATE units SET code = 'H03' WHERE code = '000.00.00.H03';\n"
            "SET @n = 1;\n"
            "CREATE TABLE IF NOT EXISTS `mdd_undo_refs` (a INT);\n"
            "CREATE TABLE IF NOT EXISTS vendor_log (a INT);\n"
            "DELETE FROM refs WHERE unit = 'x';\n")
    prelude, body = split_script(text, "mysql")
    assert [code_of(s) for s in prelude] == ["SET NAMES utf8mb4", "CREATE TABLE IF NOT EXISTS mdd_undo (a INT)",
                                             "CREATE TABLE IF NOT EXISTS `mdd_undo_refs` (a INT)"]
    assert [code_of(s) for s in body] == ["UPDATE units SET code = 'H03' WHERE code = '000.00.00.H03'",
                                          "SET @n = 1", "CREATE TABLE IF NOT EXISTS vendor_log (a INT)",
                                          "DELETE FROM refs WHERE unit = 'x'"]
    assert split_script("", "sqlite") == ([], [])


# --- the ledger ----------------------------------------------------------------------------------------

def entry(number: int, action: str = "apply", outcome: str = "applied", undoes: int | None = None,
          release: str = "r1") -> Entry:
    return Entry("portal", number, action, release, f"mdd-{release}", "s" * 64, "", "u", "h", "t", 1, {}, outcome,
                 undoes)


def test_live_applies_newest_first_without_the_rolled_back_ones() -> None:
    entries = [entry(1, release="r1"), entry(2, release="r2"), entry(3, "rollback", "rolled back", 2, "r2"),
               entry(4, release="r3", outcome="refused"), entry(5, release="r3", outcome="failed"),
               entry(6, release="r3")]
    assert [e.id for e in live(entries)] == [6, 1]
    assert [e.id for e in live([*entries, entry(7, "rollback", "rolled back", 6, "r3")])] == [1]
    assert live([]) == []


def test_a_rollback_that_did_not_happen_cancels_nothing() -> None:
    entries = [entry(1), entry(2, "rollback", "failed", 1), entry(3, "rollback", "refused", 1)]
    assert [e.id for e in live(entries)] == [1]


def test_ledger_entries_round_trip_as_dicts() -> None:
    one = entry(1)
    assert one.as_dict()["release_name"] == "r1" and list(one.as_dict())[:3] == ["system_id", "id", "action"]


# --- the saved plan ----------------------------------------------------------------------------------

def bundle(release: str = "r1", systems: tuple[str, ...] = ("reporting", "portal")) -> bundle_lib.Bundle:
    manifest = {"release": release, "order": list(systems)}
    return bundle_lib.Bundle({"manifest.json": json.dumps(manifest, sort_keys=True).encode()})


def outcome(system: str, changes: tuple[Change, ...] = (), **values: Any) -> Outcome:
    return Outcome(system, f"sqlite:////srv/{system}.db", values.pop("state", "planned"), "mdd-1", "r1",
                   changes=changes, fingerprint=diff.fingerprint(changes), **values)


def saved_plan(tmp_path: Path, made_for: bundle_lib.Bundle) -> Path:
    parts = [part(system="reporting"), part(system="portal")]
    outcomes = [outcome("reporting", tuple(CHANGES[:2]), rows={"units": 2}), outcome("portal")]
    document = deploy.plan_document(made_for, parts, outcomes, deploy.Settings({}, now=at(4, 23)))
    path = tmp_path / "plan.json"
    path.write_text(deployview.plan_json(document), encoding="utf-8")
    return path


def test_a_saved_plan_gives_back_each_fingerprint(tmp_path: Path) -> None:
    made_for = bundle()
    path = saved_plan(tmp_path, made_for)
    assert deploy.read_plan(path, made_for, "reporting") == diff.fingerprint(CHANGES[:2])
    assert deploy.read_plan(path, made_for, "portal") == diff.fingerprint([])
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["bundle_sha256"] == hashlib.sha256(made_for.files["manifest.json"]).hexdigest()
    assert document["planned_at"] == "2025-01-04T16:00:00+00:00" and document["release"] == "r1"
    assert [c["before"] for c in document["systems"][0]["changes"]] == ["000.00.00.H03", "000.00.03.H03"]


def test_the_saved_plan_is_exactly_what_json_dumps_writes_of_its_rows() -> None:
    # plan_chunks encodes the rows itself (700,000 at 100,000 units): the text must be the one
    # json.dumps gives the document with each change as an object, whatever the values hold
    odd = [change(1, "1", 'say "hi"\\ \t\n\x01', "H03\u2028", kind="two_phase"),
           change(3, "H03.02", "Ủy ban nhân dân tỉnh", None, kind="attribute", column="name"),
           change(4, "H03.99", None, "(new row)", kind="insert")]
    many = [change(2, str(n), f"000.00.{n:02d}.H03", f"H03.{n}", kind="plain", table="refs", column="unit")
            for n in range(25_001)]  # more than one batch of rows
    parts = [part(system="reporting"), part(system="portal"), part(system="tthc")]
    outcomes = [outcome("reporting", tuple(CHANGES + odd)), outcome("portal"), outcome("tthc", tuple(many))]
    document = deploy.plan_document(bundle(), parts, outcomes, deploy.Settings({}, now=at(4, 23)))
    with_rows = {**document, "systems": [{**s, "changes": [deploy.change_row(c) for c in s["changes"]]}
                                         for s in document["systems"]]}
    expected = json.dumps(with_rows, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert deployview.plan_json(document, compact=True) == expected
    assert "".join(deployview.plan_chunks(document)) == expected
    assert json.loads(deployview.plan_json(document)) == json.loads(expected)  # the indented form too


def test_a_plan_of_another_bundle_is_refused(tmp_path: Path) -> None:
    path = saved_plan(tmp_path, bundle("r1"))
    other = bundle("r2")
    with pytest.raises(Refused, match=rf"{path} was made for another bundle \(sha256 [0-9a-f]{{12}}…, this one "
                                      rf"{bundle_lib.sha256(other)[:12]}…\): nothing was changed"):
        deploy.read_plan(path, other, "reporting")


def test_a_plan_without_the_system_is_refused(tmp_path: Path) -> None:
    made_for = bundle()
    path = saved_plan(tmp_path, made_for)
    with pytest.raises(ConfigError, match=r"holds no plan for tthc \(it has: reporting, portal\)"):
        deploy.read_plan(path, made_for, "tthc")


@pytest.mark.parametrize("text", ["not json", "[]", '{"systems": []}', '{"bundle_sha256": "x"}'])
def test_a_file_that_is_not_a_plan_is_a_configuration_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="not a plan written by mdd plan --out"):
        deploy.read_plan(path, bundle(), "reporting")


# --- the views ------------------------------------------------------------------------------------------

def test_a_table_is_aligned_plain_text_whatever_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = ["system  codes  note", "------  -----  ----", "tthc        7  ok", "portal    153"]
    rows = [("tthc", 7, "ok"), ("portal", 153, None)]
    assert deployview.table(["system", "codes", "note"], rows, right=[1]) == expected
    monkeypatch.setenv("COLUMNS", "20")
    assert deployview.table(["system", "codes", "note"], rows, right=[1]) == expected


def views(parts: list[Part], outcomes: list[Outcome]) -> list[str]:
    result = deploy.DeployResult({"reporting": "rolled back", "portal": "failed"},
                                 {o.system: o for o in outcomes}, {"portal": "portal: 1 postcondition(s) failed"})
    ledgers: dict[str, list[Entry] | str] = {"reporting": [entry(1), entry(2, "rollback", "rolled back", 1)],
                                            "portal": [], "tthc": "the environment variable MDD_TTHC_DSN is not set"}
    return [deployview.plan_text(parts, outcomes, rows=3), deployview.plan_markdown(parts, outcomes, rows=3),
            deployview.deploy_text(parts, result), deployview.deploy_json(parts, result),
            deployview.ledger_text(ledgers), deployview.ledger_json(ledgers)]


def sample_views() -> tuple[list[Part], list[Outcome]]:
    many = tuple(change(1, str(i), f"000.{i:02}.00.H03", f"H03.{i:02}") for i in range(5))
    broken = (Violation("attribute", "units", "name", "H03.01", "Văn phòng", "Văn phòng | UBND"),)
    return ([part(system="reporting"), part(system="portal", share=1.0)],
            [outcome("reporting", many, rows={"units": 5}), outcome("portal", many[:1], rows={"units": 4},
                                                                    violations=broken)])


def test_views_are_deterministic() -> None:
    parts, outcomes = sample_views()
    first = views(parts, outcomes)
    assert views(*sample_views()) == first
    assert isinstance(json.loads(first[5]), dict)
    assert first[3] == json.dumps(json.loads(first[3]), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_plan_text_reads_as_a_survey_then_rows() -> None:
    text = views(*sample_views())[0]
    lines = text.splitlines()
    assert lines[0] == "release r1: 2 system(s)"
    assert lines[1].split() == ["system", "target", "codes", "values", "state"]
    assert "planned (needs --force)" in lines[3]  # 5 of 5 rows of units > 50%
    assert lines[4].endswith("planned, 1 postcondition(s) broken")  # 1 of 4 rows, limit 100%
    assert "  units.code    update       5  100% (over the limit: needs --force)" in lines
    assert "  … and 2 more (--format json or --out plan.json lists every row)" in lines
    assert ("  postcondition broken: attribute: units.name row H03.01: found 'Văn phòng', expected "
            "'Văn phòng | UBND'") in lines
    assert lines[-1] == "The targets are unchanged: each plan ran in a transaction that was rolled back."


def test_markdown_escapes_pipes_and_folds_each_system() -> None:
    markdown = views(*sample_views())[1]
    assert "| `reporting` | 5 | 5 | planned |" in markdown
    assert "<details><summary><code>reporting</code>: 5 value(s)</summary>" in markdown
    assert "| … | 2 more | | | |" in markdown
    alone = deployview.plan_markdown([part()], [outcome("portal", (change(1, "1", "a|b", "c"),))])
    assert "| units | id=1 | code | a\\|b | c |" in alone


def test_deploy_and_ledger_views() -> None:
    _, _, deploy_text, deploy_json, ledger_text, ledger_json = views(*sample_views())
    assert deploy_text.splitlines()[2].split()[:3] == ["reporting", "rolled", "back"]
    assert deploy_text.endswith("deploy failed: the systems this run had converted were rolled back "
                                "(final state above)\n")
    payload = json.loads(deploy_json)
    assert payload["ok"] is False
    assert [(s["system"], s["state"], s["error"]) for s in payload["systems"]] == [
        ("reporting", "rolled back", None), ("portal", "failed", "portal: 1 postcondition(s) failed")]
    assert ledger_text.splitlines()[0] == "reporting:"
    assert "rolled back (undoes 1)" in ledger_text
    assert "portal: nothing applied yet (no ledger rows)" in ledger_text
    assert "tthc: cannot read the ledger: the environment variable MDD_TTHC_DSN is not set" in ledger_text
    assert json.loads(ledger_json)["tthc"] == "the environment variable MDD_TTHC_DSN is not set"


def test_an_applied_bundle_says_so_in_one_line() -> None:
    done = outcome("portal", state="already applied")
    assert deployview.outcome_text(done) == ["portal: already applied (bundle mdd-1, release r1) — nothing to do"]
    empty = deployview.outcome_text(outcome("portal"))
    assert empty[1] == "  nothing to change: the target already holds what the registry says"
