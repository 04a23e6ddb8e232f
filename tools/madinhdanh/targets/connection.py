"""Connection URLs: read from the environment variable a system names (``dsn_env``), written in
SQLAlchemy's URL format (``driver://user:password@host:port/database?key=value``), shown only
masked, and opened into the :class:`~.base.Target` of their engine.

SQLite is the embedded default (``sqlite:///path/to/file.db``); PostgreSQL connects through
psycopg (``postgresql+psycopg://…``; a bare ``postgresql://`` means psycopg too), MariaDB/MySQL
through PyMySQL (``mysql+pymysql://…``, ``mariadb+pymysql://…``), SQL Server and Oracle when
their optional drivers are installed (``pip install 'madinhdanh[mssql]'`` / ``[oracle]``).

The URL is parsed and masked here, as SQLAlchemy parses and renders it (tests/unit hold the two
equal on a table of URLs): the three engines mdd ships a driver for connect through that driver
directly, and only SQL Server and Oracle go through SQLAlchemy's dialects, which know their
drivers' connect arguments. Importing SQLAlchemy cost every ``mdd apply`` 0.2 s.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, unquote

from .base import Target
from .engines import ENGINES
from .errors import TargetError

DEFAULT_DRIVERS = {"postgresql": "psycopg", "mysql": "pymysql", "mariadb": "pymysql"}
EXTRAS = {"mssql": ("pyodbc", "mssql"), "oracle": ("oracledb", "oracle")}

# sqlalchemy.engine.url._parse_url's pattern
_URL = re.compile(r"""
    (?P<name>[\w\+]+)://
    (?:
        (?P<username>[^:/]*)
        (?::(?P<password>[^@]*))?
    @)?
    (?:
        (?:
            \[(?P<ipv6host>[^/\?]+)\] |
            (?P<ipv4host>[^/:\?]+)
        )?
        (?::(?P<port>[^/\?]*))?
    )?
    (?:/(?P<database>[^\?]*))?
    (?:\?(?P<query>.*))?
    """, re.X)


@dataclass(frozen=True, slots=True)
class Url:
    """A connection URL, as SQLAlchemy's ``URL`` holds it: ``query`` maps a key to its value, or to
    the list of its values when the key repeats."""

    drivername: str
    username: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    database: str | None = None
    query: Mapping[str, str | list[str]] | None = None

    @property
    def backend(self) -> str:
        return self.drivername.partition("+")[0]

    @property
    def driver(self) -> str:
        return self.drivername.partition("+")[2]

    def render(self, *, hide_password: bool = True) -> str:
        """The URL as text (SQLAlchemy's ``render_as_string``): the password as ``***`` unless
        ``hide_password`` is False."""
        text = self.drivername + "://"
        if self.username is not None:
            text += quote(self.username, safe=" +")
            if self.password is not None:
                text += ":" + ("***" if hide_password else quote(self.password, safe=" +"))
            text += "@"
        if self.host is not None:
            text += f"[{self.host}]" if ":" in self.host else self.host
        if self.port is not None:
            text += f":{self.port}"
        if self.database is not None:
            text += "/" + quote(self.database, safe=" +/")
        if self.query:
            text += "?" + "&".join(f"{quote_plus(key)}={quote_plus(value)}" for key in sorted(self.query)
                                   for value in _values(self.query[key]))
        return text

    def arguments(self, **names: str) -> dict[str, Any]:
        """The driver's keyword arguments (SQLAlchemy's ``translate_connect_args``, then the
        query): ``names`` renames ``username``, ``password``, ``database``; unset parts left out."""
        parts = {"host": self.host, "port": self.port, "username": self.username, "password": self.password,
                 "database": self.database}
        found: dict[str, Any] = {names.get(k, k): v for k, v in parts.items() if v is not None}
        found.update(self.query or {})
        return found


def _values(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def parse_url(text: str) -> Url | None:
    """``text`` as a :class:`Url`, None if it is not one (SQLAlchemy's ``make_url`` of a string)."""
    found = _URL.match(text)
    if found is None:
        return None
    parts = found.groupdict()
    query: dict[str, str | list[str]] | None = None
    if parts["query"] is not None:
        query = {}
        for key, value in parse_qsl(parts["query"]):
            if key in query:
                query[key] = [*_values(query[key]), value]
            else:
                query[key] = value
    try:
        port = int(parts["port"]) if parts["port"] else None
    except ValueError:
        return None
    username, password, database = (unquote(parts[p]) if parts[p] is not None else None
                                    for p in ("username", "password", "database"))
    return Url(parts["name"], username, password, parts["ipv4host"] or parts["ipv6host"], port, database, query)


def masked(url: Url | str) -> str:
    """``url`` with its password replaced by ``***`` (the only form mdd ever prints)."""
    parsed = parse_url(url) if isinstance(url, str) else url
    return "<not a URL>" if parsed is None else parsed.render(hide_password=True)


def url_from_env(dsn_env: str, environ: Mapping[str, str] | None = None) -> Url:
    """The URL in the variable ``dsn_env``; a missing or malformed one raises :class:`TargetError`."""
    environ = os.environ if environ is None else environ
    raw = environ.get(dsn_env, "").strip()
    if not raw:
        raise TargetError(f"the environment variable {dsn_env} is not set: set it to the target's connection URL, "
                          f"e.g. {dsn_env}=postgresql+psycopg://user@host:5432/db (the password in a secret, "
                          f"never in the repository)")
    url = parse_url(raw)
    if url is None:
        raise TargetError(f"{dsn_env} does not hold a connection URL (driver://user@host:port/database)")
    backend = url.backend
    if backend not in ENGINES and backend != "mariadb":
        raise TargetError(f"{dsn_env}: unknown database kind {backend!r} in {masked(url)}; "
                          f"known: {', '.join(sorted(ENGINES))}")
    if not url.driver and backend in DEFAULT_DRIVERS:
        url = replace(url, drivername=f"{backend}+{DEFAULT_DRIVERS[backend]}")
    return url


def dialect_of(url: Url) -> str:
    """The rendering dialect of a URL's engine (MariaDB renders as mysql)."""
    return "mysql" if url.backend == "mariadb" else url.backend


def open_target(url: Url, *, lock_timeout: float = 30.0, connect_timeout: float = 10.0) -> Target:
    """A connected :class:`Target` for ``url``; :class:`~.errors.ConnectError` with one masked line
    when the server cannot be reached or refuses the login, :class:`TargetError` when the driver
    is not installed."""
    kind = dialect_of(url)
    if kind in EXTRAS:
        module, extra = EXTRAS[kind]
        module = url.driver or module
        try:
            __import__(module)
        except ImportError:
            hint = f"pip install 'madinhdanh[{extra}]'" if module == EXTRAS[kind][0] else f"pip install {module}"
            raise TargetError(f"{masked(url)}: connecting to {kind} needs the {module} package: {hint}") from None
    target = ENGINES[kind](url, masked(url), lock_timeout=lock_timeout, connect_timeout=connect_timeout)
    target.connect()
    return target
