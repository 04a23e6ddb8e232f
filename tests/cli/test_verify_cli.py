"""mdd verify as a user runs it, on SQLite replicas of the five example systems: pending before the
conversion (exit 1), clean after mdd deploy (exit 0), text, JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from madinhdanh import demo
from madinhdanh.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "registry"
WINDOW = ("--ignore-window", "--reason", "test run outside the window")


def run(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def replicas(tmp_path: Path) -> dict[str, str]:
    made = demo.build_replicas(REGISTRY, ROOT / "examples" / "targets", tmp_path / "replicas", lambda _: None)
    return {r.dsn_env: r.url for r in made}


def test_before_and_after_a_conversion(replicas: dict[str, str], tmp_path: Path) -> None:
    registry = ("--registry", str(REGISTRY))
    code, out, err = run("verify", "--all", *registry, "--format", "json", env=replicas)
    assert code == 1, err
    document = json.loads(out)
    assert [(s["id"], s["converted"], s["pending"] == s["in_scope"]) for s in document["systems"]] == [
        (s, 0, True) for s in ("qlvb_state", "qlvb_party", "tthc", "reporting", "portal")]
    code, out, _ = run("verify", "--all", *registry, env=replicas)
    assert code == 1 and "pending" in out and "units × systems" in out

    code, out, err = run("render", "--full", "--dialect", "sqlite", "--out", str(tmp_path / "b"), *registry,
                         env=replicas)
    assert code == 0, err
    code, _, err = run("deploy", "--all", "--bundle", str(tmp_path / "b"), "--yes", "--force", *WINDOW, env=replicas)
    assert code == 0, err

    code, out, err = run("verify", "--all", *registry, env=replicas)
    assert code == 0, out + err
    assert "every unit in scope is held as the registry says, in every system" in out
    code, out, _ = run("verify", "portal", *registry, "--format", "markdown", env=replicas)
    assert code == 0 and "| `portal` | 171 | 171 | 0 | 0 | 0 | sqlite:///" in out


def test_usage_and_an_unreadable_target(replicas: dict[str, str]) -> None:
    registry = ("--registry", str(REGISTRY))
    code, _, err = run("verify", *registry, env=replicas)
    assert code == 2 and "needs a SYSTEM or --all" in err
    code, _, err = run("verify", "nowhere", *registry, env=replicas)
    assert code == 2 and 'unknown system "nowhere"' in err
    code, out, _ = run("verify", "portal", *registry, "--format", "json", env={**replicas, "MDD_PORTAL_DSN": ""})
    assert code == 1
    (system,) = json.loads(out)["systems"]
    assert "MDD_PORTAL_DSN is not set" in system["error"]
