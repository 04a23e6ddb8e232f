"""The database steps of bench/run.py: the same N recodes on PostgreSQL, SQLite and MariaDB.

Every engine gets the bench target of bench/targets_gen.py (system ``portal`` keyed by code102,
one ``portal_units`` row and 5 ``portal_categories`` rows per unit) built from the run's own
registry, and four methods, timed in rounds (each round runs each method once, so the ratios of
one round share the machine's mood):

- hand-written: one ``UPDATE … WHERE col = '<old>'`` per unit row and per reference, in one
  transaction, run by the engine's own client (``psql -1 -f``, ``sqlite3 .read``, ``mysql -e source``);
- hand-tuned: in one transaction, the old→new map into a temporary table, then one set-based
  UPDATE per code column (PostgreSQL: COPY + ``UPDATE … FROM``; SQLite: ``UPDATE … FROM``;
  MariaDB: ``UPDATE … JOIN``);
- ``mdd plan`` and ``mdd apply`` of a bundle rendered for that engine.

PostgreSQL is bench/apply.py as it is (its functions, imported); SQLite and MariaDB follow the
same rules here: before every run the target is reset to the seeded state (not timed), after it
the code columns are checked (no legacy identifier left, every value a current code; after
``mdd plan``, exactly as seeded).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import apply  # noqa: E402
import targets_gen as tg  # noqa: E402
from table import APPLY, PLAN, TUNED, WRITTEN, Result  # noqa: E402

MARIADB = {"host": "127.0.0.1", "port": 3306, "user": "root"}
TIMEOUT = [900.0]  # seconds one run of a command may take (run.py --timeout); a list so run.py can set it
Method = Callable[[], float]


class TimedOut(apply.MethodFailed):
    """A command ran longer than the timeout and was killed."""


def timed_run(command: list[str], output: Path, env: dict[str, str] | None = None) -> float:
    """Time ``command`` like bench/apply.py's ``run`` does, but kill it after ``TIMEOUT`` seconds: a
    method that grows faster than N must not hold the whole bench (apply.py's ``run`` has no timeout)."""
    limit = TIMEOUT[0]
    try:
        return apply.timed(lambda: apply.run(command, output, env) if limit <= 0 else _bounded(command, output, env))
    except subprocess.TimeoutExpired:
        raise TimedOut(f"{Path(command[0]).name} {command[1]} killed after {limit:.0f} s") from None


def _bounded(command: list[str], output: Path, env: dict[str, str] | None) -> None:
    with output.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=env, text=True, timeout=TIMEOUT[0])
    if done.returncode != 0:
        tail = [line[:300] for line in (done.stderr.strip().splitlines() or ["(no output on stderr)"])[-15:]]
        raise apply.MethodFailed(f"{Path(command[0]).name} {command[1]} exited {done.returncode} (stdout in {output}):"
                                 "\n  " + "\n  ".join(tail))


@dataclass
class Engine:
    """One database's methods, reset, check and clean-up, as closures over its files and names."""

    step: str
    label: str
    methods: dict[str, Method]
    reset: Callable[[], None]
    check: Callable[[str], str | None]
    close: Callable[[], None]


def log(message: str) -> None:
    print(f"bench/run: {message}", file=sys.stderr, flush=True)


def measure(engine: Engine, n: int, runs: int, into: dict[tuple[str, str, int], Result]) -> None:
    """``runs`` rounds of every method on a freshly reset target; a failure stops that method.
    The rows go ``into`` the results at once (an interrupted run shows the rounds it finished)."""
    rows = {name: Result(engine.step, name, n) for name in engine.methods}
    into.update({(engine.step, name, n): row for name, row in rows.items()})
    for round_no in range(1, runs + 1):
        for name, method in engine.methods.items():
            row = rows[name]
            if row.note:
                continue
            engine.reset()
            try:
                seconds = method()
            except TimedOut as error:
                row.note, row.at_least = f"FAILED: > {TIMEOUT[0]:.0f} s", TIMEOUT[0]
                log(f"!!! {engine.step} {name} round {round_no}: {error}")
                continue
            except (apply.MethodFailed, OSError) as error:
                row.note = "FAILED: run"
                log(f"!!! {engine.step} {name} round {round_no} failed: {error}")
                continue
            problem = engine.check(name)
            if problem:
                row.note = "FAILED: check"
                log(f"!!! {engine.step} {name} round {round_no}: {problem}")
                continue
            row.seconds.append(seconds)
            log(f"{engine.step} round {round_no}: {name}: {seconds:.2f} s, check ok")


# ------------------------------------------------------------------------------------ shared


def engine_registry(folder: Path, units: Path, dialect: str) -> Path:
    """``folder/registry``: the run's units.yaml beside the bench system declared in ``dialect``."""
    registry = folder / "registry"
    registry.mkdir(parents=True, exist_ok=True)
    (registry / "units.yaml").unlink(missing_ok=True)
    try:
        os.link(units, registry / "units.yaml")
    except OSError:
        shutil.copyfile(units, registry / "units.yaml")
    systems = tg.SYSTEMS_YAML.replace("dialect: postgresql", f"dialect: {dialect}")
    (registry / "systems.yaml").write_text(systems, encoding="utf-8")
    return registry


def render_bundle(registry: Path, folder: Path) -> Path:
    """``mdd render --full`` of the bench system, in the dialect the registry declares (not timed)."""
    bundle = folder / "bundle"
    command = [tg.MDD, "render", "--full", "--registry", str(registry), "--out", str(bundle), "--system", tg.SYSTEM_ID]
    seconds = apply.timed(lambda: apply.run(command, folder / "mdd-render.out"))
    log(f"{folder.name}: mdd render {seconds:.1f} s")
    return bundle


def write_script(path: Path, target: tg.Target, begin: str, commit: str = "COMMIT;\n") -> Path:
    """The hand-written conversion (bench/apply.py's statements) wrapped in one transaction."""
    with path.open("w", encoding="utf-8") as out:
        out.write(begin)
        out.writelines(apply.hand_written_sql(target))
        out.write(commit)
    return path


def mdd(action: str, bundle: Path, folder: Path, dsn: str) -> float:
    """Time ``mdd plan`` (plan.json saved) or ``mdd apply`` as a user runs them, the URL in the
    bench system's variable."""
    if action == "plan":
        (folder / "plan.json").unlink(missing_ok=True)
        extra = ["--out", str(folder / "plan.json"), "--format", "json"]
    else:
        extra = ["--yes", "--force", "--ignore-window", "--reason", "bench"]
    command = [tg.MDD, action, tg.SYSTEM_ID, "--bundle", str(bundle), *extra]
    env = {**os.environ, tg.DSN_ENV: dsn}
    return timed_run(command, folder / f"mdd-{action}.out", env)


def census(values: Iterable[str | None], target: tg.Target) -> tg.Census:
    """How many code-column values are legacy identifiers, and how many current codes."""
    old, now = target.legacy, target.current  # (legacy is a property that builds its set)
    legacy = current = 0
    for value in values:
        legacy += value in old
        current += value in now
    return tg.Census(legacy, current)


def check(found: Callable[[], tg.Census], seeded: tg.Census, target: tg.Target, plan: Path, name: str) -> str | None:
    """What is wrong after a run of ``name`` (bench/apply.py's rule), or None."""
    now = found()
    if name == PLAN:
        if now != seeded:
            return f"plan changed the target: {now} (seeded {seeded})"
        return None if plan.is_file() and plan.stat().st_size else f"no plan written at {plan}"
    expected = tg.Census(legacy=0, current=target.code_values())
    return None if now == expected else f"found {now}, expected {expected}"


def methods(written: Method | None, tuned: Method, bundle: Path, folder: Path, dsn: str) -> dict[str, Method]:
    both: dict[str, Method] = {WRITTEN: written} if written else {}
    return {**both, TUNED: tuned, PLAN: partial(mdd, "plan", bundle, folder, dsn),
            APPLY: partial(mdd, "apply", bundle, folder, dsn)}


# ------------------------------------------------------------------------------------ PostgreSQL


def postgresql(folder: Path, units: Path, target: tg.Target, server: str = tg.SERVER) -> Engine:
    """bench/apply.py's bench on the run's registry: its Bench, methods, reset and check."""
    name = f"mdd_bench_{os.getpid()}"
    template, database = f"{name}_tmpl", f"{name}_run"

    def close() -> None:
        for db in (database, template):
            tg.drop_database(server, db)

    engine_registry(folder, units, "postgresql")
    try:
        tg.create_database(server, template)
        tg.seed(server, template, target)
        bench = apply.Bench(server, folder, target, template, database, tg.census(server, template, target))
        with bench.sql_file.open("w", encoding="utf-8") as out:
            out.writelines(apply.hand_written_sql(target))
        failed = apply.render(bench)
        if failed:
            raise apply.MethodFailed(failed)
    except BaseException:
        close()
        raise
    names = {WRITTEN: apply.HAND_WRITTEN, TUNED: apply.HAND_TUNED, PLAN: apply.MDD_PLAN, APPLY: apply.MDD_APPLY}
    chosen: dict[str, Method] = {mine: partial(apply.METHODS[theirs], bench) for mine, theirs in names.items()
                                 if mine != WRITTEN or shutil.which("psql")}
    label = f"PostgreSQL {tg.server_version(server).split(' (')[0]}"
    return Engine("postgresql", label, chosen, partial(apply.reset, bench),
                  lambda method: apply.check(bench, names[method]), close)


# ------------------------------------------------------------------------------------ SQLite


def sqlite_values(path: Path) -> list[str | None]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for table, column in tg.CODE_COLUMNS for row in conn.execute(f"SELECT {column} FROM {table}")]


def sqlite_seed(path: Path, target: tg.Target) -> None:
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executescript((tg.ROOT / "examples/targets/portal/schema.sqlite.sql").read_text(encoding="utf-8"))
        conn.executemany("INSERT INTO portal_units (unit_code, unit_name, parent_code, status, level, slug, sort_order)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", tg.unit_copy_rows(target))
        conn.executemany("INSERT INTO portal_categories (unit_code, title, slug, sort_order, is_visible)"
                         " VALUES (?, ?, ?, ?, ?)", tg.category_copy_rows(target))
        conn.execute("ANALYZE")


def sqlite_tuned(path: Path, renames: list[tuple[str, str]]) -> float:
    """The map into a temporary table, one ``UPDATE … FROM`` per code column, one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)

    def convert() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TEMPORARY TABLE bench_map (old_code TEXT PRIMARY KEY, new_code TEXT NOT NULL)")
        conn.executemany("INSERT INTO bench_map VALUES (?, ?)", renames)
        for table, column in tg.CODE_COLUMNS:
            conn.execute(f"UPDATE {table} SET {column} = m.new_code FROM bench_map AS m"
                         f" WHERE {table}.{column} = m.old_code")
        conn.execute("COMMIT")

    try:
        return apply.timed(convert)
    finally:
        conn.close()


def sqlite_engine(folder: Path, units: Path, target: tg.Target) -> Engine:
    registry = engine_registry(folder, units, "sqlite")
    template, run = folder / "template.sqlite", folder / "run.sqlite"
    sqlite_seed(template, target)
    bundle = render_bundle(registry, folder)
    script = write_script(folder / "hand-written.sql", target, "BEGIN;\n")
    written = None
    if shutil.which("sqlite3"):
        command = ["sqlite3", "-bail", str(run), f".read {script}"]
        written = partial(timed_run, command, folder / "sqlite3.out")

    def reset() -> None:
        for leftover in (run, run.with_name(run.name + "-journal"), run.with_name(run.name + "-wal")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(template, run)

    seeded = census(sqlite_values(template), target)
    found = lambda: census(sqlite_values(run), target)  # noqa: E731
    return Engine("sqlite", f"SQLite {sqlite3.sqlite_version}",
                  methods(written, partial(sqlite_tuned, run, list(target.renames.items())), bundle, folder,
                          f"sqlite:///{run}"),
                  reset, partial(check, found, seeded, target, folder / "plan.json"), lambda: None)


# ------------------------------------------------------------------------------------ MariaDB


def mysql_connect(database: str | None = None, **extra: Any) -> Any:
    import pymysql  # type: ignore[import-untyped]

    return pymysql.connect(**MARIADB, database=database, charset="utf8mb4", **extra)


def mysql_values(database: str) -> list[str | None]:
    with mysql_connect(database) as conn, conn.cursor() as cur:
        values: list[str | None] = []
        for table, column in tg.CODE_COLUMNS:
            cur.execute(f"SELECT {column} FROM {table}")
            values.extend(row[0] for row in cur.fetchall())
        return values


def mysql_seed(database: str, target: tg.Target) -> None:
    from pymysql.constants import CLIENT  # type: ignore[import-untyped]

    with mysql_connect(client_flag=CLIENT.MULTI_STATEMENTS) as conn, conn.cursor() as cur:
        cur.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        cur.execute(f"USE `{database}`")
        cur.execute((tg.ROOT / "examples/targets/portal/schema.mysql.sql").read_text(encoding="utf-8"))
        while cur.nextset():
            pass
        cur.executemany("INSERT INTO portal_units (unit_code, unit_name, parent_code, status, level, slug, sort_order)"
                        " VALUES (%s, %s, %s, %s, %s, %s, %s)", list(tg.unit_copy_rows(target)))
        cur.executemany("INSERT INTO portal_categories (unit_code, title, slug, sort_order, is_visible)"
                        " VALUES (%s, %s, %s, %s, %s)", list(tg.category_copy_rows(target)))
        cur.execute("ANALYZE TABLE portal_units, portal_categories")
        cur.fetchall()
        conn.commit()


def mysql_copy(template: str, database: str) -> None:
    """A fresh ``database`` holding the template's tables and rows (the reset; not timed)."""
    with mysql_connect() as conn, conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{database}`")
        cur.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        for table in ("portal_units", "portal_categories"):
            cur.execute(f"CREATE TABLE `{database}`.{table} LIKE `{template}`.{table}")
            cur.execute(f"INSERT INTO `{database}`.{table} SELECT * FROM `{template}`.{table}")
        conn.commit()


def mysql_tuned(database: str, renames: list[tuple[str, str]]) -> float:
    """The map into a temporary table, one ``UPDATE … JOIN`` per code column, one transaction."""
    with mysql_connect(database) as conn, conn.cursor() as cur:

        def convert() -> None:
            cur.execute("START TRANSACTION")
            cur.execute("CREATE TEMPORARY TABLE bench_map (old_code varchar(64) PRIMARY KEY,"
                        " new_code varchar(64) NOT NULL)"
                        " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            cur.executemany("INSERT INTO bench_map (old_code, new_code) VALUES (%s, %s)", renames)
            for table, column in tg.CODE_COLUMNS:
                cur.execute(f"UPDATE {table} AS t JOIN bench_map AS m ON t.{column} = m.old_code"
                            f" SET t.{column} = m.new_code")
            conn.commit()

        return apply.timed(convert)


def mariadb_engine(folder: Path, units: Path, target: tg.Target) -> Engine:
    name = f"mdd_bench_{os.getpid()}"
    template, run = f"{name}_tmpl", f"{name}_run"
    with mysql_connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT version()")
        version = str(cur.fetchone()[0]).split("-")[0]
        cur.execute(f"DROP DATABASE IF EXISTS `{template}`")

    def close() -> None:
        with mysql_connect() as conn, conn.cursor() as cur:
            for db in (run, template):
                cur.execute(f"DROP DATABASE IF EXISTS `{db}`")

    registry = engine_registry(folder, units, "mysql")
    try:
        mysql_seed(template, target)
        bundle = render_bundle(registry, folder)
        seeded = census(mysql_values(template), target)
    except BaseException:
        close()
        raise
    script = write_script(folder / "hand-written.sql", target, "START TRANSACTION;\n")
    written = None
    if shutil.which("mysql"):
        command = ["mysql", "--protocol=TCP", "-h", str(MARIADB["host"]), "-P", str(MARIADB["port"]),
                   "-u", str(MARIADB["user"]), "-D", run, "-e", f"source {script}"]
        written = partial(timed_run, command, folder / "mysql.out")
    found = lambda: census(mysql_values(run), target)  # noqa: E731
    dsn = f"mysql+pymysql://{MARIADB['user']}@{MARIADB['host']}:{MARIADB['port']}/{run}?charset=utf8mb4"
    return Engine("mariadb", f"MariaDB {version}",
                  methods(written, partial(mysql_tuned, run, list(target.renames.items())), bundle, folder, dsn),
                  partial(mysql_copy, template, run), partial(check, found, seeded, target, folder / "plan.json"),
                  close)
