"""Identifiers are unique, and a code is never given to two units.

``id`` is unique; ``code`` and ``code102`` are unique; and every code that was ever a unit's —
current codes, ``history`` codes, and the codes of closed units — belongs to one unit only, so a
closed or retired code is never reused (Guidance 1018/BTTTT-THH).
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding

ID = "unique"
TITLE = "ids and codes are unique; retired codes are never reused"


def check(ctx: Context) -> Iterator[Finding]:
    seen_ids: dict[str, int] = {}
    for index, unit in enumerate(ctx.units):
        unit_id = unit.get("id") if isinstance(unit, dict) else None
        if isinstance(unit_id, str):
            first = seen_ids.setdefault(unit_id, index)
            if first != index:
                yield Finding("units", ("units", index, "id"), f'id "{unit_id}" is also the id of units[{first}]')
    yield from _codes(ctx)
    seen102: dict[str, int] = {}
    for index, code in enumerate(ctx.codes102):
        if code is not None:
            first = seen102.setdefault(code.text, index)
            if first != index:
                yield Finding("units", ("units", index, "code102"),
                              f"code102 {code.text} is also the code102 of {_name(ctx, first)}")


def _codes(ctx: Context) -> Iterator[Finding]:
    owners: dict[str, tuple[int, str]] = {}  # code -> (unit index, "current" | "history")
    clashes: dict[str, list[int]] = {}
    for index, code in enumerate(ctx.codes):
        if code is not None:
            first = owners.setdefault(code.text, (index, "current"))[0]
            if first != index:
                clashes.setdefault(code.text, [first]).append(index)
    for text, indexes in clashes.items():
        # the code belongs to the unit that had it first: a closed unit keeps it for ever
        closed = [i for i in indexes if ctx.units[i].get("status") == "closed"]
        owner = closed[0] if closed else indexes[0]
        what = "closed unit" if closed else "unit"
        owners[text] = (owner, "current")
        for index in indexes:
            if index != owner:
                yield Finding("units", ("units", index, "code"),
                              f"code {text} is already the code of the {what} {_name(ctx, owner)}; a code is never reused")
    for index in ctx.valid:
        for position, entry in enumerate(ctx.units[index].get("history") or ()):
            text = entry["code"]
            owner = owners.setdefault(text, (index, "history"))
            if owner[0] != index:
                kind = "current code" if owner[1] == "current" else "former code"
                yield Finding("units", ("units", index, "history", position, "code"),
                              f"former code {text} is the {kind} of {_name(ctx, owner[0])}; a code is never reused")


def _name(ctx: Context, index: int) -> str:
    unit = ctx.units[index]
    return f'"{unit.get("name")}" (units[{index}], id {unit.get("id")})'
