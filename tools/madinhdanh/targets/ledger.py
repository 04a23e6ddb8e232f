"""The ledger (``mdd_ledger``: one row per apply, rollback, refusal or failure) and the backup
(``mdd_backup``: per applied bundle, the down.sql that restores the rows it changed, whose values
up.sql recorded in ``mdd_undo`` and ``mdd_undo_<table>``, in the same transaction as the change).
Both tables are created idempotently, outside any patch transaction. Statements are built here
from values through the dialect's literal filter; :class:`~.base.Target` runs them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..render.dialects import Dialect
from ..render.quoted import Quoted

LEDGER_COLUMNS = [("system_id", "code"), ("id", "int"), ("action", "code"), ("release_name", "text"),
                  ("bundle", "code"), ("bundle_sha256", "code"), ("base_ref", "text"), ("deployer", "text"),
                  ("host", "text"), ("started_at", "code"), ("duration_ms", "int"), ("counts", "text"),
                  ("outcome", "code"), ("undoes", "int"), ("reason", "text"), ("detail", "text"),
                  ("base_commit", "code"), ("head_commit", "code")]
BACKUP_COLUMNS = [("system_id", "code"), ("ledger_id", "int"), ("bundle", "code"), ("down_sql", "doc"),
                  ("down_sha256", "code"), ("records", "int")]
SELECT_COLUMNS = [name for name, _ in LEDGER_COLUMNS]


@dataclass(frozen=True, slots=True)
class Entry:
    """A ledger row. ``action``: apply | rollback; ``outcome``: applied, rolled back, refused,
    failed; ``undoes``: the id of the apply a rollback reversed."""

    system_id: str
    id: int
    action: str
    release_name: str
    bundle: str
    bundle_sha256: str
    base_ref: str
    deployer: str
    host: str
    started_at: str
    duration_ms: int
    counts: Mapping[str, Any] = field(default_factory=dict)
    outcome: str = "applied"
    undoes: int | None = None
    reason: str = ""
    detail: str = ""
    base_commit: str = ""  # the git commits the bundle was rendered from (base empty: a full sync),
    head_commit: str = ""  # so that a later bundle's base can be checked against what was applied

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in SELECT_COLUMNS}


def create(sql: Dialect) -> list[Quoted]:
    """The statements that create both tables if they are missing."""
    return [sql.create_table("mdd_ledger", LEDGER_COLUMNS, ["system_id", "id"]),
            sql.create_table("mdd_backup", BACKUP_COLUMNS, ["system_id", "ledger_id"])]


def next_id(sql: Dialect, system: str) -> str:
    return f"SELECT COALESCE(MAX(id), 0) + 1 FROM mdd_ledger WHERE system_id = {sql.lit(system)}"


def insert(sql: Dialect, entry: Entry) -> str:
    values = [entry.system_id, entry.id, entry.action, entry.release_name, entry.bundle, entry.bundle_sha256,
              entry.base_ref, entry.deployer, entry.host, entry.started_at, entry.duration_ms,
              json.dumps(dict(entry.counts), sort_keys=True, ensure_ascii=False), entry.outcome, entry.undoes,
              entry.reason[:1000], entry.detail[:1000], entry.base_commit, entry.head_commit]
    return f"INSERT INTO mdd_ledger ({', '.join(SELECT_COLUMNS)}) VALUES ({sql.lits(values)})"


def insert_backup(sql: Dialect, system: str, ledger_id: int, bundle: str, down_sql: str, down_sha256: str,
                  records: int) -> str:
    values = [system, ledger_id, bundle, down_sql, down_sha256, records]
    return f"INSERT INTO mdd_backup ({', '.join(n for n, _ in BACKUP_COLUMNS)}) VALUES ({sql.lits(values)})"


def select(sql: Dialect, system: str | None = None) -> str:
    where = f" WHERE system_id = {sql.lit(system)}" if system else ""
    return f"SELECT {', '.join(SELECT_COLUMNS)} FROM mdd_ledger{where} ORDER BY system_id, id"


def select_backup(sql: Dialect, system: str, ledger_id: int) -> str:
    return (f"SELECT down_sql, down_sha256 FROM mdd_backup WHERE system_id = {sql.lit(system)} "
            f"AND ledger_id = {sql.lit(ledger_id)}")


def entries(rows: Sequence[Sequence[Any]]) -> list[Entry]:
    """Ledger rows as :class:`Entry` values (counts parsed back from JSON)."""
    result = []
    for row in rows:
        values = dict(zip(SELECT_COLUMNS, row))
        values["id"] = int(values["id"])
        values["duration_ms"] = int(values["duration_ms"] or 0)
        values["undoes"] = None if values["undoes"] is None else int(values["undoes"])
        values["counts"] = json.loads(values["counts"] or "{}")
        for name in ("release_name", "base_ref", "deployer", "host", "reason", "detail", "bundle_sha256",
                     "base_commit", "head_commit"):
            values[name] = values[name] or ""
        result.append(Entry(**values))
    return result


def live(entries_: Sequence[Entry]) -> list[Entry]:
    """The applies still in effect (not reversed by a rollback), newest first."""
    undone = {e.undoes for e in entries_ if e.action == "rollback" and e.outcome == "rolled back"}
    return [e for e in reversed(entries_) if e.action == "apply" and e.outcome == "applied" and e.id not in undone]
