"""``mdd import``: a decision's annex into the registry. The edge of the import: the only module
of it that reads or writes files.

Reads the annex (:mod:`.tables`, with the ``--map`` file of :mod:`.mapping`) and
``units.yaml`` (the strict loader; the registry need not be valid: one that holds only QCVN 102
codes before the conversion is imported into like any other), applies the rows
(:mod:`.annex`), validates the result as ``mdd validate`` would (with ``systems.yaml`` as it is),
and computes the review diff of ``mdd diff`` between the registry and the result. Problems of
the result are named ``registry/units.yaml (after import)``, at the line of the canonical text
that would be written, and say which annex row set the unit.

``units.yaml`` is written, in canonical form and atomically, only when there is no problem at
all and not ``dry_run``; ``systems.yaml`` is never touched.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .. import canonical, loader, unitdiff
from ..codes import CodeError
from ..model import Registry
from ..problems import Problem
from ..unitdiff import FieldChange, Side, UnitChange
from ..errors import ConfigError
from ..validate import FILES, Result, display_path, validate_sources
from .annex import apply_table
from .mapping import load_mapping
from .matching import parsed
from .tables import CSV_SHEET, Table, read_tables

AFTER = "(after import)"
_UNIT_PATH = re.compile(r"\$\.units\[([0-9]+)\]")


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What an import found and did. Print ``changes`` with ``unitdiff.REPORTERS[fmt](changes,
    base=outcome.base, head=outcome.head)`` and ``problems`` with ``problems.REPORTERS``.
    ``changes`` is empty when the result does not validate (the diff needs a valid registry)."""

    changes: list[UnitChange]
    problems: list[Problem]
    written: bool
    base: Side
    head: Side
    tables: tuple[Table, ...]


def run_import(file: Path, registry_dir: Path, *, sheet: str | None = None, map_file: Path | None = None,
               dry_run: bool = False, today: datetime.date | None = None) -> ImportOutcome:
    """Import ``file`` (.xlsx or .csv) into ``registry_dir/units.yaml`` (see the module)."""
    units_path = _units_path(registry_dir)
    tables = tuple(read_tables(file, sheet=sheet, mapping=load_mapping(map_file) if map_file is not None else None))
    display = display_path(units_path)
    source = tables[0].display if tables[0].sheet == CSV_SHEET or len(tables) > 1 else tables[0].where
    sides = Side(display), Side(f"{source} (imported)")
    data = units_path.read_bytes()
    try:
        current = loader.load_bytes(data)
    except loader.LoadError as error:
        problems = [Problem(display, p.line, p.column, p.rule, p.message) for p in error.problems]
        return ImportOutcome([], problems, False, *sides, tables)
    if not isinstance(current, dict) or not isinstance(current.get("units"), list):
        raise ConfigError(f"{display} holds no list of units to import into")
    doc, problems, origins = _apply_all(tables, current, today or datetime.date.today())
    text = canonical.dump_units(doc).encode("utf-8")
    result = _validated(text, registry_dir, display)
    problems += [_placed(p, result, origins) for p in result.problems]
    clean = not any(p.file.endswith(AFTER) for p in result.problems)
    changes = review(current, doc) if clean else []
    written = not problems and not dry_run and text != data
    if written:
        _write(units_path, text)
    return ImportOutcome(changes, problems, written, *sides, tables)


def _apply_all(tables: tuple[Table, ...], current: Any,
               today: datetime.date) -> tuple[dict[str, Any], list[Problem], dict[str, str]]:
    """Apply the tables in turn (a sheet may name parents added by an earlier one); the
    document, every problem, and for each unit the annex row that set it."""
    doc: dict[str, Any] = current
    problems: list[Problem] = []
    origins: dict[str, str] = {}
    for table in tables:
        applied = apply_table(table, doc, today=today)
        doc = applied.doc
        problems += applied.problems
        origins.update({unit_id: f"row {row} of {table.where}" for unit_id, row in applied.rows.items()})
    return doc, problems, origins


def _units_path(registry_dir: Path) -> Path:
    if not registry_dir.is_dir():
        raise ConfigError(f"registry folder {registry_dir} does not exist; pass --registry DIR")
    path = registry_dir / FILES["units"]
    if not path.is_file():
        raise ConfigError(f"{display_path(path)} does not exist; nothing to import into")
    return path


def _validated(text: bytes, registry_dir: Path, display: str) -> Result:
    systems = registry_dir / FILES["systems"]
    return validate_sources({"units": text, "systems": systems.read_bytes() if systems.is_file() else None},
                            {"units": f"{display} {AFTER}", "systems": display_path(systems)}, where=str(registry_dir))


def _placed(problem: Problem, result: Result, origins: dict[str, str]) -> Problem:
    """A problem of the result, naming the annex row that set its unit."""
    match = _UNIT_PATH.match(problem.path)
    units = result.units
    if match is None or int(match[1]) >= len(units) or not isinstance(units[int(match[1])], dict):
        return problem
    origin = origins.get(str(units[int(match[1])].get("id")))
    return problem if origin is None else replace(problem, message=f"{problem.message} ({origin})")


def _write(path: Path, text: bytes) -> None:
    """Replace the file in one step: a reader sees the old file or the new one, never half. The
    file keeps its permissions (mkstemp makes the temporary file private)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text)
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- the review diff --------------------------------------------------------------------------

def review(base_doc: Any, head_doc: Any) -> list[UnitChange]:
    """``mdd diff`` between two units documents; the base may hold units without a qd20 code yet
    (their first code is shown as a recode from none). Empty if a side cannot be read as a
    registry."""
    try:
        head = Registry.from_documents(head_doc)
        base, uncoded = _with_stand_ins(base_doc)
        changes = unitdiff.diff(base, head)
    except (KeyError, TypeError, AttributeError, ValueError, CodeError):
        return []
    return [kept for change in changes if (kept := _without_stand_ins(change, uncoded)) is not None]


def _with_stand_ins(doc: Any) -> tuple[Registry, set[str]]:
    """The base registry, each unit without a valid qd20 code given a stand-in code under a
    level-1 group no unit uses, so that the diff can match it by id; and those units' ids.
    (``doc`` itself is not changed.)"""
    units = [unit for unit in doc["units"] if isinstance(unit, dict)]
    used = {str(unit.get("code", "")).split(".")[0] for unit in units}
    free = (f"{letter}{number:02d}" for letter in "YXWV" for number in range(99, -1, -1))
    level1 = next((code for code in free if code not in used), "Y99")
    uncoded = {index for index, unit in enumerate(units) if parsed(unit.get("code"), "qd20") is None}
    stand_ins = [{**unit, "code": f"{level1}.{index}"} if index in uncoded else unit
                 for index, unit in enumerate(units)]
    return (Registry.from_documents({**doc, "units": stand_ins}),
            {str(units[index].get("id")) for index in uncoded})


def _without_stand_ins(change: UnitChange, uncoded: set[str]) -> UnitChange | None:
    """The change as the reader should see it: a unit that had no code gets its first one (a
    recode from none), and a unit whose parent had no code has not moved when that parent gets
    one. None when nothing is left to say."""
    parent = next((f for f in change.fields if f.field == "parent"), None)
    fields = tuple(f for f in change.fields if f.field != "parent")
    if change.unit_id in uncoded:
        fields = tuple(FieldChange(f.field, None, f.new) if f.field == "code" else f for f in fields)
        change = replace(change, base_code=None)
    elif parent is None or parent.new not in uncoded:
        return change
    if not fields:
        return None
    return replace(change, kind="recoded" if change.kind == "moved" else change.kind, fields=fields)
