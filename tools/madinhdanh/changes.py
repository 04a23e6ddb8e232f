"""What each system must change: the typed change set of DESIGN.md §5. Pure.

For one system, compare the registry at a base (a git revision; None for a full sync) with the
registry at head, within the system's scope, and list:

- :class:`Recode`: every identifier the system may still hold for a unit — the one it keyed on
  before the conversion (``code102`` or ``legacy.<system>``), the unit's former codes
  (``history``) and, incrementally, its code at base — mapped to its current code: for every
  unit in a full sync, for a unit whose code changed (or that is new) incrementally;
- :class:`Add`: a unit the system must hold that it may not (every unit in scope for a full
  sync; a unit new to the registry or to the scope, incrementally);
- :class:`Update`: the attributes a units row must hold (name, parent code, status, level);
- :class:`Close`: a unit closed since base (every closed unit, for a full sync), with the code
  of the unit that takes over;
- :class:`Repoint`: the references to a closed unit's code to move to its successor's code.

Every change states the end state, never a step ("set the name to X", not "rename"), so the SQL
rendered from it is convergent: applied twice, or to a system that already holds part of it,
it changes nothing more. Recodes may form chains and cycles (A→B, B→C, C→A); the renderer makes
them safe under UNIQUE keys and foreign keys. A unit that leaves a system's scope is left alone
(a system does not delete its rows because the registry stopped sending it a unit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Registry, System, Unit


@dataclass(frozen=True, slots=True)
class Recode:
    """Rows holding any of ``old`` must hold ``new`` (``old`` never contains ``new``)."""

    unit_id: str
    old: tuple[str, ...]
    new: str


@dataclass(frozen=True, slots=True)
class Add:
    """The system must hold a row for this unit (insert it when missing)."""

    unit_id: str
    code: str
    name: str
    parent_code: str | None
    status: str
    level: int


@dataclass(frozen=True, slots=True)
class Update:
    """The unit's row must say this (whatever it said before)."""

    unit_id: str
    code: str
    name: str
    parent_code: str | None
    status: str
    level: int


@dataclass(frozen=True, slots=True)
class Close:
    """The unit is closed; ``successor`` is the current code of the unit that takes over."""

    unit_id: str
    code: str
    successor: str | None


@dataclass(frozen=True, slots=True)
class Repoint:
    """References (with ``on_close: repoint``) to ``old`` must point to ``new``."""

    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """One system's changes between two registries; ``full`` when there was no base."""

    system: str
    full: bool
    recodes: tuple[Recode, ...] = ()
    adds: tuple[Add, ...] = ()
    updates: tuple[Update, ...] = ()
    closes: tuple[Close, ...] = ()
    repoints: tuple[Repoint, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.recodes or self.adds or self.updates or self.closes or self.repoints)

    def counts(self) -> dict[str, int]:
        return {"recodes": len(self.recodes), "adds": len(self.adds), "updates": len(self.updates),
                "closes": len(self.closes), "repoints": len(self.repoints)}

    def code_map(self) -> dict[str, str]:
        """Every old identifier → the code it becomes (one entry per identifier)."""
        return {old: recode.new for recode in self.recodes for old in recode.old}


def change_sets(systems: Iterable[System], head: Registry, base: Registry | None = None,
                base_systems: Mapping[str, System] | None = None) -> list[ChangeSet]:
    """The change set of every system, in the order given (``base_systems``: the systems as
    declared at base, by id; a system missing there is taken as declared at head)."""
    return [change_set(system, head, base, (base_systems or {}).get(system.id)) for system in systems]


def change_set(system: System, head: Registry, base: Registry | None = None,
               base_system: System | None = None) -> ChangeSet:
    """What ``system`` must change to hold ``head`` (everything in scope when ``base`` is None).

    Codes are the ones the system writes (:meth:`System.written`): the qd20 code, or its old
    identifier while it is not converted; ``base_system`` says what it wrote at base, so the
    commit that sets ``writes: code`` recodes every unit."""
    was = base_system or system
    recodes: list[Recode] = []
    adds: list[Add] = []
    updates: list[Update] = []
    closes: list[Close] = []
    repoints: list[Repoint] = []
    for unit in head.units:
        code = system.written(unit)
        if code is None or not system.scope.covers(unit):
            continue
        before = base.by_id(unit.id) if base is not None else None
        held = was.written(before) if before is not None else None
        if base is None or held != code:
            old = _held(system, unit, code, before, held)
            if old:
                recodes.append(Recode(unit.id, old, code))
        row = _row(system, head, unit)
        if base is None or before is None or held is None or not was.scope.covers(before):
            adds.append(Add(unit.id, *row))
        if base is None or before is None or held is None or _row(was, base, before) != row:
            updates.append(Update(unit.id, *row))
        if not unit.active and (before is None or before.active):
            successor = _successor(head, unit)
            successor_code = system.written(successor) if successor is not None else None
            closes.append(Close(unit.id, code, successor_code))
            if successor_code is not None:
                repoints.append(Repoint(code, successor_code))
    return ChangeSet(system.id, base is None, tuple(recodes), tuple(adds), tuple(updates), tuple(closes),
                     tuple(repoints))


def _held(system: System, unit: Unit, code: str, before: Unit | None, held: str | None) -> tuple[str, ...]:
    """Every identifier other than ``code`` that the system may hold for ``unit``, in a stable
    order: the pre-conversion identifier, former codes, the code at base, what it held at base.
    A system not converted yet never held a qd20 code: only what it held at base counts."""
    candidates = [held]
    if system.converted:
        candidates = [system.held_identifier(unit), *(entry.code for entry in unit.history),
                      before.code if before is not None else None, held]
    seen: dict[str, None] = {}
    for candidate in candidates:
        if candidate and candidate != code:
            seen.setdefault(candidate, None)
    return tuple(seen)


def _row(system: System, registry: Registry, unit: Unit) -> tuple[str, str, str | None, str, int]:
    """The units row the system holds for ``unit``: code, name, parent code, status, level."""
    code = system.written(unit)
    assert code is not None  # callers skip a unit the system cannot hold
    if system.converted:
        parent_code = unit.parent_code
    else:
        parent = registry.parent(unit)
        parent_code = system.written(parent) if parent is not None else None
    return code, unit.name, parent_code, unit.status, unit.level


def _successor(head: Registry, unit: Unit) -> Unit | None:
    """The first active successor, following successors that closed in turn."""
    seen = {unit.id}
    current = unit
    while current.closed is not None and current.closed.successors:
        successor = head.by_id(current.closed.successors[0])
        if successor is None or successor.id in seen:
            return None
        if successor.active:
            return successor
        seen.add(successor.id)
        current = successor
    return None
