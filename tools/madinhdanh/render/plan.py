"""The steps of a system's up.sql, derived from its systems.yaml entry and its template set. Pure.

Each declared code column gets the recode that is safe for it:

- ``stub``: a column that foreign keys without ON UPDATE CASCADE reference (``referenced_by``):
  stub rows are inserted under placeholder codes, the referencing rows moved onto them, the real
  rows recoded in two phases (nothing references them now), the referencing rows moved onto the
  new codes, the stubs deleted. Real rows keep every other column, their surrogate key included.
- ``two_phase``: a PRIMARY KEY or UNIQUE column (alone or with others): old → placeholder,
  placeholder → new, so that chains and cycles (A→B, B→C, C→A) never meet a duplicate. When no
  old identifier of the bundle is also a new code (a first conversion: QCVN 102 → qd20), nothing
  can collide inside the map and the step is ``direct``: one UPDATE, half the writes.
- ``plain``: any other column: one UPDATE, each row matched once.

then ``insert`` (units missing from the units table), ``attribute`` (one per declared name,
parent, status and level column) and ``repoint`` (references of closed units moved to the
successor; a row that would then duplicate another under a UNIQUE set is deleted, kept in
``mdd_undo_<table>``). down.sql runs the same steps backwards. The order: stubs, two-phase,
plain, insert, attributes, repoints — a repoint may point at a row the insert added.

A system whose tables or columns are not in its template set raises
:class:`~.templateset.TemplateSetError` naming both files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..changes import ChangeSet
from ..model import System
from .dialects import Expr, Where
from .templateset import TableSpec, TemplateSet, TemplateSetError

# the rows of the registry a units table must hold (temporary table mdd_tmp_rows)
ROW_COLUMNS: Mapping[str, str] = {"code": "code", "name": "unit_name", "parent": "parent_code",
                                  "status": "unit_status", "level": "unit_level", "id": "unit_id", "block": "block"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One step of up.sql (and, backwards, of down.sql). Which fields matter depends on ``kind``
    (see the module docstring); ``number`` keys the step's rows in ``mdd_undo``."""

    number: int
    kind: str
    table: str
    column: str = ""
    where: Where | None = None
    row_id: str | None = None
    children: tuple[tuple[str, str], ...] = ()
    copy: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    identity: str | None = None
    key: str = ""
    source: str = ""
    cast_int: bool = False
    value_map: tuple[tuple[Any, Any], ...] = ()
    fills: tuple[tuple[str, Expr], ...] = ()
    conflicts: bool = False
    direct: bool = False  # two_phase without the placeholder pass: no old code is also a new code
    # the attribute steps written together (attribute step number, column, mdd_tmp_rows column,
    # cast to integer, value map): by the units key's one-pass recode, and by the first attribute
    # step for the rows that recode did not reach — see _merge_attributes
    attributes: tuple[tuple[int, str, str, bool, tuple[tuple[Any, Any], ...]], ...] = ()

    @property
    def value_mapping(self) -> dict[Any, Any]:
        return dict(self.value_map)


def steps(system: System, templates: TemplateSet, changes: ChangeSet) -> list[Step]:
    """The steps of ``system``'s up.sql, numbered from 1 (0 is the bundle's applied mark).
    Groups with nothing to do in ``changes`` are left out (down.sql uses the same list)."""
    doc = system.document
    units = doc["units"]
    where = f"registry/systems.yaml: system {system.id}"
    unit_spec = templates.column(units["table"], units["key"], where=f"{where}: units")
    for role in ("name", "parent", "status", "level"):
        if role in units:
            templates.column(units["table"], units[role], where=f"{where}: units.{role}")
    if not unit_spec.unique_alone(units["key"]):
        raise TemplateSetError(f"{where}: units.key {units['table']}.{units['key']} is not a primary key or UNIQUE "
                               f"column in {templates.shown}")
    columns = [(units["table"], units["key"], None, "keep")] + [_reference(r, templates, where) for r in
                                                                doc.get("references") or ()]
    planned: list[tuple[str, dict[str, Any]]] = []
    if changes.recodes:
        code_map = changes.code_map()
        chains = not set(code_map).isdisjoint(code_map.values())
        planned += [(kind, {**fields, "direct": not chains} if kind == "two_phase" else fields)
                    for kind, fields in _recodes(columns, templates, where)]
    if changes.adds:
        planned.append(("insert", _insert(unit_spec, units)))
    if changes.adds or changes.updates:
        planned += [("attribute", _attribute(unit_spec, units, role)) for role in ("name", "parent", "status", "level")
                    if role in units]
    if changes.repoints:
        planned += [("repoint", _repoint(templates.table(t, where=where), c, w, where))
                    for t, c, w, policy in columns if policy == "repoint"]
    return _merge_attributes([Step(number=number, kind=kind, **fields)
                              for number, (kind, fields) in enumerate(planned, start=1)], units)


def placeholders(steps: Sequence[Step]) -> bool:
    """Whether a step moves codes through the map's placeholders (``ph``, ``stub``): a stub step,
    or a unique column recoded in two phases."""
    return any(s.kind == "stub" or (s.kind == "two_phase" and not s.direct) for s in steps)


def _merge_attributes(planned: list[Step], units: Mapping[str, Any]) -> list[Step]:
    """Let the one-pass recode of the units key (``plain``, or ``two_phase`` when ``direct``) write
    the recoded rows' name, parent, status and level in the same UPDATE: one new version of each
    unit row instead of one per column. The attribute steps keep their numbers: the key step
    records the old values under them, and they then change only the rows it did not reach (a
    dialect that cannot merge leaves them all the work; the result is the same). The first
    attribute step carries the group too: where the dialect merges, it records every attribute
    in one pass and writes them in one UPDATE, and the other attribute steps print nothing."""
    attributes = tuple((s.number, s.column, s.source, s.cast_int, s.value_map) for s in planned
                       if s.kind == "attribute")
    if not attributes:
        return planned
    first = next(index for index, step in enumerate(planned) if step.kind == "attribute")
    planned[first] = replace(planned[first], attributes=attributes)
    for index, step in enumerate(planned):
        if (step.table, step.column) == (units["table"], units["key"]) and (
                step.kind == "plain" or (step.kind == "two_phase" and step.direct)) and step.where is None:
            planned[index] = replace(step, attributes=attributes)
            break
    return planned


def _reference(ref: Mapping[str, Any], templates: TemplateSet, where: str) -> tuple[str, str, Where | None, str]:
    place = f"{where}: references {ref['table']}.{ref['column']}"
    templates.column(ref["table"], ref["column"], where=place)
    filter_ = ref.get("where")
    if filter_:
        templates.column(ref["table"], filter_["column"], where=f"{place}: where")
    return ref["table"], ref["column"], Where(filter_["column"], filter_["equals"]) if filter_ else None, ref["on_close"]


def _recodes(columns: Sequence[tuple[str, str, Where | None, str]], templates: TemplateSet,
             where: str) -> list[tuple[str, dict[str, Any]]]:
    """One recode step per declared code column (each once), stubs first, then two-phase, then plain."""
    seen: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for table, column, filter_, _ in columns:
        spec = templates.table(table, where=where)
        seen.setdefault((table, column), _recode(spec, column, filter_, templates, where))
    # a column a stub step moves is recoded there: mapping it again would apply a cycle twice
    moved = {child for kind, fields in seen.values() if kind == "stub" for child in fields["children"]}
    order = {"stub": 0, "two_phase": 1, "plain": 2}
    return sorted((item for key, item in seen.items() if key not in moved), key=lambda item: order[item[0]])


def _recode(spec: TableSpec, column: str, filter_: Where | None, templates: TemplateSet,
            where: str) -> tuple[str, dict[str, Any]]:
    place = f"{where}: {spec.name}.{column}"
    filter_column = filter_.column if filter_ else None
    base: dict[str, Any] = {"table": spec.name, "column": column, "where": filter_}
    if column in spec.referenced_by:
        if filter_:
            raise TemplateSetError(f"{place}: a column that foreign keys reference cannot have a where filter")
        copy = tuple(c for c in spec.columns if c not in (column, spec.identity))
        return "stub", {**base, "row_id": _row_id(spec, place, needed=False), "children": spec.referenced_by[column],
                        "copy": copy}
    if spec.unique_with(column, filter_column) is not None:
        alone = spec.unique_alone(column, filter_column)
        return "two_phase", {**base, "row_id": _row_id(spec, place, needed=not alone)}
    return "plain", {**base, "row_id": _row_id(spec, place, needed=True)}


def _row_id(spec: TableSpec, place: str, *, needed: bool) -> str | None:
    if spec.row_id is None and needed:
        raise TemplateSetError(f"{place}: the table needs a row_id in its template set (an integer column the "
                               "conversion never changes) for down.sql to find the rows up.sql changed")
    return spec.row_id


def _insert(spec: TableSpec, units: Mapping[str, Any]) -> dict[str, Any]:
    fills: list[tuple[str, Expr]] = [(units["key"], Expr("code"))]
    for role in ("name", "parent", "status", "level"):
        if role in units:
            mapping = tuple(sorted(spec.status_values.items())) if role == "status" else ()
            fills.append((units[role], Expr(ROW_COLUMNS[role], mapping)))
    for fill in spec.insert:
        if fill.source is None:
            fills.append((fill.column, Expr(value=fill.value)))
        else:  # map keys are text in YAML; a level is compared as the integer it is
            keyed: tuple[tuple[Any, Any], ...] = tuple((int(k) if fill.source == "level" else k, v)
                                                       for k, v in fill.mapping)
            fills.append((fill.column, Expr(ROW_COLUMNS[fill.source], keyed)))
    return {"table": spec.name, "key": units["key"], "fills": tuple(fills)}


def _attribute(spec: TableSpec, units: Mapping[str, Any], role: str) -> dict[str, Any]:
    status_map = tuple(sorted(spec.status_values.items())) if role == "status" else ()
    numeric = role == "level" or any(isinstance(v, int) for _, v in status_map)
    return {"table": spec.name, "column": units[role], "key": units["key"], "source": ROW_COLUMNS[role],
            "cast_int": numeric, "value_map": status_map}


def _repoint(spec: TableSpec, column: str, filter_: Where | None, where: str) -> dict[str, Any]:
    place = f"{where}: references {spec.name}.{column} (on_close: repoint)"
    if column in spec.referenced_by:
        raise TemplateSetError(f"{place}: foreign keys reference this column, so its rows cannot be merged")
    others = spec.unique_with(column, filter_.column if filter_ else None)
    return {"table": spec.name, "column": column, "where": filter_, "row_id": _row_id(spec, place, needed=True),
            "others": others or (), "conflicts": others is not None, "identity": spec.identity,
            "copy": spec.columns}


@dataclass(frozen=True, slots=True)
class Checks:
    """What check.sql asks of a system after up.sql (its postconditions): ``stale`` — every
    declared code column (table, column, filter), none of which may still hold an old identifier
    of the code map; ``closed`` — the repoint columns, none of which may still hold a closed code;
    ``units`` and ``key`` — the units table and its key; ``attributes`` — (column, source column
    of ``mdd_tmp_rows``, value map) that must equal the registry on every unit row."""

    stale: tuple[tuple[str, str, Where | None], ...]
    closed: tuple[tuple[str, str, Where | None], ...]
    units: str
    key: str
    attributes: tuple[tuple[str, str, tuple[tuple[Any, Any], ...]], ...]


def checks(system: System, templates: TemplateSet) -> Checks:
    """The postconditions of ``system`` (see :class:`Checks`); the same declarations as :func:`steps`."""
    doc = system.document
    units = doc["units"]
    where = f"registry/systems.yaml: system {system.id}"
    unit_spec = templates.column(units["table"], units["key"], where=f"{where}: units")
    columns = [(units["table"], units["key"], None, "keep")] + [_reference(r, templates, where) for r in
                                                                doc.get("references") or ()]
    stale = tuple(dict.fromkeys((t, c, w) for t, c, w, _ in columns))
    closed = tuple(dict.fromkeys((t, c, w) for t, c, w, policy in columns if policy == "repoint"))
    attributes = tuple((units[role], ROW_COLUMNS[role],
                        tuple(sorted(unit_spec.status_values.items())) if role == "status" else ())
                       for role in ("name", "parent", "status", "level") if role in units)
    return Checks(stale, closed, units["table"], units["key"], attributes)
