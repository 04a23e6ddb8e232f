"""Reading a system's exchange log (``exchange_log`` in systems.yaml) for ``mdd verify --exchange``:
one SELECT of (sender, receiver, time, status), pre-filtered a day before the cutover in the
target's own time literal; :mod:`madinhdanh.exchange` makes the exact cut and judges the codes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from ..model import VIETNAM
from .base import Target

SQL_MARGIN = timedelta(days=1)  # columns stored with a zone compare in the session's zone


def time_literal(target: Target, when: datetime) -> str:
    """``when`` (local, naive) as a literal its log time column compares with, in the target's
    dialect: SQLite a date as text (its times are text, ``T`` or blank between date and time);
    PostgreSQL a CAST to TIMESTAMP; Oracle TO_TIMESTAMP with an explicit format (NLS settings
    vary); SQL Server and MariaDB text in the form they always read."""
    sql = target.sql
    dialect = sql.name
    if dialect == "sqlite":
        return str(sql.lit(f"{when:%Y-%m-%d}"))
    if dialect == "postgresql":
        return f"CAST({sql.lit(f'{when:%Y-%m-%d %H:%M:%S}')} AS TIMESTAMP)"
    if dialect == "oracle":
        return f"TO_TIMESTAMP({sql.lit(f'{when:%Y-%m-%d %H:%M:%S}')}, 'YYYY-MM-DD HH24:MI:SS')"
    if dialect == "mssql":
        return str(sql.lit(f"{when:%Y-%m-%dT%H:%M:%S}"))
    return str(sql.lit(f"{when:%Y-%m-%d %H:%M:%S}"))


def select_log(target: Target, log: Mapping[str, Any], since: datetime | None) -> str:
    """The one SELECT of (sender, receiver, time, status) rows, pre-filtered a day before ``since``."""
    ident = target.sql.ident
    status = ident(str(log["status"])) if log.get("status") else "NULL"
    statement = (f"SELECT {ident(str(log['sender']))}, {ident(str(log['receiver']))}, {ident(str(log['time']))}, "
                 f"{status} FROM {ident(str(log['table']))}")
    if since is not None:
        early = (since.astimezone(VIETNAM) - SQL_MARGIN).replace(tzinfo=None)
        statement += f" WHERE {ident(str(log['time']))} >= {time_literal(target, early)}"
    return statement


def read_log(target: Target, log: Mapping[str, Any], since: datetime | None) -> list[tuple[Any, ...]]:
    """The log's rows from a day before ``since`` (all when None). MariaDB/MySQL: the session's
    zone is set to +07:00 first, so a TIMESTAMP column reads as local time like a DATETIME."""
    if target.sql.name == "mysql":
        target.execute("SET time_zone = '+07:00'")
    return target.query(select_log(target, log, since))
