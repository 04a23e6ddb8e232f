"""A decision's annex (.xlsx or .csv) read as a table of text cells with their positions.

The header row is the first row — after merged title rows, blank rows and notes — in which at
least two cells are known column titles (:mod:`.columns`, plus the ``--map`` file), one of them
the name, ``Mã định danh`` or ``Mã QCVN 102``. Each known column becomes a field; other columns
are listed in :attr:`Table.ignored` and otherwise left alone. A row right below the header that
only numbers the columns (``(1) (2) (3)``, as Vietnamese forms do) is skipped, and so is every
row whose known cells, STT apart, are all empty.

Cells become text as written: strings NFC-normalised and stripped, with Excel's leading
apostrophe removed; whole numbers without a decimal part (a phone typed as the number ``204``
is ``"204"``, ``1.0`` is ``"1"``); date cells ``YYYY-MM-DD``. Workbooks are opened with
``read_only=True, data_only=True``, so a formula gives the value Excel saved with it; a formula
saved without one (a file written by a program and never opened in Excel) is refused.

CSV files are UTF-8 with or without a byte-order mark, delimited by ``,``, ``;`` or a tab
(whichever finds the header row with more known titles). Text in a Windows code page
(Windows-1258 or Windows-1252: what Excel's plain "CSV (Comma delimited)" writes) is refused
with how to save it again. A CSV table's sheet is ``csv``.

Anything that stops the file from being read as a table raises :class:`TableError` (a
:class:`~madinhdanh.validate.ConfigError`: the command exits 2) with one line saying why.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..validate import display_path
from .columns import header_key, match_headers

HEADER_SCAN = 30  # rows searched for the header: annexes put a few title lines above it
KEY_FIELDS = ("name", "code", "code102")
CSV_SHEET = "csv"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_DELIMITERS = (",", ";", "\t")
RESAVE = ('open it in Excel and use File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)", '
          "then import the new file")
_NUMBERING = re.compile(r"\(?[0-9]+\)?")


class TableError(ConfigError):
    """The file cannot be read as an annex table (exit 2); the message is one line."""


class NoTableError(TableError):
    """A sheet holds no table (no header row, or a chart): a workbook read whole passes over it."""


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based number (the sheet row, or the CSV line it starts on) and the
    text of each known field's cell ("" when the cell is empty)."""

    number: int
    cells: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of an annex under its header. ``columns`` maps each field to its 1-based column,
    ``headers`` to its title as written; ``ignored`` lists (column, title) of unknown titles."""

    display: str
    sheet: str
    header_row: int
    columns: Mapping[str, int]
    headers: Mapping[str, str]
    rows: tuple[Row, ...]
    ignored: tuple[tuple[int, str], ...] = ()

    @property
    def where(self) -> str:
        """``annex.xlsx:Sheet1``: the file part of every problem about this table."""
        return f"{self.display}:{self.sheet}"

    def has(self, field: str) -> bool:
        return field in self.columns


Grid = list[tuple[int, list[str]]]  # (1-based row number, cell texts) of a sheet or CSV file


def read_table(path: Path, *, sheet: str | None = None, mapping: Mapping[str, str | None] | None = None) -> Table:
    """Read an annex: ``sheet`` picks a worksheet (the first by default; CSV has none);
    ``mapping`` maps more header texts to fields (None: ignore that column)."""
    display = display_path(path)
    if not path.is_file():
        raise TableError(f"{display}: no such file")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        name, grid = read_xlsx(path, display, sheet)
        return table_from_grid(grid, display=display, sheet=name, mapping=mapping)
    if suffix == ".csv":
        if sheet is not None:
            raise TableError(f"{display}: a CSV file has no sheets; leave out --sheet")
        return _best_csv_table(path.read_bytes(), display, mapping)
    hint = " (an Excel 97-2003 workbook: save it as .xlsx)" if suffix == ".xls" else ""
    raise TableError(f"{display}: unsupported file type {suffix or '(none)'}{hint}; import .xlsx or .csv")


def read_tables(path: Path, *, sheet: str | None = None,
                mapping: Mapping[str, str | None] | None = None) -> list[Table]:
    """The tables of an annex: the named sheet, the CSV file, or — a workbook without ``sheet``
    — every worksheet that has a header row (a workbook exported by ``mdd export units`` has
    one sheet per level; a cover or notes sheet without a table is passed over)."""
    if sheet is not None or path.suffix.lower() not in XLSX_SUFFIXES or not path.is_file():
        return [read_table(path, sheet=sheet, mapping=mapping)]
    tables: list[Table] = []
    refused: TableError | None = None
    for name in _sheet_names(path, display_path(path)):
        try:
            tables.append(read_table(path, sheet=name, mapping=mapping))
        except NoTableError as error:
            refused = refused or error
    if not tables:
        raise refused or TableError(f"{display_path(path)}: the workbook has no sheet")
    return tables


def _sheet_names(path: Path, display: str) -> list[str]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors alike
        raise TableError(f"{display}: not an Excel workbook openpyxl can read"
                         f" ({type(error).__name__}: {error})") from None
    try:
        return list(book.sheetnames)
    finally:
        book.close()


# --- header and rows ------------------------------------------------------------------------

def table_from_grid(grid: Grid, *, display: str, sheet: str, mapping: Mapping[str, str | None] | None) -> Table:
    """Find the header in ``grid`` and keep the data rows below it."""
    header_at, fields = find_header(grid, mapping, where=f"{display}:{sheet}")
    number, header = grid[header_at]
    columns = {field: index + 1 for index, field in fields.items()}
    known = set(fields)
    ignored = tuple((index + 1, text) for index, text in enumerate(header) if text and index not in known)
    rows = tuple(_data_rows(grid[header_at + 1:], fields))
    return Table(display, sheet, number, columns, {f: header[i] for i, f in fields.items()}, rows, ignored)


def find_header(grid: Grid, mapping: Mapping[str, str | None] | None, *, where: str) -> tuple[int, dict[int, str]]:
    """The index in ``grid`` of the header row and its 0-based column → field."""
    extra = {text: field for text, field in (mapping or {}).items() if field is not None}
    skip = {header_key(text) for text, field in (mapping or {}).items() if field is None}
    for position, (_, cells) in enumerate(grid[:HEADER_SCAN]):
        fields = {i: f for i, f in match_headers(cells, extra).items() if header_key(cells[i]) not in skip}
        if len(fields) >= 2 and _has_key_field(fields.values()):
            _check_unique(fields, cells, grid[position][0], where)
            return position, fields
    raise NoTableError(f"{where}: no header row in the first {HEADER_SCAN} rows: it needs at least two known column"
                     " titles, one of them the name (Tên cơ quan, đơn vị), Mã định danh or Mã QCVN 102;"
                     " map other titles with --map")


def _has_key_field(fields: Iterable[str]) -> bool:
    return any(field in KEY_FIELDS for field in fields)


def _check_unique(fields: Mapping[int, str], cells: Sequence[str], number: int, where: str) -> None:
    seen: dict[str, int] = {}
    for index, field in fields.items():
        if field in seen:
            first = seen[field]
            raise TableError(f"{where}:{number}: columns {first + 1} ({cells[first]!r}) and {index + 1}"
                             f" ({cells[index]!r}) both read as {field}; map one of them elsewhere with --map")
        seen[field] = index


def _data_rows(grid: Grid, fields: Mapping[int, str]) -> Iterator[Row]:
    for position, (number, cells) in enumerate(grid):
        values = {field: cells[index] if index < len(cells) else "" for index, field in fields.items()}
        if not any(text for field, text in values.items() if field != "row"):
            continue  # blank, or only an STT left behind
        if position == 0 and _numbering(values.values()):
            continue
        yield Row(number, values)


def _numbering(texts: Iterable[str]) -> bool:
    """A row of consecutive column numbers, ``1 2 3`` or ``(1) (2) (3)``, under a Vietnamese form's
    header (checked in the known columns, in their order)."""
    filled = [text for text in texts if text]
    if len(filled) < 2 or not all(_NUMBERING.fullmatch(text) for text in filled):
        return False
    numbers = [int(text.strip("()")) for text in filled]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


# --- cells ----------------------------------------------------------------------------------

def cell_text(value: Any) -> str:
    """One cell as text, as written (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return clean(str(value))


def clean(text: str) -> str:
    """NFC, stripped, without Excel's leading apostrophe (the "store as text" mark)."""
    text = unicodedata.normalize("NFC", text).strip()
    return text[1:].strip() if text.startswith("'") else text


# --- xlsx -----------------------------------------------------------------------------------

def read_xlsx(path: Path, display: str, sheet: str | None) -> tuple[str, Grid]:
    """The chosen sheet's name and rows. Read twice: once for the values Excel saved, once for
    the formulas, so a formula saved without its value is found rather than read as empty."""
    values, name = _sheet_rows(path, display, sheet, data_only=True)
    formulas, _ = _sheet_rows(path, display, name, data_only=False)
    uncomputed = [(number, index) for (number, cells), (_, raw) in zip(values, formulas)
                  for index, (value, formula) in enumerate(zip(cells, raw))
                  if value is None and isinstance(formula, str) and formula.startswith("=")]
    if uncomputed:
        number, index = uncomputed[0]
        raise TableError(f"{display}:{name}:{number}:{index + 1}: {len(uncomputed)} formula cell(s) have no saved"
                         " value (the file was written by a program, not saved by Excel); open the file in Excel"
                         " or LibreOffice, save it, and import it again")
    return name, [(number, [cell_text(value) for value in cells]) for number, cells in values]


RawRows = list[tuple[int, tuple[Any, ...]]]


def _sheet_rows(path: Path, display: str, sheet: str | None, *, data_only: bool) -> tuple[RawRows, str]:
    from openpyxl import load_workbook  # imported when an .xlsx is read: the CLI starts faster

    try:
        book = load_workbook(path, read_only=True, data_only=data_only)
    except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors alike
        raise TableError(f"{display}: not an Excel workbook openpyxl can read"
                         f" ({type(error).__name__}: {error})") from None
    try:
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            raise TableError(f"{display}: no sheet {sheet!r}; its sheets: {', '.join(map(repr, names))}")
        chosen = book[sheet if sheet is not None else names[0]]
        if not hasattr(chosen, "iter_rows"):
            raise NoTableError(f"{display}: the sheet {chosen.title!r} is a chart, not a table; name one with --sheet")
        rows = [(number, tuple(cells)) for number, cells
                in enumerate(chosen.iter_rows(min_row=1, min_col=1, values_only=True), start=1)]
        return rows, chosen.title
    finally:
        book.close()


# --- csv ------------------------------------------------------------------------------------

def _best_csv_table(data: bytes, display: str, mapping: Mapping[str, str | None] | None) -> Table:
    """The table read with the delimiter that finds the header with the most known titles."""
    text = decode_csv(data, display)
    best: Table | None = None
    for delimiter in CSV_DELIMITERS:
        try:
            table = table_from_grid(csv_grid(text, delimiter), display=display, sheet=CSV_SHEET, mapping=mapping)
        except TableError:
            continue
        if best is None or len(table.columns) > len(best.columns):
            best = table
    if best is None:  # say why with the usual delimiter
        return table_from_grid(csv_grid(text, ","), display=display, sheet=CSV_SHEET, mapping=mapping)
    return best


def decode_csv(data: bytes, display: str) -> str:
    """UTF-8 text (a byte-order mark dropped); anything else is refused with how to fix it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableError(f"{display}: UTF-16 text (Excel's \"Unicode Text\"); {RESAVE}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        found = f"byte 0x{data[error.start]:02x} on line {line}"
    raise TableError(f"{display}: not UTF-8 ({found}); {_code_page(data)}; {RESAVE}")


def _code_page(data: bytes) -> str:
    """Which Windows code page the bytes look like (both decode almost any bytes; Vietnamese text
    in Windows-1258 carries its tone marks as combining characters)."""
    for codec, label in (("cp1258", "Windows-1258 (Vietnamese)"), ("cp1252", "Windows-1252")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "cp1252" or any(unicodedata.combining(c) for c in text):
            return f"it looks like {label} text, as Excel's plain \"CSV (Comma delimited)\" saves it"
    return "it is not text in a known encoding"


def csv_grid(text: str, delimiter: str) -> Grid:
    """Records with the line each one starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: Grid = []
    start = 1
    for record in reader:
        grid.append((start, [clean(cell) for cell in record]))
        start = reader.line_num + 1
    return grid
