#!/usr/bin/env python3
"""The measuring harness: every figure of issue 8 in one run, printed as one comparison table.

    python bench/run.py --n 100000               # make bench N=100000
    python bench/run.py --scale                  # make bench-scale: N = 10,000, 100,000, 300,000
    python bench/run.py --n 10000 --steps validate,render --runs 5 --keep

For each N it generates a national registry (bench/gen_registry.py --national: N units over the
63 former provinces and 30 central bodies, the five systems of registry/systems.yaml), then times,
in rounds (each round runs every method of a step once, so one round's ratios share the
machine's mood; a figure is the median of ``--runs`` rounds):

- validate: ``mdd validate`` beside the naive path (CSafeLoader + jsonschema per unit) and
  libyaml's raw event parse (the floor), with peak RSS (bench/validate.py's commands);
- render: ``mdd render --full`` of all five systems, with peak RSS;
- postgresql, sqlite, mariadb: N recodes by hand (one UPDATE per row), hand-tuned (set-based),
  ``mdd plan`` and ``mdd apply`` (bench/engines.py; PostgreSQL is bench/apply.py's bench).

A server that does not answer makes its step "skipped" (the rest still runs). Generated files go
to ``--out`` (bench/out/run-N), removed at the end unless ``--keep``. Logs go to stderr; the
table to stdout. Exit 1 if a method failed (a run exited non-zero, or a check found the target
wrong).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import engines  # noqa: E402
import targets_gen as tg  # noqa: E402
import validate  # noqa: E402
from table import (FLOOR, MDD_RENDER, MDD_VALIDATE, NAIVE, STEPS, Result, Results, render_table,  # noqa: E402
                   verdicts)

SCALE = (10_000, 100_000, 300_000)
DATABASES: dict[str, Callable[[Path, Path, tg.Target], engines.Engine]] = {
    "postgresql": engines.postgresql, "sqlite": engines.sqlite_engine, "mariadb": engines.mariadb_engine}
log = engines.log


class Interrupted(BaseException):
    """SIGTERM: stop, drop the databases, print what was measured (not a SystemExit, which
    bench/validate.py's measure raises for a failed command)."""


def interrupt(*_: object) -> None:
    raise Interrupted


def generate(n: int, registry: Path, seed: int) -> str:
    """The national registry of ``n`` units; returns the generator's summary line."""
    done = subprocess.run([validate.PY, str(HERE / "gen_registry.py"), str(n), "--out", str(registry), "--seed",
                           str(seed), "--national"], check=True, capture_output=True, text=True)
    return done.stderr.strip().removeprefix("gen_registry: ")


def commands_step(step: str, commands: list[tuple[str, list[str]]], n: int, runs: int, results: Results,
                  before: Callable[[], None] = lambda: None) -> None:
    """Time commands in rounds, each in a fresh process, with its peak RSS (bench/validate.py's
    measure: wait4's rusage, so a forked helper process counts too, taken from a small timer
    process so that this one's own memory does not count). Rows go into ``results`` at once, so
    an interrupted run still shows the rounds it finished."""
    rows = [Result(step, name, n) for name, _ in commands]
    results.update({(step, row.method, n): row for row in rows})
    for round_no in range(1, runs + 1):
        for row, (name, command) in zip(rows, commands):
            if row.note:
                continue
            before()
            try:
                times, peak = validate.measure(command, 1)
            except SystemExit as error:
                row.note = "FAILED: run"
                log(f"!!! {step} {name} round {round_no}: {error}")
                continue
            row.seconds.extend(times)
            row.peak_mb = max(row.peak_mb or 0.0, peak)
            log(f"{step} round {round_no}: {name}: {times[0]:.2f} s, {peak:.0f} MiB")


def validate_step(registry: Path, n: int, runs: int, results: Results) -> None:
    units = str(registry / "units.yaml")
    commands_step("validate", [
        (MDD_VALIDATE, [validate.MDD, "validate", "--registry", str(registry)]),
        (NAIVE, [validate.PY, "-c", validate.NAIVE, units]),
        (FLOOR, [validate.PY, "-c", validate.RAW, units]),
    ], n, runs, results)


def render_step(registry: Path, folder: Path, n: int, runs: int, results: Results) -> None:
    """``mdd render --full`` of every system; the previous bundle is removed before each run (not timed)."""
    bundle = folder / "bundle-full"
    command = [validate.MDD, "render", "--full", "--registry", str(registry), "--out", str(bundle)]
    commands_step("render", [(MDD_RENDER, command)], n, runs, results,
                  lambda: shutil.rmtree(bundle, ignore_errors=True))


def database_steps(steps: list[str], registry: Path, folder: Path, n: int, runs: int, results: Results
                   ) -> list[str]:
    """Each database step in turn: set up (seed, render; not timed), measure, clean up. Returns
    the engines' names and versions."""
    log(f"N={n:,}: loading the bench target (targets_gen.load_target)")
    target = tg.load_target(registry)
    labels = []
    for step in steps:
        try:
            engine = DATABASES[step](folder / step, registry / "units.yaml", target)
        except Exception as error:  # a server that does not answer, a setup that failed: say so, go on
            note = "skipped: no server" if "connect" in str(error).lower() else "FAILED: setup"
            log(f"!!! {step}: {note}: {str(error).strip().splitlines()[0] if str(error).strip() else error!r}")
            results[(step, "(all methods)", n)] = Result(step, "(all methods)", n, note=note)
            continue
        labels.append(engine.label)
        try:
            engines.measure(engine, n, runs, results)
        finally:
            engine.close()
    return labels


def one_size(n: int, args: argparse.Namespace, results: Results, header: list[str]) -> None:
    folder = args.out / f"run-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    registry = folder / "registry"
    summary = generate(n, registry, args.seed)
    header.append(f"N={n:,}: {summary}")
    log(f"N={n:,}: {summary}")
    try:
        if "validate" in args.steps:
            validate_step(registry, n, args.runs, results)
        if "render" in args.steps:
            render_step(registry, folder, n, args.runs, results)
        wanted = [s for s in STEPS if s in DATABASES and s in args.steps]
        if wanted:
            labels = database_steps(wanted, registry, folder, n, args.runs, results)
            header.append(f"N={n:,}: databases {', '.join(labels) or 'none'}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="units (repeatable; default 100000)")
    parser.add_argument("--scale", action="store_true", help=f"N = {', '.join(f'{s:,}' for s in SCALE)}")
    parser.add_argument("--runs", type=int, default=3, help="rounds; each figure is their median (default 3)")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, of {','.join(STEPS)} (default all)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="for generated files (default bench/out)")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep bench/out/run-N (registry, bundles, databases)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="kill a SQLite or MariaDB run after this many seconds (default 900; 0: never)")
    args = parser.parse_args(argv)
    args.steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s) {', '.join(sorted(unknown))}; known: {', '.join(STEPS)}")
    args.sizes = sorted(set((args.n or []) + (list(SCALE) if args.scale else []))) or [100_000]
    if args.runs < 1 or min(args.sizes) < 1:
        parser.error("--n and --runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    engines.TIMEOUT[0] = args.timeout
    signal.signal(signal.SIGTERM, interrupt)  # so that the databases are dropped on a kill
    started = datetime.now().astimezone()
    results: Results = {}
    header = [f"madinhdanh bench, {started.isoformat(timespec='seconds')}, {os.cpu_count()} CPU(s), "
              f"load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}; each figure the median of "
              f"{args.runs} rounds in this one run"]
    interrupted = 0
    try:
        for n in args.sizes:
            one_size(n, args, results, header)
    except (KeyboardInterrupt, Interrupted) as stop:  # Ctrl-C, kill: still show what was measured
        interrupted = 130 if isinstance(stop, KeyboardInterrupt) else 143
        header.append("INTERRUPTED: the table holds what was measured before")
    minutes = (datetime.now().astimezone() - started).total_seconds() / 60
    print("\n".join(header + [f"took {minutes:.1f} min", "", render_table(results, args.sizes), ""]))
    goals = verdicts(results, args.sizes)
    if goals:
        print("goals (set for N = 100,000; peak RSS also for 300,000; growth between the sizes measured):")
        print("\n".join(f"  {line}" for line in goals))
    if len(args.sizes) == 1 and args.sizes[0] != 100_000:
        print("(goals marked * are set for N = 100,000 and shown here for reference)")
    failed = [r for r in results.values() if r.note and r.note.startswith("FAILED")]
    for r in failed:
        print(f"!!! {r.step} {r.method} N={r.n:,}: {r.note} (details above on stderr)")
    return interrupted or (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
