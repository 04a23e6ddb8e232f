"""What every SQL dialect shares: the :class:`Dialect` base class, whose fields are the data that
differ between engines and whose methods build statements from names and values only (see
:mod:`.dialects` for the five engines and how literals and names are quoted)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from .quoted import Quoted

INTERNAL = re.compile(r"^[a-z][a-z0-9_]*$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CHUNK = 1000  # rows per multi-row INSERT (SQL Server refuses more)


@dataclass(frozen=True, slots=True)
class On:
    """A join condition: target column ``target`` (a name) equals source column ``source`` (an
    internal name), the source side cast to an integer when ``cast_int``."""

    target: str
    source: str
    cast_int: bool = False


@dataclass(frozen=True, slots=True)
class Expr:
    """A value computed from one row of an internal table: its ``source`` column, translated
    through ``mapping`` (a CASE) when given; the constant ``value`` when ``source`` is empty."""

    source: str = ""
    mapping: tuple[tuple[Any, Any], ...] = ()
    value: Any = None


@dataclass(frozen=True, slots=True)
class Where:
    """Only target rows whose ``column`` equals ``equals`` (systems.yaml ``where``)."""

    column: str
    equals: str | int


class Dialect:
    """What differs between engines, as data; the subclasses override the forms that differ."""

    name: ClassVar[str]
    sqlglot: ClassVar[str]  # the dialect's name in sqlglot (golden files are parsed with it)
    quotes: ClassVar[tuple[str, str]] = ('"', '"')
    national: ClassVar[bool] = False
    true: ClassVar[str] = "1"
    false: ClassVar[str] = "0"
    types: ClassVar[Mapping[str, str]]  # code, text, int, bool, doc (a whole script)
    int_cast: ClassVar[str] = "INTEGER"
    text_cast: ClassVar[str] = "VARCHAR(1000)"  # the type a value is CAST to for mdd_undo
    one_row: ClassVar[str] = ""  # what a SELECT without a table needs (FROM DUAL)
    # a multi-row INSERT, a row a line: INSERT INTO t (…) <values> / <open>row<close><sep> /
    # <next>row<close><sep> / … / <next>row<close>;
    values: ClassVar[str] = "VALUES"
    row_open: ClassVar[str] = "("
    row_next: ClassVar[str] = "("
    row_close: ClassVar[str] = ")"
    row_sep: ClassVar[str] = ","

    def __init__(self, *, mysql_collation: str = "utf8mb4_unicode_ci") -> None:
        if not re.fullmatch(r"[a-z0-9_]+", mysql_collation):
            raise ValueError(f"not a collation name: {mysql_collation!r}")
        self.collation = mysql_collation
        self.chunk = CHUNK
        self.one_row_sql = Quoted(self.one_row)
        self.values_sql, self.row_open_sql = Quoted(self.values), Quoted(self.row_open)
        self.row_next_sql = Quoted(self.row_next)
        self.row_close_sql, self.row_sep_sql = Quoted(self.row_close), Quoted(self.row_sep)

    def __repr__(self) -> str:
        return f"<dialect {self.name}>"

    # --- values and names ---------------------------------------------------------------------

    def lit(self, value: Any) -> Quoted:
        """``value`` as an SQL literal: NULL, a boolean, an integer or a quoted text."""
        if value is None:
            return Quoted("NULL")
        if isinstance(value, bool):
            return Quoted(self.true if value else self.false)
        if isinstance(value, int):
            return Quoted(str(value))
        if not isinstance(value, str):
            raise TypeError(f"no SQL literal for {type(value).__name__} {value!r}")
        if "\x00" in value:
            raise ValueError("a text value cannot hold a NUL character")
        return Quoted(self._text(value.replace("'", "''")))

    def _text(self, doubled: str) -> str:
        return f"{'N' if self.national else ''}'{doubled}'"

    def lits(self, values: Sequence[Any]) -> Quoted:
        """Several values, each through :meth:`lit`, comma-separated (one row of a multi-row INSERT)."""
        return Quoted(", ".join(self.lit(value) for value in values))

    def ident(self, name: str) -> Quoted:
        """A table (``schema.table``) or column name, quoted."""
        parts = str(name).split(".")
        if len(parts) > 2 or not all(NAME.fullmatch(part) for part in parts):
            raise ValueError(f"not a table or column name: {name!r}")
        return Quoted(".".join(self._quote(part) for part in parts))

    def _quote(self, part: str) -> str:
        opening, closing = self.quotes
        return f"{opening}{part.replace(closing, closing * 2)}{closing}"

    @staticmethod
    def comment(text: Any) -> Quoted:
        """Text for the rest of a ``--`` comment line (line breaks become spaces)."""
        return Quoted(" ".join(str(text).splitlines()))

    def names(self, names: Sequence[str], alias: str = "") -> Quoted:
        """Column names, quoted and comma-separated, each after ``alias.`` when given."""
        prefix = f"{_internal(alias)}." if alias else ""
        return Quoted(", ".join(prefix + self.ident(name) for name in names))

    def internal(self, names: Sequence[str], alias: str = "") -> Quoted:
        """Names of our own columns (``old_code``, ``mdd_step``…), comma-separated."""
        prefix = f"{_internal(alias)}." if alias else ""
        return Quoted(", ".join(prefix + _internal(name) for name in names))

    def col(self, alias: str, name: str) -> Quoted:
        """A column of the table aliased ``alias``."""
        return Quoted(f"{_internal(alias)}.{self.ident(name)}")

    @staticmethod
    def on(target: str, source: str, cast_int: bool = False) -> On:
        return On(target, source, cast_int)

    def session(self) -> Quoted:
        """Statements a script starts with (the connection's character set…)."""
        return Quoted("")

    def identity_insert(self, table: str, identity: str | None, enable: bool) -> Quoted:
        """What lets an INSERT give an identity column its value (SQL Server only)."""
        return Quoted("")

    # --- tables of our own ----------------------------------------------------------------------

    def temp(self, name: str) -> Quoted:
        """How statements name the session's temporary table ``name``."""
        return Quoted(_internal(name))

    def _columns(self, columns: Sequence[tuple[str, str]], key: Sequence[str], required: Sequence[str] = ()) -> str:
        """Column definitions: ``key`` the primary key (none when empty), its columns and
        ``required`` NOT NULL."""
        body = [f"{_internal(column)} {self.types[kind]}{' NOT NULL' if column in key or column in required else ''}"
                for column, kind in columns]
        primary = [f"PRIMARY KEY ({', '.join(map(_internal, key))})"] if key else []
        return "(" + ", ".join(body + primary) + ")"

    def create_temp(self, name: str, columns: Sequence[tuple[str, str]], key: Sequence[str]) -> Quoted:
        """Statements that (re)create an empty temporary table of the session."""
        return Quoted(f"{self.drop_temp(name)}\nCREATE TEMPORARY TABLE {self.temp(name)} {self._columns(columns, key)};")

    def drop_temp(self, name: str) -> Quoted:
        return Quoted(f"DROP TABLE IF EXISTS {self.temp(name)};")

    def create_table(self, name: str, columns: Sequence[tuple[str, str]], key: Sequence[str],
                     required: Sequence[str] = ()) -> Quoted:
        """A permanent table of ours (``mdd_undo``, the ledger), created if missing."""
        return Quoted(f"CREATE TABLE IF NOT EXISTS {_internal(name)} {self._columns(columns, key, required)};")

    def create_backup(self, table: str) -> Quoted:
        """``mdd_undo_<table>``, created if missing: the table's columns after ``mdd_bundle`` and
        ``mdd_step``, for the rows a step deletes (down.sql inserts them back)."""
        return Quoted(f"CREATE TABLE IF NOT EXISTS {self.backup(table)} AS SELECT CAST(NULL AS {self.types['code']}) "
                      f"AS mdd_bundle, CAST(NULL AS {self.types['int']}) AS mdd_step, t.* FROM {self.ident(table)} t "
                      "WHERE 1 = 0;")

    def backup(self, table: str) -> Quoted:
        schema, _, name = str(table).rpartition(".")
        return self.ident(f"{schema}.mdd_undo_{name}" if schema else f"mdd_undo_{name}")

    def copy_rows(self, table: str, columns: Sequence[str], items: Sequence[Sequence[Any]]) -> Quoted:
        """A bulk load of an internal table in the engine's own data format, when it has one that a
        script can carry (PostgreSQL: ``COPY … FROM STDIN`` and the rows, as pg_dump writes them);
        empty when the engine has none (the load then uses multi-row INSERTs)."""
        return Quoted("")

    # --- expressions --------------------------------------------------------------------------

    def as_text(self, alias: str, column: str) -> Quoted:
        """The column as text (what ``mdd_undo`` keeps of a value)."""
        return Quoted(f"CAST({_internal(alias)}.{self.ident(column)} AS {self.text_cast})")

    def expr(self, alias: str, expr: Expr) -> Quoted:
        """``expr`` over the row ``alias`` of an internal table."""
        if not expr.source:
            return self.lit(expr.value)
        return Quoted(self._mapped(f"{_internal(alias)}.{_internal(expr.source)}", expr.mapping))

    def exact(self, column: str) -> Quoted:
        """An internal text column compared byte by byte (what a GROUP BY or DISTINCT on it
        should see whatever the database's collation; SQLite and Oracle compare bytes already)."""
        return Quoted(_internal(column))

    def expr_text(self, alias: str, expr: Expr) -> Quoted:
        """``expr`` as text (a postcondition's expected value, in a column of text values)."""
        return Quoted(f"CAST({self.expr(alias, expr)} AS {self.text_cast})")

    def _mapped(self, column: str, mapping: Sequence[tuple[Any, Any]] | Mapping[Any, Any]) -> str:
        items = sorted(mapping.items()) if isinstance(mapping, Mapping) else list(mapping)
        if not items:
            return column
        return f"CASE {column} " + " ".join(f"WHEN {self.lit(k)} THEN {self.lit(v)}" for k, v in items) + " END"

    def changed(self, alias: str, column: str, source_alias: str, source: str,
                mapping: Sequence[tuple[Any, Any]] = ()) -> Quoted:
        """The target column differs from the internal column (through ``mapping``), NULL-safe."""
        right = self._mapped(f"{_internal(source_alias)}.{_internal(source)}", mapping)
        return Quoted(self.differ(f"{_internal(alias)}.{self.ident(column)}", right))

    def differ(self, left: str, right: str) -> str:
        """``left`` and ``right`` differ, NULL counting as a value (internal use: both sides are
        expressions this class built)."""
        return f"({left} <> {right} OR ({left} IS NULL AND {right} IS NOT NULL) OR ({left} IS NOT NULL AND {right} IS NULL))"

    def concat(self, alias: str, column: str, suffix: str) -> Quoted:
        """An internal column with a constant suffix (down.sql's stub placeholders)."""
        return Quoted(f"{_internal(alias)}.{_internal(column)} || {self.lit(suffix)}")

    # --- UPDATE … FROM another table ------------------------------------------------------------

    def update_join(self, table: str, column: str, *, source: str, value: str, on: Sequence[On],
                    where: Where | None = None, source_where: Mapping[str, Any] | None = None,
                    cast_int: bool = False, value_map: Mapping[str, Any] | None = None,
                    changed_only: bool = False) -> Quoted:
        """``UPDATE table SET column = s.value`` for each target row ``t`` that matches one row
        ``s`` of ``source`` on ``on`` (plus ``source_where`` on ``s`` and ``where`` on ``t``).
        ``cast_int`` casts the value to an integer; ``value_map`` translates it (registry status
        → the system's word); ``changed_only`` skips rows that already hold it."""
        expr = self._value(value, cast_int, value_map)
        joins = [f"t.{self.ident(o.target)} = {self._source_column(o)}" for o in on]
        joins += [f"s.{_internal(k)} = {self.lit(v)}" for k, v in sorted((source_where or {}).items())]
        filters = [f"t.{self.ident(where.column)} = {self.lit(where.equals)}"] if where else []
        changed = [self.differ(f"t.{self.ident(column)}", expr)] if changed_only else []
        return Quoted(self._update(self.ident(table), [(self.ident(column), expr)], self._table(source), joins,
                                   filters, changed) + ";")

    def update_rows(self, table: str, key: str,
                    attributes: Sequence[tuple[int, str, str, bool, Sequence[tuple[Any, Any]]]]) -> Quoted:
        """One UPDATE of the units table that writes every attribute (step, column, source, cast to
        integer, value map) from the unit's ``mdd_tmp_rows`` row, on the rows where any differs:
        one new version of a row instead of one per column. A column that already holds its value
        is written with that same value (the same expression the attribute steps compare)."""
        sets = [(self.ident(column), self._value(source, False, dict(mapping)))
                for _, column, source, _, mapping in attributes]
        changed = " OR ".join(self.differ(f"t.{column}", expr) for column, expr in sets)
        return Quoted(self._update(self.ident(table), sets, self.temp("mdd_tmp_rows"),
                                   [f"t.{self.ident(key)} = s.code"], [], [f"({changed})"]) + ";")

    merges_units: ClassVar[bool] = True  # update_units is possible (Oracle: no UPDATE with joins)
    returning: ClassVar[bool] = False  # WITH a AS (INSERT … RETURNING …) INSERT … FROM a (PostgreSQL)

    def update_units(self, table: str, key: str,
                     attributes: Sequence[tuple[int, str, str, bool, Sequence[tuple[Any, Any]]]]) -> Quoted:
        """One UPDATE of the units table: the key old → new through ``mdd_tmp_map`` and each
        attribute (step, column, source, cast to integer, value map) from the unit's
        ``mdd_tmp_rows`` row when it has one (LEFT JOIN: a recoded unit with no row keeps them)."""
        sets = [(self.ident(key), "m.new_code")]
        for _, column, source, cast_int, mapping in attributes:
            expr = self._mapped(f"r.{_internal(source)}", mapping) if mapping else (
                f"CAST(r.{_internal(source)} AS {self.int_cast})" if cast_int else f"r.{_internal(source)}")
            sets.append((self.ident(column), f"CASE WHEN r.code IS NULL THEN t.{self.ident(column)} ELSE {expr} END"))
        return Quoted(self._update_units(self.ident(table), self.ident(key), sets) + ";")

    def _update_units(self, table: str, key: str, sets: Sequence[tuple[str, str]]) -> str:
        """PostgreSQL and SQLite: UPDATE … SET … FROM a join."""
        assignments = ",\n       ".join(f"{column} = {expr}" for column, expr in sets)
        return (f"UPDATE {table} AS t\n   SET {assignments}\n  FROM {self.temp('mdd_tmp_map')} AS m\n"
                f"  LEFT JOIN {self.temp('mdd_tmp_rows')} AS r ON r.code = m.new_code\n WHERE t.{key} = m.old_code")

    def _value(self, value: str, cast_int: bool, value_map: Mapping[str, Any] | None) -> str:
        expr = f"s.{_internal(value)}"
        if value_map:
            return self._mapped(expr, value_map)
        return f"CAST({expr} AS {self.int_cast})" if cast_int else expr

    def _source_column(self, on: On) -> str:
        return f"CAST(s.{_internal(on.source)} AS {self.int_cast})" if on.cast_int else f"s.{_internal(on.source)}"

    def _table(self, name: str) -> str:
        return self.temp(name) if name.startswith("mdd_tmp_") else _internal(name)

    def _update(self, target: str, sets: Sequence[tuple[str, str]], source: str, joins: list[str],
                filters: list[str], changed: list[str]) -> str:
        """PostgreSQL and SQLite (3.33+): UPDATE … SET … FROM … WHERE. ``sets``: (column, value)."""
        conditions = "\n   AND ".join(joins + filters + changed)
        return f"UPDATE {target} AS t\n   SET {_assignments(sets)}\n  FROM {source} AS s\n WHERE {conditions}"


def _assignments(sets: Sequence[tuple[str, str]], prefix: str = "") -> str:
    """``column = value`` pairs of a SET clause, one a line after the first."""
    return ",\n       ".join(f"{prefix}{column} = {expr}" for column, expr in sets)


def _internal(name: str) -> str:
    if not INTERNAL.fullmatch(name):
        raise ValueError(f"not an internal name: {name!r}")
    return name
