"""Connection URLs: read from the environment variable a system names (``dsn_env``), parsed as
SQLAlchemy URLs, shown only masked, and opened into the :class:`~.base.Target` of their engine.

SQLite is the embedded default (``sqlite:///path/to/file.db``); PostgreSQL connects through
psycopg (``postgresql+psycopg://…``; a bare ``postgresql://`` means psycopg too), MariaDB/MySQL
through PyMySQL (``mysql+pymysql://…``, ``mariadb+pymysql://…``), SQL Server and Oracle when
their optional drivers are installed (``pip install 'madinhdanh[mssql]'`` / ``[oracle]``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from .base import Target
from .engines import ENGINES
from .errors import TargetError

DEFAULT_DRIVERS = {"postgresql": "psycopg", "mysql": "pymysql", "mariadb": "pymysql"}
EXTRAS = {"mssql": ("pyodbc", "mssql"), "oracle": ("oracledb", "oracle")}


def masked(url: URL | str) -> str:
    """``url`` with its password replaced by ``***`` (the only form mdd ever prints)."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return "<not a URL>"
    return parsed.render_as_string(hide_password=True)


def url_from_env(dsn_env: str, environ: Mapping[str, str] | None = None) -> URL:
    """The URL in the variable ``dsn_env``; a missing or malformed one raises :class:`TargetError`."""
    environ = os.environ if environ is None else environ
    raw = environ.get(dsn_env, "").strip()
    if not raw:
        raise TargetError(f"the environment variable {dsn_env} is not set: set it to the target's connection URL, "
                          f"e.g. {dsn_env}=postgresql+psycopg://user@host:5432/db (the password in a secret, "
                          f"never in the repository)")
    try:
        url = make_url(raw)
    except ArgumentError:
        raise TargetError(f"{dsn_env} does not hold a connection URL (driver://user@host:port/database)") from None
    backend = url.get_backend_name()
    if backend not in ENGINES and backend != "mariadb":
        raise TargetError(f"{dsn_env}: unknown database kind {backend!r} in {masked(url)}; "
                          f"known: {', '.join(sorted(ENGINES))}")
    if "+" not in url.drivername and backend in DEFAULT_DRIVERS:
        url = url.set(drivername=f"{backend}+{DEFAULT_DRIVERS[backend]}")
    return url


def dialect_of(url: URL) -> str:
    """The rendering dialect of a URL's engine (MariaDB renders as mysql)."""
    backend = url.get_backend_name()
    return "mysql" if backend == "mariadb" else backend


def open_target(url: URL, *, lock_timeout: float = 30.0, connect_timeout: float = 10.0) -> Target:
    """A connected :class:`Target` for ``url``; :class:`~.errors.ConnectError` with one masked line
    when the server cannot be reached or refuses the login, :class:`TargetError` when the driver
    is not installed."""
    kind = dialect_of(url)
    if kind in EXTRAS:
        module, extra = EXTRAS[kind]
        module = url.get_driver_name() or module
        try:
            __import__(module)
        except ImportError:
            hint = f"pip install 'madinhdanh[{extra}]'" if module == EXTRAS[kind][0] else f"pip install {module}"
            raise TargetError(f"{masked(url)}: connecting to {kind} needs the {module} package: {hint}") from None
    target = ENGINES[kind](url, masked(url), lock_timeout=lock_timeout, connect_timeout=connect_timeout)
    target.connect()
    return target
