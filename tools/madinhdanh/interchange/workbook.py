"""Writing .xlsx files people open in Excel: one header row (bold, frozen, with a filter), text
cells that Excel never turns into numbers or dates, column widths from the content, and the same
bytes for the same table.

Determinism: openpyxl stamps ``docProps/core.xml`` with the time of saving (``save_workbook``)
and its zip entries with the current time (``writestr``) or a temporary file's mtime (worksheets).
:func:`workbook_bytes` therefore fixes the document properties, writes through ``ExcelWriter``
directly (not ``save_workbook``), and copies the archive entry by entry with one fixed timestamp.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

TEXT = "@"  # Excel's "Text" number format: what is typed into the cell stays a string
FIXED_TIME = datetime(2000, 1, 1)  # document created/modified: derived from nothing, so stable
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
MIN_WIDTH, MAX_WIDTH = 6, 60

Cell = str | int | None


def new_workbook(creator: str = "madinhdanh") -> Workbook:
    """An empty workbook (its default sheet removed) with fixed document properties."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.creator = creator
    book.properties.lastModifiedBy = creator
    book.properties.created = book.properties.modified = FIXED_TIME
    return book


def add_sheet(book: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]], *,
              text_columns: Iterable[int]) -> Worksheet:
    """A sheet: ``header`` in bold, frozen, with a filter; ``rows`` below it. The 0-based
    ``text_columns`` get the Text format in every data row (empty cells too, so what someone
    types there later stays text: ``0204`` keeps its zero, ``2021-12-02`` stays a string)."""
    sheet = book.create_sheet(title)
    bold = Font(bold=True)
    for column, name in enumerate(header, start=1):
        sheet.cell(row=1, column=column, value=name).font = bold
    text = set(text_columns)
    widths = [len(name) for name in header]
    last = 1
    for last, values in enumerate(rows, start=2):  # cells by coordinate: sheet.max_row is O(cells)
        for index, value in enumerate(values):
            cell = sheet.cell(row=last, column=index + 1, value=value)
            if cell.data_type == "f":  # openpyxl takes "=…" for a formula: our values are data
                cell.data_type = "s"
            if index in text:
                cell.number_format = TEXT
            if value is not None:
                widths[index] = max(widths[index], len(str(value)))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(last, 2)}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    return sheet


def workbook_bytes(book: Workbook) -> bytes:
    """The .xlsx bytes of ``book``: the same workbook gives the same bytes at any time."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return _fixed_timestamps(raw.getvalue())


def _fixed_timestamps(data: bytes) -> bytes:
    """The same archive with every entry stamped ``ZIP_TIME``, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()
