#!/usr/bin/env python3
"""The bench target of bench/apply.py: a synthetic registry with one PostgreSQL system, and that
system's legacy database, seeded with COPY.

    python bench/targets_gen.py 1000 --out /tmp/bench [--database mdd_bench_demo]

writes ``DIR/registry/`` (units.yaml from bench/gen_registry.py, and this module's systems.yaml in
place of the generator's), checks it with ``mdd validate``, and with ``--database`` creates that
database (it must not exist) holding the legacy state, then prints the URL to put in
``MDD_BENCH_DSN``.

The system is ``portal`` on the ``portal`` template set (the simplest set with a reference table):
the schema is examples/targets/portal/schema.postgresql.sql as is. Every unit of the registry is in
scope (levels 1-4, both blocks, both statuses), keyed by its code102 (a unit without one is keyed by
its code and needs no recode); its row carries the registry's name, status and level, and its
parent's legacy identifier. The set declares one reference column, ``portal_categories.unit_code``,
so each unit's 5 reference rows are 5 categories there (plus 3 portal-wide categories whose
unit_code is NULL). ``on_close: keep``: a conversion only renames, like the hand-written baselines.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import psycopg
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tools"))

from madinhdanh import loader  # noqa: E402
from madinhdanh.model import Registry, Unit  # noqa: E402

PY = sys.executable
MDD = str(Path(PY).with_name("mdd"))
SERVER = "postgresql://postgres@127.0.0.1:5432"
SYSTEM_ID = "portal"
DSN_ENV = "MDD_BENCH_DSN"
SCHEMA_SQL = ROOT / "examples" / "targets" / "portal" / "schema.postgresql.sql"
REFS_PER_UNIT = 5

SYSTEMS_YAML = f"""\
systems:
- id: {SYSTEM_ID}
  title: Cổng Thông tin điện tử (bench)
  dialect: postgresql
  dsn_env: {DSN_ENV}
  template_set: portal
  scope:
    blocks: [state, party]
    levels: [1, 2, 3, 4]
    statuses: [active, closed]
  identifier: code102
  units:
    table: portal_units
    key: unit_code
    name: unit_name
    parent: parent_code
    status: status
    level: level
  references:
  - table: portal_categories
    column: unit_code
    on_close: keep
"""

# (title, slug) of each unit's reference rows, and of the portal-wide rows (unit_code NULL).
CATEGORIES = (("Giới thiệu", "gioi-thieu"), ("Tin tức - Sự kiện", "tin-tuc-su-kien"), ("Thông báo", "thong-bao"),
              ("Văn bản chỉ đạo, điều hành", "van-ban-chi-dao-dieu-hanh"), ("Lịch công tác", "lich-cong-tac"))
SITE_CATEGORIES = (("Tin tổng hợp", "tin-tong-hop"), ("Chuyên mục 'thử'; -- 100%", "chuyen-muc-thu"),
                   ("Tài liệu\\Biểu mẫu\\", "tai-lieu"))

# Every column that holds a unit identifier: (table, column).
CODE_COLUMNS = (("portal_units", "unit_code"), ("portal_units", "parent_code"), ("portal_categories", "unit_code"))


class UnitRow(NamedTuple):
    """A unit as the legacy system holds it (``key``, ``parent_key``) and as it must end up."""

    key: str
    parent_key: str | None
    code: str
    parent_code: str | None
    name: str
    status: str
    level: int
    slug: str


@dataclass(frozen=True)
class Target:
    """The legacy rows of the bench system and the renames a conversion must make."""

    units: tuple[UnitRow, ...]
    current: frozenset[str]  # every unit's current code

    @property
    def renames(self) -> dict[str, str]:
        """Legacy identifier -> current code, for every held unit whose identifier changes."""
        return {u.key: u.code for u in self.units if u.key != u.code}

    @property
    def legacy(self) -> frozenset[str]:
        """The identifiers that must be gone after a conversion (old ones that are no current code)."""
        return frozenset(u.key for u in self.units) - self.current

    @property
    def reference_rows(self) -> int:
        return REFS_PER_UNIT * len(self.units)

    def code_values(self) -> int:
        """Non-NULL values in the code columns (unit keys, parents, unit categories)."""
        return 2 * len(self.units) + self.reference_rows - sum(1 for u in self.units if u.parent_key is None)


# ------------------------------------------------------------------------------------ registry


def write_registry(n: int, out: Path, seed: int = 1) -> Path:
    """Generate N units into ``out`` and put the bench's systems.yaml beside them."""
    subprocess.run([PY, str(HERE / "gen_registry.py"), str(n), "--out", str(out), "--seed", str(seed)],
                   check=True, stderr=subprocess.DEVNULL)
    (out / "systems.yaml").write_text(SYSTEMS_YAML, encoding="utf-8")
    return out


def validate_registry(registry: Path) -> None:
    """``mdd validate --registry``; exits with its output when the registry has problems."""
    done = subprocess.run([MDD, "validate", "--registry", str(registry)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"mdd validate failed for {registry} (exit {done.returncode}):\n{done.stdout}{done.stderr}")


def load_target(registry: Path) -> Target:
    """Read the registry (the project's loader) and build the legacy rows of the bench system."""
    reg = Registry.from_documents(loader.load_file(registry / "units.yaml"))  # type: ignore[arg-type]
    scope = yaml.safe_load(SYSTEMS_YAML)["systems"][0]["scope"]
    rows = []
    for unit in reg.units:
        if unit.block in scope["blocks"] and unit.level in scope["levels"] and unit.status in scope["statuses"]:
            parent = reg.parent(unit)
            rows.append(UnitRow(legacy_key(unit), None if parent is None else legacy_key(parent), unit.code,
                                None if parent is None else parent.code, unit.name, unit.status, unit.level, unit.id))
    return Target(tuple(rows), frozenset(u.code for u in reg.units))


def legacy_key(unit: Unit) -> str:
    """The identifier the legacy system holds for a unit: its code102, else its code."""
    return unit.code102 or unit.code


# ------------------------------------------------------------------------------------ databases


def db_url(server: str, database: str) -> str:
    """A libpq URL (psycopg, psql) for ``database`` on ``server``."""
    return f"{server.rstrip('/')}/{database}"


def sqlalchemy_url(server: str, database: str) -> str:
    """The SQLAlchemy URL mdd reads from ``MDD_BENCH_DSN``."""
    return db_url(server, database).replace("postgresql://", "postgresql+psycopg://", 1)


def admin(server: str) -> psycopg.Connection[Any]:
    """An autocommit connection to the ``postgres`` database (CREATE/DROP DATABASE)."""
    return psycopg.connect(db_url(server, "postgres"), autocommit=True)


def create_database(server: str, name: str, template: str | None = None) -> None:
    """CREATE DATABASE, as a file copy of ``template`` when given (its pages, stats and all)."""
    sql = f'CREATE DATABASE "{name}"'
    if template:
        sql += f' TEMPLATE "{template}" STRATEGY FILE_COPY'
    with admin(server) as conn:
        conn.execute(sql)


def drop_database(server: str, name: str) -> None:
    with admin(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def checkpoint(server: str) -> None:
    """Flush dirty pages now, so that the next timed run does not pay for the reset's writes."""
    with admin(server) as conn:
        conn.execute("CHECKPOINT")


def server_version(server: str) -> str:
    with admin(server) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


def _copy(conn: psycopg.Connection[Any], sql: str, rows: Iterable[Sequence[Any]]) -> None:
    with conn.cursor() as cur, cur.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def unit_copy_rows(target: Target) -> Iterable[tuple[Any, ...]]:
    for i, u in enumerate(target.units):
        yield u.key, u.name, u.parent_key, u.status, u.level, u.slug, i + 1


def category_copy_rows(target: Target) -> Iterable[tuple[Any, ...]]:
    for j, (title, slug) in enumerate(SITE_CATEGORIES):
        yield None, title, slug, j + 1, True
    for u in target.units:
        for j, (title, slug) in enumerate(CATEGORIES):
            yield u.key, title, slug, j + 1, u.status == "active" or j == 0


def seed(server: str, database: str, target: Target) -> None:
    """Create the portal schema in ``database`` and COPY the legacy rows in; VACUUM ANALYZE."""
    with psycopg.connect(db_url(server, database)) as conn:
        conn.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        _copy(conn, "COPY portal_units (unit_code, unit_name, parent_code, status, level, slug, sort_order)"
                    " FROM STDIN", unit_copy_rows(target))
        _copy(conn, "COPY portal_categories (unit_code, title, slug, sort_order, is_visible) FROM STDIN",
              category_copy_rows(target))
    with psycopg.connect(db_url(server, database), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


# ------------------------------------------------------------------------------------ checking


@dataclass(frozen=True)
class Census:
    """Values in the code columns: still a legacy identifier, or a current code."""

    legacy: int
    current: int


def census(server: str, database: str, target: Target) -> Census:
    """Count the code-column values that are legacy identifiers and those that are current codes."""
    with psycopg.connect(db_url(server, database)) as conn:
        conn.execute("CREATE TEMPORARY TABLE bench_legacy (code text PRIMARY KEY)")
        conn.execute("CREATE TEMPORARY TABLE bench_current (code text PRIMARY KEY)")
        _copy(conn, "COPY bench_legacy FROM STDIN", ((c,) for c in target.legacy))
        _copy(conn, "COPY bench_current FROM STDIN", ((c,) for c in target.current))
        conn.execute("ANALYZE bench_legacy; ANALYZE bench_current")
        counts = []
        for kind in ("legacy", "current"):
            total = 0
            for table, column in CODE_COLUMNS:
                row = conn.execute(f"SELECT count(*) FROM {table} t JOIN bench_{kind} k ON t.{column} = k.code"
                                   ).fetchone()
                total += row[0] if row else 0
            counts.append(total)
        conn.rollback()
    return Census(*counts)


# ------------------------------------------------------------------------------------ command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, metavar="N", help="units in the synthetic registry")
    parser.add_argument("--out", type=Path, required=True, help="folder for registry/")
    parser.add_argument("--database", help="also create this database holding the legacy state")
    parser.add_argument("--server", default=SERVER, help=f"PostgreSQL server URL (default {SERVER})")
    args = parser.parse_args(argv)
    registry = write_registry(args.n, args.out / "registry")
    validate_registry(registry)
    print(f"registry: {registry}")
    if args.database:
        target = load_target(registry)
        create_database(args.server, args.database)
        seed(args.server, args.database, target)
        print(f"{len(target.units)} unit rows, {target.reference_rows} reference rows in {args.database}")
        print(f"export {DSN_ENV}='{sqlalchemy_url(args.server, args.database)}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
