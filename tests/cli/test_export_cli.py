"""mdd export: formats, --out, and refusals (exit codes as DESIGN.md §9)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from madinhdanh.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "registry"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def test_catalog_json_to_standard_output() -> None:
    code, out, _ = run("export", "catalog", "--registry", str(SAMPLE))
    assert code == 0
    records = json.loads(out)
    assert records[0]["MaDinhDanh"] == "H03" and records[0]["TenDonVi"] == "Ủy ban nhân dân tỉnh Bắc Giang"
    assert {r["Cap"] for r in records} == {1, 2, 3, 4}


def test_crosswalk_csv_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "crosswalk.csv"
    code, out, err = run("export", "crosswalk", "--system", "portal", "--out", str(target), "--registry", str(SAMPLE))
    assert code == 0 and out == ""
    assert f"wrote {target}" in err
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][:5] == ["ubnd-tinh", "Ủy ban nhân dân tỉnh Bắc Giang", "000.00.00.H03", "code102", "H03"]
    assert not list(tmp_path.glob(".*partial"))


def test_units_workbook_needs_out_and_opens(tmp_path: Path) -> None:
    code, _, err = run("export", "units", "--registry", str(SAMPLE))
    assert code == 2 and "needs --out" in err
    target = tmp_path / "units.xlsx"
    code, _, _ = run("export", "units", "--out", str(target), "--registry", str(SAMPLE))
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:4] == ["Cấp 1", "Cấp 2", "Cấp 3", "Cấp 4"]


def test_unknown_system_exits_2() -> None:
    code, _, err = run("export", "crosswalk", "--system", "nope", "--registry", str(SAMPLE))
    assert code == 2 and "portal" in err


def test_an_invalid_registry_is_not_exported(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(SAMPLE, registry)
    units = registry / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("code: H03.12\n", "code: H03.1a\n", 1), encoding="utf-8")
    target = tmp_path / "catalog.json"
    code, _, err = run("export", "catalog", "--out", str(target), "--registry", str(registry))
    assert code == 1
    assert "code-syntax" in err and "not valid" in err
    assert not target.exists()


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_crosswalk_formats_are_deterministic(fmt: str, tmp_path: Path) -> None:
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    for target in (first, second):
        assert run("export", "crosswalk", "--format", fmt, "--out", str(target), "--registry", str(SAMPLE))[0] == 0
    assert first.read_bytes() == second.read_bytes()
