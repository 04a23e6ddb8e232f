"""mdd plan | apply | deploy | rollback | status | demo on SQLite replicas of the five example
systems (seeded with their legacy codes, as ``mdd demo`` builds them): the formats, the saved
plan, the questions a non-terminal cannot answer, the maintenance window, the ledger, a deploy
that fails halfway and is rolled back, and the demo itself."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from madinhdanh import demo, deploy
from madinhdanh.cli import cli
from madinhdanh.render.command import render_release

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "registry"
EXAMPLES = ROOT / "examples" / "targets"
ORDER = ["qlvb_state", "qlvb_party", "tthc", "reporting", "portal"]
WINDOW = ("--ignore-window", "--reason", "test run outside the window")  # the clock is real here
DSN_ENVS = {"qlvb_state": "MDD_QLVB_STATE_DSN", "qlvb_party": "MDD_QLVB_PARTY_DSN", "tthc": "MDD_TTHC_DSN",
            "reporting": "MDD_REPORTING_DSN", "portal": "MDD_PORTAL_DSN"}  # registry/systems.yaml dsn_env
Tables = dict[str, list[tuple[Any, ...]]]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


# --- replicas and bundles -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The five seeded SQLite files, built once; each test works on copies."""
    folder = tmp_path_factory.mktemp("pristine")
    replicas = demo.build_replicas(REGISTRY, EXAMPLES, folder / "replicas", lambda _: None)
    return {replica.system: replica.path for replica in replicas}


def render(registry: Path, out: Path, *, release: str = "r1") -> Path:
    outcome = render_release(registry, out=out, dialect="sqlite", release=release)
    assert outcome.manifest is not None and not outcome.problems, outcome.problems
    return out


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample registry's full sync, every system in SQLite (read only)."""
    return render(REGISTRY, tmp_path_factory.mktemp("bundle") / "r1")


class Replicas:
    """Copies of the pristine replicas for one test, and the environment that points at them."""

    def __init__(self, folder: Path, pristine: dict[str, Path]) -> None:
        folder.mkdir()
        self.paths = {system: Path(shutil.copy(path, folder / path.name)) for system, path in pristine.items()}
        self.env = {DSN_ENVS[system]: f"sqlite:///{path}" for system, path in self.paths.items()}

    def tables(self, system: str, *, own: bool = False) -> Tables:
        """Every table of one replica, all rows, all columns; mdd's own only with ``own``. SQLite's
        sqlite_sequence is left out: a stub step inserts and deletes rows, which moves the next
        AUTOINCREMENT id on (as a sequence does on any engine); no row's id changes."""
        with sqlite3.connect(self.paths[system]) as connection:
            names = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                      "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            result = {n: sorted(connection.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names
                      if own or not n.startswith("mdd_")}
        connection.close()
        return result

    def all(self) -> dict[str, Tables]:
        return {system: self.tables(system) for system in self.paths}

    def ledger(self, system: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.paths[system]) as connection:
            found = connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'mdd_ledger'").fetchone()[0]
            rows = connection.execute("SELECT id, action, release_name, outcome, reason FROM mdd_ledger "
                                      "ORDER BY id").fetchall() if found else []
        connection.close()
        return rows

    def execute(self, system: str, *statements: str) -> None:
        with sqlite3.connect(self.paths[system]) as connection:
            for statement in statements:
                connection.execute(statement)
        connection.close()


@pytest.fixture
def replicas(tmp_path: Path, pristine: dict[str, Path]) -> Replicas:
    return Replicas(tmp_path / "replicas", pristine)


def manifest(bundle: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    return loaded


def recodes(bundle: Path) -> dict[str, int]:
    return {s["id"]: s["changes"]["recodes"] for s in manifest(bundle)["systems"]}


# --- plan ---------------------------------------------------------------------------------------------

def test_plan_all_as_json_holds_every_row_and_changes_nothing(bundle: Path, replicas: Replicas) -> None:
    before = replicas.all()
    code, out, err = run("plan", "--all", "--bundle", str(bundle), "--format", "json", env=replicas.env)
    assert code == 0, err
    plan = json.loads(out)
    assert plan["release"] == "r1" and plan["format"] == deploy.PLAN_FORMAT
    assert plan["bundle_sha256"] == hashlib.sha256((bundle / "manifest.json").read_bytes()).hexdigest()
    assert [s["system"] for s in plan["systems"]] == ORDER
    for entry in plan["systems"]:
        assert entry["state"] == "planned" and entry["violations"] == []
        assert entry["codes"] == recodes(bundle)[entry["system"]]
        assert entry["values"] == len(entry["changes"]) == sum(c["rows"] for c in entry["columns"])
        assert entry["needs_force"] is True and max(entry["shares"].values()) > 0.5  # a first conversion
        assert len(entry["fingerprint"]) == 64
        assert entry["target"] == f"sqlite:///{replicas.paths[entry['system']]}"
    assert replicas.all() == before
    assert all(replicas.ledger(system) == [] for system in ORDER)


def test_plan_as_markdown_and_text(bundle: Path, replicas: Replicas) -> None:
    code, out, err = run("plan", "--all", "--bundle", str(bundle), "--format", "markdown", "--rows", "2",
                         env=replicas.env)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:4] == ["### Plan of release `r1`", "", "| system | codes to change | values | state |",
                         "|---|---:|---:|---|"]
    assert f"| `qlvb_state` | {recodes(bundle)['qlvb_state']} |" in out
    assert out.count("<details><summary><code>") == 5 and out.count("</details>") == 5
    assert "| … |" in out  # more rows than --rows 2

    code, out, err = run("plan", "reporting", "--bundle", str(bundle), "--rows", "3", env=replicas.env)
    assert code == 0, err
    assert out.startswith("release r1: 1 system(s)\nsystem     target")
    assert "planned (needs --force)" in out and "100% (over the limit: needs --force)" in out
    assert f"reporting on sqlite:///{replicas.paths['reporting']}: {recodes(bundle)['reporting']} code(s) to change" in out
    assert "… and " in out and "more (--format json or --out plan.json lists every row)" in out
    assert out.endswith("The targets are unchanged: each plan ran in a transaction that was rolled back.\n")


def test_plan_needs_a_system_or_all(bundle: Path, replicas: Replicas) -> None:
    code, _, err = run("plan", "--bundle", str(bundle), env=replicas.env)
    assert code == 2 and "needs a SYSTEM or --all" in err
    code, _, err = run("plan", "nowhere", "--bundle", str(bundle), env=replicas.env)
    assert code == 2 and 'the bundle has no system "nowhere"' in err


# --- apply ----------------------------------------------------------------------------------------------

def test_saved_plan_then_apply_it(bundle: Path, replicas: Replicas, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    code, _, err = run("plan", "--all", "--bundle", str(bundle), "--out", str(saved), "--format", "json",
                       env=replicas.env)
    assert code == 0, err
    assert f"wrote {saved}" in err
    code, out, err = run("apply", "qlvb_state", "--bundle", str(bundle), "--plan", str(saved), "--yes", "--force",
                         *WINDOW, "--format", "json", env=replicas.env)
    assert code == 0, err
    result = json.loads(out)
    assert (result["system"], result["state"], result["codes"]) == ("qlvb_state", "applied",
                                                                    recodes(bundle)["qlvb_state"])
    assert replicas.ledger("qlvb_state") == [(1, "apply", "r1", "applied", "test run outside the window")]

    code, out, err = run("apply", "qlvb_state", "--bundle", str(bundle), "--plan", str(saved), "--yes", *WINDOW,
                         env=replicas.env)
    assert code == 0, err
    assert out.startswith("qlvb_state: already applied (bundle mdd-") and "nothing to do" in out
    assert len(replicas.ledger("qlvb_state")) == 1


def test_a_plan_no_longer_matching_the_target_is_refused(bundle: Path, replicas: Replicas, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    assert run("plan", "reporting", "--bundle", str(bundle), "--out", str(saved), env=replicas.env)[0] == 0
    replicas_before = replicas.tables("reporting")
    replicas.execute("reporting", "UPDATE cauhinh_donvi SET ten_donvi = 'Sở Nội vụ (tên cũ)' WHERE ten_donvi = 'Sở Nội vụ'")
    edited = replicas.tables("reporting")
    assert edited != replicas_before
    code, _, err = run("apply", "reporting", "--bundle", str(bundle), "--plan", str(saved), "--yes", "--force",
                       *WINDOW, env=replicas.env)
    assert code == 1
    assert "reporting: the target changed since the plan was made" in err and "run mdd plan again" in err
    assert replicas.tables("reporting") == edited


def test_a_plan_of_another_bundle_is_refused(bundle: Path, replicas: Replicas, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    assert run("plan", "reporting", "--bundle", str(bundle), "--out", str(saved), env=replicas.env)[0] == 0
    other = render(REGISTRY, tmp_path / "r1-again", release="r1-again")
    code, _, err = run("apply", "reporting", "--bundle", str(other), "--plan", str(saved), "--yes", "--force",
                       *WINDOW, env=replicas.env)
    assert code == 1 and f"{saved} was made for another bundle" in err
    code, _, err = run("apply", "portal", "--bundle", str(bundle), "--plan", str(saved), "--yes", "--force",
                       *WINDOW, env=replicas.env)
    assert code == 2 and f"{saved} holds no plan for portal (it has: reporting)" in err
    assert replicas.ledger("reporting") == [] and replicas.ledger("portal") == []


def test_a_bundle_changed_after_rendering_is_refused(bundle: Path, replicas: Replicas, tmp_path: Path) -> None:
    changed = tmp_path / "changed"
    shutil.copytree(bundle, changed)
    up = changed / "reporting" / "up.sql"
    up.write_text(up.read_text(encoding="utf-8").replace("H03.01", "H03.91", 1), encoding="utf-8")
    code, _, err = run("apply", "reporting", "--bundle", str(changed), "--yes", "--force", *WINDOW, env=replicas.env)
    assert code == 2
    assert "the bundle was changed after it was rendered, so it is refused" in err and f"{up}: sha256 " in err
    code, _, err = run("plan", "--all", "--bundle", str(changed), env=replicas.env)
    assert code == 2 and "the bundle was changed after it was rendered" in err
    assert replicas.ledger("reporting") == []


def test_apply_without_yes_on_a_pipe_asks_for_yes(bundle: Path, replicas: Replicas) -> None:
    before = replicas.tables("portal", own=True)
    code, out, err = run("apply", "portal", "--bundle", str(bundle), "--force", *WINDOW, env=replicas.env)
    assert code == 2 and out == ""
    assert "portal on sqlite:///" in err  # the plan was shown first
    assert "stdin is not a terminal to ask on: add --yes once the plan has been reviewed" in err
    assert replicas.tables("portal", own=True) == before
    code, _, err = run("deploy", "--all", "--bundle", str(bundle), "--force", *WINDOW, env=replicas.env)
    assert code == 2 and "add --yes" in err
    assert replicas.ledger("qlvb_state") == []


def test_the_share_guard_needs_force(bundle: Path, replicas: Replicas) -> None:
    before = replicas.tables("tthc")
    code, _, err = run("apply", "tthc", "--bundle", str(bundle), "--yes", *WINDOW, env=replicas.env)
    assert code == 1
    assert "tthc: the plan changes more than 50% of the rows of coquan 100%" in err and "add --force" in err
    assert replicas.tables("tthc") == before
    assert [row[3] for row in replicas.ledger("tthc")] == ["refused"]


# --- the maintenance window -------------------------------------------------------------------------

def closed_window_registry(tmp_path: Path) -> Path:
    """A copy of the sample registry whose portal window is one hour, three days from today in
    Bắc Giang: the real clock is never in it."""
    registry = tmp_path / "registry"
    shutil.copytree(REGISTRY, registry)
    day = deploy.DAYS[(datetime.now(UTC).astimezone(deploy.VIETNAM) + timedelta(days=3)).weekday()]
    text = (registry / "systems.yaml").read_text(encoding="utf-8")
    portal = text.index("- id: portal")
    old = "  window:\n    days: [sat, sun]\n    start: '22:00'\n    end: '05:00'\n"
    assert text.index(old, portal) > portal
    text = text[:portal] + text[portal:].replace(old, f"  window:\n    days: [{day}]\n    start: '00:00'\n"
                                                       "    end: '01:00'\n", 1)
    (registry / "systems.yaml").write_text(text, encoding="utf-8")
    return registry


def test_outside_the_window_apply_is_refused_unless_ignored_with_a_reason(replicas: Replicas,
                                                                          tmp_path: Path) -> None:
    closed = render(closed_window_registry(tmp_path), tmp_path / "closed")
    before = replicas.tables("portal")
    code, _, err = run("apply", "portal", "--bundle", str(closed), "--yes", "--force", env=replicas.env)
    assert code == 1
    assert "portal: outside its maintenance window (" in err and "00:00–01:00 (Asia/Ho_Chi_Minh); now " in err
    assert "nothing was changed: wait for the window, or add --ignore-window --reason TEXT" in err
    code, _, err = run("apply", "portal", "--bundle", str(closed), "--yes", "--force", "--ignore-window",
                       env=replicas.env)
    assert code == 2 and "--ignore-window needs --reason TEXT" in err
    code, _, err = run("apply", "portal", "--bundle", str(closed), "--yes", "--force", "--ignore-window",
                       "--reason", "  ", env=replicas.env)
    assert code == 2 and "--reason needs a text" in err
    code, _, err = run("deploy", "--systems", "portal", "--bundle", str(closed), "--yes", "--force",
                       env=replicas.env)
    assert code == 1 and "outside its maintenance window" in err
    assert replicas.tables("portal") == before and replicas.ledger("portal") == []
    code, out, err = run("apply", "portal", "--bundle", str(closed), "--yes", "--force", "--ignore-window",
                         "--reason", "urgent: the portal relaunch", env=replicas.env)
    assert code == 0, err
    assert "applied in" in out
    assert replicas.ledger("portal") == [(1, "apply", "r1", "applied", "urgent: the portal relaunch")]


# --- deploy, rollback, status -------------------------------------------------------------------------

def test_deploy_all_then_again(bundle: Path, replicas: Replicas) -> None:
    args = ("deploy", "--all", "--bundle", str(bundle), "--yes", "--force", *WINDOW, "--format", "json")
    code, out, err = run(*args, env=replicas.env)
    assert code == 0, err
    result = json.loads(out)
    assert result["ok"] is True
    assert [(s["system"], s["state"], s["error"]) for s in result["systems"]] == [(s, "applied", None) for s in ORDER]
    assert {s["system"]: s["codes"] for s in result["systems"]} == recodes(bundle)
    code, out, err = run(*args, env=replicas.env)
    assert code == 0, err
    assert [s["state"] for s in json.loads(out)["systems"]] == ["already applied"] * 5
    assert all(len(replicas.ledger(system)) == 1 for system in ORDER)


def test_a_deploy_whose_plan_shows_a_broken_postcondition_changes_nothing(bundle: Path, replicas: Replicas) -> None:
    # A vendor trigger on the portal (last in deploy order) cuts unit names to 30 characters, so
    # its postconditions would fail after up.sql: the plans show it, and nothing is applied.
    # (A system failing only at apply time is tests/faults/test_deploy_failure.py.)
    replicas.execute("portal", "CREATE TRIGGER cut_names AFTER UPDATE ON portal_units FOR EACH ROW "
                     "WHEN length(NEW.unit_name) > 30 BEGIN UPDATE portal_units SET unit_name = "
                     "substr(unit_name, 1, 30) WHERE id = NEW.id; END")
    before = replicas.all()
    code, out, err = run("plan", "portal", "--bundle", str(bundle), env=replicas.env)
    assert code == 1, err  # the plan shows it first
    assert re.search(r"^portal .* planned \(needs --force\), \d+ postcondition\(s\) broken$", out, re.M)
    assert "  postcondition broken: attribute: portal_units.unit_name row " in out
    code, out, err = run("deploy", "--all", "--bundle", str(bundle), "--yes", "--force", *WINDOW, env=replicas.env)
    assert code == 1, err
    assert re.search(r"nothing was changed: portal: \d+ postcondition\(s\) would break", err)
    assert replicas.all() == before
    for system in ORDER:
        assert replicas.ledger(system) == []


def test_rollback_command(bundle: Path, replicas: Replicas) -> None:
    before = replicas.tables("reporting")
    registry = ("--registry", str(REGISTRY))
    code, _, err = run("rollback", "reporting", "--yes", *registry, env=replicas.env)
    assert code == 1 and "nothing to roll back" in err
    assert run("apply", "reporting", "--bundle", str(bundle), "--yes", "--force", *WINDOW, env=replicas.env)[0] == 0
    code, _, err = run("rollback", "reporting", *registry, env=replicas.env)
    assert code == 2 and "add --yes" in err
    code, out, err = run("rollback", "reporting", "--yes", "--reason", "wrong night", *registry, env=replicas.env)
    assert code == 0, err
    assert out.startswith("reporting: rolled back r1 (bundle mdd-") and out.endswith(", ledger entry 1)\n")
    assert replicas.tables("reporting") == before
    assert replicas.ledger("reporting")[1] == (2, "rollback", "r1", "rolled back", "wrong night")
    code, _, err = run("rollback", "nowhere", "--yes", *registry, env=replicas.env)
    assert code == 2 and 'unknown system "nowhere"' in err


def test_status_all(bundle: Path, replicas: Replicas) -> None:
    registry = ("--registry", str(REGISTRY))
    for system in ("qlvb_state", "reporting"):
        assert run("apply", system, "--bundle", str(bundle), "--yes", "--force", *WINDOW, env=replicas.env)[0] == 0
    assert run("rollback", "reporting", "--yes", *registry, env=replicas.env)[0] == 0
    code, out, err = run("status", "--all", *registry, env=replicas.env)
    assert code == 0, err
    blocks = out.split("\n\n")
    assert [block.splitlines()[0].split(":")[0] for block in blocks if block] == ORDER
    state = blocks[0].splitlines()
    assert state[0] == "qlvb_state:"
    assert state[1].split() == ["id", "when", "(UTC)", "action", "release", "outcome", "codes", "by", "note"]
    assert state[3].split()[0] == "1" and " apply " in state[3] and " applied " in state[3]
    assert f"{recodes(bundle)['qlvb_state']}" in state[3] and "test run outside the window" in state[3]
    assert "qlvb_party: nothing applied yet (no ledger rows)" in out
    reporting = blocks[3].splitlines()
    assert "rolled back (undoes 1)" in reporting[4]

    code, out, err = run("status", "--all", "--format", "json", *registry, env=replicas.env)
    assert code == 0, err
    ledgers = json.loads(out)
    assert sorted(ledgers) == sorted(ORDER) and ledgers["tthc"] == []
    assert [(e["action"], e["outcome"], e["undoes"]) for e in ledgers["reporting"]] == [
        ("apply", "applied", None), ("rollback", "rolled back", 1)]

    missing = {k: v for k, v in replicas.env.items() if k != "MDD_TTHC_DSN"}
    code, out, _ = run("status", "--all", *registry, env={**missing, "MDD_TTHC_DSN": ""})
    assert code == 2  # a target that cannot be read is a configuration problem; the others are still shown
    assert "tthc: cannot read the ledger: the environment variable MDD_TTHC_DSN is not set" in out
    code, _, err = run("status", *registry, env=replicas.env)
    assert code == 2 and "needs a SYSTEM or --all" in err


# --- demo ---------------------------------------------------------------------------------------------

def demo_run(folder: Path) -> tuple[int, str, str]:
    return run("demo", "--dir", str(folder), "--registry", str(REGISTRY), "--examples", str(EXAMPLES))


def final_states(out: str) -> dict[str, str]:
    section = out[out.index("\n5. deploy"):out.index("\n6. ")]
    return {line.split()[0]: line.split()[1] for line in section.splitlines() if line.split()[:1] != []
            and line.split()[0] in ORDER}


def test_demo_runs_end_to_end_and_starts_fresh_each_time(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    for _ in range(2):
        code, out, err = demo_run(folder)
        assert code == 0, err
        assert final_states(out) == {system: "applied" for system in ORDER}
        assert "deployed: every system holds the registry's codes" in out
        assert ("7. planned again: " + ", ".join(f"{s} already applied" for s in ORDER)) in out
        assert sorted(p.name for p in folder.iterdir()) == sorted([f"{s}.db" for s in ORDER] + ["bundle", "report.html"])
        assert "every unit in scope is held as the registry says, in every system" in out  # 8. verify
        assert f"9. mdd report: {(folder / 'report.html').resolve()}" in out
        with sqlite3.connect(folder / "portal.db") as connection:
            assert connection.execute("SELECT COUNT(*) FROM mdd_ledger").fetchone()[0] == 1  # fresh
        connection.close()
