"""Rendered bundles on real engines (SQLite, PostgreSQL, MariaDB): seed each example target, run
up.sql, and the tables hold what the registry says; run it again and nothing changes; run
down.sql and every table is back, byte for byte, as the seed left it.

The expected tables come from :func:`expected`, a direct model of a conversion written
independently of the SQL: every declared code column (and every column a foreign key of the
template set ties to one) maps old identifiers to codes, the units table takes the registry's
name/parent/status/level and gains the units it lacked, repoint columns move closed codes to the
successor and drop a row that would then repeat another under a UNIQUE set (the lowest id stays).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import inspect

from dbtargets import SYSTEMS, Database, bag, load_target, run_sql, sample, select, seed
from madinhdanh.changes import ChangeSet, change_set
from madinhdanh.model import Registry, System
from madinhdanh.render import templateset
from madinhdanh.render.sql import Provenance, render_system, unit_rows

FULL = Provenance("test-full", "0" * 40, "none (full sync)", None, "1" * 64)


# --- the model ---------------------------------------------------------------------------------

@dataclass
class State:
    """A target's tables as lists of rows (dicts over the seed's columns); ``ids`` the surrogate
    id each row got (insert order), for the one rule that depends on it."""

    tables: dict[str, list[dict[str, Any]]]
    columns: dict[str, tuple[str, ...]]
    ids: dict[str, list[int]] = field(default_factory=dict)


def seeded(system: str) -> State:
    tables = seed.seed_tables(sample(), system)
    return State({t.name: [dict(zip(t.columns, row)) for row in t.rows] for t in tables},
                 {t.name: t.columns for t in tables}, {t.name: list(range(1, len(t.rows) + 1)) for t in tables})


def code_columns(system: System) -> list[tuple[str, str, tuple[str, Any] | None, str]]:
    """(table, column, filter, on_close) of every column a conversion recodes: the declared ones
    and the columns the template set's foreign keys tie to them."""
    doc = system.document
    spec = templateset.load(doc["template_set"])
    found = [(doc["units"]["table"], doc["units"]["key"], None, "keep")]
    for ref in doc.get("references") or ():
        where = ref.get("where")
        found.append((ref["table"], ref["column"], (where["column"], where["equals"]) if where else None,
                      ref["on_close"]))
    for table, column, _, _ in list(found):
        for child_table, child_column in spec.tables[table].referenced_by.get(column, ()):
            if not any(f[:2] == (child_table, child_column) for f in found):
                found.append((child_table, child_column, None, "keep"))
    return found


def expected(state: State, system: System, changes: ChangeSet, head: Registry) -> State:
    """``state`` after ``system``'s up.sql for ``changes`` (see the module docstring)."""
    tables = copy.deepcopy(state.tables)
    ids = copy.deepcopy(state.ids)
    code_map = changes.code_map()
    for table, column, where, _ in code_columns(system):
        for row in tables[table]:
            if (where is None or row[where[0]] == where[1]) and row[column] in code_map:
                row[column] = code_map[row[column]]
    _units(tables, ids, system, changes, head)
    spec = templateset.load(system.document["template_set"])
    repoint = {r.old: r.new for r in changes.repoints}
    for table, column, where, policy in code_columns(system):
        if policy == "repoint":
            _repoint(tables, ids, table, column, where, repoint, spec.tables[table])
    return State(tables, state.columns, ids)


def _units(tables: dict[str, list[dict[str, Any]]], ids: dict[str, list[int]], system: System,
           changes: ChangeSet, head: Registry) -> None:
    units = system.document["units"]
    rows = tables[units["table"]]
    wanted = {row.code: row for row in unit_rows(changes, head)}
    held = {row[units["key"]] for row in rows}
    fills = templateset.load(system.document["template_set"]).tables[units["table"]].insert
    for code, row in wanted.items():
        if row.is_add and code not in held:
            new = {column: None for column in rows[0]} if rows else {}
            new[units["key"]] = code
            values = {"id": row.unit_id, "block": row.block, "status": row.unit_status, "level": row.unit_level}
            for fill in fills:
                source = values.get(fill.source or "")
                new[fill.column] = dict(fill.mapping).get(str(source), source) if fill.source else fill.value
            rows.append(new)
            ids[units["table"]].append(max(ids[units["table"]], default=0) + 1)
    for row in rows:
        registry_row = wanted.get(row[units["key"]])
        if registry_row is not None:
            for role, value in (("name", registry_row.unit_name), ("parent", registry_row.parent_code),
                                ("status", registry_row.unit_status), ("level", registry_row.unit_level)):
                if role in units:
                    row[units[role]] = value


def _repoint(tables: dict[str, list[dict[str, Any]]], ids: dict[str, list[int]], table: str, column: str,
             where: tuple[str, Any] | None, repoint: Mapping[str, str], spec: templateset.TableSpec) -> None:
    others = spec.unique_with(column, where[0] if where else None)
    rows, row_ids = tables[table], ids[table]
    moving = [i for i, row in enumerate(rows)
              if (where is None or row[where[0]] == where[1]) and row[column] in repoint]
    def key(i: int, value: str) -> tuple[Any, ...]:
        return (value, *(rows[i][o] for o in others or ()))
    dropped: set[int] = set()
    if others is not None:
        staying = {key(i, rows[i][column]) for i in range(len(rows)) if i not in moving}
        taken: set[tuple[Any, ...]] = set()
        for i in sorted(moving, key=lambda i: row_ids[i]):
            target = key(i, repoint[rows[i][column]])
            if target in staying or target in taken:
                dropped.add(i)
            taken.add(target)
    for i in moving:
        rows[i][column] = repoint[rows[i][column]]
    tables[table] = [row for i, row in enumerate(rows) if i not in dropped]
    ids[table] = [rid for i, rid in enumerate(row_ids) if i not in dropped]


# --- reading a target --------------------------------------------------------------------------

def projection(system: System, table: str, state: State) -> tuple[str, ...]:
    """The columns compared: all the seed's, but in the units table only those the registry
    fills (an inserted unit's other columns take the database's defaults)."""
    units = system.document["units"]
    if table != units["table"]:
        return state.columns[table]
    spec = templateset.load(system.document["template_set"]).tables[table]
    return tuple(dict.fromkeys([units[k] for k in ("key", "name", "parent", "status", "level") if k in units]
                               + [fill.column for fill in spec.insert]))


def assert_holds(database: Database, system: System, state: State) -> None:
    for table, rows in state.tables.items():
        columns = projection(system, table, state)
        actual = bag(select(database, table, columns))
        wanted = bag(tuple(row[c] for c in columns) for row in rows)
        assert actual == wanted, f"{table}: {sorted(actual - wanted)[:3]} found, {sorted(wanted - actual)[:3]} expected"


def dump(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but ours (mdd_*), every column, sorted: what down.sql must give back exactly."""
    tables = sorted(t for t in inspect(database.engine).get_table_names() if not t.lower().startswith("mdd_"))
    out = {}
    for table in tables:
        columns = [c["name"] for c in inspect(database.engine).get_columns(table)]
        out[table] = sorted(select(database, table, columns), key=repr)
    return out


def undo_rows(database: Database) -> int:
    with database.engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT COUNT(*) FROM mdd_undo WHERE step > 0").scalar_one())


def systems_of(registry_doc: Any = None) -> dict[str, System]:
    return {doc["id"]: System.from_document(doc) for doc in sample().systems}


# --- the tests ---------------------------------------------------------------------------------

@pytest.mark.parametrize("system_id", SYSTEMS)
def test_full_sync_converts_then_down_restores_exactly(system_id: str, database: Database) -> None:
    load_target(database, system_id)
    before = dump(database)
    system, head = systems_of()[system_id], sample().registry
    changes = change_set(system, head)
    rendered = render_system(system, changes, head, FULL, dialect=database.dialect)
    run_sql(database, rendered.up)
    assert_holds(database, system, expected(seeded(system_id), system, changes, head))
    after = dump(database)
    recorded = undo_rows(database)
    run_sql(database, rendered.up)
    assert dump(database) == after, "a second up.sql changed something"
    assert undo_rows(database) == recorded, "a second up.sql recorded something"
    run_sql(database, rendered.down)
    assert dump(database) == before
    assert undo_rows(database) == 0


def test_the_seed_needs_every_kind_of_step() -> None:
    """The sample's full sync exercises stubs, two-phase and plain recodes, and a repoint that
    meets a UNIQUE pair (qlvb_party): the tests above are not vacuous."""
    head = sample().registry
    kinds = {s.kind for sid, system in systems_of().items()
             for s in render_system(system, change_set(system, head), head, FULL, dialect="sqlite").steps}
    assert kinds == {"stub", "two_phase", "plain", "attribute", "insert", "repoint"}
    party = systems_of()["qlvb_party"]
    state = expected(seeded("qlvb_party"), party, change_set(party, head), head)
    assert len(state.tables["ds_coquan_ngoai"]) == len(seeded("qlvb_party").tables["ds_coquan_ngoai"]) - 1


def registry_of(doc: Any) -> Registry:
    return Registry.from_documents(doc)


# --- an incremental bundle: chains, cycles, a close, an add, a rename ------------------------------

DECISION = {"number": "15/QĐ-UBND", "date": "2025-03-01", "issuer": "UBND tỉnh Bắc Giang"}


def evolved(doc: Any) -> tuple[Any, dict[str, str]]:
    """A copy of units.yaml ``doc`` after one decision: under one parent, three leaf units rotate
    their codes (a cycle), two more shift along (a chain onto a free code), a sixth closes into
    the first; a new unit is added and a department renamed. Returns the doc and the ids used."""
    units = [dict(u) for u in doc["units"]]
    codes = {u["code"] for u in units}
    parents = {u["code"].rpartition(".")[0] for u in units}
    leaves: dict[str, list[dict[str, Any]]] = {}
    for unit in units:
        if unit["block"] == "state" and unit["status"] == "active" and unit["code"].count(".") == 2 \
                and unit["code"] not in parents:
            leaves.setdefault(unit["code"].rpartition(".")[0], []).append(unit)
    parent, six = next((p, sorted(us, key=lambda u: u["code"])[:6]) for p, us in leaves.items() if len(us) >= 6)
    c1, c2, c3, c4, c5, c6 = six
    free = [f"{parent}.{n:02d}" for n in range(99, 0, -1) if f"{parent}.{n:02d}" not in codes]
    c1["code"], c2["code"], c3["code"] = c2["code"], c3["code"], c1["code"]  # cycle A→B, B→C, C→A
    c4["code"], c5["code"] = c5["code"], free[0]  # chain A→B, B→(free)
    c6.update(status="closed", closed={"date": "2025-03-01", "decision": DECISION, "reason": "merged",
                                       "successors": [c1["id"]]})
    renamed = next(u for u in units if u["code"].count(".") == 1 and u["block"] == "state")
    renamed["name"] = renamed["name"] + " (sau sắp xếp)"
    units.append({"id": "don-vi-moi-2025", "code": free[1], "name": "Trung tâm Chuyển đổi số", "block": "state",
                  "status": "active", "decision": DECISION})
    ids = {"cycle": c1["id"], "chain": c4["id"], "closed": c6["id"], "renamed": renamed["id"]}
    return {"settings": doc["settings"], "units": units}, ids


def test_the_evolved_registry_is_valid_and_has_a_cycle_and_a_chain() -> None:
    from madinhdanh import canonical, loader
    from madinhdanh.validate import validate_sources

    doc, _ = evolved(loader.load_file(seed.REPO / "registry" / "units.yaml"))
    systems_yaml = (seed.REPO / "registry" / "systems.yaml").read_bytes()
    result = validate_sources({"units": canonical.dump_units(doc).encode(), "systems": systems_yaml},
                              {"units": "evolved/units.yaml", "systems": "registry/systems.yaml"}, where="evolved")
    assert [p.text() for p in result.problems] == []
    code_map = change_set(systems_of()["qlvb_state"], registry_of(doc), sample().registry).code_map()
    cycle = [old for old in code_map if code_map.get(code_map.get(code_map[old], ""), "") == old]
    assert len(cycle) == 3
    assert any(new in code_map and code_map[new] not in code_map for new in code_map.values())  # a chain


@pytest.mark.parametrize("system_id", SYSTEMS)
def test_incremental_chain_cycle_close_add(system_id: str, database: Database) -> None:
    from madinhdanh import loader

    load_target(database, system_id)
    seed_dump = dump(database)
    system, base = systems_of()[system_id], sample().registry
    head = registry_of(evolved(loader.load_file(seed.REPO / "registry" / "units.yaml"))[0])
    full, step = change_set(system, base), change_set(system, head, base)
    first = render_system(system, full, base, FULL, dialect=database.dialect)
    second = render_system(system, step, head, Provenance("test-step", "2" * 40, "v1", "1" * 40, "2" * 64),
                           dialect=database.dialect)
    assert first.bundle_id != second.bundle_id
    run_sql(database, first.up)
    converted = dump(database)
    run_sql(database, second.up)
    assert_holds(database, system, expected(expected(seeded(system_id), system, full, base), system, step, head))
    evolved_dump = dump(database)
    run_sql(database, second.up)
    assert dump(database) == evolved_dump
    run_sql(database, second.down)
    assert dump(database) == converted
    run_sql(database, first.down)
    assert dump(database) == seed_dump
