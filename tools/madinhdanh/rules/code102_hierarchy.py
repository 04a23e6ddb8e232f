"""``code`` and ``code102`` describe the same place in the hierarchy.

Where a unit has both codes, they have the same level; and where its parent also has a
``code102``, the unit's ``code102`` sits under it (``000.05.12.H03`` under ``000.00.12.H03``).
The numbers themselves may differ between the schemes: that is what a conversion maps.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding

ID = "code102-hierarchy"
TITLE = "code and code102 agree on level and parent"


def check(ctx: Context) -> Iterator[Finding]:
    for index, (code, old, parent_index) in enumerate(zip(ctx.codes, ctx.codes102, ctx.parents)):
        if code is None or old is None:
            continue
        if code.level != old.level:
            yield Finding("units", ("units", index, "code102"),
                          f"code102 {old.text} is a level-{old.level} code but code {code.text} is level {code.level}")
            continue
        parent_old = ctx.codes102[parent_index] if parent_index is not None else None
        if parent_old is not None and old.groups[:-1] != parent_old.groups:
            yield Finding("units", ("units", index, "code102"),
                          f"code102 {old.text} is not under {parent_old.text}, the code102 of its parent {code.parent.text}")  # type: ignore[union-attr]
