"""``mdd deploy --all`` over the five example systems whose third system (tthc, in depends_on
order qlvb_state → qlvb_party → tthc → reporting → portal) fails while being applied: a clerk's
session holds a lock on tthc's ``coquan`` table from just after the deploy converted qlvb_state
(the plans were all fine) until after the run, and tthc gives up after ``--lock-timeout 1``.

The two systems converted in the run are rolled back (every table equal to the legacy seed
again), tthc is unchanged, the last two never run; the output, in text and in JSON, gives each
system's final state (rolled back, failed, not run) and the exit code is 1. Each system has its
own database file on SQLite; on PostgreSQL and MariaDB they share the test's schema/database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from dbtargets import SYSTEMS, Database
from faultkit import (APPLY_FLAGS, SLOW_TABLES, Run, Target, dsn_env, finish, hold_lock, install_slow, make_target,
                      set_slow, start, wait_for)

FINAL = {"qlvb_state": "rolled back", "qlvb_party": "rolled back", "tthc": "failed", "reporting": "not run",
         "portal": "not run"}


@pytest.fixture
def places(target: Target, tmp_path: Path) -> Iterator[dict[str, Target]]:
    """Each system's target, loaded with its legacy seed."""
    made: dict[str, Target] = {}
    try:
        for system in SYSTEMS:
            if target.kind == "sqlite":
                path = tmp_path / f"{system}.sqlite"
                made[system] = make_target(Database("sqlite", create_engine(f"sqlite:///{path}"), str(path)))
            else:
                made[system] = target
            made[system].load(system)
        yield made
    finally:
        for place in made.values():
            if place is not target:
                place.close()
                place.engine.dispose()


def applied(place: Target, system: str) -> int:
    if not place.has_table("mdd_ledger"):
        return 0
    return int(place.scalar(f"SELECT COUNT(*) FROM mdd_ledger WHERE system_id = '{system}' AND outcome = 'applied'"))


def test_a_failing_third_system_rolls_back_the_first_two(places: dict[str, Target],
                                                         bundle: Callable[[str], Path]) -> None:
    before = {system: places[system].snapshot([system]) for system in SYSTEMS}
    # qlvb_party's apply takes about half a second: time to lock tthc once qlvb_state is converted
    install_slow(places["qlvb_party"], SLOW_TABLES["qlvb_party"], per_row=0.0015)
    for format_ in ("text", "json"):  # the same deploy twice: the first left every system as it was
        run = deploy_while_tthc_is_locked(places, bundle, format_)
        check_output(run, format_)
        for system in SYSTEMS:
            assert places[system].snapshot([system]) == before[system], f"{system} is not as before the deploy"


def deploy_while_tthc_is_locked(places: dict[str, Target], bundle: Callable[[str], Path], format_: str) -> Run:
    first, slow = places["qlvb_state"], places["qlvb_party"]
    done = applied(first, "qlvb_state")
    set_slow(slow, True)
    env = {dsn_env(system): places[system].url for system in SYSTEMS}
    args = ["deploy", "--bundle", str(bundle(first.kind)), "--all", *APPLY_FLAGS, "--lock-timeout", "1",
            "--format", format_]
    process = start(*args, env=env)
    try:
        wait_for(lambda: applied(first, "qlvb_state") > done, "the deploy to convert qlvb_state", timeout=60)
        with hold_lock(places["tthc"], "coquan"):
            set_slow(slow, False)
            run = finish(process, args, 0.0, timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    return run


def check_output(run: Run, format_: str) -> None:
    assert run.code == 1, str(run)
    assert "Traceback" not in run.err, str(run)
    if format_ == "json":
        document = run.json()
        assert document["ok"] is False
        states = {entry["system"]: entry["state"] for entry in document["systems"]}
        error = next(entry["error"] for entry in document["systems"] if entry["system"] == "tthc")
    else:
        states = {}
        for line in run.out.splitlines():
            found = re.match(r"^(\w+)\s+(rolled back|failed|not run|applied\S*|already applied)\s", line)
            if found and found.group(1) in FINAL:
                states[found.group(1)] = found.group(2)
        error = next(line for line in run.out.splitlines() if line.startswith("tthc ") and "failed" in line)
        assert "rolled back" in run.out.splitlines()[-1], run.out
    assert states == FINAL, str(run)
    assert "lock" in error and "nothing was changed" in error, error
