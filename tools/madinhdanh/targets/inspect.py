"""Reading what a system holds, for ``mdd verify``: the rows of its units table and the values of
each declared code column, with one SELECT each (names quoted by the target's dialect, no value
from outside). Values come back as text (None stays None), so that engines compare alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import Target
from .diff import as_text


def units_rows(target: Target, table: str, key: str, columns: Sequence[str]) -> list[tuple[str | None, ...]]:
    """(key, *columns) of every row of the units table."""
    names = ", ".join(target.sql.ident(c) for c in (key, *columns))
    return [tuple(as_text(v) for v in row) for row in target.query(f"SELECT {names} FROM {target.sql.ident(table)}")]


def column_values(target: Target, table: str, column: str, row_key: str,
                  where: tuple[str, Any] | None = None) -> list[tuple[str | None, str | None]]:
    """(row key, value) of every row of ``table`` (those with ``where`` column = value only)."""
    sql = target.sql
    condition = f" WHERE {sql.ident(where[0])} = {sql.lit(where[1])}" if where else ""
    return [(as_text(k), as_text(v)) for k, v in target.query(
        f"SELECT {sql.ident(row_key)}, {sql.ident(column)} FROM {sql.ident(table)}{condition}")]
