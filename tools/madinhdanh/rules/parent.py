"""Every unit's parent exists, and an active unit's parent is active.

The parent is derived from the code (drop the last group): ``H03.12.05`` sits under ``H03.12``.
A unit may not sit under a code no unit holds, nor may an active unit sit under a closed one
(move it first: recode it under the successor).
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, level1_codes

ID = "parent-exists"
TITLE = "the parent derived from each code exists (and is active for an active unit)"


def check(ctx: Context) -> Iterator[Finding]:
    accepted = level1_codes(ctx.settings)
    for index, (code, parent_index) in enumerate(zip(ctx.codes, ctx.parents)):
        if parent_index is not None:
            if ctx.units[index].get("status") == "active" and ctx.units[parent_index].get("status") == "closed":
                yield Finding("units", ("units", index, "code"),
                              f"active unit {code.text} sits under the closed unit {code.parent.text}; recode it under a successor")  # type: ignore[union-attr]
        elif code is not None and code.level > 1 and (accepted is None or code.level1 in accepted):
            # (a foreign level-1 group is the level1-code rule's problem)
            yield Finding("units", ("units", index, "code"),
                          f"the parent {code.parent.text} of {code.text} is not in the registry; add it or fix the code")  # type: ignore[union-attr]
