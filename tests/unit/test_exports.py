"""The exports (interchange/exports.py): crosswalk, DMDC catalog and the units workbook, written
to real files and read back with csv, json and openpyxl."""

from __future__ import annotations

import csv
import dataclasses
import json
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from madinhdanh.interchange import exports
from madinhdanh.interchange.columns import COLUMNS, header_key, match_headers, vocabulary
from madinhdanh.interchange.exports import (CATALOG_FIELDS, CROSSWALK_COLUMNS, CrosswalkRow, UnknownSystemError,
                                            catalog, catalog_csv, catalog_json, crosswalk, crosswalk_csv,
                                            crosswalk_json, crosswalk_xlsx, units_workbook)
from madinhdanh.model import Closure, Decision, HistoryEntry, Registry, Settings, Unit
from madinhdanh.errors import ConfigError
from madinhdanh.validate import validate_registry

SAMPLE = Path(__file__).resolve().parents[2] / "registry"
ACT = Decision("1350/QĐ-UBND", "2021-12-02", "UBND tỉnh Bắc Giang")
CLOSE_ACT = Decision("9001/QĐ-UBND", "2024-11-01", "UBND tỉnh Bắc Giang")
ALL_SCOPE = {"blocks": ["state", "party"], "levels": [1, 2, 3, 4], "statuses": ["active", "closed"]}


@pytest.fixture(scope="module")
def loaded() -> tuple[Registry, list[Any]]:
    result = validate_registry(SAMPLE)
    assert result.problems == []
    return Registry.from_documents(result.files["units"].doc), result.systems


@pytest.fixture(scope="module")
def sample(loaded: tuple[Registry, list[Any]]) -> Registry:
    return loaded[0]


@pytest.fixture(scope="module")
def portal_rows(loaded: tuple[Registry, list[Any]]) -> list[CrosswalkRow]:
    return crosswalk(loaded[0], loaded[1], "portal")


def unit(unit_id: str, code: str, **extra: Any) -> Unit:
    return Unit(id=unit_id, code=code, name=extra.pop("name", unit_id), block=extra.pop("block", "state"),
                status=extra.pop("status", "active"), decision=ACT, **extra)


def row(unit_id: str, old: str | None, kind: str, new: str | None, code: str, parent: str | None,
        name: str, status: str = "active", successor: str | None = None, reason: str | None = None) -> CrosswalkRow:
    return CrosswalkRow(id=unit_id, name=name, old=old, kind=kind, new=new, code=code, parent=parent,
                        status=status, successor=successor, reason=reason)


# --- crosswalk ------------------------------------------------------------------------------

def test_portal_crosswalk_covers_its_scope(sample: Registry, portal_rows: list[CrosswalkRow]) -> None:
    in_scope = [u for u in sample.units if u.level <= 3]  # portal: levels 1-3, both blocks and statuses
    assert len(in_scope) == 171
    assert {r.id for r in portal_rows} == {u.id for u in in_scope}
    assert len(portal_rows) == 171 + 2 + 2  # + two history codes + the two closed units' own codes
    assert [r.kind for r in portal_rows].count("code102") == 171
    assert not any(r.code.count(".") == 3 for r in portal_rows)  # no level-4 unit


def test_portal_crosswalk_exact_rows(portal_rows: list[CrosswalkRow]) -> None:
    assert portal_rows[0] == row("ubnd-tinh", "000.00.00.H03", "code102", "H03", "H03", None,
                                 "Ủy ban nhân dân tỉnh Bắc Giang")
    by_id = {r.id: [x for x in portal_rows if x.id == r.id] for r in portal_rows}
    assert by_id["so-tttt"] == [row("so-tttt", "000.00.12.H03", "code102", "H03.11", "H03.11", "H03",
                                    "Sở Thông tin và Truyền thông")]
    name = "Trung tâm Phục vụ hành chính công tỉnh Bắc Giang"
    assert by_id["tt-phuc-vu-hcc"] == [
        row("tt-phuc-vu-hcc", "000.02.03.H03", "code102", "H03.01.01", "H03.01.01", "H03.01", name),
        row("tt-phuc-vu-hcc", "H03.35", "history", "H03.01.01", "H03.01.01", "H03.01", name),
    ]


def test_closed_units_point_to_their_successor(portal_rows: list[CrosswalkRow]) -> None:
    merged = [r for r in portal_rows if r.id == "son-dong-xa-thanh-luan"]
    name = "Ủy ban nhân dân xã Thanh Luận"
    assert merged == [
        row("son-dong-xa-thanh-luan", "000.13.33.H03", "code102", "H03.45.22", "H03.45.33", "H03.45", name,
            "closed", "H03.45.22", "merged"),
        row("son-dong-xa-thanh-luan", "H03.45.33", "code", "H03.45.22", "H03.45.33", "H03.45", name,
            "closed", "H03.45.22", "merged"),
    ]
    dissolved = [r for r in portal_rows if r.id == "son-dong-phong-y-te"]
    assert [(r.old, r.kind, r.new, r.successor, r.reason) for r in dissolved] == [
        ("000.49.33.H03", "code102", None, None, "dissolved"), ("H03.45.09", "code", None, None, "dissolved")]


def test_crosswalk_is_sorted_by_code_group_by_group(portal_rows: list[CrosswalkRow]) -> None:
    codes = [tuple(int(g) if g.isdigit() else -1 for g in r.code.split(".")) for r in portal_rows]
    assert codes == sorted(codes)


def test_crosswalk_without_system_covers_every_unit(loaded: tuple[Registry, list[Any]]) -> None:
    registry, systems = loaded
    rows = crosswalk(registry, systems, None)
    assert len(rows) == 180 + 2 + 2
    assert {r.id for r in rows} == {u.id for u in registry.units}
    assert row("hat-kiem-lam-son-dong", "003.04.10.H03", "code102", "H03.07.01.01", "H03.07.01.01", "H03.07.01",
               "Hạt Kiểm lâm Sơn Động") in rows
    assert sum(r.kind == "history" for r in rows) == 2


def test_unknown_system_is_a_configuration_error(loaded: tuple[Registry, list[Any]]) -> None:
    with pytest.raises(UnknownSystemError, match='unknown system "qlvb"; the systems in systems.yaml are: portal'):
        crosswalk(loaded[0], loaded[1], "qlvb")
    assert issubclass(UnknownSystemError, ConfigError)
    with pytest.raises(UnknownSystemError, match="are: none"):
        crosswalk(loaded[0], [], "portal")


HAND = Registry(Settings("Bắc Giang", "H03"), (
    unit("ubnd-tinh", "H03", legacy=(("portal", "UBND"),)),
    unit("so-khcn", "H03.11", code102="000.00.12.H03", legacy=(("portal", "SKHCN"), ("qlvb", "17"))),
    unit("so-tttt", "H03.10", code102="000.00.11.H03", status="closed", legacy=(("portal", "STTTT"),),
         closed=Closure("2025-03-01", CLOSE_ACT, "merged", ("so-khcn",))),
    unit("ban-dan-van", "H03.50", block="party", history=(HistoryEntry("H03.49", "2021-12-02", ACT),)),
    unit("phong-a", "H03.11.01"),
))


def system(identifier: str, **scope: Any) -> dict[str, Any]:
    return {"id": "portal", "identifier": identifier, "scope": {**ALL_SCOPE, **scope}}


def test_legacy_identifier_maps_each_units_legacy_entry() -> None:
    rows = crosswalk(HAND, [system("legacy.portal")], "portal")
    assert [(r.id, r.old, r.kind, r.new) for r in rows] == [
        ("ubnd-tinh", "UBND", "legacy.portal", "H03"),
        ("so-tttt", "STTTT", "legacy.portal", "H03.11"),
        ("so-tttt", "H03.10", "code", "H03.11"),
        ("so-khcn", "SKHCN", "legacy.portal", "H03.11"),
        ("phong-a", None, "legacy.portal", "H03.11.01"),  # nothing held: the unit is to be added
        ("ban-dan-van", None, "legacy.portal", "H03.50"),
        ("ban-dan-van", "H03.49", "history", "H03.50"),
    ]


def test_scope_filters_blocks_levels_and_statuses() -> None:
    rows = crosswalk(HAND, [system("code", blocks=["state"], levels=[2], statuses=["active"])], "portal")
    assert [(r.id, r.old, r.kind, r.new) for r in rows] == [("so-khcn", "H03.11", "code", "H03.11")]
    closed = crosswalk(HAND, [system("code", statuses=["closed"])], "portal")
    assert [(r.old, r.kind, r.new, r.successor) for r in closed] == [("H03.10", "code", "H03.11", "H03.11")]


def test_without_system_every_legacy_entry_gets_a_row() -> None:
    rows = crosswalk(HAND, [], None)
    assert [(r.id, r.old, r.kind) for r in rows if r.id == "so-khcn"] == [
        ("so-khcn", "000.00.12.H03", "code102"), ("so-khcn", "SKHCN", "legacy.portal"), ("so-khcn", "17", "legacy.qlvb")]


def test_crosswalk_csv_file(tmp_path: Path, portal_rows: list[CrosswalkRow]) -> None:
    path = tmp_path / "crosswalk.csv"
    path.write_bytes(crosswalk_csv(portal_rows).encode("utf-8"))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == [c.title for c in CROSSWALK_COLUMNS]
    assert table[0][:3] == ["Mã nội bộ (id)", "Tên cơ quan, đơn vị", "Mã trước đây"]
    assert len(table) == 1 + len(portal_rows)
    assert table[1] == ["ubnd-tinh", "Ủy ban nhân dân tỉnh Bắc Giang", "000.00.00.H03", "code102", "H03", "H03", "",
                        "active", "", ""]
    assert not crosswalk_csv(portal_rows, bom=False).startswith("\ufeff")


def test_crosswalk_json_file(tmp_path: Path, portal_rows: list[CrosswalkRow]) -> None:
    path = tmp_path / "crosswalk.json"
    path.write_text(crosswalk_json(portal_rows), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "Ủy ban nhân dân" in text and text.endswith("]\n")
    records = json.loads(text)
    assert records == [dataclasses.asdict(r) for r in portal_rows]
    assert list(records[0]) == sorted(records[0])


def test_crosswalk_xlsx_file(tmp_path: Path, portal_rows: list[CrosswalkRow]) -> None:
    path = tmp_path / "crosswalk.xlsx"
    path.write_bytes(crosswalk_xlsx(portal_rows))
    sheet = openpyxl.load_workbook(path)["Bảng chuyển đổi mã"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [c.title for c in CROSSWALK_COLUMNS]
    assert all(c.font.b for c in sheet[1])
    assert sheet.max_row == 1 + len(portal_rows)
    for cells, expected in zip(sheet.iter_rows(min_row=2), portal_rows):
        assert [c.value for c in cells] == [getattr(expected, c.field) for c in CROSSWALK_COLUMNS]
        assert all(c.number_format == "@" for c in cells)
    assert sheet["C2"].data_type == "s"


def test_crosswalk_titles_do_not_mislead_the_import() -> None:
    known = vocabulary()
    for column in CROSSWALK_COLUMNS:
        assert known.get(header_key(column.title)) in (None, column.field), column.title


# --- catalog --------------------------------------------------------------------------------

def test_catalog_holds_active_units_of_levels_1_to_4(sample: Registry) -> None:
    records = catalog(sample)
    assert len(records) == 178  # 180 units, 2 closed
    assert [r["MaDinhDanh"] for r in records] == sorted((u.code for u in sample.units if u.active),
                                                        key=lambda c: [int(g) if g.isdigit() else -1 for g in c.split(".")])
    assert all(list(r) == list(CATALOG_FIELDS) for r in records)
    assert {r["Cap"] for r in records} == {1, 2, 3, 4}


def test_catalog_field_names() -> None:
    assert CATALOG_FIELDS == (
        "MaDinhDanh", "MaDinhDanhCap1", "MaDinhDanhCap2", "MaDinhDanhCap3", "MaDinhDanhCap4", "MaDinhDanhCapTren",
        "Cap", "TenDonVi", "DiaChi", "Email", "SoDienThoai", "Fax", "Website", "QdBanHanhQdSuaDoi",
        "NgayBanHanhQd", "CoQuanBanHanhQd")


def test_catalog_records_pinned(sample: Registry) -> None:
    records = {r["MaDinhDanh"]: r for r in catalog(sample)}
    assert records["H03.11"] == {
        "MaDinhDanh": "H03.11", "MaDinhDanhCap1": "H03", "MaDinhDanhCap2": "H03.11", "MaDinhDanhCap3": None,
        "MaDinhDanhCap4": None, "MaDinhDanhCapTren": "H03", "Cap": 2, "TenDonVi": "Sở Thông tin và Truyền thông",
        "DiaChi": None, "Email": None, "SoDienThoai": None, "Fax": None, "Website": "https://stttt.bacgiang.gov.vn",
        "QdBanHanhQdSuaDoi": "1350/QĐ-UBND", "NgayBanHanhQd": "02/12/2021", "CoQuanBanHanhQd": "UBND tỉnh Bắc Giang"}
    deep = records["H03.07.01.01"]
    assert [deep[f"MaDinhDanhCap{n}"] for n in range(1, 5)] == ["H03", "H03.07", "H03.07.01", "H03.07.01.01"]
    assert (deep["MaDinhDanhCapTren"], deep["Cap"], deep["TenDonVi"]) == ("H03.07.01", 4, "Hạt Kiểm lâm Sơn Động")
    assert records["H03"]["MaDinhDanhCapTren"] is None
    assert "H03.45.33" not in records and "H03.45.09" not in records  # closed


def test_catalog_leaves_out_levels_below_4() -> None:
    deep = Registry(Settings("Bắc Giang", "H03"), (unit("a", "H03"), unit("b", "H03.01"), unit("c", "H03.01.01"),
                                                    unit("d", "H03.01.01.01"), unit("e", "H03.01.01.01.01")))
    assert [r["MaDinhDanh"] for r in catalog(deep)] == ["H03", "H03.01", "H03.01.01", "H03.01.01.01"]


def test_catalog_json_and_csv_files(tmp_path: Path, sample: Registry) -> None:
    records = catalog(sample)
    (tmp_path / "catalog.json").write_text(catalog_json(records), encoding="utf-8")
    back = json.loads((tmp_path / "catalog.json").read_text(encoding="utf-8"))
    assert back == records and list(back[0]) == list(CATALOG_FIELDS)
    (tmp_path / "catalog.csv").write_bytes(catalog_csv(records).encode("utf-8"))
    with (tmp_path / "catalog.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == 178 and list(table[0]) == list(CATALOG_FIELDS)
    so = next(r for r in table if r["MaDinhDanh"] == "H03.11")
    assert (so["Cap"], so["MaDinhDanhCap3"], so["NgayBanHanhQd"], so["TenDonVi"]) == \
        ("2", "", "02/12/2021", "Sở Thông tin và Truyền thông")


# --- the units workbook ---------------------------------------------------------------------

def expected_cells(unit: Unit, number: int) -> list[Any]:
    contact, decision = unit.contact, unit.decision
    return [number, unit.id, unit.name, unit.short_name, unit.code, unit.code102, unit.parent_code, unit.block,
            unit.status, contact.address, contact.email, contact.phone, contact.fax, contact.website,
            decision.number, decision.date, decision.issuer, unit.note]


def test_units_workbook_reads_back_cell_by_cell(tmp_path: Path, sample: Registry) -> None:
    assert [c.field for c in COLUMNS] == [
        "row", "id", "name", "short_name", "code", "code102", "parent", "block", "status", "contact.address",
        "contact.email", "contact.phone", "contact.fax", "contact.website", "decision.number", "decision.date",
        "decision.issuer", "note"]  # expected_cells follows this order
    path = tmp_path / "units.xlsx"
    path.write_bytes(units_workbook(sample))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Cấp 1", "Cấp 2", "Cấp 3", "Cấp 4"]
    seen = 0
    for level, sheet in enumerate(book.worksheets, start=1):
        units = sorted((u for u in sample.units if u.level == level),
                       key=lambda u: [int(g) if g.isdigit() else -1 for g in u.code.split(".")])
        header = [c.value for c in sheet[1]]
        assert header == [c.title for c in COLUMNS]
        assert sorted(match_headers(header).values()) == sorted(c.field for c in COLUMNS)
        assert sheet.freeze_panes == "A2" and all(c.font.b for c in sheet[1])
        assert sheet.max_row == 1 + len(units)
        for number, (cells, expected) in enumerate(zip(sheet.iter_rows(min_row=2), units), start=1):
            assert [c.value for c in cells] == expected_cells(expected, number)
            assert cells[0].data_type == "n" and all(c.number_format == "@" for c in cells[1:])
        seen += len(units)
    assert seen == 180


def test_units_workbook_text_cells_and_widths(tmp_path: Path, sample: Registry) -> None:
    path = tmp_path / "units.xlsx"
    path.write_bytes(units_workbook(sample))
    sheet = openpyxl.load_workbook(path)["Cấp 2"]
    code, code102, parent, date = sheet["E2"], sheet["F2"], sheet["G2"], sheet["P2"]
    assert (code.value, code102.value, parent.value, date.value) == ("H03.01", "000.00.03.H03", "H03", "2021-12-02")
    assert all(c.data_type == "s" and c.number_format == "@" for c in (code, code102, parent, date))
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    assert widths["A"] == 6 and widths["C"] == 60 and 12 <= widths["E"] <= 20


def test_deeper_registry_gets_more_sheets_and_empty_levels_stay(tmp_path: Path) -> None:
    deep = Registry(Settings("Bắc Giang", "H03"), (unit("a", "H03"), unit("e", "H03.01.01.01.01")))
    path = tmp_path / "deep.xlsx"
    path.write_bytes(units_workbook(deep))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Cấp 1", "Cấp 2", "Cấp 3", "Cấp 4", "Cấp 5"]
    assert book["Cấp 2"].max_row == 1 and book["Cấp 5"]["B2"].value == "e"


# --- determinism ----------------------------------------------------------------------------

def test_same_registry_same_bytes(monkeypatch: pytest.MonkeyPatch, sample: Registry,
                                  portal_rows: list[CrosswalkRow], tmp_path: Path) -> None:
    first = (units_workbook(sample), crosswalk_xlsx(portal_rows))
    later = time.time() + 3 * 86400  # zip entries would carry this time
    monkeypatch.setattr(time, "time", lambda: later)
    assert (units_workbook(sample), crosswalk_xlsx(portal_rows)) == first
    assert crosswalk_csv(portal_rows) == crosswalk_csv(list(portal_rows))
    assert catalog_json(catalog(sample)) == catalog_json(catalog(sample))
    path = tmp_path / "units.xlsx"
    path.write_bytes(first[0])
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2


def test_vietnamese_date() -> None:
    assert exports.vietnamese_date("2021-12-02") == "02/12/2021"
    assert exports.vietnamese_date(None) is None


def test_values_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    odd = Registry(Settings("Bắc Giang", "H03"), (unit("a", "H03", note="=1+1", short_name="@x"),))
    path = tmp_path / "odd.xlsx"
    path.write_bytes(units_workbook(odd))
    cells = {c.column_letter: c for c in openpyxl.load_workbook(path)["Cấp 1"][2]}
    assert (cells["R"].value, cells["R"].data_type, cells["D"].value) == ("=1+1", "s", "@x")
