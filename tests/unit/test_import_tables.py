"""Reading annexes (interchange/tables.py, mapping.py) from real .xlsx and .csv files written here
with openpyxl and the csv module."""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from madinhdanh.interchange.mapping import MappingError, load_mapping
from madinhdanh.interchange.tables import TableError, read_table
from madinhdanh.errors import ConfigError

HEADER = ["STT", "Tên cơ quan, đơn vị", "Mã định danh", "Mã QCVN 102", "Điện thoại", "Ngày ban hành"]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # problems name files relative to the working folder


def xlsx(path: Path, rows: list[list[Any]], *, title: str = "Sheet1", merged_title: bool = False,
         more_sheets: tuple[str, ...] = ()) -> Path:
    """A workbook whose first sheet holds ``rows`` from row 1 (below a merged title and a blank
    row when ``merged_title``)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    if merged_title:
        sheet["A1"] = "PHỤ LỤC: DANH SÁCH MÃ ĐỊNH DANH ĐIỆN TỬ"
        sheet.merge_cells("A1:F1")
        sheet["A2"] = "(Kèm theo Quyết định số 1350/QĐ-UBND ngày 02/12/2021)"
        sheet.merge_cells("A2:F2")
        sheet.append([])
    for row in rows:
        sheet.append(row)
    for name in more_sheets:
        book.create_sheet(name)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[Any]], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


# --- xlsx -----------------------------------------------------------------------------------

def test_header_below_merged_titles_and_cells_as_written(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Sở Tài chính")
    path = xlsx(tmp_path / "annex.xlsx", [
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [1, f"  {nfd}  ", "'H03.05", "000.00.05.H03", 2043854357, datetime.datetime(2021, 12, 2)],
        [],
        [None, None, None, None, None, None],
        [2.0, "Sở Nội vụ", "H03.02", None, 204.0, "02/12/2021"],
        [3, None, None, None, None, None],  # only an STT left behind
    ], merged_title=True)
    table = read_table(path)
    assert (table.display, table.sheet, table.where, table.header_row) == ("annex.xlsx", "Sheet1", "annex.xlsx:Sheet1", 4)
    assert table.columns == {"row": 1, "name": 2, "code": 3, "code102": 4, "contact.phone": 5, "decision.date": 6}
    assert table.headers["code"] == "Mã định danh"
    assert [(row.number, dict(row.cells)) for row in table.rows] == [
        (6, {"row": "1", "name": "Sở Tài chính", "code": "H03.05", "code102": "000.00.05.H03",
             "contact.phone": "2043854357", "decision.date": "2021-12-02"}),
        (9, {"row": "2", "name": "Sở Nội vụ", "code": "H03.02", "code102": "", "contact.phone": "204",
             "decision.date": "02/12/2021"}),
    ]
    assert unicodedata.is_normalized("NFC", table.rows[0].cells["name"])


def test_only_a_row_of_consecutive_column_numbers_is_skipped(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "annex.xlsx", [["STT", "Mã định danh", "Điện thoại"], [1, None, 204]])
    assert [(row.number, dict(row.cells)) for row in read_table(path).rows] == [
        (2, {"row": "1", "code": "", "contact.phone": "204"})]


def test_headers_match_whatever_their_case_diacritics_and_spacing(tmp_path: Path) -> None:
    headers = ["  MÃ  ĐỊNH DANH ", "Ten don vi", unicodedata.normalize("NFD", "Mã QCVN 102"), "E-mail", "Ghi chú riêng"]
    table = read_table(xlsx(tmp_path / "a.xlsx", [headers, ["H03.05", "Sở Tài chính", "", "stc@x.vn", "x"]]))
    assert table.columns == {"code": 1, "name": 2, "code102": 3, "contact.email": 4}
    assert table.ignored == ((5, "Ghi chú riêng"),)


def test_formula_cells_give_the_value_excel_saved(tmp_path: Path, with_cached_value: Callable[[Path, str, str], None]) -> None:
    path = xlsx(tmp_path / "annex.xlsx", [["Tên đơn vị", "Mã định danh"], ["Sở Tài chính", '="H03"&".05"']])
    with_cached_value(path, "B2", "H03.05")
    assert [dict(row.cells) for row in read_table(path).rows] == [{"name": "Sở Tài chính", "code": "H03.05"}]


def test_a_formula_without_a_saved_value_is_refused(tmp_path: Path) -> None:
    # openpyxl cannot compute formulas and saves none of their values: read with data_only, such a
    # cell is empty, which would silently drop the code; the reader finds it and refuses the file.
    path = xlsx(tmp_path / "annex.xlsx", [["Tên đơn vị", "Mã định danh"], ["Sở Tài chính", '="H03"&".05"'],
                                          ["Sở Nội vụ", '="H03"&".02"']])
    with pytest.raises(TableError) as error:
        read_table(path)
    assert str(error.value) == (
        "annex.xlsx:Sheet1:2:2: 2 formula cell(s) have no saved value (the file was written by a program, not saved"
        " by Excel); open the file in Excel or LibreOffice, save it, and import it again")


def test_the_first_sheet_unless_one_is_named(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "annex.xlsx", [["Tên đơn vị", "Mã định danh"], ["Sở Tài chính", "H03.05"]],
                title="Phụ lục I", more_sheets=("Ghi chú",))
    assert read_table(path).sheet == "Phụ lục I"
    with pytest.raises(TableError) as error:
        read_table(path, sheet="Ghi chú")  # an empty sheet: no header
    assert str(error.value).startswith("annex.xlsx:Ghi chú: no header row in the first 30 rows")
    with pytest.raises(TableError) as error:
        read_table(path, sheet="Sheet9")
    assert str(error.value) == "annex.xlsx: no sheet 'Sheet9'; its sheets: 'Phụ lục I', 'Ghi chú'"


def test_no_header_row(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "annex.xlsx", [["Danh sách"], ["Tên đơn vị", "Biên chế"], ["Sở Tài chính", "x"]])
    with pytest.raises(TableError) as error:
        read_table(path)
    assert str(error.value) == (
        "annex.xlsx:Sheet1: no header row in the first 30 rows: it needs at least two known column titles, one of"
        " them the name (Tên cơ quan, đơn vị), Mã định danh or Mã QCVN 102; map other titles with --map")
    assert isinstance(error.value, ConfigError)


def test_two_columns_for_one_field_are_refused(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "annex.xlsx", [["Tên đơn vị", "Mã định danh", "Tên cơ quan"], ["a", "H03", "b"]])
    with pytest.raises(TableError) as error:
        read_table(path)
    assert str(error.value) == ("annex.xlsx:Sheet1:1: columns 1 ('Tên đơn vị') and 3 ('Tên cơ quan') both read as"
                                " name; map one of them elsewhere with --map")


@pytest.mark.parametrize(("name", "message"), [
    ("missing.xlsx", "missing.xlsx: no such file"),
    ("annex.xls", "annex.xls: unsupported file type .xls (an Excel 97-2003 workbook: save it as .xlsx);"
                  " import .xlsx or .csv"),
    ("annex.ods", "annex.ods: unsupported file type .ods; import .xlsx or .csv"),
])
def test_files_that_cannot_be_read(tmp_path: Path, name: str, message: str) -> None:
    if name != "missing.xlsx":
        (tmp_path / name).write_bytes(b"not a table")
    with pytest.raises(TableError) as error:
        read_table(tmp_path / name)
    assert str(error.value) == message


def test_a_broken_workbook(tmp_path: Path) -> None:
    (tmp_path / "annex.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TableError) as error:
        read_table(tmp_path / "annex.xlsx")
    assert str(error.value).startswith("annex.xlsx: not an Excel workbook openpyxl can read (BadZipFile")


# --- csv ------------------------------------------------------------------------------------

ROWS = [["Danh sách kèm theo Quyết định 1350/QĐ-UBND", "", ""], ["", "", ""],
        ["STT", "Tên cơ quan, đơn vị", "Mã định danh"], ["1", " Sở Tài chính ", "'H03.05"],
        ["2", "Sở Nội vụ", "H03.02"]]
EXPECTED = [(4, {"row": "1", "name": "Sở Tài chính", "code": "H03.05"}),
            (5, {"row": "2", "name": "Sở Nội vụ", "code": "H03.02"})]


@pytest.mark.parametrize(("delimiter", "encoding"), [(",", "utf-8"), (",", "utf-8-sig"), (";", "utf-8-sig"),
                                                     (";", "utf-8"), ("\t", "utf-8")])
def test_csv_with_or_without_bom_and_delimiters(tmp_path: Path, delimiter: str, encoding: str) -> None:
    table = read_table(write_csv(tmp_path / "annex.csv", ROWS, delimiter=delimiter, encoding=encoding))
    assert (table.where, table.header_row) == ("annex.csv:csv", 3)
    assert [(row.number, dict(row.cells)) for row in table.rows] == EXPECTED


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "annex.csv"
    path.write_text('Tên đơn vị,Mã định danh\r\n"Sở Tài\nchính",H03.05\r\nSở Nội vụ,H03.02\r\n', encoding="utf-8")
    assert [(row.number, row.cells["name"]) for row in read_table(path).rows] == [(2, "Sở Tài\nchính"),
                                                                                 (4, "Sở Nội vụ")]


def cp1258(text: str) -> bytes:
    """Vietnamese text as Windows-1258 holds it: a base letter, then the tone as a combining mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in decomposed if c in tones).encode("cp1258")
    return out


def test_windows_1258_is_refused_with_how_to_save_again(tmp_path: Path) -> None:
    path = tmp_path / "annex.csv"
    path.write_bytes(cp1258("Tên đơn vị,Mã định danh\r\nSở Tài chính,H03.05\r\n"))
    with pytest.raises(TableError) as error:
        read_table(path)
    assert str(error.value) == (
        'annex.csv: not UTF-8 (byte 0xea on line 1); it looks like Windows-1258 (Vietnamese) text, as Excel\'s plain'
        ' "CSV (Comma delimited)" saves it; open it in Excel and use File > Save As > "CSV UTF-8 (Comma delimited)'
        ' (*.csv)", then import the new file')


def test_windows_1252_and_utf16_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "annex.csv"
    path.write_bytes("Name,Mã định danh\r\nCafé,H03.05\r\n".encode("cp1252", errors="replace"))
    with pytest.raises(TableError) as error:
        read_table(path)
    assert "it looks like Windows-1252 text" in str(error.value)
    path.write_bytes("Tên đơn vị\tMã định danh\r\n".encode("utf-16"))
    with pytest.raises(TableError) as error:
        read_table(path)
    assert str(error.value).startswith('annex.csv: UTF-16 text (Excel\'s "Unicode Text"); open it in Excel')


def test_a_csv_has_no_sheet(tmp_path: Path) -> None:
    with pytest.raises(TableError) as error:
        read_table(write_csv(tmp_path / "annex.csv", ROWS), sheet="Sheet1")
    assert str(error.value) == "annex.csv: a CSV file has no sheets; leave out --sheet"


# --- the mapping file -----------------------------------------------------------------------

def test_a_mapping_adds_titles_and_ignores_columns(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text('columns:\n  "Mã ĐD (mới)": code\n  Số hiệu VB: decision.number\n  "Tên đơn vị": ~\n'
                       '  Đơn vị: name\n', encoding="utf-8")
    loaded = load_mapping(mapping)
    assert loaded == {"Mã ĐD (mới)": "code", "Số hiệu VB": "decision.number", "Tên đơn vị": None, "Đơn vị": "name"}
    path = write_csv(tmp_path / "annex.csv", [["Đơn vị", "Tên đơn vị", "MÃ ĐD (MỚI)", "Số hiệu VB"],
                                              ["Sở Tài chính", "x", "H03.05", "1350/QĐ-UBND"]])
    table = read_table(path, mapping=loaded)
    assert table.columns == {"name": 1, "code": 3, "decision.number": 4}
    assert table.ignored == ((2, "Tên đơn vị"),)


@pytest.mark.parametrize(("text", "message"), [
    ("columns:\n  Mã cũ: code_102\n",
     "map.yaml:2:10: unknown field 'code_102' for the column 'Mã cũ'; known fields: row, id, name, short_name, code,"
     " code102, parent, block, status, contact.address, contact.email, contact.phone, contact.fax, contact.website,"
     " decision.number, decision.date, decision.issuer, note (or ~ to ignore the column)"),
    ("cols:\n  a: code\n", "map.yaml:1:1: a mapping file holds one key, columns: a mapping of header text to field"),
    ("columns:\n  a: code\n  a: name\n", 'map.yaml:3:3: duplicate key "a" (first at line 2); keep one'),
])
def test_a_wrong_mapping_file(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "map.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as error:
        load_mapping(tmp_path / "map.yaml")
    assert str(error.value) == message
    assert isinstance(error.value, ConfigError)


def test_a_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(MappingError) as error:
        load_mapping(tmp_path / "map.yaml")
    assert str(error.value) == "map.yaml: no such mapping file"
