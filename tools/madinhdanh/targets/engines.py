"""What differs between engines, and only that: how each connects (its driver directly; SQL Server
and Oracle through SQLAlchemy), how a transaction begins, which lock keeps two deployers apart,
how long a statement may wait for a lock, whether DDL commits, and how a driver says "lock
timeout" or "connection lost". The workflow is :class:`~.base.Target`'s."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .base import Target
from .script import code_of
from .errors import ConnectError, LockBusy
from .part import Part


def _busy(target: Target, system_lock: str) -> LockBusy:
    return LockBusy(f"another mdd run holds the deploy lock {system_lock!r} on {target.shown}; waited "
                    f"{target.lock_timeout:g} s: let it finish (mdd status shows the ledger), then run again")


class SQLiteTarget(Target):
    """SQLite: ``BEGIN IMMEDIATE`` is the lock (one writer per file); ``busy_timeout`` how long a
    second deployer waits for it; foreign keys on, as the systems run."""

    dialect = "sqlite"

    def connect(self) -> None:
        """Refuse a database file that does not exist. sqlite3 would create an empty one, and an
        apply would then create mdd's tables in that stray file and fail on "no such table"
        (exit 1): a mistyped path is a configuration error (exit 2), and mdd never creates a
        target database (found by tests/faults)."""
        path = self.url.database
        if path and path != ":memory:" and not path.startswith("file:") and not Path(path).is_file():
            raise ConnectError(f"cannot connect to {self.shown}: there is no database file {path} (mdd does not "
                               "create a target database: check the URL)")
        super().connect()

    def open(self) -> Any:
        """sqlite3 on the file (``?uri=true``: the database part is an SQLite URI, as SQLAlchemy
        reads it); the query's other keys are sqlite3.connect's arguments."""
        import sqlite3

        arguments: dict[str, Any] = {k: v for k, v in (self.url.query or {}).items() if k != "uri"}
        uri = str((self.url.query or {}).get("uri", "")).lower() in ("true", "1")
        arguments["timeout"] = float(arguments.get("timeout", self.lock_timeout))
        try:
            return sqlite3.connect(self.url.database or ":memory:", uri=uri, **arguments)
        except (sqlite3.Error, OSError, TypeError) as error:
            raise self.cannot_connect(error) from None

    def prepare(self) -> None:
        self.connection.isolation_level = None  # autocommit: BEGIN/COMMIT are ours
        self.execute("PRAGMA foreign_keys = ON")
        self.execute(f"PRAGMA busy_timeout = {int(self.lock_timeout * 1000)}")

    def begin(self) -> None:
        self.execute("BEGIN IMMEDIATE")

    def is_lock_timeout(self, error: BaseException) -> bool:
        return "database is locked" in str(error) or "database table is locked" in str(error)


class PostgreSQLTarget(Target):
    """PostgreSQL: ``pg_advisory_xact_lock`` (released with the transaction); ``lock_timeout``
    bounds every wait for a lock, the advisory one included."""

    dialect = "postgresql"

    def open(self) -> Any:
        """psycopg, with the URL's parts and query as connection parameters (``options``,
        ``sslmode``, …)."""
        import psycopg

        arguments = {"connect_timeout": max(1, int(self.connect_timeout)),
                     **self.url.arguments(username="user", database="dbname")}
        try:
            return psycopg.connect(**arguments)
        except (psycopg.Error, OSError) as error:
            raise self.cannot_connect(error) from None

    def prepare(self) -> None:
        self.connection.autocommit = True
        self.execute(f"SET lock_timeout = '{int(self.lock_timeout * 1000)}ms'")

    def execute(self, statement: str) -> None:
        """A ``COPY … FROM STDIN`` statement of a script carries its rows: they go through the
        driver's COPY protocol, as psql sends them."""
        code = code_of(statement)
        if not code.startswith("COPY "):
            super().execute(statement)
            return
        header, _, rows = code.partition(";\n")
        cursor = self.connection.cursor()
        try:
            with cursor.copy(header) as copy:
                copy.write(rows.removesuffix("\\."))
        finally:
            cursor.close()

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """A hash of the groups in memory. ``mdd_undo`` has no statistics when an apply counts
        its records (it has just grown by them), so the planner expects a few rows and sorts:
        600,000 old identifiers of 100,000 units sorted on disk in 0.30 s, hashed in 0.17 s."""
        memory, sort = map(str, self.query("SELECT current_setting('work_mem'), current_setting('enable_sort')")[0])
        self.execute("SET LOCAL work_mem = '64MB'")
        self.execute("SET LOCAL enable_sort = off")
        try:
            yield
        finally:
            self.execute(f"SET LOCAL enable_sort = {self.sql.lit(sort)}")
            self.execute(f"SET LOCAL work_mem = {self.sql.lit(memory)}")

    def lock(self, name: str) -> None:
        try:
            self.execute(f"SELECT pg_advisory_xact_lock({self.lock_key(name.removeprefix('mdd:'))})")
        except Exception as error:
            if self.is_lock_timeout(error):
                raise _busy(self, name) from None
            raise

    def ensure_tables(self, prelude: Sequence[str], part: Part | None = None) -> None:
        """As :meth:`Target.ensure_tables`, under a session advisory lock of its own. Two sessions
        running ``CREATE TABLE IF NOT EXISTS`` of one table at once both find it missing, and the
        second fails on the catalog's unique index (``pg_type_typname_nsp_index``): concurrent
        first applies to a target failed that way instead of waiting for the deploy lock (found by
        tests/faults/test_concurrent.py). The wait is bounded by ``lock_timeout`` like any other."""
        key = int.from_bytes(hashlib.sha256(b"mdd: own tables").digest()[:8], "big") >> 1
        try:
            self.execute(f"SELECT pg_advisory_lock({key})")
        except Exception as error:  # noqa: BLE001 - psycopg's lock timeout, or a lost connection
            where = f"{part.system}: " if part else ""
            raise self._translate(error, f"{where}creating mdd's own tables") from None
        try:
            super().ensure_tables(prelude, part)
        finally:
            self._safely(lambda: self.execute(f"SELECT pg_advisory_unlock({key})"))

    def is_lock_timeout(self, error: BaseException) -> bool:
        return getattr(error, "sqlstate", None) == "55P03" or "lock timeout" in str(error)

    def is_disconnect(self, error: BaseException) -> bool:
        import psycopg

        return isinstance(error, psycopg.OperationalError) or getattr(error, "sqlstate", "") in ("57P01", "08006")


class MySQLTarget(Target):
    """MySQL 8 and MariaDB 10.5+: ``GET_LOCK`` (a session lock, released after the transaction);
    ``innodb_lock_wait_timeout`` and ``lock_wait_timeout`` bound waits for row and table locks.
    DDL commits implicitly, so the patch may hold none (``CREATE TEMPORARY TABLE`` does not)."""

    dialect = "mysql"
    transactional_ddl = False

    def open(self) -> Any:
        """PyMySQL in utf8mb4, with the URL's parts and query as its arguments."""
        import pymysql  # type: ignore[import-untyped]

        arguments = {"connect_timeout": max(1, int(self.connect_timeout)), "charset": "utf8mb4",
                     **self.url.arguments(database="database", username="user")}
        try:
            return pymysql.connect(**arguments)
        except (pymysql.Error, OSError) as error:
            raise self.cannot_connect(error) from None

    def prepare(self) -> None:
        self.connection.autocommit(True)
        seconds = max(1, int(round(self.lock_timeout)))
        self.execute(f"SET SESSION innodb_lock_wait_timeout = {seconds}")
        self.execute(f"SET SESSION lock_wait_timeout = {seconds}")

    def begin(self) -> None:
        self.execute("START TRANSACTION")

    def lock_name(self, system: str) -> str:
        """``mdd:<database>:<system>``: GET_LOCK's names belong to the server, not to a database, so
        two databases of one server (a system and its test copy, two test runs) would otherwise
        wait for each other (found by running the test suite beside a bench on one MariaDB). At
        most 64 characters, MariaDB's limit."""
        name = f"mdd:{self.url.database or ''}:{system}"
        return name if len(name) <= 64 else "mdd:" + hashlib.sha256(name.encode()).hexdigest()[:60]

    def lock(self, name: str) -> None:
        got = self.query(f"SELECT GET_LOCK({self.sql.lit(name)}, {max(0, int(round(self.lock_timeout)))})")
        if not got or got[0][0] != 1:
            raise _busy(self, name)

    def unlock(self, name: str) -> None:
        self.query(f"SELECT RELEASE_LOCK({self.sql.lit(name)})")

    def is_lock_timeout(self, error: BaseException) -> bool:
        code = error.args[0] if getattr(error, "args", None) else None
        return code in (1205, 3572) or "Lock wait timeout" in str(error)

    def is_disconnect(self, error: BaseException) -> bool:
        code = error.args[0] if getattr(error, "args", None) else None
        return code in (2006, 2013, 2014, 1927, 4031) or "Lost connection" in str(error) \
            or "server has gone away" in str(error)


class SQLAlchemyTarget(Target):
    """An engine whose driver mdd does not ship (SQL Server, Oracle), connected through
    SQLAlchemy: its dialects know those drivers' connect arguments. Importing it costs 0.2 s, which
    the engines below do without."""

    def open(self) -> Any:
        """The driver's connection from SQLAlchemy's engine. Engine.raw_connection() does not wrap
        the driver's errors in SQLAlchemy's DBAPIError (only Engine.connect() does), so a refused
        login or an unreachable host arrives as the driver's own exception: its base ``Error`` is
        caught too, or those would surface as an "internal error" with exit 3 instead of one line
        with exit 2 (found by tests/faults)."""
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import DBAPIError, SQLAlchemyError
        from sqlalchemy.pool import NullPool

        try:
            engine = create_engine(make_url(self.url.render(hide_password=False)), poolclass=NullPool)
        except (SQLAlchemyError, OSError) as error:
            raise self.cannot_connect(error) from None
        driver_error: type[BaseException] = getattr(engine.dialect.loaded_dbapi, "Error", DBAPIError)
        try:
            self._raw = engine.raw_connection()
        except (driver_error, DBAPIError, SQLAlchemyError, OSError) as error:
            raise self.cannot_connect(error) from None
        return self._raw.driver_connection


class SQLServerTarget(SQLAlchemyTarget):
    """SQL Server (pyodbc): ``sp_getapplock`` owned by the transaction, ``SET LOCK_TIMEOUT``.
    Rendered and parsed in the tests; no server here to run it against."""

    dialect = "mssql"

    def prepare(self) -> None:
        self.connection.autocommit = True
        self.execute(f"SET LOCK_TIMEOUT {int(self.lock_timeout * 1000)}")

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def lock(self, name: str) -> None:
        got = self.query(f"DECLARE @r INT; EXEC @r = sp_getapplock @Resource = {self.sql.lit(name)}, "
                         f"@LockMode = 'Exclusive', @LockOwner = 'Transaction', "
                         f"@LockTimeout = {int(self.lock_timeout * 1000)}; SELECT @r")
        if not got or got[0][0] is None or int(got[0][0]) < 0:
            raise _busy(self, name)

    def is_lock_timeout(self, error: BaseException) -> bool:
        return "1222" in str(error)


class OracleTarget(SQLAlchemyTarget):
    """Oracle (python-oracledb): a transaction begins with its first change; ``DBMS_LOCK`` is not
    granted by default, so the lock is a row lock on the system's ledger rows (``LOCK TABLE``).
    DDL commits implicitly, as in MySQL. Untested here (no server)."""

    dialect = "oracle"
    transactional_ddl = False

    def prepare(self) -> None:
        self.connection.autocommit = False
        self.execute(f"ALTER SESSION SET DDL_LOCK_TIMEOUT = {max(1, int(self.lock_timeout))}")

    def begin(self) -> None:
        pass

    def commit(self) -> None:
        self.connection.commit()

    def rollback(self) -> None:
        self.connection.rollback()

    def lock(self, name: str) -> None:
        try:
            self.execute(f"LOCK TABLE mdd_ledger IN EXCLUSIVE MODE WAIT {max(0, int(self.lock_timeout))}")
        except Exception:
            raise _busy(self, name) from None


ENGINES: dict[str, type[Target]] = {cls.dialect: cls for cls in (SQLiteTarget, PostgreSQLTarget, MySQLTarget,
                                                                  SQLServerTarget, OracleTarget)}
