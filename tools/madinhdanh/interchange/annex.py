"""Apply a decision's annex to a units.yaml document. Pure: a table and a document in, the new
document and the problems out.

Each row is matched to a unit (:mod:`.matching`: ``code102``, then ``code``, then the exact name
under the same parent) and then:

- **a matched unit** gets the row's values for the columns the table has; a column the table
  lacks, and an empty cell, leave the field as it is (an annex never erases a value). A row
  whose ``Mã định danh`` differs from the unit's code is a **recode**: the old code goes to
  ``history`` with ``until`` = the row's decision date and ``decision`` = the row's decision,
  which the row must give (number and date). A unit without a code yet (a registry before the
  conversion, holding only QCVN 102 codes) simply gets one: there is no earlier code to keep.
  ``Trạng thái`` and ``Mã nội bộ (id)`` are checked, never changed: closing a unit takes a
  ``closed`` block the annex does not carry, and ids never change.
- **a row that matches nothing** becomes a new unit: it needs a name, a ``Mã định danh`` and a
  dated decision; its ``id`` is the row's, or an ASCII slug of its name made unique
  (``so-tai-chinh``, ``ubnd-xa-an-ba-2``); ``block: state`` unless ``Khối`` says otherwise;
  ``status: active``.

The row's decision: a number different from the unit's current one is a new act, whose issuer
is the row's ``Cơ quan ban hành`` or else ``settings.issuer``; the same number (or none) keeps
the current act and takes the row's date and issuer over it.

Every row that cannot be applied exactly is a problem (``file:sheet:row:column: import: …``) and
is left out of the result: a bad cell; a row that names two units; two rows for one unit — even
identical ones ("repeats row 7 exactly"), since an annex that lists a unit twice was not
checked; a code that another unit holds or held, or this unit held before (a code is never
reused); a code or ``code102`` given twice; a change to a closed unit's codes or any unit's
``id`` or status; a ``Cơ quan chủ quản`` that is not the parent the code gives. The caller
writes nothing when there is any problem (the other rows are still applied, for the preview).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import canonical
from ..problems import Problem
from .columns import header_key
from .matching import Match, Units, answers, match_rows, name_key, parsed
from .rows import Entry, RowReader
from .tables import Row, Table, TableError

CONTACT = ("address", "email", "phone", "fax", "website")
PLAIN = ("name", "short_name", "block", "note")
_ABBREVIATIONS = ((re.compile(r"\buy ban nhan dan\b"), "ubnd"), (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"))
ID_LENGTH = 56  # leaves room for a "-NN" suffix under the schema's 64


@dataclass(frozen=True, slots=True)
class Applied:
    """The new document, the problems, and for each unit the row that set it (unit id → row)."""

    doc: dict[str, Any]
    problems: list[Problem]
    rows: dict[str, int]


def apply_rows(table: Table, units_doc: Mapping[str, Any], *,
               today: datetime.date) -> tuple[dict[str, Any], list[Problem]]:
    """The units document with the annex applied, and every problem found (see the module)."""
    applied = apply_table(table, units_doc, today=today)
    return applied.doc, applied.problems


def apply_table(table: Table, units_doc: Mapping[str, Any], *, today: datetime.date) -> Applied:
    """:func:`apply_rows`, also telling which row set each unit (to place later problems)."""
    if not any(table.has(key) for key in ("name", "code", "code102")):
        raise TableError(f"{table.where}: the table has none of the columns Tên cơ quan, đơn vị, Mã định danh,"
                         " Mã QCVN 102; a row cannot be matched to a unit")
    doc = canonical.normalize(units_doc)  # a deep copy, as plain dicts and lists
    settings = doc.get("settings") if isinstance(doc.get("settings"), dict) else {}
    units = doc.get("units")
    if not isinstance(units, list):
        raise TableError("units.yaml holds no list of units to import into")
    reader = RowReader.for_settings(table, settings, today)
    entries, problems = _read(table.rows, reader)
    index = Units.build(units)
    matches, found = match_rows(entries, index, reader)
    matches, repeated = _one_row_per_unit(matches, index, reader)
    issuer = settings.get("issuer")
    state = _State(units, index, reader, issuer if isinstance(issuer, str) else None)
    for match in matches:
        problems += state.apply(match)
    problems += _check_parents(state.applied, units, reader)
    return Applied(doc, sorted(problems + found + repeated), state.rows)


def _read(rows: tuple[Row, ...], reader: RowReader) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for row in rows:
        entry, found = reader.read(row)
        problems += found
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _one_row_per_unit(matches: list[Match], index: Units, reader: RowReader) -> tuple[list[Match], list[Problem]]:
    """The first row of each unit (a new unit is known by its code, else its name); a problem for
    every later one."""
    first: dict[object, Match] = {}
    kept: list[Match] = []
    problems: list[Problem] = []
    for match in matches:
        key = match.unit if match.unit is not None else ("new", match.entry.get("code") or match.entry.get("name"))
        earlier = first.setdefault(key, match)
        if earlier is match:
            kept.append(match)
            continue
        what = index.label(match.unit) if match.unit is not None else "the same new unit"
        message = (f"this row repeats row {earlier.entry.number} exactly; delete one of them"
                   if earlier.entry.values == match.entry.values else
                   f"this row and row {earlier.entry.number} both describe {what}; keep one row per unit")
        problems.append(reader.problem(match.entry.number, _key_field(match), message))
    return kept, problems


def _key_field(match: Match) -> str:
    return match.key if match.key in ("code102", "code", "name") else "code"


@dataclass
class _State:
    """The units being changed, and what the rows applied so far have taken."""

    units: list[Any]
    index: Units
    reader: RowReader
    issuer: str | None
    codes: dict[str, int] = field(default_factory=dict)  # code given by a row → that row
    codes102: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # unit id → row
    applied: list[tuple[Entry, dict[str, Any]]] = field(default_factory=list)

    def apply(self, match: Match) -> list[Problem]:
        """Apply one row; nothing changes if it has a problem."""
        entry = match.entry
        current = self.units[match.unit] if match.unit is not None else None
        messages = self.taken(entry, match.unit)
        unit, more = (_updated(current, entry, self.issuer) if current is not None
                      else _created(entry, self.issuer, self.index.ids))
        messages += more
        if messages or unit is None:
            return [self.reader.problem(entry.number, name, text) for name, text in messages]
        if match.unit is None:
            self.units.append(unit)
            self.index.ids.add(unit["id"])
        else:
            self.units[match.unit] = unit
        self.note(entry, unit)
        return []

    def note(self, entry: Entry, unit: dict[str, Any]) -> None:
        for key, table in (("code", self.codes), ("code102", self.codes102)):
            if entry.get(key):
                table[str(entry.get(key))] = entry.number
        self.rows[unit["id"]] = entry.number
        self.applied.append((entry, unit))

    def taken(self, entry: Entry, unit: int | None) -> list[tuple[str, str]]:
        """The row's codes that another row gave, or that are a former code. (A code another unit
        holds now has matched that unit: see :mod:`.matching`.)"""
        messages = []
        for key, table in (("code", self.codes), ("code102", self.codes102)):
            text = entry.get(key)
            if text is None:
                continue
            if text in table:
                messages.append((key, f"row {table[text]} gives the same {self.reader.table.headers[key]} {text}"))
        former = self.index.former.get(entry.get("code") or "")
        if former is not None and (unit is None or self.units[unit].get("code") != entry.get("code")):
            owner, until = former
            whose = "is this unit's former code" if owner == unit else f"was the code of {self.index.label(owner)}"
            messages.append(("code", f"{entry.get('code')} {whose} until {until}; a code is never reused"))
        return messages


# --- a matched unit -----------------------------------------------------------------------

Messages = list[tuple[str, str]]  # (field whose column the problem points at, message)


def _updated(current: dict[str, Any], entry: Entry, issuer: str | None) -> tuple[dict[str, Any] | None, Messages]:
    """The unit with the row's values (see the module docstring), or None and why not."""
    unit = canonical.normalize(current)
    messages = _unchanging(unit, entry)
    decision, more = _decision(unit.get("decision"), entry, issuer)
    messages += more or _recode(unit, entry, decision)
    if messages:
        return None, messages
    if decision is not None:
        unit["decision"] = decision
    _set_values(unit, entry)
    return unit, []


def _unchanging(unit: Mapping[str, Any], entry: Entry) -> Messages:
    messages = []
    if entry.get("id") is not None and entry.get("id") != unit.get("id"):
        messages.append(("id", f"the row's id {entry.get('id')} is not the id of the unit it matches,"
                               f" {unit.get('id')}; ids never change"))
    if entry.get("status") is not None and entry.get("status") != unit.get("status"):
        messages.append(("status", f"the row says {entry.get('status')} but the unit is {unit.get('status')};"
                                   " close or reopen a unit in units.yaml (status and a closed block:"
                                   " date, decision, reason, successors)"))
    if unit.get("status") == "closed":
        messages += [(key, f"the unit is closed; its {key} {unit[key]} stays reserved and does not change")
                     for key in ("code", "code102") if isinstance(unit.get(key), str)
                     and entry.get(key) not in (None, unit[key])]
    return messages


def _recode(unit: dict[str, Any], entry: Entry, decision: dict[str, Any] | None) -> Messages:
    """Give the unit the row's code; an earlier code goes to history with the row's decision."""
    old, new = unit.get("code"), entry.get("code")
    if new is None or new == old:
        return []
    if not isinstance(old, str):
        unit["code"] = new  # the first qd20 code of a unit known by its QCVN 102 code
        return []
    if entry.get("decision.number") is None or decision is None or "date" not in decision:
        return [("code", f"the code changes from {old} to {new}, which needs the decision that changed it:"
                         " fill Số quyết định and Ngày ban hành")]
    unit.setdefault("history", []).append({"code": old, "until": decision["date"], "decision": dict(decision)})
    unit["code"] = new
    return []


def _decision(current: Any, entry: Entry, issuer: str | None) -> tuple[dict[str, Any] | None, Messages]:
    """The unit's decision after the row (None: none at all), and what is missing from it."""
    number, date, named = (entry.get(f"decision.{part}") for part in ("number", "date", "issuer"))
    current = dict(current) if isinstance(current, dict) else {}
    if number is None and date is None and named is None:
        return current or None, []
    same_act = number is None or number == current.get("number")
    decision = current if same_act else {"number": number}
    if date is not None:
        decision["date"] = date
    if named is not None:
        decision["issuer"] = named
    elif not same_act and issuer:
        decision["issuer"] = issuer
    if "number" not in decision:
        return None, [("decision.date", "a decision date or issuer without a decision number: fill Số quyết định")]
    if "date" not in decision:
        return None, [("decision.number", f"the decision {decision['number']} has no date: fill Ngày ban hành,"
                                          " or write it after the number (1350/QĐ-UBND ngày 02/12/2021)")]
    return decision, []


def _set_values(unit: dict[str, Any], entry: Entry) -> None:
    for key in PLAIN + ("code102",):
        if entry.get(key) is not None:
            unit[key] = entry.get(key)
    contact = dict(unit.get("contact") or {})
    contact.update({key: entry.values[f"contact.{key}"] for key in CONTACT if f"contact.{key}" in entry.values})
    if contact:
        unit["contact"] = contact


# --- a new unit ---------------------------------------------------------------------------

def _created(entry: Entry, issuer: str | None, ids: set[str]) -> tuple[dict[str, Any] | None, Messages]:
    """A new unit from the row, or None and what it lacks."""
    messages = [(key, f"a new unit needs {what}") for key, what in (
        ("name", "a name (Tên cơ quan, đơn vị)"),
        ("code", "a Mã định danh (no unit has this row's codes or, under this parent, its name;"
                 " a section heading? delete the row)")) if entry.get(key) is None]
    if entry.get("status") not in (None, "active"):
        messages.append(("status", "a new unit is active; a closed unit needs a closed block in units.yaml"))
    if entry.get("id") in ids:
        messages.append(("id", f"the id {entry.get('id')} is another unit's"))
    if messages:
        return None, messages
    decision, messages = _decision(None, entry, issuer)
    if decision is None:
        return None, messages or [("decision.number", "a new unit needs the decision that issued its code:"
                                                      " fill Số quyết định and Ngày ban hành")]
    unit = {"id": entry.get("id") or unique_id(str(entry.get("name")), ids), "code": entry.get("code"),
            "block": "state", "status": "active", "decision": decision}
    _set_values(unit, entry)
    return unit, []


def slug(name: str) -> str:
    """An ASCII id from a name: ``Ủy ban nhân dân xã An Bá`` → ``ubnd-xa-an-ba``."""
    text = re.sub(r"[^a-z0-9]+", " ", header_key(name))
    for long, short in _ABBREVIATIONS:
        text = long.sub(short, text)
    words = text.split() or ["unit"]
    out = words[0][:ID_LENGTH]
    for word in words[1:]:
        if len(out) + 1 + len(word) > ID_LENGTH:
            break
        out += "-" + word
    return out


def unique_id(name: str, taken: set[str]) -> str:
    """:func:`slug` of ``name``, with ``-2``, ``-3``… when another unit has it."""
    base = candidate = slug(name)
    number = 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


# --- the parent column --------------------------------------------------------------------

def _check_parents(applied: list[tuple[Entry, dict[str, Any]]], units: list[Any], reader: RowReader) -> list[Problem]:
    """``Cơ quan chủ quản`` must name the parent that the unit's code gives (its code, QCVN 102
    code, name or short name); the parent is never written, so a disagreement is a problem."""
    by_code = {unit["code"]: unit for unit in units if isinstance(unit, dict) and isinstance(unit.get("code"), str)}
    problems = []
    for entry, unit in applied:
        said, code = entry.get("parent"), parsed(unit.get("code"), "qd20")
        if said is None or code is None:
            continue
        parent = None if code.parent is None else by_code.get(code.parent.text)
        if code.parent is not None and parent is None:
            continue  # no unit holds the parent code: validation says so (parent-exists)
        if name_key(said) not in answers(parent):
            where = f"{code.parent} {parent.get('name')}" if parent is not None else "nothing (level 1)"
            problems.append(reader.problem(entry.number, "parent", f'{reader.table.headers["parent"]} says "{said}"'
                                           f" but the code {code} puts the unit under {where}"))
    return problems
