"""mdd export units → mdd import → mdd diff shows nothing; and import through the command line
on a real git repository: problems write nothing, --dry-run writes nothing, a change is written."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from madinhdanh.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "registry", tmp_path / "registry")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "registry"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_exported_workbook_imports_with_no_change(repo: Path) -> None:
    before = (repo / "registry/units.yaml").read_bytes()
    assert run("export", "units", "--out", "units.xlsx")[0] == 0
    code, out, err = run("import", "units.xlsx")
    assert code == 0, out + err
    assert out.startswith("no unit changes")
    assert "columns not imported" not in err
    assert (repo / "registry/units.yaml").read_bytes() == before
    code, out, _ = run("diff")
    assert code == 0 and out.startswith("no unit changes between HEAD and working tree")


def test_an_annex_change_is_written_and_shows_in_mdd_diff(repo: Path) -> None:
    annex = repo / "annex.csv"
    annex.write_text("STT;Tên cơ quan/đơn vị;Mã định danh;Mã QCVN 102;Số quyết định;Ngày ban hành\n"
                     "1;Sở Du lịch tỉnh Bắc Giang;H03.60;;123/QĐ-UBND;05/01/2025\n", encoding="utf-8-sig")
    code, out, err = run("import", "annex.csv", "--dry-run")
    assert code == 0 and "added" in out and "dry run: nothing written" in err
    assert run("diff")[1].startswith("no unit changes")
    code, out, err = run("import", "annex.csv")
    assert code == 0 and "wrote registry/units.yaml" in err
    assert run("validate")[0] == 0
    assert run("fmt", "--check")[0] == 0
    code, out, _ = run("diff", "--format", "json")
    changes = json.loads(out)["changes"]
    assert [(c["kind"], c["head_code"], c["name"]) for c in changes] == [("added", "H03.60", "Sở Du lịch tỉnh Bắc Giang")]


def test_a_bad_row_writes_nothing(repo: Path) -> None:
    before = (repo / "registry/units.yaml").read_bytes()
    (repo / "annex.csv").write_text("Tên cơ quan/đơn vị,Mã định danh,Số quyết định,Ngày ban hành\n"
                                    "Sở Du lịch,H03.6x,123/QĐ-UBND,05/01/2025\n"
                                    "Sở Ngoại vụ mới,H03.61,123/QĐ-UBND,05/01/2025\n", encoding="utf-8")
    code, out, err = run("import", "annex.csv")
    assert code == 1
    assert 'annex.csv:csv:2:2: import: Mã định danh "H03.6x": group 2 "6x" has a character outside 0-9 A-Z' in out
    assert "problems found: nothing written" in err
    assert (repo / "registry/units.yaml").read_bytes() == before
    code, out, _ = run("import", "annex.csv", "--format", "json")
    payload = json.loads(out)
    assert code == 1 and payload["count"] == len(payload["problems"]) >= 1 and "changes" in payload
