"""Another session holds a lock the apply needs (SQLite: a second connection in ``BEGIN
IMMEDIATE``, the file's one writer; PostgreSQL: ``LOCK TABLE … IN ACCESS EXCLUSIVE MODE`` in an
open transaction; MariaDB: ``SELECT … FOR UPDATE`` of every row in an open transaction): with
``--lock-timeout 2`` the apply waits about that long, then gives up with one line naming the
lock timeout, exit 1, the target unchanged; once the lock is released the same command applies.
On SQLite the wait is met twice: creating mdd's own tables (a first apply), then at ``BEGIN
IMMEDIATE`` (the tables exist)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from faultkit import APPLY_FLAGS, Target, deploy, dsn_env, hold_lock, mdd, one_line_error, outcomes

SYSTEM = "qlvb_state"
LOCKED = "dm_donvi"
TIMEOUT = 2


def test_apply_gives_up_after_the_lock_timeout(target: Target, bundle: Callable[[str], Path]) -> None:
    target.load(SYSTEM)
    before = target.snapshot()
    args = ["apply", SYSTEM, "--bundle", str(bundle(target.kind)), *APPLY_FLAGS, "--lock-timeout", str(TIMEOUT)]
    with hold_lock(target, LOCKED, how="rows"):
        started = time.monotonic()
        run = mdd(*args, env=target.env(), timeout=60)
        waited = time.monotonic() - started
    assert run.code == 1, str(run)
    line = one_line_error(run)
    assert f"waited {TIMEOUT} s for a lock" in line and "--lock-timeout" in line, line
    assert "nothing was changed" in line, line
    assert TIMEOUT - 0.2 <= waited < TIMEOUT + 20, f"gave up after {waited:.1f} s (lock timeout {TIMEOUT} s)"
    target.wait_alone()
    assert target.snapshot() == before
    assert "applied" not in outcomes(target, SYSTEM)

    again = mdd(*args, env=target.env())
    assert again.code == 0 and "applied in" in again.out, str(again)
    after = target.snapshot()
    assert after != before
    if target.kind != "sqlite":
        return

    deploy.rollback(SYSTEM, dsn_env(SYSTEM), target.settings())
    assert target.snapshot() == before
    with hold_lock(target, LOCKED):
        run = mdd(*args, env=target.env(), timeout=60)
    assert run.code == 1, str(run)
    line = one_line_error(run)
    assert f"waited {TIMEOUT} s for a lock" in line and "creating" not in line, line
    assert target.snapshot() == before
