"""``mdd verify``: what each system holds, compared with the registry.

:func:`expected` (pure) says what a system should hold: one units row per unit in its scope,
under the unit's current code, with the name, parent, status and level the registry gives (the
status in the system's own word, from its template set), and which old identifiers (QCVN 102,
``legacy``, former codes, closed codes in repoint columns) must no longer appear in any declared
column. :func:`check` (pure) compares that with the rows read from the target and gives every
discrepancy — missing, extra, stale, name, parent, status, level — each naming the table, key,
column and expected value, and each unit's state in the system: ``ok``, ``wrong``, ``stale``,
``pending`` (still under an old identifier), ``missing``, ``out of scope``. :func:`collect`
reads every system (the only I/O here, through :mod:`madinhdanh.targets`) and returns the
document of docs/verify-format.md, which ``mdd report`` draws.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .changes import change_set
from .model import Registry, System
from .render import templateset
from .render.sql import unit_rows
from .targets.diff import as_text
from .errors import ConfigError
from .validate import validate_registry

FORMAT = 1
ROLES = ("name", "parent", "status", "level")


@dataclass(frozen=True, slots=True)
class Discrepancy:
    kind: str  # missing | extra | stale | name | parent | status | level
    table: str
    column: str
    key: str
    found: str | None
    expected: str | None
    unit: str | None  # the registry unit it concerns

    def __str__(self) -> str:
        return (f"{self.kind}: {self.table}.{self.column} [{self.key}]: found {self.found!r}, "
                f"expected {self.expected!r}")


@dataclass(frozen=True, slots=True)
class Expected:
    """What a system should hold (see the module docstring)."""

    units: Mapping[str, tuple[str, dict[str, str | None]]]  # code → (unit id, role → value as text)
    old: Mapping[str, tuple[str, str]]  # old identifier → (unit id, the code it became)
    closed: Mapping[str, tuple[str, str]]  # closed code → (unit id, successor's code), for repoint columns
    out_of_scope: Mapping[str, str]  # code or old identifier of a unit outside the scope → unit id


@dataclass(slots=True)
class SystemCheck:
    system: str
    discrepancies: list[Discrepancy] = field(default_factory=list)
    states: dict[str, str] = field(default_factory=dict)  # unit id → state

    def count(self, *states: str) -> int:
        return sum(1 for state in self.states.values() if state in states)


def expected(system: System, registry: Registry, templates: templateset.TemplateSet) -> Expected:
    """What ``system`` should hold of ``registry`` (pure)."""
    units_doc = system.document["units"]
    spec = templates.table(units_doc["table"], where=f"registry/systems.yaml: system {system.id}")
    changes = change_set(system, registry, None)
    units: dict[str, tuple[str, dict[str, str | None]]] = {}
    for row in unit_rows(changes, registry):
        values = {"name": row.unit_name, "parent": row.parent_code,
                  "status": as_text(spec.status_values.get(row.unit_status, row.unit_status)),
                  "level": str(row.unit_level)}
        units[row.code] = (row.unit_id, {role: values[role] for role in ROLES if role in units_doc})
    owners = {code: unit.id for unit in registry.units if (code := system.written(unit)) is not None}

    def owner(code: str) -> str:
        return owners.get(code, "")

    old = {identifier: (owner(new), new) for identifier, new in changes.code_map().items() if identifier not in units}
    closed = {r.old: (owner(r.old), r.new) for r in changes.repoints}
    outside: dict[str, str] = {}
    for unit in registry.units:
        if not system.scope.covers(unit):
            for identifier in (unit.code, system.held_identifier(unit), *(h.code for h in unit.history)):
                if identifier:
                    outside.setdefault(identifier, unit.id)
    return Expected(units, old, closed, outside)


def check(system: System, want: Expected, units_rows: Sequence[tuple[str | None, ...]],
          columns: Sequence[tuple[str, str, str, str, Sequence[tuple[str | None, str | None]]]]) -> SystemCheck:
    """Compare ``want`` with what was read (pure). ``units_rows``: (key, *declared role columns in
    :data:`ROLES` order); ``columns``: (table, column, row key column, on_close policy, rows of
    (row key, value)) for every declared code column, the units key included."""
    units_doc = system.document["units"]
    table, key = units_doc["table"], units_doc["key"]
    roles = [role for role in ROLES if role in units_doc]
    result = SystemCheck(system.id)
    held: dict[str, dict[str, str | None]] = {}
    for row in units_rows:
        if row[0] is not None:
            held[row[0]] = dict(zip(roles, row[1:]))
    for code, (unit_id, values) in want.units.items():
        found = held.get(code)
        if found is None:
            olds = [old for old, (uid, _) in want.old.items() if uid == unit_id and old in held]
            if olds:
                result.states[unit_id] = "pending"
                result.discrepancies += [Discrepancy("stale", table, key, old, old, code, unit_id) for old in olds]
            else:
                result.states[unit_id] = "missing"
                result.discrepancies.append(Discrepancy("missing", table, key, code, None, code, unit_id))
            continue
        wrong = [Discrepancy(role, table, units_doc[role], code, found.get(role), value, unit_id)
                 for role, value in values.items() if (found.get(role) or None) != (value or None)]
        result.discrepancies += wrong
        result.states[unit_id] = "wrong" if wrong else "ok"
    for code in held:
        if code not in want.units and code not in want.old:
            result.discrepancies.append(Discrepancy("extra", table, key, code, code, None,
                                                    want.out_of_scope.get(code)))
    for ref_table, column, row_key, policy, rows in columns:
        for row_id, value in rows:
            if value is None or value in want.units:
                continue
            hit = want.old.get(value) or (want.closed.get(value) if policy == "repoint" else None)
            if hit is None or (ref_table, column) == (table, key):
                continue  # not an identifier of ours (another province, a ministry), or the units key (above)
            unit_id, new = hit
            result.discrepancies.append(Discrepancy("stale", ref_table, column, f"{row_key}={row_id}", value, new,
                                                    unit_id))
            if result.states.get(unit_id) in ("ok",):
                result.states[unit_id] = "stale"
    return result


# --- reading every system -----------------------------------------------------------------------------

def _load(registry_dir: Path) -> tuple[Registry, list[System], dict[str, bytes]]:
    from .validate import FILES

    result = validate_registry(registry_dir)
    if result.problems:
        raise ConfigError(f"{registry_dir}: the registry is not valid ({len(result.problems)} problem(s)): "
                          "run mdd validate")
    registry = Registry.from_documents(result.files["units"].doc)
    data = {name: result.files[key].data for key, name in FILES.items()}
    return registry, [System.from_document(doc) for doc in result.systems], data


def read_system(system: System, registry: Registry, environ: Mapping[str, str],
                lock_timeout: float = 30.0) -> tuple[SystemCheck, str, list[dict[str, Any]]]:
    """Read and check one system: (the check, the masked target, its ledger as dicts).
    :class:`~madinhdanh.targets.TargetError` when the target cannot be read."""
    from .targets import inspect, open_target
    from .targets.connection import url_from_env

    templates = templateset.load(str(system.document["template_set"]))
    want = expected(system, registry, templates)
    units_doc = system.document["units"]
    roles = [units_doc[role] for role in ROLES if role in units_doc]
    target = open_target(url_from_env(str(system.document["dsn_env"]), environ), lock_timeout=lock_timeout)
    try:
        rows = inspect.units_rows(target, units_doc["table"], units_doc["key"], roles)
        columns = []
        declared = [(units_doc["table"], units_doc["key"], None, "keep")] + [
            (r["table"], r["column"], r.get("where"), r["on_close"]) for r in system.document.get("references") or ()]
        for table, column, where, policy in declared:
            spec = templates.table(table, where=f"registry/systems.yaml: system {system.id}")
            row_key = spec.row_id or column
            filter_ = (where["column"], where["equals"]) if where else None
            columns.append((table, column, row_key, policy, inspect.column_values(target, table, column, row_key,
                                                                                    filter_)))
        ledger = [_ledger_entry(e.as_dict()) for e in target.entries(system.id)]
        return check(system, want, rows, columns), target.shown, ledger
    finally:
        target.close()


def _ledger_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    counts = entry.get("counts") or {}
    return {"id": entry["id"], "started_at": entry["started_at"], "action": entry["action"],
            "release_name": entry["release_name"], "outcome": entry["outcome"], "codes": counts.get("codes"),
            "deployer": entry["deployer"], "host": entry["host"], "reason": entry["reason"] or entry["detail"]}


def collect(registry: Path, environ: Mapping[str, str], *, systems: Sequence[str] = (),
            exchange_since: str | None = None, with_exchange: bool = True,
            now: datetime | None = None) -> dict[str, Any]:
    """The verify document (docs/verify-format.md) of every system (or those named)."""
    from .targets import TargetError

    head, all_systems, data = _load(Path(registry))
    known = {s.id for s in all_systems}
    unknown = [s for s in systems if s not in known]
    if unknown:
        raise ConfigError(f'unknown system "{unknown[0]}"; systems.yaml has: {", ".join(sorted(known))}')
    chosen = [s for s in all_systems if not systems or s.id in systems]
    entries, states = [], {}
    for system in chosen:
        in_scope = [u for u in head.units if system.scope.covers(u)]
        entry: dict[str, Any] = {"id": system.id, "title": system.title, "dialect": system.dialect,
                                 "target": None, "error": None, "in_scope": len(in_scope), "converted": 0,
                                 "pending": 0, "missing": 0, "discrepancies": [], "ledger": []}
        try:
            checked, shown, ledger = read_system(system, head, environ)
        except TargetError as error:
            entry["error"] = str(error)
            states[system.id] = {u.id: "unknown" for u in in_scope}
        else:
            entry.update(target=shown, converted=checked.count("ok", "wrong", "stale"),
                         pending=checked.count("pending"), missing=checked.count("missing"),
                         discrepancies=[asdict(d) for d in checked.discrepancies], ledger=ledger)
            states[system.id] = checked.states
        entries.append(entry)
    units = [{"id": u.id, "code": u.code, "name": u.name, "level": u.level, "block": u.block, "status": u.status,
              "systems": {s.id: states[s.id].get(u.id, "out of scope") for s in chosen}} for u in head.units]
    pair = "".join(f"{hashlib.sha256(b).hexdigest()}  {name}\n" for name, b in sorted(data.items()))
    document: dict[str, Any] = {
        "format": FORMAT, "generated_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
        "registry": {"units": len(head.units), "sha256": hashlib.sha256(pair.encode()).hexdigest(),
                     "province": head.settings.province},
        "systems": entries, "units": units, "exchange": {"since": None, "anomalies": []}}
    if with_exchange:
        document["exchange"] = _exchange(head, chosen, environ, exchange_since)
    return document


def _exchange(head: Registry, systems: Sequence[System], environ: Mapping[str, str],
              since: str | None) -> dict[str, Any]:
    import importlib

    try:
        exchange = importlib.import_module(".exchange", __package__)
    except ImportError:  # the exchange monitor is optional until it lands
        return {"since": since, "anomalies": []}
    scanned: dict[str, Any] = exchange.scan(head, systems, environ, since=since)
    return scanned


def problems(document: Mapping[str, Any]) -> int:
    """How many discrepancies (and unreadable targets) the document holds: exit 1 if any."""
    return sum(len(s["discrepancies"]) + (1 if s["error"] else 0) for s in document["systems"])
