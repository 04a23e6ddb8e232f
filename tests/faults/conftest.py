"""Fixtures of the fault tests: the real-database fixtures of tests/db (one SQLite file,
PostgreSQL schema or MariaDB database per test; skipped with a reason without a server, failing
under CI), the bundles ``mdd render --full`` writes for each engine, and ``target``: the test's
database as mdd reaches it.

tests/db's conftest.py is not on this folder's path (pytest loads a conftest only for the tests
below it, and ``pytest_plugins`` is refused outside the root conftest), so its fixtures are
imported here from the file itself, under a module name of their own.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

DB_TESTS = Path(__file__).resolve().parents[1] / "db"
if str(DB_TESTS) not in sys.path:
    sys.path.insert(0, str(DB_TESTS))


def _db_fixtures() -> Any:
    name = "mdd_tests_db_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, DB_TESTS / "conftest.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_fixtures = _db_fixtures()
database = _fixtures.database
sqlite_database = _fixtures.sqlite_database
postgresql_database = _fixtures.postgresql_database
mysql_database = _fixtures.mysql_database
pg_server = _fixtures.pg_server
mysql_server = _fixtures.mysql_server

from dbtargets import Database  # noqa: E402
from faultkit import Target, make_target, mdd  # noqa: E402


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``bundle(dialect)``: the full-sync bundle of the sample registry rendered for that engine
    (every system), once per session. Tests that change a bundle copy it first."""
    made: dict[str, Path] = {}

    def get(dialect: str) -> Path:
        if dialect not in made:
            out = tmp_path_factory.mktemp(f"bundle-{dialect}") / f"full-{dialect}"
            run = mdd("render", "--full", "--dialect", dialect, "--out", str(out))
            assert run.code == 0, str(run)
            made[dialect] = out
        return made[dialect]

    return get


@pytest.fixture
def target(database: Database) -> Iterator[Target]:
    """The test's empty database (sqlite, postgresql, mysql in turn) as mdd reaches it."""
    made = make_target(database)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(params=("postgresql", "mysql"))
def server_target(request: pytest.FixtureRequest) -> Iterator[Target]:
    """As ``target``, on the engines with a server only (a connection to drop)."""
    made = make_target(request.getfixturevalue(f"{request.param}_database"))
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def mysql_target(mysql_database: Database) -> Iterator[Target]:
    """As ``target``, on MariaDB/MySQL only."""
    made = make_target(mysql_database)
    try:
        yield made
    finally:
        made.close()
