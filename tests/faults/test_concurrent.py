"""Five ``mdd apply`` of one bundle to one target, started together, on a target that has never
seen mdd (so its own tables are created concurrently too): exactly one applies; the others wait
for the deploy lock and then find the bundle applied (exit 0), or give up with a clear lock
message (exit 1); the ledger holds exactly one applied row and no failure; the target is exactly
as one clean apply leaves it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from faultkit import APPLY_FLAGS, SLOW_TABLES, Target, deploy, dsn_env, finish, install_slow, ledger, set_slow, start

SYSTEM = "qlvb_state"
RUNS = 5


def test_five_concurrent_applies_apply_once(target: Target, bundle: Callable[[str], Path]) -> None:
    target.load(SYSTEM)
    install_slow(target, SLOW_TABLES[SYSTEM], per_row=0.0004)  # the apply lasts long enough for the others to wait
    before = target.snapshot()
    folder = bundle(target.kind)
    args = ["apply", SYSTEM, "--bundle", str(folder), *APPLY_FLAGS]
    set_slow(target, True)
    started = time.monotonic()
    processes = [start(*args, env=target.env()) for _ in range(RUNS)]
    runs = [finish(process, args, started) for process in processes]
    report = "\n\n".join(str(run) for run in runs)

    applied = [run for run in runs if run.code == 0 and "applied in" in run.out]
    assert len(applied) == 1, report
    for run in runs:
        if run is applied[0]:
            continue
        if run.code == 0:
            assert "already applied" in run.out and "nothing to do" in run.out, report
        else:
            assert run.code == 1, report
            assert "lock" in run.err and "Traceback" not in run.err, report
    rows = ledger(target, SYSTEM)
    assert [row["outcome"] for row in rows] == ["applied"], rows

    # the result is what one clean apply gives: rolled back it is the seed, applied again the same
    after = target.snapshot()
    set_slow(target, False)
    deploy.rollback(SYSTEM, dsn_env(SYSTEM), target.settings())
    assert target.snapshot() == before
    assert deploy.apply_part(deploy.load(folder, [SYSTEM])[1][0], target.settings()).state == "applied"
    assert target.snapshot() == after
