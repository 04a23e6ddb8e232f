"""Real-database fixtures: each test gets its own empty database on a real engine.

- SQLite: a file in the test's tmp_path, foreign keys switched on for every connection.
- PostgreSQL: ``MDD_TEST_PG_DSN`` (a SQLAlchemy URL) or postgres@127.0.0.1:5432 (trust); a fresh
  schema per test (first in the search_path), dropped after it.
- MariaDB/MySQL: ``MDD_TEST_MYSQL_DSN`` or root@127.0.0.1:3306 without a password; a fresh
  utf8mb4 database per test, dropped after it.

A server that does not answer skips its tests with the reason (``pytest -ra`` lists it), except
when the ``CI`` environment variable is set (not empty, ``0`` or ``false``): there the servers are
mandatory and the tests fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.pool import NullPool

from dbtargets import ENGINES, Database

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
MYSQL_DEFAULT = "mysql+pymysql://root@127.0.0.1:3306/?charset=utf8mb4"
TIMEOUT = 5  # seconds to wait for a server before calling it unreachable


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    if in_ci():
        pytest.fail(f"{reason} (CI is set: the database servers are required)", pytrace=False)
    pytest.skip(reason)


@dataclass
class Server:
    """A database server as the session found it: an admin engine, or why there is none."""

    url: URL
    where: str
    admin: Engine | None = None
    error: str | None = None

    def require(self) -> Engine:
        if self.admin is None:
            unavailable(f"{self.where} not reachable: {self.error}")
        return self.admin


def _server(env: str, default: str, name: str, port: int, **connect_args: Any) -> Server:
    url = make_url(os.environ.get(env) or default)
    server = Server(url, f"{name} at {url.host or 'localhost'}:{url.port or port}" + (f" ({env})" if os.environ.get(env) else ""))
    engine = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT",
                           connect_args={"connect_timeout": TIMEOUT, **connect_args})
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except (OperationalError, InterfaceError) as error:
        server.error = str(error.orig or error).strip().splitlines()[0]
        engine.dispose()
    else:
        server.admin = engine
    return server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    server = _server("MDD_TEST_PG_DSN", PG_DEFAULT, "PostgreSQL", 5432)
    yield server
    if server.admin is not None:
        server.admin.dispose()


@pytest.fixture(scope="session")
def mysql_server() -> Iterator[Server]:
    server = _server("MDD_TEST_MYSQL_DSN", MYSQL_DEFAULT, "MariaDB/MySQL", 3306)
    yield server
    if server.admin is not None:
        server.admin.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Iterator[Database]:
    engine = create_engine(f"sqlite:///{tmp_path / 'target.sqlite'}")

    @event.listens_for(engine, "connect")
    def _foreign_keys_on(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    yield Database("sqlite", engine, f"SQLite file {tmp_path / 'target.sqlite'}")
    engine.dispose()


@pytest.fixture
def postgresql_database(pg_server: Server) -> Iterator[Database]:
    admin = pg_server.require()
    schema = f"mdd_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine = create_engine(pg_server.url, poolclass=NullPool,
                           connect_args={"connect_timeout": TIMEOUT, "options": f"-c search_path={schema}"})
    try:
        yield Database("postgresql", engine, f"{pg_server.where}, schema {schema}")
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def mysql_database(mysql_server: Server) -> Iterator[Database]:
    admin = mysql_server.require()
    name = f"mdd_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    url = mysql_server.url.set(database=name).update_query_dict({"charset": "utf8mb4"})
    engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": TIMEOUT})
    try:
        yield Database("mysql", engine, f"{mysql_server.where}, database {name}")
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest) -> Database:
    """An empty database of each engine in turn: sqlite, postgresql, mysql."""
    database: Database = request.getfixturevalue(f"{request.param}_database")
    return database
