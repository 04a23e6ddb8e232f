"""The files other systems, vendors and agencies need out of the registry. Pure: a registry (and
the validated systems) in, ``str`` or ``bytes`` out; the CLI writes them to ``--out`` or stdout.
The same registry always gives the same bytes (xlsx included, see :mod:`.workbook`).

**Crosswalk** (:func:`crosswalk`): one row per identifier a system may still hold for a unit,
and the code to use now. ``kind`` says what the old identifier is: ``code102`` (QCVN 102),
``legacy.<system>`` (the unit's ``legacy`` entry), ``code`` (the qd20 code itself: the identity
for an active unit of a system keyed on ``code``; the closed code for a closed unit) or
``history`` (an earlier qd20 code). ``new`` is the unit's current code, or for a closed unit the
current code of its first successor (empty when it was dissolved: nothing takes over); ``code``
is the unit's own code either way, ``successor`` and ``reason`` are filled for closed units only.
An empty ``old`` on a unit's first row means the system held nothing for it (a unit without a
``code102``, or without a ``legacy`` entry): the unit is to be added, not recoded.

**Files**: CSV is UTF-8 *with* a byte-order mark and CRLF line ends (RFC 4180): Excel, which
most recipients open a CSV with, reads UTF-8 without a BOM as the ANSI code page and garbles
every Vietnamese name; Python's ``utf-8-sig``, pandas and LibreOffice read the BOM as what it is.
``bom=False`` leaves it out for a parser that chokes on it. JSON is UTF-8 (``ensure_ascii=False``),
two-space indented, one final newline. Codes and dates are always text; empty values are ``""``
in CSV, ``null`` in JSON and empty cells in xlsx. Registry values (``active``, ``state``…) are
written as they are in units.yaml, never translated, so files read back with the same meaning.

**Catalog** (:func:`catalog`): the provincial common catalog (danh mục dùng chung) of the
active units of levels 1–4, with the field names of Quảng Bình's DMDC API (DOMAIN.md). That API
keeps one catalog per level (``qlvanbandieuhanhcap1`` … ``cap4``), keyed by ``MaDinhDanhCap1``
in the level-1 catalog; the other levels' metadata were not published (unconfirmed), so each
record carries the chain of codes top-down:

- ``MaDinhDanhCap1`` … ``MaDinhDanhCap4``: the code of the unit's ancestor at that level, its
  own code at its own level, ``null`` below it (a level-3 unit fills 1–3). The level-N catalog
  finds its key in ``MaDinhDanhCapN``; the level is the last one filled.
- ``MaDinhDanh``: the unit's own qd20 code (the same as its last ``MaDinhDanhCapN``).
- ``MaDinhDanhCapTren``: the parent's code, ``null`` at level 1.
- ``Cap``: the level, an integer 1–4 (which catalog the record belongs to).
- ``TenDonVi``: ``name``; ``DiaChi``, ``Email``, ``SoDienThoai``, ``Fax``, ``Website``:
  ``contact.address``, ``.email``, ``.phone``, ``.fax``, ``.website``.
- ``QdBanHanhQdSuaDoi``, ``NgayBanHanhQd``, ``CoQuanBanHanhQd``: ``decision.number``,
  ``decision.date`` and ``decision.issuer`` (the act that issued or last changed the code).
  The date is written ``dd/MM/yyyy``, as the API returns it ("16/08/2018"), though its metadata
  calls the field a DateTime.

``MaDinhDanh``, ``MaDinhDanhCapTren`` and ``Cap`` are ours (not in the DMDC metadata): an
uploader posting to one level's catalog keeps only that catalog's fields. The codes are qd20
codes (the API's 2018 example holds a QCVN 102 code; the crosswalk maps those).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..codes import qd20_sort_key
from ..model import Registry, Unit
from ..errors import ConfigError
from .columns import BY_FIELD, COLUMNS, Column
from .workbook import add_sheet, new_workbook, workbook_bytes


class UnknownSystemError(ConfigError):
    """``--system`` names no system of systems.yaml (exit 2)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CrosswalkRow:
    """One old identifier of a unit and the code that replaces it (see the module docstring)."""

    id: str
    name: str
    old: str | None
    kind: str
    new: str | None
    code: str
    parent: str | None
    status: str
    successor: str | None = None
    reason: str | None = None


CROSSWALK_COLUMNS: tuple[Column, ...] = (
    BY_FIELD["id"], BY_FIELD["name"],
    Column("old", "Mã trước đây"), Column("kind", "Loại mã trước đây"), Column("new", "Mã sử dụng hiện nay"),
    BY_FIELD["code"], BY_FIELD["parent"], BY_FIELD["status"],
    Column("successor", "Mã đơn vị kế thừa"), Column("reason", "Lý do đóng mã"),
)
_EVERYTHING = {"blocks": ("state", "party"), "statuses": ("active", "closed")}


def crosswalk(registry: Registry, systems: Sequence[Mapping[str, Any]], system_id: str | None) -> list[CrosswalkRow]:
    """Every identifier a system may still hold → the code to use now, sorted by unit code.

    With ``system_id``: the units in that system's ``scope``, first keyed as its ``identifier``
    says (``code``, ``code102`` or ``legacy.<S>``). Without: every unit, keyed by ``code102``,
    with a row for each ``legacy`` entry too. Either way closed units add their own code and
    every unit its ``history`` codes. An unknown ``system_id`` raises :class:`UnknownSystemError`.
    """
    if system_id is None:
        scope: Mapping[str, Any] = _EVERYTHING
        identifier, all_legacy = "code102", True
    else:
        system = _system(systems, system_id)
        scope, identifier, all_legacy = system["scope"], str(system["identifier"]), False
    rows: list[CrosswalkRow] = []
    for unit in sorted(registry.units, key=lambda u: qd20_sort_key(u.code)):
        if _in_scope(unit, scope):
            rows += _unit_rows(registry, unit, identifier, all_legacy=all_legacy)
    return rows


def _system(systems: Sequence[Mapping[str, Any]], system_id: str) -> Mapping[str, Any]:
    for system in systems:
        if system.get("id") == system_id:
            return system
    known = ", ".join(sorted(str(s.get("id")) for s in systems)) or "none"
    raise UnknownSystemError(f'unknown system "{system_id}"; the systems in systems.yaml are: {known}')


def _in_scope(unit: Unit, scope: Mapping[str, Any]) -> bool:
    levels = scope.get("levels")
    return (unit.block in scope["blocks"] and unit.status in scope["statuses"]
            and (levels is None or unit.level in levels))


def _unit_rows(registry: Registry, unit: Unit, identifier: str, *, all_legacy: bool) -> list[CrosswalkRow]:
    """The unit's rows: its identifier in the system (possibly none), then the closed code,
    the legacy entries (without a system) and the history codes, oldest first."""
    keys: list[tuple[str | None, str]] = [(_identifier(unit, identifier), identifier)]
    if not unit.active and identifier != "code":
        keys.append((unit.code, "code"))
    if all_legacy:
        keys += [(value, f"legacy.{system}") for system, value in unit.legacy]
    keys += [(entry.code, "history") for entry in unit.history]
    successor = _successor(registry, unit)
    new = unit.code if unit.active else successor
    reason = unit.closed.reason if unit.closed else None
    return [CrosswalkRow(id=unit.id, name=unit.name, old=old, kind=kind, new=new, code=unit.code,
                         parent=unit.parent_code, status=unit.status, successor=successor, reason=reason)
            for old, kind in keys]


def _identifier(unit: Unit, identifier: str) -> str | None:
    if identifier == "code":
        return unit.code
    if identifier == "code102":
        return unit.code102
    return unit.legacy_id(identifier.removeprefix("legacy."))


def _successor(registry: Registry, unit: Unit) -> str | None:
    """The current code of a closed unit's first successor (None when dissolved or active)."""
    if unit.active or unit.closed is None or not unit.closed.successors:
        return None
    successor = registry.by_id(unit.closed.successors[0])
    return None if successor is None else successor.code


def crosswalk_csv(rows: Iterable[CrosswalkRow], *, bom: bool = True) -> str:
    """The crosswalk as CSV with the Vietnamese titles of :data:`CROSSWALK_COLUMNS`."""
    return _csv([c.title for c in CROSSWALK_COLUMNS],
                ([getattr(row, c.field) for c in CROSSWALK_COLUMNS] for row in rows), bom=bom)


def crosswalk_json(rows: Iterable[CrosswalkRow]) -> str:
    """The crosswalk as a JSON list of objects keyed by the :class:`CrosswalkRow` field names."""
    return _json([asdict(row) for row in rows], sort_keys=True)


def crosswalk_xlsx(rows: Iterable[CrosswalkRow]) -> bytes:
    """The crosswalk as one sheet, "Bảng chuyển đổi mã", every cell text."""
    book = new_workbook()
    add_sheet(book, "Bảng chuyển đổi mã", [c.title for c in CROSSWALK_COLUMNS],
              ([getattr(row, c.field) for c in CROSSWALK_COLUMNS] for row in rows),
              text_columns=range(len(CROSSWALK_COLUMNS)))
    return workbook_bytes(book)


# --- the provincial common catalog (DMDC) --------------------------------------------------

CATALOG_LEVELS = 4
CATALOG_FIELDS: tuple[str, ...] = (
    "MaDinhDanh", *(f"MaDinhDanhCap{level}" for level in range(1, CATALOG_LEVELS + 1)), "MaDinhDanhCapTren", "Cap",
    "TenDonVi", "DiaChi", "Email", "SoDienThoai", "Fax", "Website", "QdBanHanhQdSuaDoi", "NgayBanHanhQd",
    "CoQuanBanHanhQd",
)


def catalog(registry: Registry) -> list[dict[str, Any]]:
    """One record per active unit of levels 1–4, sorted by code, keys in :data:`CATALOG_FIELDS`
    order (what each holds: the module docstring)."""
    units = (u for u in registry.units if u.active and u.level <= CATALOG_LEVELS)
    return [_catalog_record(unit) for unit in sorted(units, key=lambda u: qd20_sort_key(u.code))]


def _catalog_record(unit: Unit) -> dict[str, Any]:
    groups = unit.parsed_code.groups
    chain = {f"MaDinhDanhCap{level}": ".".join(groups[:level]) if level <= len(groups) else None
             for level in range(1, CATALOG_LEVELS + 1)}
    contact, decision = unit.contact, unit.decision
    return {"MaDinhDanh": unit.code, **chain, "MaDinhDanhCapTren": unit.parent_code, "Cap": unit.level,
            "TenDonVi": unit.name, "DiaChi": contact.address, "Email": contact.email,
            "SoDienThoai": contact.phone, "Fax": contact.fax, "Website": contact.website,
            "QdBanHanhQdSuaDoi": decision.number, "NgayBanHanhQd": vietnamese_date(decision.date),
            "CoQuanBanHanhQd": decision.issuer}


def vietnamese_date(iso: str | None) -> str | None:
    """``2021-12-02`` → ``02/12/2021`` (dd/MM/yyyy, as Vietnamese catalog APIs write dates)."""
    if not iso:
        return None
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def catalog_json(records: Iterable[Mapping[str, Any]]) -> str:
    """The catalog as a JSON list, keys in :data:`CATALOG_FIELDS` order."""
    return _json([{name: record.get(name) for name in CATALOG_FIELDS} for record in records], sort_keys=False)


def catalog_csv(records: Iterable[Mapping[str, Any]], *, bom: bool = True) -> str:
    """The catalog as CSV whose header is the DMDC field names."""
    return _csv(CATALOG_FIELDS, ([record.get(name) for name in CATALOG_FIELDS] for record in records), bom=bom)


# --- the registry as a workbook -------------------------------------------------------------

UNIT_COLUMNS: tuple[Column, ...] = COLUMNS
SHEET_PREFIX = "Cấp"


def units_workbook(registry: Registry) -> bytes:
    """Every unit in a sheet per level ("Cấp 1" … "Cấp 4", more if the registry is deeper),
    sorted by code; the columns are :data:`.columns.COLUMNS` (their titles), so ``mdd import``
    reads the workbook back. STT is a number counting from 1 on each sheet; every other cell is
    text, empty when the unit has no value. ``closed``, ``history`` and ``legacy`` have no column:
    an import that matches units by ``id`` keeps them from the registry it updates."""
    by_level: dict[int, list[Unit]] = {}
    for unit in sorted(registry.units, key=lambda u: qd20_sort_key(u.code)):
        by_level.setdefault(unit.level, []).append(unit)
    book = new_workbook()
    text = [index for index, column in enumerate(UNIT_COLUMNS) if column.field != "row"]
    for level in range(1, max([CATALOG_LEVELS, *by_level]) + 1):
        rows = (unit_row(unit, number) for number, unit in enumerate(by_level.get(level, []), start=1))
        add_sheet(book, f"{SHEET_PREFIX} {level}", [c.title for c in UNIT_COLUMNS], rows, text_columns=text)
    return workbook_bytes(book)


def unit_row(unit: Unit, number: int) -> list[str | int | None]:
    """The cells of one unit in :data:`UNIT_COLUMNS` order (``row`` is ``number``)."""
    return [number if column.field == "row" else unit_field(unit, column.field) for column in UNIT_COLUMNS]


def unit_field(unit: Unit, name: str) -> str | None:
    """A dotted field of a unit as the import names it: ``parent`` is the parent's code,
    ``contact.email`` and ``decision.date`` reach into the nested values."""
    if name == "parent":
        return unit.parent_code
    value: Any = unit
    for part in name.split("."):
        value = getattr(value, part)
    return None if value is None else str(value)


# --- shared writers -------------------------------------------------------------------------

def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]], *, bom: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def _json(value: Any, *, sort_keys: bool) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"

