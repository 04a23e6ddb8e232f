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
    unparseable, the error then being in ``code_errors``). ``sources`` is each file's text."""

    settings: Mapping[str, Any]
    units: Sequence[Any]
    valid: Sequence[int]
    systems: Sequence[Any]
    valid_systems: Sequence[int]
    sources: Mapping[FileKey, str]
    codes: list[Code | None] = field(default_factory=list)
    codes102: list[Code | None] = field(default_factory=list)
    code_errors: dict[Path, str] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)

    def unit_at_code(self, code: Code | None) -> Any | None:
        """The unit whose current code is ``code``, or None."""
        if code is None:
            return None
        index = self.by_code.get(code.text)
        return None if index is None else self.units[index]


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
          sources: Mapping[FileKey, str] | None = None) -> Context:
    """Parse every code once and index the units."""
    ctx = Context(settings, units, valid, systems, valid_systems, sources or {})
    parse_code = partial(parse_qd20, group_patterns=group_patterns(settings))
    codes, codes102, errors = ctx.codes, ctx.codes102, ctx.code_errors
    for index, unit in enumerate(units):
        code = _parse(unit, "code", index, errors, parse_code)
        codes.append(code)
        codes102.append(_parse(unit, "code102", index, errors, parse_qcvn102))
        if code is not None:
            ctx.by_code.setdefault(code.text, index)
        unit_id = unit.get("id") if isinstance(unit, dict) else None
        if isinstance(unit_id, str):
            ctx.by_id.setdefault(unit_id, index)
    return ctx


def _parse(unit: Any, key: str, index: int, errors: dict[Path, str], parse: Any) -> Code | None:
    if not isinstance(unit, dict):
        return None
    text = unit.get(key)
    if not isinstance(text, str):
        return None
    try:
        return parse(text)  # type: ignore[no-any-return]
    except CodeError as error:
        errors[("units", index, key)] = str(error)
        return None
