#!/usr/bin/env python3
"""Seed SQL for the example target systems: their LEGACY state, before any conversion.

    python examples/targets/seed.py SYSTEM [--dialect D] [--registry DIR] > seed.sql

reads the registry through ``madinhdanh`` (validated first: a registry with problems is refused,
exit 1), takes the units in the system's ``scope`` keyed by the identifier systems.yaml names for
it (``code102``, ``code`` or ``legacy.<system>``) and writes deterministic INSERTs for every table
of ``examples/targets/<system>/schema.<dialect>.sql`` (rows: :mod:`legacy_rows`). The dialect
defaults to the system's own. The same registry gives the same bytes.

From Python (tests, demos)::

    source = load_source(Path("registry"))
    tables = seed_tables(source, "qlvb_state")       # Table(name, columns, rows) in insert order
    row_counts(tables)                               # {"dm_donvi": 163, ...}
    sql = seed_sql(source, "qlvb_state", "mssql")    # what the command prints

How values are written (:func:`literal`, through the renderer's dialect quoting): strings in single quotes with ``'`` doubled, backslashes
doubled too for MySQL/MariaDB (whose default sql_mode treats them as escapes), ``N'…'`` for SQL
Server and Oracle (NVARCHAR/NVARCHAR2 need national literals, or Vietnamese turns into ``?``);
booleans ``TRUE``/``FALSE`` for PostgreSQL and ``1``/``0`` elsewhere; times (Asia/Ho_Chi_Minh
local, no zone) as ``TIMESTAMP '…'`` for PostgreSQL and Oracle, ``'YYYY-MM-DDTHH:MM:SS'`` for SQL
Server (the ISO form every language setting reads) and ``'YYYY-MM-DD HH:MM:SS'`` for SQLite and
MySQL. Surrogate ids are never written: identity/serial/auto-increment columns fill them in
insert order. Rows go in multi-row INSERTs of at most :data:`ROWS_PER_INSERT` rows (SQL Server
refuses more than 1000; Oracle before 23ai has no multi-row VALUES, so one row per INSERT).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as a script or imported by path: legacy_rows sits beside it
    sys.path.insert(0, str(HERE))

from legacy_rows import BUILDERS, Held, Legacy, Table, Value, held_units  # noqa: E402

from madinhdanh import validate  # noqa: E402
from madinhdanh.model import Registry  # noqa: E402
from madinhdanh.render.dialects import dialect as sql_dialect  # noqa: E402

REPO = HERE.parents[1]
DIALECTS = ("sqlite", "postgresql", "mysql", "mssql", "oracle")
ROWS_PER_INSERT = {"sqlite": 500, "postgresql": 1000, "mysql": 1000, "mssql": 1000, "oracle": 1}
# Column names that are reserved words in a dialect, written quoted (Oracle: LEVEL, in upper case
# because that is the name an unquoted ``level`` would have had).
RESERVED = {"oracle": {"level"}}


class SeedError(Exception):
    """The registry cannot be seeded (problems, unknown system); ``exit_code`` says how to exit."""

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True, slots=True)
class Source:
    """A validated registry: its units, its systems.yaml entries and units.yaml's sha256."""

    registry: Registry
    systems: tuple[Mapping[str, Any], ...]
    units_sha256: str

    def system(self, system_id: str) -> Mapping[str, Any]:
        for system in self.systems:
            if system["id"] == system_id:
                return system
        known = ", ".join(str(s["id"]) for s in self.systems)
        raise SeedError(f'unknown system "{system_id}"; systems.yaml has: {known}')


def load_source(directory: Path) -> Source:
    """Validate ``directory`` (units.yaml + systems.yaml) and return it; problems raise SeedError."""
    try:
        result = validate.validate_registry(directory)
    except validate.ConfigError as error:
        raise SeedError(str(error)) from error
    if result.problems:
        lines = "\n".join(problem.text() for problem in result.problems)
        raise SeedError(f"the registry has problems; fix them first (mdd validate):\n{lines}", exit_code=1)
    units = result.files["units"]
    return Source(Registry.from_documents(units.doc), tuple(result.systems), hashlib.sha256(units.data).hexdigest())


def held(source: Source, system_id: str) -> tuple[Held, ...]:
    """The units the system holds before conversion, keyed by their legacy identifiers."""
    return held_units(source.registry, source.system(system_id))


def seed_tables(source: Source, system_id: str) -> list[Table]:
    """Every table of the system's schema with its legacy rows, in insert order."""
    system = source.system(system_id)
    builder = BUILDERS.get(system_id)
    if builder is None:
        raise SeedError(f'no example target for system "{system_id}"; examples/targets has: {", ".join(BUILDERS)}')
    return builder(Legacy(source.registry, system, held_units(source.registry, system)))


def row_counts(tables: Sequence[Table]) -> dict[str, int]:
    return {table.name: len(table.rows) for table in tables}


def schema_path(system_id: str, dialect: str) -> Path:
    """The DDL of the system in the dialect: ``examples/targets/<system>/schema.<dialect>.sql``."""
    return HERE / system_id / f"schema.{dialect}.sql"


def literal(value: Value, dialect: str) -> str:
    """``value`` as an SQL literal of ``dialect``: the renderer's quoting (the one place that
    knows N'…', MySQL's backslashes and PostgreSQL's E'…'), plus the timestamps seeds need."""
    if isinstance(value, datetime):
        if dialect == "mssql":
            return f"'{value:%Y-%m-%dT%H:%M:%S}'"
        text = f"'{value:%Y-%m-%d %H:%M:%S}'"
        return f"TIMESTAMP {text}" if dialect in ("postgresql", "oracle") else text
    return str(sql_dialect(dialect).lit(value))


def identifier(name: str, dialect: str) -> str:
    """A column or table name, quoted only where it is a reserved word of the dialect."""
    return f'"{name.upper()}"' if name in RESERVED.get(dialect, ()) else name


def insert_statements(table: Table, dialect: str) -> list[str]:
    """The table's rows as INSERT statements (without the final ``;``), at most
    ``ROWS_PER_INSERT[dialect]`` rows each."""
    head = f"INSERT INTO {identifier(table.name, dialect)} ({', '.join(identifier(c, dialect) for c in table.columns)})"
    size = ROWS_PER_INSERT[dialect]
    statements = []
    for start in range(0, len(table.rows), size):
        rows = [f"({', '.join(literal(v, dialect) for v in row)})" for row in table.rows[start:start + size]]
        statements.append(f"{head} VALUES {rows[0]}" if size == 1 else f"{head} VALUES\n" + ",\n".join(rows))
    return statements


def seed_sql(source: Source, system_id: str, dialect: str) -> str:
    """The seed file: a comment header, then every INSERT, each ending with ``;`` on its line."""
    if dialect not in DIALECTS:
        raise SeedError(f'unknown dialect "{dialect}"; known: {", ".join(DIALECTS)}')
    system = source.system(system_id)
    tables = seed_tables(source, system_id)
    counts = ", ".join(f"{name} {count}" for name, count in row_counts(tables).items())
    lines = [
        f"-- Legacy state of {system_id} ({system['title']}) BEFORE conversion: sample data, illustrative codes.",
        "-- Generated by examples/targets/seed.py; do not edit. Same registry, same bytes.",
        f"-- registry/units.yaml sha256 {source.units_sha256}",
        f"-- Dialect {dialect}; units keyed by {system['identifier']}; "
        f"schema examples/targets/{system_id}/schema.{dialect}.sql.",
        f"-- Rows: {counts}.",
    ]
    lines += NOTES.get(dialect, [])
    statements = ["SET NAMES utf8mb4"] if dialect == "mysql" else []
    for table in tables:
        statements += insert_statements(table, dialect)
    return "\n".join(lines) + "\n\n" + "".join(f"{statement};\n" for statement in statements)


NOTES = {
    "mssql": ["-- sqlcmd: read this file as UTF-8 (-f 65001)."],
    "oracle": ["-- SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &), and a UTF-8 client character set."],
    "mysql": ["-- The connection must use utf8mb4 (SET NAMES below)."],
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seed.py", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("system", help="a system id of systems.yaml (qlvb_state, qlvb_party, tthc, reporting, portal)")
    parser.add_argument("--dialect", choices=DIALECTS, help="default: the system's dialect in systems.yaml")
    parser.add_argument("--registry", type=Path, default=REPO / "registry", help="registry folder (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        source = load_source(args.registry)
        text = seed_sql(source, args.system, args.dialect or str(source.system(args.system)["dialect"]))
    except SeedError as error:
        print(f"seed.py: {error}", file=sys.stderr)
        return error.exit_code
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
