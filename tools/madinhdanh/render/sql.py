"""One system's up.sql and down.sql: its change set, its template set and a dialect in, text out.

The templates get the dialect as ``d`` (quoting filters ``lit``, ``ident``, ``comment``), the
bundle id (the key of this bundle's rows in the target's ``mdd_undo``), the numbered
:mod:`steps <.plan>` and three row lists for the session's temporary tables: ``recodes`` (every
old identifier → its code, with its placeholders), ``repoints`` (closed code → successor's code)
and ``rows`` (the units rows the registry asks for). Pure: no file is written here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import jinja2

from ..changes import Add, ChangeSet, Update
from ..model import Registry, System
from . import plan, templateset
from .dialects import Dialect, Expr, dialect as make_dialect
from .environment import TEMPLATES, environment, render

CHECK_TEMPLATE = "sql/_macros/check.sql.j2"  # the postconditions are the same for every template set
UNDO_COLUMNS = [("bundle", "code"), ("step", "int"), ("row_key", "code"), ("ph", "code"), ("old_value", "text"),
                ("new_value", "text")]
MAP_COLUMNS = [("old_code", "code"), ("new_code", "code"), ("ph", "code"), ("stub", "code")]
REPOINT_COLUMNS = [("old_code", "code"), ("new_code", "code")]
ROW_COLUMNS = [("code", "code"), ("unit_id", "code"), ("unit_name", "text"), ("parent_code", "code"),
               ("unit_status", "code"), ("unit_level", "int"), ("block", "code"), ("is_add", "int")]

NOTES: Mapping[str, tuple[str, ...]] = {
    "sqlite": ("Needs SQLite 3.33 or later (UPDATE ... FROM); run with PRAGMA foreign_keys = ON as the system does.",),
    "postgresql": (),
    "mysql": ("MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits "
              "implicitly in MySQL, which is why it comes before any change.",),
    "mssql": ("SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).",),
    "oracle": ("Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF "
               "first (names contain &).",),
}
PURPOSE = {
    "up": "Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.",
    "down": "Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.",
    "check": "The postconditions of up.sql: run right after it in the same session; every query must return no row.",
}


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a bundle comes from, for headers and the manifest."""

    release: str
    commit: str
    base: str
    base_commit: str | None
    registry_sha256: str


class MapRow(NamedTuple):
    """A row of ``mdd_tmp_map`` (tuples: the templates load them with |lits)."""

    old_code: str
    new_code: str
    ph: str | None
    stub: str | None


class RepointRow(NamedTuple):
    old_code: str
    new_code: str


class UnitRow(NamedTuple):
    code: str
    unit_id: str
    unit_name: str
    parent_code: str | None
    unit_status: str
    unit_level: int
    block: str
    is_add: int


@dataclass(frozen=True, slots=True)
class Header:
    kind: str
    system: str
    title: str
    dialect: str
    release: str
    commit: str
    base: str
    registry: str
    template_set: str
    counts: str
    purpose: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedSystem:
    """A system's two scripts and what the manifest says of them."""

    system: str
    dialect: str
    template_set: str
    bundle_id: str
    up: str
    down: str
    check: str
    steps: tuple[plan.Step, ...] = field(default=())


def bundle_id(system: System, provenance: Provenance) -> str:
    """The key of a bundle's rows in ``mdd_undo``: the same registry change for the same system
    gives the same id whatever the release is called, so it is applied once."""
    seed = f"{system.id}\n{provenance.base_commit or ''}\n{provenance.registry_sha256}"
    return "mdd-" + hashlib.sha256(seed.encode()).hexdigest()[:20]


def render_system(system: System, changes: ChangeSet, head: Registry, provenance: Provenance, *,
                  dialect: str | None = None, root: Path = TEMPLATES) -> RenderedSystem:
    """``system``'s up.sql and down.sql for ``changes``, in ``dialect`` (default: its own)."""
    name = dialect or system.dialect
    templates = templateset.load(str(system.document["template_set"]), root)
    names = {kind: templates.template(kind, name) for kind in ("up", "down")}
    names["check"] = CHECK_TEMPLATE
    steps = plan.steps(system, templates, changes)
    sql, env = _environment(name, templates.mysql_collation, root)
    bid = bundle_id(system, provenance)
    context = _context(system, changes, head, sql, steps, bid)
    context["checks"] = plan.checks(system, templates)
    texts = {}
    for kind, template in names.items():
        context["header"] = _header(kind, system, templates.name, name, provenance, changes)
        texts[kind] = render(env, template, context)
    return RenderedSystem(system.id, name, templates.name, bid, texts["up"], texts["down"], texts["check"],
                          tuple(steps))


@lru_cache(maxsize=32)
def _environment(name: str, collation: str, root: Path) -> tuple[Dialect, jinja2.Environment]:
    """A dialect and its environment (templates compiled once per process)."""
    sql = make_dialect(name, mysql_collation=collation)
    return sql, environment({"lit": sql.lit, "lits": sql.lits, "ident": sql.ident, "comment": sql.comment}, root=root)


def _context(system: System, changes: ChangeSet, head: Registry, sql: Dialect, steps: list[plan.Step],
             bid: str) -> dict[str, Any]:
    return {"d": sql, "expr": Expr, "bundle": bid, "steps": steps, "system": system.id,
            "undo_columns": UNDO_COLUMNS, "map_columns": MAP_COLUMNS, "repoint_columns": REPOINT_COLUMNS,
            "row_columns": ROW_COLUMNS, "recodes": map_rows(changes, placeholders=plan.placeholders(steps)),
            "repoints": repoint_rows(changes),
            "rows": unit_rows(changes, head)}


def map_rows(changes: ChangeSet, *, placeholders: bool = True) -> list[MapRow]:
    """Every old identifier → its code, with two placeholders no code can be (``~N``, ``~Ns``)
    when a step moves codes through them (else NULL: 100,000 codes load and record faster)."""
    pairs = changes.code_map().items()
    if not placeholders:
        return [MapRow(old, new, None, None) for old, new in pairs]
    return [MapRow(old, new, f"~{n}", f"~{n}s") for n, (old, new) in enumerate(pairs, start=1)]


def repoint_rows(changes: ChangeSet) -> list[RepointRow]:
    return [RepointRow(r.old, r.new) for r in dict.fromkeys(changes.repoints)]


def unit_rows(changes: ChangeSet, head: Registry) -> list[UnitRow]:
    """The rows the units table must hold: every added or updated unit (an added one flagged)."""
    added = {add.unit_id for add in changes.adds}
    rows: dict[str, UnitRow] = {}
    wanted: list[Add | Update] = [*changes.adds, *changes.updates]
    for change in wanted:
        unit = head.by_id(change.unit_id)
        block = unit.block if unit is not None else "state"
        rows.setdefault(change.unit_id, UnitRow(change.code, change.unit_id, change.name, change.parent_code,
                                                change.status, change.level, block, int(change.unit_id in added)))
    return list(rows.values())


def _header(kind: str, system: System, template_set: str, dialect: str, provenance: Provenance,
            changes: ChangeSet) -> Header:
    counts = ", ".join(f"{n} {name}" for name, n in changes.counts().items())
    identifiers = len(changes.code_map())
    declared = "" if dialect == system.dialect else f" (declared: {system.dialect})"
    return Header(kind, system.id, system.title, dialect + declared, provenance.release, provenance.commit,
                  provenance.base, provenance.registry_sha256, template_set,
                  f"{counts} ({identifiers} old identifiers)", PURPOSE[kind], NOTES[dialect])
