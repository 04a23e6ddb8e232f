"""``kill -9`` of ``mdd apply`` at seeded points of its run: whatever the point, the target is
either exactly as before (the legacy seed, every column of every row of every table of the
system) or exactly as after a clean apply, never in between; and a new apply then converges on
the clean after-state (or says the bundle is already applied).

The apply is made long enough to be hit in the middle by a test trigger that sleeps (PostgreSQL,
MariaDB) or burns CPU (SQLite) for each row it updates in three of the system's tables (it changes
no data). The kill points are stratified over the measured run of an apply, from shortly before
its transaction begins to its end, with a per-engine seed; the trials reuse one database, restored
between trials by ``mdd rollback``'s engine (in-process) after each successful apply.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from faultkit import (APPLY_FLAGS, SLOW_TABLES, Target, deploy, dsn_env, in_transaction, install_slow, kill9,
                      ledger, mdd, set_slow, start)

SYSTEM = "qlvb_state"  # four tables converted, two foreign keys worked around: the longest apply
TRIALS = 20


def restore(target: Target) -> None:
    """Undo the last apply (the ledger's backup), quickly: the slow trigger off meanwhile."""
    set_slow(target, False)
    deploy.rollback(SYSTEM, dsn_env(SYSTEM), target.settings())


def test_kill_9_at_any_point_leaves_the_target_before_or_after(target: Target, bundle: Callable[[str], Path]) -> None:
    target.load(SYSTEM)
    install_slow(target, SLOW_TABLES[SYSTEM], per_row=0.0004)
    folder = bundle(target.kind)
    part = deploy.load(folder, [SYSTEM])[1][0]
    args = ["apply", SYSTEM, "--bundle", str(folder), *APPLY_FLAGS]
    env = target.env()
    before = target.snapshot()

    # how long an apply takes, whole (clean) and up to its transaction (an apply already applied)
    set_slow(target, True)
    clean = mdd(*args, env=env)
    assert clean.code == 0 and "applied in" in clean.out, str(clean)
    after = target.snapshot()
    assert after != before
    noop = mdd(*args, env=env)
    assert noop.code == 0 and "already applied" in noop.out, str(noop)
    restore(target)
    assert target.snapshot() == before, "mdd rollback did not restore the legacy rows exactly"
    set_slow(target, True)
    clean = mdd(*args, env=env)  # timed again: mdd's own tables exist now, as in the trials
    assert clean.code == 0 and "applied in" in clean.out, str(clean)
    restore(target)

    low, high = 0.8 * noop.seconds, 1.05 * clean.seconds
    rng = random.Random(f"kill-9 {target.kind}")
    delays = [low + (high - low) * (trial + rng.random()) / TRIALS for trial in range(TRIALS)]  # stratified
    seen: Counter[str] = Counter()
    applies = 2  # the two clean ones above
    for trial, delay in enumerate(delays, start=1):
        set_slow(target, True)
        process = start(*args, env=env)
        time.sleep(delay)
        mid = in_transaction(target)
        kill9(process)
        target.wait_alone()
        state = target.snapshot()
        where = f"trial {trial}: kill -9 at {delay:.3f} s of {clean.seconds:.3f} s (exit {process.returncode})"
        assert state in (before, after), f"{where}: the target is half-converted: " + ", ".join(
            table for table in before if state[table] not in (before[table], after[table])) + " differ"
        converted = state == after
        seen["after the commit" if converted else "in the transaction" if mid else "before it"] += 1
        applies += converted

        set_slow(target, False)  # a new apply converges (or finds the bundle applied)
        again = deploy.apply_part(part, target.settings())
        assert again.state == ("already applied" if converted else "applied"), where
        applies += again.state == "applied"
        assert target.snapshot() == after, f"{where}: the apply after the kill did not reach the after-state"
        restore(target)
        assert target.snapshot() == before, where

    print(f"{target.kind}: {TRIALS} kills between {low:.2f} and {high:.2f} s: {dict(seen)}")
    assert seen["in the transaction"] >= 3, f"too few kills landed inside the transaction to mean much: {dict(seen)}"

    # the ledger holds each apply that committed and the rollback of each, nothing half-written
    rows = ledger(target, SYSTEM)
    outcomes = Counter(row["outcome"] for row in rows)
    assert outcomes == {"applied": applies, "rolled back": applies}, outcomes

    # and the CLI, once more, from the restored target
    set_slow(target, False)
    final = mdd(*args, env=env)
    assert final.code == 0 and "applied in" in final.out, str(final)
    assert target.snapshot() == after
