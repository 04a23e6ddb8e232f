"""What changed per unit between two registries (``mdd diff``), and its reporters. Pure.

Units are matched by ``id``, which never changes. A unit of head whose id base lacks is
``added``; one that disappeared is ``removed`` (closed units stay in the registry, so that should
not happen: it is reported, not hidden). For a unit in both, each comparator below may report one
change of its kind:

- ``recoded``: ``code`` and/or ``code102`` changed under the same parent unit (a parent's
  recode carries its children along: they are recoded, not moved);
- ``moved``: the parent unit changed (its fields include ``code``/``code102`` and ``parent``,
  the parent's id at base and head); a move is reported as ``moved`` only, not also as ``recoded``;
- ``renamed`` (``name``, ``short_name``), ``block``, ``contact`` (``contact.<field>``);
- ``closed`` (active → closed: the ``closed.*`` fields and the successors with their head codes),
  ``reopened`` (closed → active), ``closure`` (a closed unit's closure details changed);
- ``decision`` (``decision.number|date|issuer``), ``legacy`` (``legacy.<system>``), ``note``;
- ``history``: earlier codes changed, except the one entry that records the base code of the
  same change's recode (the bookkeeping a recode is expected to bring).

Changes are ordered by the unit's head code (base code for a removed unit), then by the order
of ``KINDS``, then by id; every reporter is deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields as dataclass_fields
from typing import TYPE_CHECKING, Any

from .codes import qd20_sort_key
from .model import Closure, Contact, HistoryEntry, Registry, Unit

if TYPE_CHECKING:
    from .systemdiff import SystemChange

KINDS: tuple[str, ...] = ("added", "removed", "recoded", "moved", "renamed", "block", "contact", "closed",
                          "reopened", "closure", "decision", "history", "legacy", "note")
_KIND_ORDER = {kind: position for position, kind in enumerate(KINDS)}
_NONE = "(none)"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's value at base and at head (None: absent)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Successor:
    """A unit that takes over a closed one: its id and its code at head (None if unknown)."""

    id: str
    code: str | None


@dataclass(frozen=True, slots=True)
class UnitChange:
    """One kind of change to one unit: codes at base and head, its name, and what changed."""

    kind: str
    unit_id: str
    base_code: str | None
    head_code: str | None
    name: str
    fields: tuple[FieldChange, ...] = ()
    successors: tuple[Successor, ...] = ()

    @property
    def codes(self) -> str:
        """``H03.12 → H03.21``, or the one code when it did not change."""
        if self.base_code and self.head_code and self.base_code != self.head_code:
            return f"{self.base_code} → {self.head_code}"
        return self.head_code or self.base_code or ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "id": self.unit_id, "name": self.name,
            "base_code": self.base_code, "head_code": self.head_code,
            "fields": {f.field: {"old": f.old, "new": f.new} for f in self.fields},
            "successors": [{"id": s.id, "code": s.code} for s in self.successors],
        }


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a diff as reporters name it: a label (``HEAD~1``, ``working tree``) and the
    commit it resolved to (None for the working tree)."""

    label: str
    commit: str | None = None


def diff(base: Registry, head: Registry) -> list[UnitChange]:
    """Every change per unit from ``base`` to ``head``, in a deterministic order."""
    changes: list[UnitChange] = []
    for unit in head.units:
        old = base.by_id(unit.id)
        if old is None:
            changes.append(UnitChange("added", unit.id, None, unit.code, unit.name))
            continue
        if old == unit and _parent_id(old, base) == _parent_id(unit, head):
            continue  # the common case, decided by one comparison of frozen values
        for compare in COMPARATORS:
            change = compare(old, unit, base, head)
            if change is not None:
                changes.append(change)
    changes += [UnitChange("removed", unit.id, unit.code, None, unit.name)
                for unit in base.units if head.by_id(unit.id) is None]
    return sorted(changes, key=_order)


def _order(change: UnitChange) -> tuple[Any, ...]:
    code = change.head_code or change.base_code or ""
    return qd20_sort_key(code), _KIND_ORDER[change.kind], change.unit_id


def summary(changes: Sequence[UnitChange]) -> dict[str, int]:
    """The number of changes of each kind, every kind present (zeros too), in ``KINDS`` order."""
    counts = dict.fromkeys(KINDS, 0)
    for change in changes:
        counts[change.kind] += 1
    return counts


# --- comparators: (base unit, head unit, base, head) -> one change or None -------------------

Comparator = Callable[[Unit, Unit, Registry, Registry], UnitChange | None]


def _changed(*triples: tuple[str, str | None, str | None]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, old, new) for name, old, new in triples if old != new)


def _change(kind: str, old: Unit, new: Unit, found: tuple[FieldChange, ...],
            successors: tuple[Successor, ...] = ()) -> UnitChange | None:
    if not found:
        return None
    return UnitChange(kind, new.id, old.code, new.code, new.name, found, successors)


def _codes(old: Unit, new: Unit, base: Registry, head: Registry) -> UnitChange | None:
    found = _changed(("code", old.code, new.code), ("code102", old.code102, new.code102))
    old_parent, new_parent = _parent_id(old, base), _parent_id(new, head)
    if old_parent != new_parent:
        return _change("moved", old, new, found + (FieldChange("parent", old_parent, new_parent),))
    return _change("recoded", old, new, found)


def _parent_id(unit: Unit, registry: Registry) -> str | None:
    """The id of the parent unit (its code if no unit holds it), None at level 1."""
    parent = registry.parent(unit)
    return parent.id if parent is not None else unit.parent_code


def _names(old: Unit, new: Unit, *_: Registry) -> UnitChange | None:
    return _change("renamed", old, new, _changed(("name", old.name, new.name),
                                                 ("short_name", old.short_name, new.short_name)))


def _block(old: Unit, new: Unit, *_: Registry) -> UnitChange | None:
    return _change("block", old, new, _changed(("block", old.block, new.block)))


def _contact(old: Unit, new: Unit, *_: Registry) -> UnitChange | None:
    names = [f.name for f in dataclass_fields(Contact)]
    return _change("contact", old, new, _changed(*((f"contact.{name}", getattr(old.contact, name),
                                                     getattr(new.contact, name)) for name in names)))


def _status(old: Unit, new: Unit, base: Registry, head: Registry) -> UnitChange | None:
    if old.status != new.status:
        kind = "closed" if new.status == "closed" else "reopened"
    elif old.closed != new.closed:
        kind = "closure"
    else:
        return None
    before, after = _closure_values(old.closed), _closure_values(new.closed)
    found = _changed(("status", old.status, new.status), *((key, before[key], after[key]) for key in before))
    successors = tuple(Successor(s, _code_of(head, s)) for s in new.closed.successors) \
        if new.closed is not None and kind != "reopened" else ()
    return _change(kind, old, new, found, successors)


def _closure_values(closure: Closure | None) -> dict[str, str | None]:
    if closure is None:
        return dict.fromkeys(("closed.date", "closed.reason", "closed.decision.number", "closed.decision.date",
                              "closed.decision.issuer", "closed.successors"))
    return {"closed.date": closure.date, "closed.reason": closure.reason,
            "closed.decision.number": closure.decision.number, "closed.decision.date": closure.decision.date,
            "closed.decision.issuer": closure.decision.issuer,
            "closed.successors": ", ".join(closure.successors) or None}


def _code_of(registry: Registry, unit_id: str) -> str | None:
    unit = registry.by_id(unit_id)
    return None if unit is None else unit.code


def _decision(old: Unit, new: Unit, *_: Registry) -> UnitChange | None:
    a, b = old.decision, new.decision
    return _change("decision", old, new, _changed(("decision.number", a.number, b.number),
                                                  ("decision.date", a.date, b.date),
                                                  ("decision.issuer", a.issuer, b.issuer)))


def _history(old: Unit, new: Unit, *_: Registry) -> UnitChange | None:
    if new.history == old.history:
        return None
    added = new.history[len(old.history):]
    if new.history[:len(old.history)] == old.history and old.code != new.code \
            and all(entry.code == old.code for entry in added):
        return None  # the recode's own record of the retired code, reported as the recode
    return _change("history", old, new, _changed(("history", _history_text(old.history),
                                                  _history_text(new.history))))


def _history_text(entries: tuple[HistoryEntry, ...]) -> str | None:
    return "; ".join(f"{e.code} until {e.until} ({e.decision.number})" for e in entries) or None


def _legacy(old: Unit, new: Unit, *_: Registry) -> UnitChange | None:
    before, after = dict(old.legacy), dict(new.legacy)
    return _change("legacy", old, new, _changed(*((f"legacy.{system}", before.get(system), after.get(system))
                                                  for system in sorted(before.keys() | after.keys()))))


def _note(old: Unit, new: Unit, *_: Registry) -> UnitChange | None:
    return _change("note", old, new, _changed(("note", old.note, new.note)))


COMPARATORS: tuple[Comparator, ...] = (_codes, _names, _block, _contact, _status, _decision, _history,
                                       _legacy, _note)


# --- reporters ----------------------------------------------------------------------------------

_SHOWN_ELSEWHERE = {"code", "status", "closed.successors"}  # the codes column, the kind, successors


def details(change: UnitChange) -> str:
    """The field changes not already said by the kind and the codes, for one line of text."""
    parts = [f"{f.field}: {f.old or _NONE} → {f.new or _NONE}" for f in change.fields
             if f.field not in _SHOWN_ELSEWHERE]
    if change.successors:
        parts.append("successors: " + ", ".join(f"{s.id} ({s.code or '?'})" for s in change.successors))
    return "; ".join(parts)


def _counts(changes: Sequence[UnitChange]) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in summary(changes).items() if count)


def _system_count(systems: Sequence[SystemChange]) -> str:
    return f"{len(systems)} system change{'s' * (len(systems) != 1)}"


def report_text(changes: Sequence[UnitChange], *, base: Side, head: Side,
                systems: Sequence[SystemChange] = ()) -> str:
    """One line per change: ``recoded  so-tttt  H03.12 → H03.21  Sở Thông tin và Truyền thông``;
    a change to systems.yaml: ``system   qlvb_state  writes: code102 → code; …``."""
    lines = [f"system   {s.system_id}  {s.kind}" + (f"  {s.details()}" if s.fields else "") for s in systems]
    also = f"; {_system_count(systems)}" if systems else ""
    if not changes:
        return "\n".join(lines + [f"no unit changes between {base.label} and {head.label}{also}"]) + "\n"
    for change in changes:
        extra = details(change)
        lines.append(f"{change.kind:<8} {change.unit_id}  {change.codes}  {change.name}" + (f"  {extra}" if extra else ""))
    plural = "s" * (len(changes) != 1)
    lines.append(f"{len(changes)} unit change{plural} between {base.label} and {head.label}: {_counts(changes)}{also}")
    return "\n".join(lines) + "\n"


def report_json(changes: Sequence[UnitChange], *, base: Side, head: Side,
                systems: Sequence[SystemChange] = ()) -> str:
    payload = {
        "base": {"label": base.label, "commit": base.commit},
        "head": {"label": head.label, "commit": head.commit},
        "count": len(changes),
        "summary": summary(changes),
        "changes": [change.as_dict() for change in changes],
        "systems": [system.as_dict() for system in systems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    """Table-safe Markdown: no line breaks, ``|`` escaped, no HTML."""
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _side(side: Side) -> str:
    return f"`{_cell(side.label)}`" + (f" ({side.commit[:10]})" if side.commit else "")


def report_markdown(changes: Sequence[UnitChange], *, base: Side, head: Side,
                    systems: Sequence[SystemChange] = ()) -> str:
    """A pull-request comment: a heading, the systems.yaml changes, a counts line, then one table per kind."""
    out = [f"### Registry changes: {_side(base)} → {_side(head)}", ""]
    if systems:
        out += [f"#### Systems ({len(systems)})", "", "| System | Change | Details |", "|---|---|---|"]
        out += [f"| `{s.system_id}` | {s.kind} | {_cell(s.details())} |" for s in systems] + [""]
    if not changes:
        return "\n".join(out + ["No unit changes.", ""])
    plural = "s" * (len(changes) != 1)
    out += [f"**{len(changes)} unit change{plural}:** {_counts(changes)}", ""]
    for kind, count in summary(changes).items():
        if not count:
            continue
        out += [f"#### {kind.capitalize()} ({count})", "", "| Unit | Code | Name | Details |", "|---|---|---|---|"]
        for change in (c for c in changes if c.kind == kind):
            codes = " → ".join(f"`{code}`" for code in dict.fromkeys((change.base_code, change.head_code)) if code)
            out.append(f"| `{change.unit_id}` | {codes} | {_cell(change.name)} | {_cell(details(change))} |")
        out.append("")
    return "\n".join(out)


REPORTERS: dict[str, Callable[..., str]] = {
    "text": report_text,
    "json": report_json,
    "markdown": report_markdown,
}
