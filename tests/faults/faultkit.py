"""What the fault tests share: a loaded target as ``mdd`` reaches it (a connection URL for the
system's ``dsn_env``), ``mdd`` run as a real subprocess, snapshots of a system's tables (every
column of every row), and the tools that make an apply slow or hold a lock at a known point.

Nothing is mocked: the subprocesses are the installed ``mdd`` (``python -m madinhdanh``), the
databases the real engines of tests/db (one SQLite file, PostgreSQL schema or MariaDB database per
test).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from dbtargets import REPO, Database, load_target, normal, sample, sample_tables
from madinhdanh import deploy

MDD = [sys.executable, "-m", "madinhdanh"]
APPLY_FLAGS = ["--yes", "--force", "--ignore-window", "--reason", "tests/faults"]
REASON = "tests/faults"


def dsn_env(system: str) -> str:
    return str(sample().system(system)["dsn_env"])


@dataclass(frozen=True)
class Run:
    """A finished ``mdd`` subprocess."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str
    seconds: float

    def __str__(self) -> str:
        return f"mdd {' '.join(self.args)} → exit {self.code} in {self.seconds:.2f} s\nstdout:\n{self.out}\nstderr:\n{self.err}"

    def json(self) -> Any:
        return json.loads(self.out)


def environ(extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without any ``MDD_*_DSN`` variable, plus ``extra``; CI and
    GitHub variables that change mdd's output format are dropped too."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("MDD_") and k.endswith("_DSN")) and k != "GITHUB_ACTIONS"}
    env.update(extra)
    return env


def mdd(*args: str, env: Mapping[str, str] | None = None, timeout: float = 120) -> Run:
    """Run ``mdd ARGS`` to the end (cwd: the repository, so ./registry is the sample)."""
    started = time.monotonic()
    done = subprocess.run([*MDD, *args], cwd=REPO, env=environ(env or {}), capture_output=True, text=True,
                          timeout=timeout, check=False)
    return Run(tuple(args), done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def start(*args: str, env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``mdd ARGS`` and return at once (stdout and stderr piped)."""
    return subprocess.Popen([*MDD, *args], cwd=REPO, env=environ(env or {}), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str], args: Sequence[str], started: float, timeout: float = 120) -> Run:
    out, err = process.communicate(timeout=timeout)
    return Run(tuple(args), process.returncode, out, err, time.monotonic() - started)


def kill9(process: subprocess.Popen[str]) -> None:
    """SIGKILL, as the OOM killer or a power cut would (no cleanup of any kind), then reap it."""
    try:
        os.kill(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate(timeout=30)


def one_line_error(run: Run) -> str:
    """The error ``mdd`` printed: exactly one non-empty line on stderr, no traceback."""
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert "Traceback" not in run.err and "Traceback" not in run.out, str(run)
    assert len(lines) == 1, f"expected one line on stderr:\n{run}"
    assert lines[0].startswith("mdd: "), str(run)
    return lines[0]


# --- a target as mdd sees it ----------------------------------------------------------------------

@dataclass
class Target:
    """A database of one engine holding the tables of one or more example systems, and the URL
    mdd reaches it by (the same for every system: their tables do not collide)."""

    database: Database
    url: str
    name: str  # the SQLite file, the PostgreSQL schema or the MariaDB database
    app: str = ""  # PostgreSQL: the application_name of mdd's sessions (to find them)
    systems: list[str] = field(default_factory=list)
    mine: set[int] = field(default_factory=set)  # MariaDB: the test's own sessions kept open
    _session: Connection | None = None

    @property
    def kind(self) -> str:
        return self.database.dialect

    @property
    def engine(self) -> Engine:
        return self.database.engine

    def env(self, *systems: str) -> dict[str, str]:
        return {dsn_env(s): self.url for s in (systems or self.systems)}

    def load(self, system: str) -> None:
        load_target(self.database, system)
        self.systems.append(system)

    def settings(self, *, lock_timeout: float = 30.0) -> deploy.Settings:
        return deploy.Settings(self.env(), lock_timeout=lock_timeout, force=True, ignore_window=True, reason=REASON)

    @property
    def session(self) -> Connection:
        """The test's own autocommit connection, opened once (closed by :meth:`close`)."""
        if self._session is None:
            self._session = keep_open(self)
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def execute(self, *statements: str) -> None:
        """Each statement in autocommit, straight to the driver (no parameter parsing)."""
        for statement in statements:
            self.session.exec_driver_sql(statement)

    def scalar(self, statement: str) -> Any:
        return self.session.exec_driver_sql(statement).scalar()

    def rows(self, statement: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.session.exec_driver_sql(statement)]

    def has_table(self, table: str) -> bool:
        try:
            self.scalar(f"SELECT COUNT(*) FROM {table} WHERE 1 = 0")
        except Exception:  # noqa: BLE001 - each engine's "no such table"
            return False
        return True

    def snapshot(self, systems: Iterable[str] | None = None) -> dict[str, Counter[tuple[Any, ...]]]:
        """Every column of every row of the systems' tables, as multisets (row order aside)."""
        result = {}
        for system in systems or self.systems:
            for table in sample_tables(system):
                rows = self.session.exec_driver_sql(f"SELECT * FROM {table.name}")
                result[table.name] = Counter(tuple(normal(v) for v in row) for row in rows)
        return result

    def others(self) -> list[tuple[Any, ...]]:
        """The sessions connected to this target besides the test's own (PostgreSQL: mdd's, by
        application_name; MariaDB: every session on the database): (id, state, query)."""
        if self.kind == "postgresql":
            return self.rows("SELECT pid, state, wait_event_type, query FROM pg_stat_activity "
                             f"WHERE application_name = '{self.app}' AND pid <> pg_backend_pid()")
        if self.kind == "mysql":
            return [row for row in self.rows("SELECT id, state, command, info FROM information_schema.processlist "
                                             f"WHERE db = '{self.name}' AND id <> CONNECTION_ID()")
                    if row[0] not in self.mine]
        return []

    def wait_alone(self, timeout: float = 30.0) -> None:
        """Until no session of a killed or finished mdd is left on the server (a server notices a
        dead client only when it next reads from it: after the statement it runs)."""
        deadline = time.monotonic() + timeout
        while self.others():
            assert time.monotonic() < deadline, f"sessions still on {self.name}: {self.others()}"
            time.sleep(0.05)


def make_target(database: Database) -> Target:
    """The URL mdd reaches ``database`` by: the SQLite file; the PostgreSQL server with the test's
    schema as search_path (``options=-csearch_path=…``) and an application_name that names it; the
    MariaDB database with utf8mb4."""
    url = database.engine.url
    if database.dialect == "sqlite":
        with database.engine.connect() as connection:  # the file exists from here on (mdd never creates one)
            connection.exec_driver_sql("SELECT 1")
        return Target(database, url.render_as_string(hide_password=False), str(url.database))
    if database.dialect == "postgresql":
        with database.engine.connect() as connection:
            schema = str(connection.exec_driver_sql("SELECT current_schema()").scalar())
        app = f"mdd-{schema}"
        reached = url.update_query_dict({"options": f"-csearch_path={schema}", "application_name": app})
        return Target(database, reached.render_as_string(hide_password=False), schema, app)
    return Target(database, url.render_as_string(hide_password=False), str(url.database))


# --- making an apply slow, or stopping it at a known table -----------------------------------------

SLOW_TABLES = {"qlvb_state": ("lt_donvi", "dm_donvi", "dm_dungchung"), "qlvb_party": ("dm_coquan",)}


def install_slow(target: Target, tables: Sequence[str], per_row: float) -> None:
    """A BEFORE UPDATE trigger on each table that spends about ``per_row`` seconds per updated row
    while ``fault_knob.slow`` is 1 (:func:`set_slow`), so that an apply lasts long enough to be
    hit in the middle. The triggers change no data; the ``fault_*`` tables are not the system's.

    PostgreSQL's pg_sleep waits a millisecond at least, so below that every k-th row waits 1 ms;
    SQLite has no sleep at all: it counts a self-join of a padding table (about 13 ns a row)."""
    if target.kind == "sqlite":
        width = max(1, round(per_row / 13e-9 / 1000))
        target.execute("CREATE TABLE fault_knob (slow INTEGER NOT NULL, width INTEGER NOT NULL)",
                       f"INSERT INTO fault_knob VALUES (0, {width})",
                       "CREATE TABLE fault_pad (n INTEGER PRIMARY KEY)",
                       "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 1000) "
                       "INSERT INTO fault_pad SELECT n FROM c")
        for table in tables:
            target.execute(f"CREATE TRIGGER fault_slow_{table} BEFORE UPDATE ON {table} BEGIN "
                           "SELECT COUNT(*) FROM fault_pad a, fault_pad b WHERE (SELECT slow FROM fault_knob) = 1 "
                           "AND b.n <= (SELECT width FROM fault_knob); END")
    elif target.kind == "postgresql":
        every = max(1, round(0.001 / per_row))
        target.execute("CREATE TABLE fault_knob (slow INTEGER NOT NULL, seconds DOUBLE PRECISION NOT NULL, "
                       "every INTEGER NOT NULL)",
                       f"INSERT INTO fault_knob VALUES (0, {max(per_row, 0.001)}, {every})",
                       "CREATE FUNCTION fault_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "PERFORM pg_sleep(seconds) FROM fault_knob WHERE slow = 1 "
                       "AND mod(hashtext(NEW::text)::bigint + 2147483648, every) = 0; RETURN NEW; END $$")
        for table in tables:
            target.execute(f"CREATE TRIGGER fault_slow_{table} BEFORE UPDATE ON {table} FOR EACH ROW "
                           "EXECUTE FUNCTION fault_slow()")
    else:
        target.execute("CREATE TABLE fault_knob (slow INT NOT NULL, seconds DOUBLE NOT NULL)",
                       f"INSERT INTO fault_knob VALUES (0, {per_row})")
        for table in tables:
            target.execute(f"CREATE TRIGGER fault_slow_{table} BEFORE UPDATE ON {table} FOR EACH ROW "
                           "DO SLEEP((SELECT CASE WHEN slow = 1 THEN seconds ELSE 0 END FROM fault_knob))")


def set_slow(target: Target, on: bool) -> None:
    target.execute(f"UPDATE fault_knob SET slow = {int(on)}")


def in_transaction(target: Target) -> bool:
    """Whether an mdd session has a write transaction open on the target right now (SQLite: the
    rollback journal exists; PostgreSQL: mdd's session has an open transaction; MariaDB: InnoDB
    lists a transaction of another session on the database)."""
    if target.kind == "sqlite":
        return Path(target.name + "-journal").exists()
    if target.kind == "postgresql":
        query = ("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = "
                 f"'{target.app}' AND xact_start IS NOT NULL")
    else:
        query = ("SELECT COUNT(*) FROM information_schema.innodb_trx t JOIN information_schema.processlist p "
                 f"ON p.id = t.trx_mysql_thread_id WHERE p.db = '{target.name}' AND p.id <> CONNECTION_ID()")
    return bool(target.scalar(query))


def keep_open(target: Target) -> Connection:
    """An autocommit connection of the test's that :meth:`Target.others` does not count."""
    connection = target.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    if target.kind == "mysql":
        target.mine.add(int(connection.exec_driver_sql("SELECT CONNECTION_ID()").scalar_one()))
    return connection


def outcomes(target: Target, system: str) -> list[str]:
    """The outcome of each row of the system's ledger, oldest first (read in-process)."""
    found = deploy.status([(system, dsn_env(system))], target.settings())[system]
    assert not isinstance(found, str), found
    return [entry.outcome for entry in found]


def ledger(target: Target, system: str) -> list[dict[str, Any]]:
    """``mdd status SYSTEM --format json``: the system's ledger rows, oldest first."""
    run = mdd("status", system, "--format", "json", env=target.env(system))
    assert run.code == 0, str(run)
    rows: list[dict[str, Any]] = run.json()[system]
    return rows


@contextmanager
def hold_lock(target: Target, table: str, how: str = "table") -> Iterator[int | None]:
    """Another session holding a lock the apply will need, until the block ends; yields that
    session's id on the server (None for SQLite).

    - SQLite: ``BEGIN IMMEDIATE`` (the one writer of the file; ``table`` does not matter);
    - PostgreSQL: ``LOCK TABLE … IN ACCESS EXCLUSIVE MODE`` in an open transaction;
    - MariaDB: ``LOCK TABLES … WRITE`` (``how="table"``) or every row ``SELECT … FOR UPDATE`` in an
      open transaction (``how="rows"``).
    """
    if target.kind == "sqlite":
        connection = sqlite3.connect(target.name, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            yield None
            connection.execute("ROLLBACK")
        finally:
            connection.close()
        return
    raw = target.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT pg_backend_pid()" if target.kind == "postgresql" else "SELECT CONNECTION_ID()")
        session = int(cursor.fetchall()[0][0])
        if target.kind == "postgresql":
            cursor.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        else:
            target.mine.add(session)
            if how == "table":
                cursor.execute(f"LOCK TABLES {table} WRITE")
            else:
                cursor.execute("START TRANSACTION")
                cursor.execute(f"SELECT COUNT(*) FROM (SELECT * FROM {table} FOR UPDATE) t")
                cursor.fetchall()
        yield session
        if target.kind == "mysql" and how == "table":
            cursor.execute("UNLOCK TABLES")
        raw.rollback()
    finally:
        raw.close()


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    """Poll ``condition`` until it returns something true; return it."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        assert time.monotonic() < deadline, f"waited {timeout:g} s for {what}"
        time.sleep(0.02)


def waiting_sessions(target: Target) -> list[tuple[Any, ...]]:
    """mdd's sessions waiting for a table or row lock: (id, query)."""
    if target.kind == "postgresql":
        return target.rows("SELECT pid, query FROM pg_stat_activity WHERE application_name = "
                           f"'{target.app}' AND wait_event_type = 'Lock'")
    return [(row[0], row[3]) for row in target.others()
            if row[1] and ("lock" in str(row[1]).lower() or "waiting" in str(row[1]).lower())]
