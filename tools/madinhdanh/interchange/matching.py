"""Which registry unit each annex row describes. Pure.

In this order: the unit whose ``code102`` is the row's ``Mã QCVN 102``; else the unit whose
current ``code`` is the row's ``Mã định danh``; else the *active* unit with the same name under
the same parent; else none (a new unit). A closed unit is found by its codes only, never by
name: a new unit may take a closed one's name, never its code.

Names are compared by :func:`name_key`: NFC, case-folded, spaces collapsed — diacritics count
(``Tân An`` and ``Tấn An`` are two communes). "The same parent" means that every piece of
evidence the row gives about its parent fits the candidate's parent unit: the ``Cơ quan chủ
quản`` cell (the parent's code, QCVN 102 code, name or short name, current or given by another
row of the annex), and the parents derived from the row's own codes. A row with no parent
evidence matches a name only when one active unit has it.

A row whose ``Mã QCVN 102`` is one unit's and whose ``Mã định danh`` is another's matches
neither; several units fitting one name and parent match none: both are problems.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..codes import Code, CodeError, parse_qcvn102, parse_qd20
from ..problems import Problem
from .rows import Entry, RowReader

UNKNOWN = -1  # a unit's parent that cannot be told (no parseable code, or no unit holds it)


def name_key(text: str) -> str:
    """A name as matched: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def parsed(text: Any, scheme: str) -> Code | None:
    """``text`` parsed as a qd20 (``scheme`` "qd20") or QCVN 102 code, None if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        return parse_qd20(text) if scheme == "qd20" else parse_qcvn102(text)
    except CodeError:
        return None


@dataclass
class Units:
    """The current registry's units with the lookups matching needs (built once)."""

    units: Sequence[Mapping[str, Any]]
    by_code: dict[str, int] = field(default_factory=dict)
    by_code102: dict[str, int] = field(default_factory=dict)
    former: dict[str, tuple[int, str]] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, units: Sequence[Mapping[str, Any]]) -> Units:
        index = cls(units)
        for position, unit in enumerate(units):
            index.add(position, unit)
        return index

    def add(self, position: int, unit: Any) -> None:
        if not isinstance(unit, Mapping):
            return  # the schema check of the result says what is wrong with it
        for key, table in (("code", self.by_code), ("code102", self.by_code102)):
            if isinstance(unit.get(key), str):
                table.setdefault(unit[key], position)
        for entry in unit.get("history") or ():
            if isinstance(entry, dict) and isinstance(entry.get("code"), str):
                self.former.setdefault(entry["code"], (position, str(entry.get("until"))))
        if isinstance(unit.get("name"), str) and unit.get("status") != "closed":
            self.by_name.setdefault(name_key(unit["name"]), []).append(position)
        if isinstance(unit.get("id"), str):
            self.ids.add(unit["id"])

    def label(self, position: int) -> str:
        unit = self.units[position]
        return f'"{unit.get("name")}" (id {unit.get("id")})'

    def parent(self, position: int) -> int | None:
        """The parent unit's index (None at level 1, :data:`UNKNOWN` when it cannot be told), from
        the qd20 code, or from the QCVN 102 code of a unit that has no qd20 code yet."""
        unit = self.units[position]
        for key, scheme, table in (("code", "qd20", self.by_code), ("code102", "qcvn102", self.by_code102)):
            code = parsed(unit.get(key), scheme)
            if code is not None:
                up = code.parent
                return None if up is None else table.get(up.text, UNKNOWN)
        return UNKNOWN


@dataclass(frozen=True, slots=True)
class Match:
    """A row and the unit it describes (its index in the registry; None: a new unit); ``key`` is
    what matched: ``code102``, ``code``, ``name`` or ``new``."""

    entry: Entry
    unit: int | None
    key: str


def match_rows(entries: Iterable[Entry], units: Units, reader: RowReader) -> tuple[list[Match], list[Problem]]:
    """A match for every row that has exactly one, and a problem for every other row."""
    entries = list(entries)
    found: dict[int, Match] = {}
    problems: dict[int, Problem] = {}
    for position, entry in enumerate(entries):
        match = _by_codes(entry, units, reader)
        if isinstance(match, Problem):
            problems[position] = match
        elif match is not None:
            found[position] = match
    given = {m.unit: m.entry for m in found.values() if m.unit is not None}
    for position, entry in enumerate(entries):
        if position in found or position in problems:
            continue
        match = _by_name(entry, units, given, reader)
        if isinstance(match, Problem):
            problems[position] = match
        else:
            found[position] = match
    return [found[position] for position in sorted(found)], list(problems.values())


def _by_codes(entry: Entry, units: Units, reader: RowReader) -> Match | Problem | None:
    code102, code = entry.get("code102"), entry.get("code")
    by102 = units.by_code102.get(code102) if code102 else None
    by_code = units.by_code.get(code) if code else None
    if by102 is not None and by_code is not None and by102 != by_code:
        headers = reader.table.headers
        return reader.problem(entry.number, "code", f"{headers['code102']} {code102} is the code102 of"
                              f" {units.label(by102)} but {headers['code']} {code} is the code of"
                              f" {units.label(by_code)}; a row describes one unit, and a code is never given"
                              " to another unit")
    if by102 is not None:
        return Match(entry, by102, "code102")
    if by_code is not None:
        return Match(entry, by_code, "code")
    return None


def _by_name(entry: Entry, units: Units, given: Mapping[int, Entry], reader: RowReader) -> Match | Problem:
    name = entry.get("name")
    if name is None:
        return Match(entry, None, "new")
    evidence = parent_evidence(entry)
    fitting = [p for p in units.by_name.get(name_key(name), ()) if _parent_fits(units, p, evidence, given)]
    if len(fitting) > 1:
        ids = ", ".join(str(units.units[p].get("id")) for p in fitting)
        return reader.problem(entry.number, "name", f"the name fits {len(fitting)} units ({ids}); add"
                              " Mã định danh, Mã QCVN 102 or Cơ quan chủ quản to tell which")
    return Match(entry, fitting[0], "name") if fitting else Match(entry, None, "new")


def parent_evidence(entry: Entry) -> set[str]:
    """What the row says about its parent, as :func:`name_key` values ("" for none: level 1)."""
    evidence = set()
    if entry.get("parent"):
        evidence.add(name_key(str(entry.get("parent"))))
    for key, scheme in (("code", "qd20"), ("code102", "qcvn102")):
        code = parsed(entry.get(key), scheme)
        if code is not None:
            evidence.add("" if code.parent is None else name_key(code.parent.text))
    return evidence


def answers(unit: Mapping[str, Any] | None, also: Iterable[str | None] = ()) -> set[str]:
    """The ways a parent can be named: its codes, name and short name (``""`` for no parent)."""
    if unit is None:
        return {""}
    values = [unit.get(key) for key in ("code", "code102", "name", "short_name")] + list(also)
    return {name_key(value) for value in values if isinstance(value, str)}


def _parent_fits(units: Units, position: int, evidence: set[str], given: Mapping[int, Entry]) -> bool:
    if not evidence:
        return True  # any unit of that name: more than one is a problem
    parent = units.parent(position)
    if parent == UNKNOWN:
        return False
    if parent is None:
        return evidence <= answers(None)
    row = given.get(parent)
    also = (row.get("code"), row.get("code102")) if row is not None else ()
    return evidence <= answers(units.units[parent], also)
