"""The five SQL dialects: how each engine writes a value, a name, a temporary table and an UPDATE
that reads another table. Data first (the fields of :class:`Dialect`), one small subclass per
engine overriding only the forms that differ (STYLE.md point 2).

Everything here returns :class:`Quoted` text, built from two kinds of input only: **names**
(quoted by :meth:`Dialect.ident`; the project's own tables and columns, ``mdd_*``, are checked
against :data:`INTERNAL` and written bare) and **values** (quoted by :meth:`Dialect.lit`). No
method takes an SQL fragment, so no template can pass raw text through one.

Literals: quotes doubled everywhere; ``N'…'`` for SQL Server and Oracle (NVARCHAR/NVARCHAR2
columns: without it Vietnamese turns into ``?``); backslashes doubled for MySQL/MariaDB (whose
default ``sql_mode`` reads them as escapes); PostgreSQL writes a text with a backslash as
``E'…'`` so that it reads the same whatever ``standard_conforming_strings`` says. Names: quoted
in every dialect (``"…"``, ```…```, ``[…]``); Oracle's in upper case, the name an unquoted
identifier has there (``level`` → ``"LEVEL"``, a reserved word that must be quoted anyway).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .quoted import Quoted
from .sqlbase import CHUNK, INTERNAL, NAME, Dialect, Expr, On, Where, _assignments, _internal

__all__ = ["CHUNK", "DIALECTS", "INTERNAL", "NAME", "Dialect", "Expr", "On", "Where", "dialect"]


class SQLite(Dialect):
    name, sqlglot = "sqlite", "sqlite"
    types = {"code": "TEXT", "text": "TEXT", "int": "INTEGER", "bool": "INTEGER", "doc": "TEXT"}
    text_cast = "TEXT"

    def create_temp(self, name: str, columns: Sequence[tuple[str, str]], key: Sequence[str]) -> Quoted:
        return Quoted(f"{self.drop_temp(name)}\nCREATE TEMP TABLE {self.temp(name)} {self._columns(columns, key)};")

    def drop_temp(self, name: str) -> Quoted:
        return Quoted(f"DROP TABLE IF EXISTS temp.{self.temp(name)};")

    def differ(self, left: str, right: str) -> str:
        return f"{left} IS NOT {right}"


class PostgreSQL(Dialect):
    name, sqlglot = "postgresql", "postgres"
    true, false = "TRUE", "FALSE"
    returning = True
    types = {"code": "VARCHAR(100)", "text": "VARCHAR(1000)", "int": "INTEGER", "bool": "BOOLEAN", "doc": "TEXT"}

    def _text(self, doubled: str) -> str:
        return f"E'{doubled.replace(chr(92), chr(92) * 2)}'" if "\\" in doubled else f"'{doubled}'"

    def drop_temp(self, name: str) -> Quoted:
        return Quoted(f"DROP TABLE IF EXISTS pg_temp.{self.temp(name)};")

    def session(self) -> Quoted:
        # The temporary tables have no statistics, so the planner sizes each hash of them (the
        # unit rows: 15 MB at 100,000 units) for a few rows and splits it into batches on disk
        # under the default 4 MB: five joins wrote 46 MB of temporary files. The memory is this
        # session's, for the script's joins; it ends with the session.
        return Quoted("-- the joins hash the temporary tables (no statistics) in memory, not in batches on disk\n"
                      "SET work_mem = '64MB';")

    def copy_rows(self, table: str, columns: Sequence[str], items: Sequence[Sequence[Any]]) -> Quoted:
        """``COPY … FROM STDIN`` and the rows in COPY's text format, ended by ``\\.``: what psql
        -f runs and ``targets/`` sends through the driver's COPY; a quarter of the time of the same
        rows as INSERTs (100,000 codes: 0.15 s against 0.53 s)."""
        if not items:
            return Quoted("")
        lines = [f"COPY {self.temp(table)} ({', '.join(map(_internal, columns))}) FROM STDIN;"]
        lines += ["\t".join(_copy_value(value) for value in item) for item in items]
        lines.append("\\.")
        return Quoted("\n".join(lines))

    def differ(self, left: str, right: str) -> str:
        return f"{left} IS DISTINCT FROM {right}"

    def exact(self, column: str) -> Quoted:
        # "C" compares bytes (equality is bytewise under any deterministic collation anyway), and
        # sorts several times faster than a locale's collation
        return Quoted(f'{_internal(column)} COLLATE "C"')


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value: Any) -> str:
    """One value in COPY's text format: ``\\N`` for NULL, ``t``/``f``, backslash escapes."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"no COPY value for {type(value).__name__} {value!r}")
    if "\x00" in value:
        raise ValueError("a text value cannot hold a NUL character")
    return value.translate(_COPY_ESCAPES)


class MySQL(Dialect):
    """MySQL 8 and MariaDB 10.5+. Our tables are utf8mb4 in the collation the template set
    names (joins between columns of one charset and two collations fail)."""

    name, sqlglot = "mysql", "mysql"
    quotes = ("`", "`")
    types = {"code": "VARCHAR(100)", "text": "VARCHAR(1000)", "int": "INT", "bool": "TINYINT(1)", "doc": "LONGTEXT"}
    int_cast, text_cast = "SIGNED", "CHAR(1000)"
    one_row = " FROM DUAL"

    def _text(self, doubled: str) -> str:
        return "'" + doubled.replace("\\", "\\\\") + "'"

    def session(self) -> Quoted:
        return Quoted("SET NAMES utf8mb4;")

    def _options(self) -> str:
        return f" DEFAULT CHARSET=utf8mb4 COLLATE={self.collation}"

    def create_temp(self, name: str, columns: Sequence[tuple[str, str]], key: Sequence[str]) -> Quoted:
        return Quoted(f"{self.drop_temp(name)}\nCREATE TEMPORARY TABLE {self.temp(name)} "
                      f"{self._columns(columns, key)}{self._options()};")

    def drop_temp(self, name: str) -> Quoted:
        return Quoted(f"DROP TEMPORARY TABLE IF EXISTS {self.temp(name)};")

    def create_table(self, name: str, columns: Sequence[tuple[str, str]], key: Sequence[str],
                     required: Sequence[str] = ()) -> Quoted:
        return Quoted(f"CREATE TABLE IF NOT EXISTS {_internal(name)} {self._columns(columns, key, required)}"
                      f"{self._options()};")

    def create_backup(self, table: str) -> Quoted:
        return Quoted(f"CREATE TABLE IF NOT EXISTS {self.backup(table)}{self._options()} AS SELECT CAST(NULL AS "
                      f"CHAR(100)) AS mdd_bundle, CAST(NULL AS SIGNED) AS mdd_step, t.* FROM {self.ident(table)} t "
                      "WHERE 1 = 0;")

    def differ(self, left: str, right: str) -> str:
        # bytes, not the collation: utf8mb4_unicode_ci finds 'Ban Tôn giáo' = 'Ban Ton Giao', so a
        # name corrected only in case or diacritics would never be written (values are NFC)
        return f"NOT (CAST({left} AS BINARY) <=> CAST({right} AS BINARY))"

    def exact(self, column: str) -> Quoted:
        return Quoted(f"CAST({_internal(column)} AS BINARY)")  # not the collation: see differ

    def concat(self, alias: str, column: str, suffix: str) -> Quoted:
        return Quoted(f"CONCAT({_internal(alias)}.{_internal(column)}, {self.lit(suffix)})")

    def _update_units(self, table: str, key: str, sets: Sequence[tuple[str, str]]) -> str:
        assignments = ",\n       ".join(f"t.{column} = {expr}" for column, expr in sets)
        return (f"UPDATE {table} AS t\n  JOIN {self.temp('mdd_tmp_map')} AS m ON t.{key} = m.old_code\n"
                f"  LEFT JOIN {self.temp('mdd_tmp_rows')} AS r ON r.code = m.new_code\n   SET {assignments}")

    def _update(self, target: str, sets: Sequence[tuple[str, str]], source: str, joins: list[str],
                filters: list[str], changed: list[str]) -> str:
        where = filters + changed
        return (f"UPDATE {target} AS t\n  JOIN {source} AS s ON {' AND '.join(joins)}\n   SET {_assignments(sets, 't.')}"
                + (f"\n WHERE {' AND '.join(where)}" if where else ""))


class SQLServer(Dialect):
    """SQL Server 2016+ (DROP … IF EXISTS). Temporary tables live in tempdb, whose collation may
    differ from the database's: their text columns say COLLATE DATABASE_DEFAULT."""

    name, sqlglot = "mssql", "tsql"
    quotes = ("[", "]")
    national = True
    types = {"code": "NVARCHAR(100) COLLATE DATABASE_DEFAULT", "text": "NVARCHAR(1000) COLLATE DATABASE_DEFAULT",
             "int": "INT", "bool": "BIT", "doc": "NVARCHAR(MAX)"}
    int_cast, text_cast = "INT", "NVARCHAR(1000)"

    def temp(self, name: str) -> Quoted:
        return Quoted(f"#{_internal(name)}")

    def session(self) -> Quoted:
        return Quoted("SET XACT_ABORT ON;")

    def identity_insert(self, table: str, identity: str | None, enable: bool) -> Quoted:
        if identity is None:
            return Quoted("")
        return Quoted(f"SET IDENTITY_INSERT {self.ident(table)} {'ON' if enable else 'OFF'};")

    def create_temp(self, name: str, columns: Sequence[tuple[str, str]], key: Sequence[str]) -> Quoted:
        return Quoted(f"{self.drop_temp(name)}\nCREATE TABLE {self.temp(name)} {self._columns(columns, key)};")

    def create_table(self, name: str, columns: Sequence[tuple[str, str]], key: Sequence[str],
                     required: Sequence[str] = ()) -> Quoted:
        return Quoted(f"IF OBJECT_ID(N'{_internal(name)}', N'U') IS NULL CREATE TABLE {_internal(name)} "
                      f"{self._columns(columns, key, required)};")

    def create_backup(self, table: str) -> Quoted:
        # the JOIN keeps SELECT INTO from copying the IDENTITY property of the table's key
        backup = self.backup(table)
        return Quoted(f"IF OBJECT_ID(N'{backup.replace(chr(39), chr(39) * 2)}', N'U') IS NULL SELECT CAST(NULL AS "
                      f"NVARCHAR(100)) AS mdd_bundle, CAST(NULL AS INT) AS mdd_step, t.* INTO {backup} FROM "
                      f"{self.ident(table)} AS t JOIN (SELECT 1 AS one) AS d ON 1 = 0;")

    def concat(self, alias: str, column: str, suffix: str) -> Quoted:
        return Quoted(f"{_internal(alias)}.{_internal(column)} + {self.lit(suffix)}")

    def _update_units(self, table: str, key: str, sets: Sequence[tuple[str, str]]) -> str:
        assignments = ",\n       ".join(f"{column} = {expr}" for column, expr in sets)
        return (f"UPDATE t\n   SET {assignments}\n  FROM {table} AS t\n  JOIN {self.temp('mdd_tmp_map')} AS m ON "
                f"t.{key} = m.old_code\n  LEFT JOIN {self.temp('mdd_tmp_rows')} AS r ON r.code = m.new_code")

    def _update(self, target: str, sets: Sequence[tuple[str, str]], source: str, joins: list[str],
                filters: list[str], changed: list[str]) -> str:
        where = filters + changed
        return (f"UPDATE t\n   SET {_assignments(sets)}\n  FROM {target} AS t\n  JOIN {source} AS s ON "
                f"{' AND '.join(joins)}" + (f"\n WHERE {' AND '.join(where)}" if where else ""))


class Oracle(Dialect):
    """Oracle Database 23ai (IF NOT EXISTS); the data statements also run on 19c, where the
    ``mdd_*`` tables must be created beforehand. Temporary tables are global temporary tables
    (created once, rows private to the session). MERGE cannot update a column used in its ON,
    so an UPDATE from another table is a correlated subquery."""

    name, sqlglot = "oracle", "oracle"
    national = True
    merges_units = False
    types = {"code": "NVARCHAR2(100)", "text": "NVARCHAR2(1000)", "int": "NUMBER(10)", "bool": "NUMBER(1)", "doc": "NCLOB"}
    one_row = " FROM DUAL"
    text_cast = "NVARCHAR2(1000)"
    values = ""
    row_open, row_next, row_close, row_sep = "SELECT ", "UNION ALL SELECT ", " FROM DUAL", ""

    def _quote(self, part: str) -> str:
        return super()._quote(part.upper())

    def create_temp(self, name: str, columns: Sequence[tuple[str, str]], key: Sequence[str]) -> Quoted:
        return Quoted(f"CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS {self.temp(name)} {self._columns(columns, key)} "
                      f"ON COMMIT PRESERVE ROWS;\nDELETE FROM {self.temp(name)};")

    def drop_temp(self, name: str) -> Quoted:
        return Quoted(f"DELETE FROM {self.temp(name)};")

    def create_backup(self, table: str) -> Quoted:
        return Quoted(f"CREATE TABLE IF NOT EXISTS {self.backup(table)} AS SELECT CAST(NULL AS NVARCHAR2(100)) AS "
                      f"mdd_bundle, CAST(NULL AS NUMBER(10)) AS mdd_step, t.* FROM {self.ident(table)} t WHERE 1 = 0;")

    def _update(self, target: str, sets: Sequence[tuple[str, str]], source: str, joins: list[str],
                filters: list[str], changed: list[str]) -> str:
        match = "\n     AND ".join(joins)
        exists = "\n     AND ".join(joins + changed)
        columns, exprs = ", ".join(c for c, _ in sets), ", ".join(e for _, e in sets)
        if len(sets) > 1:  # SET (a, b) = (SELECT …): one subquery for every column
            columns = f"({columns})"
        return (f"UPDATE {target} t\n   SET {columns} = (SELECT {exprs} FROM {source} s\n   WHERE {match})\n"
                f" WHERE EXISTS (SELECT 1 FROM {source} s\n   WHERE {exists})"
                + "".join(f"\n   AND {condition}" for condition in filters))


DIALECTS: Mapping[str, type[Dialect]] = {cls.name: cls for cls in (SQLite, PostgreSQL, MySQL, SQLServer, Oracle)}


def dialect(name: str, **options: Any) -> Dialect:
    """The dialect called ``name`` (one of :data:`DIALECTS`)."""
    try:
        return DIALECTS[name](**options)
    except KeyError:
        raise ValueError(f'unknown dialect "{name}"; known: {", ".join(DIALECTS)}') from None
