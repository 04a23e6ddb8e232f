"""What the database tests share: the example targets (examples/targets/), SQL files split into
statements, and loading/reading a target through SQLAlchemy on a real engine."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

REPO = Path(__file__).resolve().parents[2]
TARGETS = REPO / "examples" / "targets"
if str(TARGETS) not in sys.path:
    sys.path.insert(0, str(TARGETS))

import legacy_rows  # noqa: E402
import seed  # noqa: E402

SYSTEMS = tuple(legacy_rows.BUILDERS)
ENGINES = ("sqlite", "postgresql", "mysql")  # the engines with a server (or a file) here
SQLGLOT_DIALECT = {"sqlite": "sqlite", "postgresql": "postgres", "mysql": "mysql", "mssql": "tsql",
                   "oracle": "oracle"}


@cache
def sample() -> seed.Source:
    """The sample registry (registry/), validated once per test session."""
    return seed.load_source(REPO / "registry")


@cache
def sample_tables(system: str) -> tuple[legacy_rows.Table, ...]:
    return tuple(seed.seed_tables(sample(), system))


@dataclass(frozen=True)
class Database:
    """An empty database (or schema) of one engine, for one test."""

    dialect: str  # sqlite | postgresql | mysql (seed.py's names)
    engine: Engine
    where: str


def split_sql(text: str, dialect: str) -> list[str]:
    """The statements of an SQL file, without their ``;``: quotes (``''`` doubled, and backslash
    escapes in MySQL), quoted identifiers and ``--``/``/* */`` comments are skipped over, so a
    ``;`` inside them does not end a statement. Pieces holding only comments are dropped."""
    statements: list[str] = []
    start = i = 0
    code = False  # the current piece has something besides comments and blanks
    closers = {"'": "'", '"': '"', "`": "`"} | ({"[": "]"} if dialect == "mssql" else {})
    while i < len(text):
        char = text[i]
        if text.startswith("--", i):
            i = _end_of(text, "\n", i)
        elif text.startswith("/*", i):
            i = _end_of(text, "*/", i + 2)
        elif char in closers:
            i, code = _end_of_quoted(text, i, closers[char], backslash=dialect == "mysql" and char == "'"), True
        elif char == ";":
            if code:
                statements.append(text[start:i].strip())
            start, i, code = i + 1, i + 1, False
        else:
            code = code or not char.isspace()
            i += 1
    if code:
        statements.append(text[start:].strip())
    return statements


def _end_of(text: str, closer: str, i: int) -> int:
    end = text.find(closer, i)
    return len(text) if end < 0 else end + len(closer)


def _end_of_quoted(text: str, i: int, closer: str, *, backslash: bool) -> int:
    i += 1
    while i < len(text):
        if backslash and text[i] == "\\":
            i += 2
        elif text[i] == closer:
            if text.startswith(closer * 2, i):  # a doubled quote stays inside
                i += 2
            else:
                return i + 1
        else:
            i += 1
    raise ValueError("an SQL file ends inside a quoted string")


def run_sql(database: Database, text: str) -> int:
    """Execute every statement of ``text`` in one transaction (DDL commits on its own in MySQL).

    Each statement goes to the driver's cursor WITHOUT parameters: SQLAlchemy's
    ``exec_driver_sql`` passes an empty parameter list, and psycopg then reads every ``%`` in a
    literal as a placeholder (``text()`` would read ``:30`` as a bind parameter)."""
    pieces = _copy_blocks(text) if database.dialect == "postgresql" else [(text, None)]
    count = 0
    with database.engine.begin() as connection:
        cursor = connection.connection.cursor()
        try:
            for sql, copy in pieces:
                for statement in split_sql(sql, database.dialect):
                    cursor.execute(statement)
                    count += 1
                if copy is not None:  # COPY … FROM STDIN; and its rows, as psql sends them
                    header, rows = copy
                    with cursor.copy(header) as stream:
                        stream.write(rows)
                    count += 1
        finally:
            cursor.close()
    return count


def _copy_blocks(text: str) -> list[tuple[str, tuple[str, str] | None]]:
    """``text`` cut around PostgreSQL's ``COPY … FROM STDIN;`` blocks (their rows end at a line
    ``\\.``): (SQL before the block, (COPY header, rows) or None at the end)."""
    pieces: list[tuple[str, tuple[str, str] | None]] = []
    sql: list[str] = []
    lines = iter(text.split("\n"))
    for line in lines:
        if line.startswith("COPY ") and line.endswith(" FROM STDIN;"):
            rows = []
            for row in lines:
                if row == "\\.":
                    break
                rows.append(row + "\n")
            pieces.append(("\n".join(sql), (line[:-1], "".join(rows))))
            sql = []
        else:
            sql.append(line)
    pieces.append(("\n".join(sql), None))
    return pieces


def load_target(database: Database, system: str) -> tuple[legacy_rows.Table, ...]:
    """Create the system's schema and load its legacy seed, as a person would with the files."""
    run_sql(database, seed.schema_path(system, database.dialect).read_text(encoding="utf-8"))
    run_sql(database, seed.seed_sql(sample(), system, database.dialect))
    return sample_tables(system)


def select(database: Database, table: str, columns: Sequence[str], where: str = "") -> list[tuple[Any, ...]]:
    names = ", ".join(seed.identifier(column, database.dialect) for column in columns)
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(f"SELECT {names} FROM {table} {where}")]


def count(database: Database, table: str) -> int:
    with database.engine.connect() as connection:
        return int(connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())


def normal(value: Any) -> Any:
    """A value read back or written, in one comparable form: times as text, booleans as 0/1."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return int(value)
    return value


def bag(rows: Iterable[Sequence[Any]]) -> Counter[tuple[Any, ...]]:
    """Rows as a multiset of normalised tuples (row order is not compared)."""
    return Counter(tuple(normal(value) for value in row) for row in rows)


def url_of(database: Database) -> str:
    """The connection URL of ``database`` as a ``dsn_env`` variable would hold it (password
    included): the SQLite file, the MariaDB database, or the PostgreSQL server with the test's
    schema first in the search_path (read back from the server, as the fixture set it)."""
    url = database.engine.url
    if database.dialect == "postgresql":
        with database.engine.connect() as connection:
            schema: str = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
        url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def dump_tables(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table (mdd's own included), every column (``SELECT *``), its rows sorted, read on
    one connection: compared for equality before and after a change, on the same engine (so
    no normalising)."""
    from sqlalchemy import inspect

    result = {}
    with database.engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.exec_driver_sql(f"SELECT * FROM {seed.identifier(table, database.dialect)}")
            result[table] = sorted((tuple(row) for row in rows), key=repr)
    return result
