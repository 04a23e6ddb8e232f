"""Every unit's parent exists, and an active unit's parent is active.

The parent is derived from the code (drop the last group): ``H03.12.05`` sits under ``H03.12``.
A unit may not sit under a code no unit holds, nor may an active unit sit under a closed one
(move it first: recode it under the successor).
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding

ID = "parent-exists"
TITLE = "the parent derived from each code exists (and is active for an active unit)"


def check(ctx: Context) -> Iterator[Finding]:
    level1 = ctx.settings.get("level1_code")
    for index, code in enumerate(ctx.codes):
        parent = code.parent if code is not None else None
        if parent is None or (level1 and parent.level1 != level1):
            continue  # a foreign level-1 group is the level1-code rule's problem
        parent_index = ctx.by_code.get(parent.text)
        if parent_index is None:
            yield Finding("units", ("units", index, "code"),
                          f"the parent {parent.text} of {code.text} is not in the registry; add it or fix the code")  # type: ignore[union-attr]
            continue
        unit, owner = ctx.units[index], ctx.units[parent_index]
        if unit.get("status") == "active" and owner.get("status") == "closed":
            yield Finding("units", ("units", index, "code"),
                          f"active unit {code.text} sits under the closed unit {parent.text}; recode it under a successor")  # type: ignore[union-attr]
