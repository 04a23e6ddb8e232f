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
    for index in ctx.clashes["id"]:
        unit_id = ctx.units[index]["id"]
        yield Finding("units", ("units", index, "id"), f'id "{unit_id}" is also the id of units[{ctx.by_id[unit_id]}]')
    for index in ctx.clashes["code102"]:
        text = ctx.units[index]["code102"]
        yield Finding("units", ("units", index, "code102"),
                      f"code102 {text} is also the code102 of {_name(ctx, ctx.by_code102[text])}")
    yield from _codes(ctx)


def _codes(ctx: Context) -> Iterator[Finding]:
    owners: dict[str, tuple[int, str]] = {text: (index, "current") for text, index in ctx.by_code.items()}
    clashes: dict[str, list[int]] = {}
    for index in ctx.clashes["code"]:
        text = ctx.units[index]["code"]
        clashes.setdefault(text, [ctx.by_code[text]]).append(index)
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
            holder, how = owners.setdefault(text, (index, "history"))
            if holder != index:
                kind = "current code" if how == "current" else "former code"
                yield Finding("units", ("units", index, "history", position, "code"),
                              f"former code {text} is the {kind} of {_name(ctx, holder)}; a code is never reused")


def _name(ctx: Context, index: int) -> str:
    unit = ctx.units[index]
    return f'"{unit.get("name")}" (units[{index}], id {unit.get("id")})'
