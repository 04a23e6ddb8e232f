"""The server drops mdd's connection in the middle of an apply (PostgreSQL
``pg_terminate_backend``, MariaDB ``KILL CONNECTION``): mdd exits 1 with one clear line (no
traceback), the server has rolled the transaction back so the target is unchanged, and the same
command run again applies.

To drop the connection at a known point, another session holds a lock on ``dm_dungchung``, the
third table up.sql converts: the apply has already changed ``lt_donvi``, ``lt_tuyen`` and
``dm_donvi`` (uncommitted) when it stops there to wait; that is when its session is found (in
``pg_stat_activity`` / ``information_schema.processlist``) and killed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from faultkit import (APPLY_FLAGS, Target, finish, hold_lock, mdd, one_line_error, outcomes, start, wait_for,
                      waiting_sessions)

SYSTEM = "qlvb_state"
LOCKED = "dm_dungchung"


def changed_rows(target: Target, session: int) -> bool:
    """Whether the session's open transaction has changed rows (it is in the middle of the patch)."""
    if target.kind == "postgresql":  # it holds the lock an UPDATE takes on dm_donvi
        return bool(target.scalar("SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                  f"WHERE l.pid = {session} AND l.mode = 'RowExclusiveLock' "
                                  "AND c.relname = 'dm_donvi'"))
    return bool(target.scalar("SELECT trx_rows_modified FROM information_schema.innodb_trx "
                              f"WHERE trx_mysql_thread_id = {session}"))


def test_connection_dropped_mid_apply(server_target: Target, bundle: Callable[[str], Path]) -> None:
    target = server_target
    target.load(SYSTEM)
    before = target.snapshot()
    args = ["apply", SYSTEM, "--bundle", str(bundle(target.kind)), *APPLY_FLAGS, "--lock-timeout", "60"]
    with hold_lock(target, LOCKED):
        started = time.monotonic()
        process = start(*args, env=target.env())
        try:
            waiting = wait_for(lambda: waiting_sessions(target), "mdd's apply to wait for the lock on " + LOCKED)
            session, query = waiting[0]
            assert LOCKED in str(query), f"the apply waits elsewhere than expected: {waiting}"
            assert changed_rows(target, session), "the apply had not changed anything yet"
            if target.kind == "postgresql":
                assert target.scalar(f"SELECT pg_terminate_backend({session})")
            else:
                target.execute(f"KILL CONNECTION {session}")
            run = finish(process, args, started, timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    assert run.code == 1, str(run)
    line = one_line_error(run)
    assert "connection" in line and "lost" in line and "nothing was changed" in line, line
    target.wait_alone()
    assert target.snapshot() == before

    again = mdd(*args, env=target.env())
    assert again.code == 0 and "applied in" in again.out, str(again)
    assert target.snapshot() != before
    assert outcomes(target, SYSTEM)[-1] == "applied"
