"""``mdd report`` as a click command (CliRunner): --from a saved document, from the systems read
now (verify.collect), the file written in one step, and the files it refuses (exit 2)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from madinhdanh.report import render
from madinhdanh.report.command import report
from reportdoc import FIXTURE

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(report, list(args), input=input, env={"GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def test_from_a_saved_document(tmp_path: Path, document: dict[str, Any]) -> None:
    out = tmp_path / "report.html"
    code, stdout, stderr = run("--from", str(FIXTURE), "--out", str(out))
    assert code == 0 and stdout == ""
    assert out.read_text(encoding="utf-8") == render(document)
    assert stderr.startswith(f"wrote {out} (3 systems, 30 units, 10 discrepancies; ") and "KiB)" in stderr
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"], "no temporary file left behind"


def test_overwrites_and_creates_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "site" / "nested" / "index.html"
    assert run("--from", str(FIXTURE), "--out", str(out))[0] == 0
    out.write_text("old", encoding="utf-8")
    assert run("--from", str(FIXTURE), "--out", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_default_out_is_report_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run("--from", str(FIXTURE))
    assert code == 0 and (tmp_path / "report.html").stat().st_size > 10_000
    assert stderr.startswith("wrote report.html (")


def test_from_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, _, _ = run("--from", "-", "--out", str(out), input=FIXTURE.read_text(encoding="utf-8"))
    assert code == 0 and "Sở Nội vụ" in out.read_text(encoding="utf-8")


def test_without_from_it_reads_the_systems_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               document: dict[str, Any]) -> None:
    from madinhdanh import verify

    calls: list[tuple[Path, Mapping[str, str]]] = []

    def collect(registry: Path, environ: Mapping[str, str], **options: Any) -> dict[str, Any]:
        calls.append((registry, environ))
        return document

    monkeypatch.setattr(verify, "collect", collect)
    monkeypatch.setenv("MDD_SOME_DSN", "sqlite:///x.db")
    out = tmp_path / "r.html"
    code, _, stderr = run("--registry", str(tmp_path / "reg"), "--out", str(out))
    assert code == 0, stderr
    assert calls and calls[0][0] == tmp_path / "reg" and calls[0][1]["MDD_SOME_DSN"] == "sqlite:///x.db"
    assert out.read_text(encoding="utf-8") == render(document)


def test_the_sample_registry_with_no_target_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real verify.collect on registry/ with no DSN set: every system unreadable, still a page."""
    import os

    for name in list(os.environ):
        if name.startswith("MDD_"):
            monkeypatch.delenv(name)
    out = tmp_path / "r.html"
    code, _, stderr = run("--registry", str(ROOT / "registry"), "--out", str(out))
    assert code == 0, stderr
    page = out.read_text(encoding="utf-8")
    for system in ("qlvb_state", "qlvb_party", "tthc", "reporting", "portal"):
        assert f'data-system="{system}"' in page
    assert "Không đọc được hệ thống" in page and "Sở Nội vụ" in page


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    (b"{\"format\": 1,\n  oops}", ":2:3: not valid JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (json.dumps({"format": 2}).encode(), "not a `mdd verify --format json` document: format 2 is not supported"),
    (b"[1, 2]", "a JSON object was expected"),
])
def test_a_bad_from_file_exits_2(tmp_path: Path, content: bytes | None, message: str) -> None:
    source = tmp_path / "verify.json"
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "r.html"
    code, stdout, stderr = run("--from", str(source), "--out", str(out))
    assert code == 2 and stdout == ""
    assert stderr.startswith(f"mdd: {source}") and message in stderr, stderr
    assert not out.exists()


def test_out_is_a_folder(tmp_path: Path) -> None:
    code, _, stderr = run("--from", str(FIXTURE), "--out", str(tmp_path))
    assert code == 2 and "is a directory" in stderr  # click refuses it before the command runs
