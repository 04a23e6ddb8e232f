"""What changed in systems.yaml between two revisions (``mdd diff``, beside the unit changes). Pure.

Systems are matched by ``id``. A system of head that base lacks is ``added``, one that is gone is
``removed``; for one in both, every field whose value differs is listed with its dotted path
(``references[2].on_close``, ``window.start``), values as compact JSON (strings bare). A field left
out takes its default (``writes: code``), so deleting ``writes: code102`` reads
``writes: code102 → code``: the commit that converts the system, which the note says.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import System
from .unitdiff import FieldChange

KINDS = ("added", "removed", "changed")
DEFAULTS: Mapping[str, Any] = {"writes": "code"}
CONVERTS = "converted: every unit in scope is recoded to its qd20 code"


@dataclass(frozen=True, slots=True)
class SystemChange:
    """One system added, removed or changed, with the fields that changed."""

    kind: str
    system_id: str
    title: str
    fields: tuple[FieldChange, ...] = ()

    @property
    def note(self) -> str | None:
        """What a change means beyond its fields (the conversion to qd20 codes)."""
        writes = next((f for f in self.fields if f.field == "writes"), None)
        return CONVERTS if writes is not None and writes.new == "code" else None

    def details(self) -> str:
        parts = [f"{f.field}: {f.old if f.old is not None else '(none)'} → {f.new if f.new is not None else '(none)'}"
                 for f in self.fields]
        return "; ".join(parts + ([self.note] if self.note else []))

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.system_id, "title": self.title, "note": self.note,
                "fields": {f.field: {"old": f.old, "new": f.new} for f in self.fields}}


def diff(base: Sequence[System], head: Sequence[System]) -> list[SystemChange]:
    """Every system change from ``base`` to ``head``: head's order, then the removed ones."""
    before = {system.id: system for system in base}
    after = {system.id for system in head}
    changes: list[SystemChange] = []
    for system in head:
        old = before.get(system.id)
        if old is None:
            changes.append(SystemChange("added", system.id, system.title))
            continue
        old_fields, new_fields = _flat(old.document), _flat(system.document)
        fields = tuple(FieldChange(path, old_fields.get(path), new_fields.get(path))
                       for path in sorted(old_fields.keys() | new_fields.keys())
                       if old_fields.get(path) != new_fields.get(path))
        if fields:
            changes.append(SystemChange("changed", system.id, system.title, fields))
    changes += [SystemChange("removed", s.id, s.title) for s in base if s.id not in after]
    return changes


def _flat(document: Mapping[str, Any]) -> dict[str, str]:
    """``{dotted path: value}`` of a system entry, defaults filled in."""
    return dict(_walk({**DEFAULTS, **document}, ""))


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list) and any(isinstance(item, (Mapping, list)) for item in value):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    else:
        yield path, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
