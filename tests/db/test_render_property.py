"""A property on SQLite: random sequences of registry edits — units added, codes swapped, rotated
in cycles and shifted along chains onto free codes, names changed (quotes included), units closed
into a successor — each rendered as an incremental bundle (base = the registry before the edit)
and applied in turn to every example target, leave each target equal to the registry: its units
table holds exactly the units in scope with the registry's name, parent, status and level, and
every table is what the conversion model of test_render_sync says.
"""

from __future__ import annotations

import copy
import sqlite3
from collections import Counter
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dbtargets import SYSTEMS, normal, sample, seed, split_sql
from madinhdanh import canonical, loader
from madinhdanh.changes import change_set
from madinhdanh.model import Registry, System
from madinhdanh.render.sql import Provenance, render_system
from madinhdanh.validate import validate_sources
from test_render_sync import FULL, State, expected, projection, seeded

DECISION = {"number": "77/QĐ-UBND", "date": "2025-06-01", "issuer": "UBND tỉnh Bắc Giang"}
SYSTEMS_YAML = (seed.REPO / "registry" / "systems.yaml").read_bytes()


@cache
def systems() -> dict[str, System]:
    return {doc["id"]: System.from_document(doc) for doc in sample().systems}


@cache
def converted() -> dict[str, sqlite3.Connection]:
    """Each target seeded and converted by the sample's full sync, once: examples copy these."""
    head = sample().registry
    targets = {}
    for system_id in SYSTEMS:
        connection = sqlite3.connect(":memory:")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(seed.schema_path(system_id, "sqlite").read_text(encoding="utf-8"))
        execute(connection, seed.seed_sql(sample(), system_id, "sqlite"))
        system = systems()[system_id]
        execute(connection, render_system(system, change_set(system, head), head, FULL, dialect="sqlite").up)
        targets[system_id] = connection
    return targets


def execute(connection: sqlite3.Connection, text: str) -> None:
    for statement in split_sql(text, "sqlite"):
        connection.execute(statement)
    connection.commit()


def copy_of(connection: sqlite3.Connection) -> sqlite3.Connection:
    target = sqlite3.connect(":memory:")
    connection.backup(target)
    target.execute("PRAGMA foreign_keys = ON")
    return target


# --- edits ---------------------------------------------------------------------------------------

EDITS = st.lists(st.tuples(st.sampled_from(["add", "swap", "cycle", "chain", "rename", "close"]),
                           st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=3)


def leaves(doc: Any) -> dict[str, list[dict[str, Any]]]:
    """Active state units of level 3 without children, by parent code: codes may move among
    siblings without touching any other unit's parent."""
    parents = {u["code"].rpartition(".")[0] for u in doc["units"]}
    found: dict[str, list[dict[str, Any]]] = {}
    for unit in doc["units"]:
        if unit["status"] == "active" and unit["block"] == "state" and unit["code"].count(".") == 2 \
                and unit["code"] not in parents:
            found.setdefault(unit["code"].rpartition(".")[0], []).append(unit)
    return {p: sorted(us, key=lambda u: u["code"]) for p, us in sorted(found.items()) if len(us) >= 3}


def free_code(doc: Any, parent: str, pick: int) -> str:
    taken = {u["code"] for u in doc["units"]} | {h["code"] for u in doc["units"] for h in u.get("history") or ()}
    free = [f"{parent}.{n:02d}" for n in range(1, 100) if f"{parent}.{n:02d}" not in taken]
    return free[pick % len(free)]


def edit(doc: Any, kind: str, a: int, b: int, number: int) -> None:
    """Apply one edit to ``doc`` in place (a choice among candidates by ``a`` and ``b``)."""
    groups = leaves(doc)
    parent = list(groups)[a % len(groups)]
    units = groups[parent]
    first = b % (len(units) - 2)
    trio = units[first:first + 3]
    if kind == "add":
        doc["units"].append({"id": f"don-vi-moi-{number}", "code": free_code(doc, parent, b), "block": "state",
                             "name": f"Trung tâm dịch vụ số {number}", "status": "active", "decision": DECISION})
    elif kind == "swap":
        trio[0]["code"], trio[1]["code"] = trio[1]["code"], trio[0]["code"]
    elif kind == "cycle":
        trio[0]["code"], trio[1]["code"], trio[2]["code"] = trio[1]["code"], trio[2]["code"], trio[0]["code"]
    elif kind == "chain":
        trio[0]["code"], trio[1]["code"] = trio[1]["code"], free_code(doc, parent, a)
    elif kind == "rename":
        trio[0]["name"] = f"{trio[0]['name'].split(' (')[0]} ({'đổi tên' if b % 2 else 'tên ''mới'''} {number})"
    else:  # close into a sibling the legacy systems knew (the send/receive catalog holds no new unit)
        original = {u.id for u in sample().registry.units}
        successor = next((u for u in units[::-1] if u["id"] in original and u is not trio[0]), None)
        if successor is not None:
            trio[0].update(status="closed", closed={"date": "2025-06-01", "decision": DECISION, "reason": "merged",
                                                    "successors": [successor["id"]]})


def registry_of(doc: Any) -> Registry:
    data = canonical.dump_units(doc).encode("utf-8")
    result = validate_sources({"units": data, "systems": SYSTEMS_YAML},
                              {"units": "edited/units.yaml", "systems": "registry/systems.yaml"}, where="edited")
    assert [p.text() for p in result.problems] == []
    return Registry.from_documents(result.files["units"].doc)


# --- reading a target ----------------------------------------------------------------------------

def table_bag(connection: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> Counter[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    return Counter(tuple(normal(v) for v in row) for row in connection.execute(f'SELECT {names} FROM "{table}"'))


def holds(connection: sqlite3.Connection, system: System, state: State, head: Registry) -> None:
    for table, rows in state.tables.items():
        columns = projection(system, table, state)
        assert table_bag(connection, table, columns) == Counter(tuple(normal(r[c]) for c in columns) for r in rows), table
    units = system.document["units"]
    roles = [r for r in ("name", "parent", "status", "level") if r in units]
    read = {row[0]: row[1:] for row in connection.execute(
        f'SELECT "{units["key"]}", ' + ", ".join(f'"{units[r]}"' for r in roles) + f' FROM "{units["table"]}"')}
    wanted = {u.code: tuple({"name": u.name, "parent": u.parent_code, "status": u.status, "level": u.level}[r]
                            for r in roles) for u in head.units if system.scope.covers(u)}
    assert read == wanted


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(EDITS, min_size=1, max_size=3))
def test_incremental_bundles_applied_in_turn_keep_every_target_equal_to_the_registry(
        steps: list[list[tuple[str, int, int]]]) -> None:
    doc: Any = copy.deepcopy(loader.load_file(seed.REPO / "registry" / "units.yaml"))
    base = sample().registry
    targets = {system_id: copy_of(connection) for system_id, connection in converted().items()}
    states = {system_id: expected(seeded(system_id), systems()[system_id], change_set(systems()[system_id], base), base)
              for system_id in SYSTEMS}
    number = 0
    for step, edits in enumerate(steps, start=1):
        for kind, a, b in edits:
            number += 1
            edit(doc, kind, a, b, number)
        head = registry_of(doc)
        provenance = Provenance(f"step-{step}", "h", f"step-{step - 1}", f"{step:040d}", f"{number:064d}")
        for system_id, connection in targets.items():
            system = systems()[system_id]
            changes = change_set(system, head, base)
            execute(connection, render_system(system, changes, head, provenance, dialect="sqlite").up)
            states[system_id] = expected(states[system_id], system, changes, head)
            holds(connection, system, states[system_id], head)
        base = head
