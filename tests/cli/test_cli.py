"""The command line contract: formats, exit codes, and no traceback for bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from madinhdanh import rules
from madinhdanh.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "registry"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env or {"GITHUB_ACTIONS": ""})
    return result.exit_code, result.output


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(SAMPLE, target)
    return target


def break_one_code(registry: Path) -> None:
    text = (registry / "units.yaml").read_text(encoding="utf-8")
    (registry / "units.yaml").write_text(text.replace("code: H03.12\n", "code: H03.1a\n", 1), encoding="utf-8")


def test_validate_sample_registry_prints_summary() -> None:
    code, out = run("validate", "--registry", str(SAMPLE))
    assert code == 0, out
    assert "registry valid" in out
    assert "level 1" in out and "state" in out and "party" in out and "total" in out


def test_validate_reports_file_line_col_rule_and_path(registry: Path) -> None:
    break_one_code(registry)
    code, out = run("validate", "--registry", str(registry))
    assert code == 1
    lines = [line for line in out.splitlines() if "code-syntax" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{registry / 'units.yaml'}:")
    assert 'group 2 "1a" has a character outside 0-9 A-Z' in lines[0]
    assert lines[0].endswith("].code]")


def test_validate_json_format(registry: Path) -> None:
    break_one_code(registry)
    code, out = run("validate", "--registry", str(registry), "--format", "json")
    assert code == 1
    payload = json.loads(out)
    rules_found = {p["rule"] for p in payload["problems"]}
    assert "code-syntax" in rules_found
    assert payload["count"] == len(payload["problems"])
    assert payload["summary"]["units"] >= 150


def test_validate_github_format_is_default_under_actions(registry: Path) -> None:
    break_one_code(registry)
    code, out = run("validate", "--registry", str(registry), env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert out.startswith("::error file=")
    assert ",title=code-syntax::" in out


def test_missing_registry_is_a_configuration_error(tmp_path: Path) -> None:
    code, out = run("validate", "--registry", str(tmp_path / "nowhere"))
    assert code == 2
    assert "does not exist" in out
    assert "Traceback" not in out


def test_usage_error_exits_2() -> None:
    code, _ = run("validate", "--no-such-option")
    assert code == 2


def test_internal_error_exits_3_with_traceback_only_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        ID = "broken"

        @staticmethod
        def check(ctx: object) -> None:
            raise RuntimeError("rule exploded")

    monkeypatch.setattr(rules, "ALL", rules.ALL + (Broken,))
    code, out = run("validate", "--registry", str(SAMPLE))
    assert code == 3
    assert "internal error: RuntimeError: rule exploded" in out
    assert "Traceback" not in out
    code, out = run("validate", "--registry", str(SAMPLE), "--traceback")
    assert code == 3
    assert "Traceback" in out


def test_fmt_check_names_first_differing_line_then_fmt_fixes_it(registry: Path) -> None:
    units = registry / "units.yaml"
    lines = units.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("  block: state"))
    lines[number] = "  block:   state"
    units.write_text("\n".join(lines), encoding="utf-8")
    code, out = run("fmt", "--check", "--registry", str(registry))
    assert code == 1
    assert f"units.yaml:{number + 1}:1: fmt: not in canonical form" in out
    assert units.read_text(encoding="utf-8").split("\n")[number] == "  block:   state"  # --check writes nothing
    code, out = run("fmt", "--registry", str(registry))
    assert code == 0 and "reformatted" in out
    code, out = run("fmt", "--check", "--registry", str(registry))
    assert code == 0 and "already canonical" in out


def test_fmt_never_rewrites_a_file_that_does_not_load(registry: Path) -> None:
    units = registry / "units.yaml"
    broken = units.read_text(encoding="utf-8") + "units: []\n"  # a duplicate top-level key
    units.write_text(broken, encoding="utf-8")
    code, out = run("fmt", "--registry", str(registry))
    assert code == 1
    assert "yaml-duplicate-key" in out
    assert units.read_text(encoding="utf-8") == broken


def test_console_script_exit_codes(tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "madinhdanh", "validate", "--registry", str(SAMPLE)],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    usage = subprocess.run([sys.executable, "-m", "madinhdanh", "frobnicate"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    assert "No such command" in usage.stderr
    missing = subprocess.run([sys.executable, "-m", "madinhdanh", "validate", "--registry", str(tmp_path / "x")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert "does not exist" in missing.stderr
