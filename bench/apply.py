#!/usr/bin/env python3
"""How long do N recodes take on PostgreSQL with ``mdd plan`` / ``mdd apply``, beside doing it by hand?

    python bench/apply.py [--n 100000] [--repeat 3] [--keep] [--server postgresql://postgres@127.0.0.1:5432]

Builds the bench target (bench/targets_gen.py: a synthetic registry of N units, system ``portal``
keyed by code102, 5 reference rows per unit), seeds it once into a template database with COPY,
renders the bundle with ``mdd render``, then times, ``--repeat`` rounds of each, all in one run:

- hand-written: one ``UPDATE … WHERE <col> = '<old>'`` per unit row and per reference column in an
  SQL file, run by ``psql -1 -f`` (only the psql run is timed);
- hand-tuned: one transaction (psycopg) that COPYs the old→new map into a temporary table, then one
  ``UPDATE … FROM`` per column (connecting is not timed);
- ``mdd plan`` and ``mdd apply``, the CLI as a user runs it ("not available yet" until they exist).

Before every run the target is reset to the same legacy state: a fresh database copied from the
template (``CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY``) and a CHECKPOINT, neither timed.
After every run the code columns are checked: no legacy identifier may be left and every value
must be a current code (after ``mdd plan``: the target must be exactly as seeded). Databases are
dropped at the end; ``--keep`` keeps the folder (registry, bundle, SQL file, plan.json).
Prints one table (median seconds, runs, time ratios); logs go to stderr. Exit 1 if a check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

import targets_gen as tg  # noqa: E402

HAND_WRITTEN = "hand-written (psql -1 -f)"
HAND_TUNED = "hand-tuned (COPY + UPDATE FROM)"
MDD_PLAN = "mdd plan"
MDD_APPLY = "mdd apply"


class MethodFailed(Exception):
    """A method did not complete (non-zero exit, database error)."""


@dataclass
class Bench:
    """Everything a method needs: where the server, files and template database are."""

    server: str
    folder: Path
    target: tg.Target
    template: str
    database: str  # the per-run copy of the template
    seeded: tg.Census  # the template's code columns

    @property
    def registry(self) -> Path:
        return self.folder / "registry"

    @property
    def bundle(self) -> Path:
        return self.folder / "bundle"

    @property
    def sql_file(self) -> Path:
        return self.folder / "hand-written.sql"

    @property
    def plan_file(self) -> Path:
        return self.folder / "plan.json"


@dataclass
class Row:
    """One line of the table: a method's timings, or why it has none."""

    name: str
    seconds: list[float] = field(default_factory=list)
    note: str | None = None  # "not available yet", "FAILED: …"
    problem: str | None = None  # what failed, in full

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.failed else None

    @property
    def failed(self) -> bool:
        return bool(self.note and self.note.startswith("FAILED"))


def log(message: str) -> None:
    print(f"bench/apply: {message}", file=sys.stderr, flush=True)


def timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run(command: list[str], output: Path, env: dict[str, str] | None = None) -> None:
    """Run a command, its stdout to the file ``output``; MethodFailed with the end of its output if it
    exits non-zero."""
    with output.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=env, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or output.read_text(encoding="utf-8").strip().splitlines()
        tail = [line[:300] for line in lines[-15:]]
        raise MethodFailed(f"{Path(command[0]).name} {command[1]} exited {done.returncode} (stdout in {output}):\n  "
                           + "\n  ".join(tail))


# ------------------------------------------------------------------------------------ baselines


def sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def hand_written_sql(target: tg.Target) -> Iterator[str]:
    """One UPDATE per unit row whose key or parent changes, then one per renamed unit and reference column."""
    yield "-- hand-written conversion: one UPDATE per unit row and per reference column\n"
    for u in target.units:
        if u.key == u.code and u.parent_key == u.parent_code:
            continue
        parent = "" if u.parent_code is None else f", parent_code = {sql_literal(u.parent_code)}"
        yield (f"UPDATE portal_units SET unit_code = {sql_literal(u.code)}{parent}"
               f" WHERE unit_code = {sql_literal(u.key)};\n")
    for old, new in target.renames.items():
        yield f"UPDATE portal_categories SET unit_code = {sql_literal(new)} WHERE unit_code = {sql_literal(old)};\n"


def hand_written(bench: Bench) -> float:
    """psql -1 -f FILE on the run database; only the psql process is timed."""
    command = ["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", tg.db_url(bench.server, bench.database),
               "-f", str(bench.sql_file)]
    return timed(lambda: run(command, bench.folder / "psql.out"))


def hand_tuned(bench: Bench) -> float:
    """COPY the map into a temporary table, one UPDATE … FROM per code column, one transaction."""
    renames = list(bench.target.renames.items())
    with psycopg.connect(tg.db_url(bench.server, bench.database)) as conn:

        def convert() -> None:
            with conn.transaction():
                conn.execute("CREATE TEMPORARY TABLE bench_map (old_code varchar(64) PRIMARY KEY,"
                             " new_code varchar(64) NOT NULL) ON COMMIT DROP")
                with conn.cursor() as cur, cur.copy("COPY bench_map (old_code, new_code) FROM STDIN") as copy:
                    for pair in renames:
                        copy.write_row(pair)
                conn.execute("ANALYZE bench_map")
                for table, column in tg.CODE_COLUMNS:
                    conn.execute(f"UPDATE {table} AS t SET {column} = m.new_code FROM bench_map AS m"
                                 f" WHERE t.{column} = m.old_code")

        try:
            return timed(convert)
        except psycopg.Error as error:
            raise MethodFailed(f"hand-tuned: {error}") from error


# ------------------------------------------------------------------------------------ mdd


def mdd_env(bench: Bench) -> dict[str, str]:
    return {**os.environ, tg.DSN_ENV: tg.sqlalchemy_url(bench.server, bench.database)}


def mdd_plan(bench: Bench) -> float:
    bench.plan_file.unlink(missing_ok=True)
    command = [tg.MDD, "plan", tg.SYSTEM_ID, "--bundle", str(bench.bundle), "--out", str(bench.plan_file),
               "--format", "json"]
    return timed(lambda: run(command, bench.folder / "mdd-plan.out", mdd_env(bench)))


def mdd_apply(bench: Bench) -> float:
    command = [tg.MDD, "apply", tg.SYSTEM_ID, "--bundle", str(bench.bundle), "--yes", "--force",
               "--ignore-window", "--reason", "bench"]
    return timed(lambda: run(command, bench.folder / "mdd-apply.out", mdd_env(bench)))


def mdd_has(command: str) -> bool:
    """Whether this mdd has the command yet (``mdd COMMAND --help`` exits 0)."""
    return subprocess.run([tg.MDD, command, "--help"], capture_output=True).returncode == 0


Method = Callable[[Bench], float]
METHODS: dict[str, Method] = {HAND_WRITTEN: hand_written, HAND_TUNED: hand_tuned, MDD_PLAN: mdd_plan,
                              MDD_APPLY: mdd_apply}


# ------------------------------------------------------------------------------------ checks


def check(bench: Bench, name: str) -> str | None:
    """What is wrong with the target after a run of ``name``, or None."""
    found = tg.census(bench.server, bench.database, bench.target)
    if name == MDD_PLAN:
        if found != bench.seeded:
            return f"plan changed the target: {found} (seeded {bench.seeded})"
        try:
            json.loads(bench.plan_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return f"no readable plan at {bench.plan_file}: {error}"
        return None
    expected = tg.Census(legacy=0, current=bench.target.code_values())
    if found != expected:
        return (f"{found.legacy} value(s) still hold a legacy identifier, {found.current} current code(s)"
                f" (expected {expected.legacy} and {expected.current})")
    return None


# ------------------------------------------------------------------------------------ running


def reset(bench: Bench) -> None:
    """A fresh copy of the template as the run database, its pages on disk (not timed)."""
    tg.drop_database(bench.server, bench.database)
    tg.create_database(bench.server, bench.database, template=bench.template)
    tg.checkpoint(bench.server)


def fail(row: Row, note: str, problem: str) -> None:
    """Mark the method failed (no more runs of it) and say so at once on stderr."""
    row.note, row.problem = note, problem
    log(f"!!! {row.name} {note}: {problem}")


def measure(bench: Bench, rows: dict[str, Row], repeat: int) -> None:
    """``repeat`` rounds; each round runs every available method once on a freshly reset target."""
    for round_no in range(1, repeat + 1):
        for name, row in rows.items():
            if row.note:
                continue
            reset(bench)
            try:
                seconds = METHODS[name](bench)
            except MethodFailed as error:
                fail(row, "FAILED: run", f"round {round_no}: {error}")
                continue
            problem = check(bench, name)
            if problem:
                fail(row, "FAILED: check", f"round {round_no}: {problem}")
                continue
            row.seconds.append(seconds)
            log(f"round {round_no}: {name}: {seconds:.2f} s, check ok")


def prepare(n: int, server: str, folder: Path, template: str, database: str) -> Bench:
    """Registry, validation, hand-written SQL file, template database, bundle (nothing timed)."""
    registry = tg.write_registry(n, folder / "registry")
    tg.validate_registry(registry)
    log(f"registry of {n} units in {registry}: mdd validate ok")
    target = tg.load_target(registry)
    tg.create_database(server, template)
    seconds = timed(lambda: tg.seed(server, template, target))
    log(f"seeded {len(target.units)} unit rows and {target.reference_rows} reference rows in {seconds:.1f} s (COPY)")
    seeded = tg.census(server, template, target)
    bench = Bench(server, folder, target, template, database, seeded)
    with bench.sql_file.open("w", encoding="utf-8") as out:
        out.writelines(hand_written_sql(target))
    return bench


def render(bench: Bench) -> str | None:
    """mdd render the bundle; None if it worked, else why."""
    command = [tg.MDD, "render", "--full", "--registry", str(bench.registry), "--out", str(bench.bundle),
               "--dialect", "postgresql", "--system", tg.SYSTEM_ID]
    try:
        seconds = timed(lambda: run(command, bench.folder / "mdd-render.out"))
    except MethodFailed as error:
        log(f"!!! mdd render FAILED: {error}")
        return f"FAILED: render: {error}"
    log(f"mdd render: {seconds:.1f} s -> {bench.bundle}")
    return None


def initial_rows(bench: Bench) -> dict[str, Row]:
    rows = {name: Row(name) for name in METHODS}
    missing = [name for name in (MDD_PLAN, MDD_APPLY) if not mdd_has(name.split()[1])]
    for name in missing:
        rows[name].note = "not available yet"
    failed = render(bench) if len(missing) < 2 else None
    for name in (MDD_PLAN, MDD_APPLY):
        if failed and not rows[name].note:
            rows[name].note, rows[name].problem = "FAILED: render", failed
    return rows


# ------------------------------------------------------------------------------------ output


def ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:.2f}x" if value is not None and base else "-"


def table(rows: dict[str, Row]) -> str:
    """The aligned comparison table; ratios are time ÷ the baseline's time (below 1: faster)."""
    written, tuned = rows[HAND_WRITTEN].median, rows[HAND_TUNED].median
    header = ("method", "median s", "runs", "vs hand-written", "vs hand-tuned")
    lines = [header]
    for row in rows.values():
        median = row.median
        seconds = f"{median:.2f}" if median is not None else (row.note or "-")
        lines.append((row.name, seconds, str(len(row.seconds)), ratio(median, written), ratio(median, tuned)))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = []
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(line[1:], widths[1:])]
        text.append("  ".join(cells).rstrip())
    text.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(text)


def report(bench: Bench, rows: dict[str, Row], repeat: int) -> str:
    target = bench.target
    return "\n".join((
        f"mdd apply bench, {datetime.now().astimezone().isoformat(timespec='seconds')},"
        f" PostgreSQL {tg.server_version(bench.server)}, {os.cpu_count()} CPU(s)",
        f"N = {len(target.renames)} recodes: {len(target.units)} unit rows (portal_units.unit_code, parent_code),"
        f" {target.reference_rows} reference rows (portal_categories.unit_code, {tg.REFS_PER_UNIT} per unit)",
        f"system {tg.SYSTEM_ID}, template set portal; each figure the median of up to {repeat} runs;"
        " ratios are time / the baseline's time",
        "",
        table(rows),
        *(f"\n!!! {row.name} FAILED: {row.problem}" for row in rows.values() if row.failed),
    ))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="units (= recodes) in the registry (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each method; the median is shown (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the folder (registry, bundle, SQL file, plan)")
    parser.add_argument("--server", default=tg.SERVER, help=f"PostgreSQL server URL (default {tg.SERVER})")
    args = parser.parse_args()
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")

    folder = Path(tempfile.mkdtemp(prefix=f"mdd-bench-apply-{args.n}-"))
    template, database = f"mdd_bench_{os.getpid()}_tmpl", f"mdd_bench_{os.getpid()}_run"
    try:
        bench = prepare(args.n, args.server, folder, template, database)
        rows = initial_rows(bench)
        measure(bench, rows, args.repeat)
        print(report(bench, rows, args.repeat))
        return 1 if any(row.failed for row in rows.values()) else 0
    except KeyboardInterrupt:
        return 130
    finally:
        for name in (database, template):
            tg.drop_database(args.server, name)
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
