"""A template set's expectations (``templates/sql/<set>/set.yaml``): the tables and columns of a
system's database as the set's SQL assumes them.

A set is shared by every system whose database looks the same (one vendor's product installed
in several places): such a system is a systems.yaml entry naming the set, never Python. The
file says, per table, every column (stub rows and restored rows name them all), the column the
database fills itself (``identity``), an integer column naming a row that the conversion never
changes (``row_id``: how down.sql finds what up.sql changed), the UNIQUE/PRIMARY KEY column sets
that hold codes (recoded in two phases), the foreign keys without ON UPDATE CASCADE that reference
a code column (``referenced_by``: recoded through stub rows), how the units table writes a status
and fills a new unit's other NOT NULL columns. The format: ``templates/sql/set.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .. import loader
from ..errors import ConfigError
from .environment import TEMPLATES


class TemplateSetError(ConfigError):
    """A template set is missing, malformed, or does not fit a system: exit 2."""


@dataclass(frozen=True, slots=True)
class Fill:
    """How a new unit's row fills one more column: from a unit field (through ``map``) or a value."""

    column: str
    source: str | None = None
    mapping: tuple[tuple[str, Any], ...] = ()
    value: Any = None


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table as a set describes it (see the module docstring)."""

    name: str
    columns: tuple[str, ...]
    identity: str | None = None
    row_id: str | None = None
    unique: tuple[tuple[str, ...], ...] = ()
    referenced_by: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    status_values: Mapping[str, Any] = field(default_factory=dict)
    insert: tuple[Fill, ...] = ()

    def unique_alone(self, column: str, filter_column: str | None = None) -> bool:
        """Whether ``column`` alone names a row (among the rows where ``filter_column`` is fixed)."""
        return any(column in keys and set(keys) <= {column, filter_column} for keys in self.unique)

    def unique_with(self, column: str, filter_column: str | None = None) -> tuple[str, ...] | None:
        """The other columns of the narrowest unique set holding ``column`` (None: in none)."""
        sets = [tuple(c for c in keys if c not in (column, filter_column)) for keys in self.unique if column in keys]
        return min(sets, key=len) if sets else None


@dataclass(frozen=True, slots=True)
class TemplateSet:
    """A set's folder, the dialects it renders and its tables."""

    name: str
    folder: Path
    dialects: tuple[str, ...]
    tables: Mapping[str, TableSpec]
    mysql_collation: str = "utf8mb4_unicode_ci"

    @property
    def shown(self) -> str:
        return f"templates/sql/{self.name}/set.yaml"

    def template(self, kind: str, dialect: str) -> str:
        """The template name of ``kind`` (up, down) for ``dialect``: ``<kind>.<dialect>.sql.j2`` if
        the set has one, else ``<kind>.sql.j2``."""
        if dialect not in self.dialects:
            raise TemplateSetError(f"template set {self.name} has no templates for dialect {dialect} "
                                   f"({self.shown} lists: {', '.join(self.dialects)})")
        for candidate in (f"{kind}.{dialect}.sql.j2", f"{kind}.sql.j2"):
            if (self.folder / candidate).is_file():
                return f"sql/{self.name}/{candidate}"
        raise TemplateSetError(f"template set {self.name} has no {kind} template for dialect {dialect}: "
                               f"templates/sql/{self.name}/{kind}.sql.j2 is missing")

    def table(self, name: str, *, where: str) -> TableSpec:
        """The table ``name``; ``where`` names the systems.yaml place that asked (for the error)."""
        spec = self.tables.get(name)
        if spec is None:
            raise TemplateSetError(f"{where}: table {name} is not one template set {self.name} expects "
                                   f"({self.shown} has: {', '.join(self.tables)})")
        return spec

    def column(self, table: str, column: str, *, where: str) -> TableSpec:
        spec = self.table(table, where=where)
        if column not in spec.columns:
            raise TemplateSetError(f"{where}: column {table}.{column} is not one template set {self.name} "
                                   f"expects ({self.shown} gives {table}: {', '.join(spec.columns)})")
        return spec


def load(name: str, root: Path = TEMPLATES) -> TemplateSet:
    """The template set ``name`` under ``root/sql``; a missing or malformed set.yaml raises
    :class:`TemplateSetError` naming the file."""
    return _load(name, root.resolve())


@cache
def _load(name: str, root: Path) -> TemplateSet:
    folder = root / "sql" / name
    shown = f"templates/sql/{name}/set.yaml"
    if not (folder / "set.yaml").is_file():
        raise TemplateSetError(f"template set {name} not found: {shown} is missing")
    try:
        doc: Any = loader.load_file(folder / "set.yaml")
    except loader.LoadError as error:
        first = error.problems[0]
        raise TemplateSetError(f"{shown}:{first.line}:{first.column}: {first.message}") from None
    _check_schema(doc, shown, root)
    tables = {table: _table(table, spec) for table, spec in doc["tables"].items()}
    _check_references(tables, doc, shown)
    return TemplateSet(name, folder, tuple(doc["dialects"]), tables,
                       str(doc.get("mysql_collation") or "utf8mb4_unicode_ci"))


def _check_schema(doc: Any, shown: str, root: Path) -> None:
    import jsonschema

    schema = json.loads((root / "sql" / "set.schema.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(map(str, e.path)))
    if errors:
        error = errors[0]
        line, column = loader.position(doc, tuple(error.absolute_path))
        path = "/".join(map(str, error.absolute_path)) or "(top)"
        raise TemplateSetError(f"{shown}:{line}:{column}: {path}: {error.message}")


def _table(name: str, doc: Mapping[str, Any]) -> TableSpec:
    referenced = {column: tuple(_split(ref) for ref in refs) for column, refs in (doc.get("referenced_by") or {}).items()}
    fills = tuple(Fill(column, spec.get("from"), tuple(sorted((str(k), v) for k, v in (spec.get("map") or {}).items())),
                       spec.get("value")) for column, spec in (doc.get("insert") or {}).items())
    return TableSpec(name, tuple(doc["columns"]), doc.get("identity"), doc.get("row_id"),
                     tuple(tuple(keys) for keys in doc.get("unique") or ()), referenced,
                     dict(doc.get("status_values") or {}), fills)


def _split(reference: str) -> tuple[str, str]:
    table, _, column = reference.rpartition(".")
    return table, column


def _check_references(tables: Mapping[str, TableSpec], doc: Any, shown: str) -> None:
    """Every column a set names is one of its table's columns."""
    for spec in tables.values():
        named = [spec.identity, spec.row_id, *(c for keys in spec.unique for c in keys), *spec.referenced_by,
                 *(fill.column for fill in spec.insert)]
        for column in filter(None, named):
            if column not in spec.columns:
                raise TemplateSetError(f"{shown}: tables.{spec.name} names column {column}, which is not in its columns")
        for column, refs in spec.referenced_by.items():
            if not spec.unique_alone(column):
                raise TemplateSetError(f"{shown}: tables.{spec.name}.referenced_by: {column} must be a primary key or "
                                       "UNIQUE column (listed alone in unique)")
            for table, ref_column in refs:
                if table not in tables or ref_column not in tables[table].columns:
                    raise TemplateSetError(f"{shown}: tables.{spec.name}.referenced_by.{column}: {table}.{ref_column} "
                                           "is not a column of the set")
