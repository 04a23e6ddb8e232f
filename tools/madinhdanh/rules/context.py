"""What every rule reads: the loaded registry plus indexes computed once (parsed codes, units by
code and by id), and the value a rule yields (:class:`Finding`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

from ..codes import Code, CodeError, parse_qcvn102, parse_qd20

FileKey = Literal["units", "systems"]
Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's verdict on one place: which file, the path inside it, and the message.
    ``on_key`` points the problem at the mapping key rather than its value; ``at`` gives a
    1-based (line, column) directly, for rules that read the source text."""

    file: FileKey
    path: Path
    message: str
    on_key: bool = False
    at: tuple[int, int] | None = None


@dataclass(slots=True)
class Context:
    """The registry as rules see it. ``units`` and ``systems`` hold every entry in file order;
    ``valid`` and ``valid_systems`` the indexes of those that passed the schema (safe to read
    by key). ``codes`` and ``codes102`` hold each unit's parsed code (None when absent or
    unparseable, the error then being in ``code_errors``). ``sources`` is each file's bytes."""

    settings: Mapping[str, Any]
    units: Sequence[Any]
    valid: Sequence[int]  # set once the schema check is done (it may run beside build())
    systems: Sequence[Any]
    valid_systems: Sequence[int]
    sources: Mapping[FileKey, bytes]
    codes: list[Code | None] = field(default_factory=list)
    codes102: list[Code | None] = field(default_factory=list)
    code_errors: dict[Path, str] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)
    by_code102: dict[str, int] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    parents: list[int | None] = field(default_factory=list)
    """Index of each unit's parent unit; None at level 1, or when the code or parent is missing."""
    clashes: dict[str, list[int]] = field(default_factory=dict)
    """For "id", "code" and "code102": the indexes of units whose value an earlier unit holds."""

    def unit_at_code(self, code: Code | None) -> Any | None:
        """The unit whose current code is ``code``, or None."""
        if code is None:
            return None
        index = self.by_code.get(code.text)
        return None if index is None else self.units[index]


def level1_codes(settings: Mapping[str, Any]) -> frozenset[str] | None:
    """The level-1 groups the registry's codes may carry: ``level1_code`` and every
    ``level1_codes`` entry (None when ``level1_code`` is missing: the settings rule says so)."""
    own = settings.get("level1_code")
    if not isinstance(own, str):
        return None
    more = settings.get("level1_codes")
    return frozenset([own, *(c for c in more if isinstance(c, str))] if isinstance(more, list) else [own])


def group_patterns(settings: Mapping[str, Any]) -> dict[int, re.Pattern[str]]:
    """The per-level qd20 group patterns of ``settings.scheme.qd20.groups`` (``level2: …``)."""
    groups = ((settings.get("scheme") or {}).get("qd20") or {}).get("groups") or {}
    patterns = {}
    for key, pattern in groups.items():
        if isinstance(key, str) and key.startswith("level") and key[5:].isdigit() and isinstance(pattern, str):
            try:
                patterns[int(key[5:])] = re.compile(pattern)
            except re.error:
                continue  # reported by the settings rule
    return patterns


def build(*, settings: Mapping[str, Any], units: Sequence[Any], valid: Sequence[int],
          systems: Sequence[Any] = (), valid_systems: Sequence[int] = (),
          sources: Mapping[FileKey, bytes] | None = None) -> Context:
    """Parse every code once and index the units (one pass, then one for parents)."""
    ctx = Context(settings, units, valid, systems, valid_systems, sources or {})
    parse_code = partial(parse_qd20, group_patterns=group_patterns(settings))
    ctx.clashes = {"id": [], "code": [], "code102": []}
    for index, unit in enumerate(units):
        if not isinstance(unit, dict):
            ctx.codes.append(None)
            ctx.codes102.append(None)
            continue
        ctx.codes.append(_index_code(ctx, index, unit.get("code"), "code", parse_code, ctx.by_code))
        ctx.codes102.append(_index_code(ctx, index, unit.get("code102"), "code102", parse_qcvn102, ctx.by_code102))
        unit_id = unit.get("id")
        if unit_id.__class__ is str and ctx.by_id.setdefault(unit_id, index) != index:
            ctx.clashes["id"].append(index)
    by_code = ctx.by_code
    ctx.parents = [by_code.get(code.text.rpartition(".")[0]) if code is not None and len(code.groups) > 1 else None
                   for code in ctx.codes]
    return ctx


def _index_code(ctx: Context, index: int, text: Any, key: str, parse: Any, seen: dict[str, int]) -> Code | None:
    """Parse one code (recording its error) and index it (recording a clash)."""
    if text.__class__ is not str:
        return None
    if seen.setdefault(text, index) != index:
        ctx.clashes[key].append(index)
    try:
        return parse(text)
    except CodeError as error:
        ctx.code_errors[("units", index, key)] = str(error)
        return None
