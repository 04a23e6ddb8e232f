"""Connection URLs are parsed and masked by targets/connection.py, in SQLAlchemy's format, without
importing SQLAlchemy on the way to PostgreSQL, MariaDB or SQLite. Held equal to SQLAlchemy's own
``make_url`` and ``render_as_string`` on URLs of every shape a province's engineers write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from madinhdanh.targets import TargetError
from madinhdanh.targets.connection import masked, parse_url, url_from_env

URLS = [
    "sqlite:///.mdd-demo/qlvb_state.sqlite",
    "sqlite:////srv/mdd/portal.db",
    "sqlite://",
    "sqlite:///file:portal.db?mode=ro&uri=true",
    "postgresql://postgres@127.0.0.1:5432/qlvb",
    "postgresql+psycopg://mdd:S3cr3t@db.tinh.gov.vn:5432/qlvb?sslmode=require",
    "postgresql+psycopg://mdd:p%40ss%3Aw%2Fo%3Frd@host/db",  # @ : / ? in the password, quoted
    "postgresql+psycopg://mdd:pa ss+w@host/db",
    "postgresql+psycopg://postgres@127.0.0.1:5432/postgres?options=-csearch_path%3Dbench",
    "postgresql+psycopg://user@[2001:db8::1]:5432/db",
    "postgresql+psycopg://user:@host/db",  # an empty password
    "postgresql+psycopg:///db?host=/var/run/postgresql",
    "mysql+pymysql://root@127.0.0.1:3306/tthc?charset=utf8mb4",
    "mariadb+pymysql://mdd:Mật-khẩu@127.0.0.1/dvc",  # not ASCII
    "mssql+pyodbc://sa:pw@srv/baocao?driver=ODBC+Driver+18+for+SQL+Server&TrustServerCertificate=yes",
    "oracle+oracledb://scott:tiger@db:1521/?service_name=XEPDB1",
    "postgresql+psycopg://h/db?a=1&b=2&a=3",  # a repeated key
    "postgresql+psycopg://user@host/d%C3%A1ta%20base",
]


@pytest.mark.parametrize("text", URLS)
def test_a_url_is_read_and_masked_as_sqlalchemy_reads_and_masks_it(text: str) -> None:
    ours, theirs = parse_url(text), make_url(text)
    assert ours is not None
    assert (ours.drivername, ours.username, ours.password, ours.host, ours.port, ours.database) == (
        theirs.drivername, theirs.username, theirs.password, theirs.host, theirs.port, theirs.database)
    assert dict(ours.query or {}) == {k: list(v) if isinstance(v, tuple) else v for k, v in theirs.query.items()}
    assert ours.render(hide_password=True) == theirs.render_as_string(hide_password=True) == masked(text)
    assert ours.render(hide_password=False) == theirs.render_as_string(hide_password=False)
    assert make_url(ours.render(hide_password=False)) == theirs  # what SQL Server and Oracle are given


def test_the_password_never_shows_and_a_bad_url_is_named() -> None:
    assert masked("postgresql+psycopg://mdd:S3cr3t@host/db") == "postgresql+psycopg://mdd:***@host/db"
    assert masked("not a url") == "<not a URL>"
    with pytest.raises(TargetError, match="X does not hold a connection URL"):
        url_from_env("X", {"X": "postgresql://host:port/db"})
    with pytest.raises(TargetError, match=r"unknown database kind 'db2' in db2://u:\*\*\*@h/d"):
        url_from_env("X", {"X": "db2://u:pw@h/d"})
    assert url_from_env("X", {"X": "postgresql://h/db"}).drivername == "postgresql+psycopg"
    assert url_from_env("X", {"X": "mariadb://h/db"}).drivername == "mariadb+pymysql"


def test_connecting_to_sqlite_does_not_import_sqlalchemy(tmp_path: Path) -> None:
    database = tmp_path / "t.sqlite"
    database.write_bytes(b"")
    code = ("import sys; from madinhdanh.targets import open_target; from madinhdanh.targets.connection import "
            f"url_from_env; t = open_target(url_from_env('X', {{'X': 'sqlite:///{database}'}})); "
            "print(t.query('SELECT 1')[0][0], 'sqlalchemy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "False"]
