"""One annex row as the values the import uses. Pure.

Every known cell is checked and cleaned on its own: names and other one-line texts get single
spaces; ``Mã định danh`` must be a qd20 code and ``Mã QCVN 102`` a QCVN 102 code, both under the
registry's level-1 code (and the per-level group patterns of ``settings.scheme``); dates become
``YYYY-MM-DD`` from ``dd/mm/yyyy``, ``yyyy-mm-dd`` or ``dd tháng mm năm yyyy``, exist on the
calendar and are not after today; a decision number written with its date
(``1350/QĐ-UBND ngày 02/12/2021``) gives both; ``Khối`` and ``Trạng thái`` accept the registry
words (``state``, ``party``, ``active``, ``closed``) and their Vietnamese names. ``STT`` is read
and not used. An empty cell gives no value: the field is left as the registry has it.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..codes import CodeError, parse_qcvn102, parse_qd20
from ..problems import Problem
from ..rules.context import group_patterns, level1_codes
from .columns import header_key
from .tables import Row, Table

RULE = "import"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WORDS: dict[str, dict[str, str]] = {
    "block": {key: "state" for key in ("state", "nha nuoc", "khoi nha nuoc", "chinh quyen", "khoi chinh quyen")}
    | {key: "party" for key in ("party", "dang", "khoi dang", "dang doan the", "khoi dang doan the", "doan the",
                                 "khoi dang mat tran doan the", "dang mat tran doan the")},
    "status": {key: "active" for key in ("active", "hoat dong", "dang hoat dong")}
    | {key: "closed" for key in ("closed", "da dong", "dong", "ngung hoat dong", "giai the", "da giai the")},
}
_WORD_HELP = {"block": "state (nhà nước) or party (Đảng, đoàn thể)", "status": "active (hoạt động) or closed (đã đóng)"}
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY = re.compile(r"([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})")
_WORDED = re.compile(r"([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})", re.IGNORECASE)
_NUMBER_WITH_DATE = re.compile(r"(?P<number>.*?)[\s,;]*\bngày\b\s*(?P<date>.+)", re.IGNORECASE)
KEEP_LINES = frozenset({"note"})  # every other field is one line: spaces collapsed


@dataclass(frozen=True, slots=True)
class Entry:
    """A row that passed every cell check: its position and its non-empty values by field."""

    row: Row
    values: Mapping[str, str]

    @property
    def number(self) -> int:
        return self.row.number

    def get(self, name: str) -> str | None:
        return self.values.get(name)


@dataclass(frozen=True, slots=True)
class RowReader:
    """Reads the rows of one table against one registry's settings, as of ``today``."""

    table: Table
    level1: frozenset[str] | None
    today: datetime.date
    patterns: Mapping[int, re.Pattern[str]] = field(default_factory=dict)

    @classmethod
    def for_settings(cls, table: Table, settings: Mapping[str, Any], today: datetime.date) -> RowReader:
        return cls(table, level1_codes(settings), today, group_patterns(settings))

    def problem(self, number: int, name: str | None, message: str) -> Problem:
        """A problem at a row, in the column of ``name`` (the table's first column without one)."""
        column = self.table.columns.get(name, 0) if name else 0
        return Problem(self.table.where, number, column or min(self.table.columns.values()), RULE, message)

    def read(self, row: Row) -> tuple[Entry | None, list[Problem]]:
        """The row's values, or None and what is wrong with them."""
        values: dict[str, str] = {}
        problems: list[Problem] = []
        for name, text in row.cells.items():
            if not text or name == "row":
                continue
            try:
                values[name] = CLEANERS.get(name, _one_line)(self, text)
            except ValueError as error:
                problems.append(self.problem(row.number, name, f'{self.table.headers[name]} "{text}": {error}'))
        problems += self._split_number(row.number, values)
        return (None if problems else Entry(row, values)), problems

    def _split_number(self, number: int, values: dict[str, str]) -> list[Problem]:
        """``1350/QĐ-UBND ngày 02/12/2021`` in the number column gives the number and the date."""
        match = _NUMBER_WITH_DATE.fullmatch(values.get("decision.number", ""))
        if match is None:
            return []
        try:
            written = self.date(match["date"])
        except ValueError as error:
            return [self.problem(number, "decision.number", f'{self.table.headers["decision.number"]}'
                                 f' "{values["decision.number"]}": {error}')]
        given = values.setdefault("decision.date", written)
        if match["number"]:
            values["decision.number"] = match["number"]
        else:  # only the date was written there
            del values["decision.number"]
        if given != written:
            return [self.problem(number, "decision.date", f"the decision number says ngày {written} but"
                                 f" {self.table.headers['decision.date']} says {given}")]
        return []

    def date(self, text: str) -> str:
        """``dd/mm/yyyy``, ``yyyy-mm-dd`` or ``dd tháng mm năm yyyy`` as ``YYYY-MM-DD``."""
        if (iso := _ISO.fullmatch(text)) is not None:
            year, month, day = iso.groups()
        elif (dmy := _DMY.fullmatch(text) or _WORDED.fullmatch(text)) is not None:
            day, month, year = dmy.groups()
        else:
            raise ValueError("is not a date: write dd/mm/yyyy (or yyyy-mm-dd, or format the cell as a date)")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError("is not a date on the calendar") from None
        if value > self.today:
            raise ValueError(f"is after today ({self.today.isoformat()}); a decision is dated when it is signed")
        return value.isoformat()


def _one_line(_: RowReader, text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _keep(_: RowReader, text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _code(reader: RowReader, text: str) -> str:
    try:
        code = parse_qd20(text, group_patterns=reader.patterns)
    except CodeError as error:
        raise ValueError(str(error)) from None
    _under_level1(reader, code.level1)
    return code.text


def _code102(reader: RowReader, text: str) -> str:
    try:
        code = parse_qcvn102(text)
    except CodeError as error:
        raise ValueError(str(error)) from None
    _under_level1(reader, code.level1)
    return text


def _under_level1(reader: RowReader, level1: str) -> None:
    if reader.level1 is not None and level1 not in reader.level1:
        raise ValueError(f"is not under the registry's level-1 code{'s' if len(reader.level1) > 1 else ''} "
                         + ", ".join(sorted(reader.level1)))


def _id(_: RowReader, text: str) -> str:
    if ID_PATTERN.fullmatch(text) is None or len(text) > 64:
        raise ValueError("is not an id: lower-case ASCII letters and digits joined by single hyphens, at most 64")
    return text


def _word(name: str) -> Callable[[RowReader, str], str]:
    def clean(_: RowReader, text: str) -> str:
        word = WORDS[name].get(header_key(text))
        if word is None:
            raise ValueError(f"is not a {name}: write {_WORD_HELP[name]}")
        return word

    return clean


def _date(reader: RowReader, text: str) -> str:
    return reader.date(text)


CLEANERS: dict[str, Callable[[RowReader, str], str]] = {
    "code": _code, "code102": _code102, "id": _id, "block": _word("block"), "status": _word("status"),
    "decision.date": _date, "note": _keep,
}
