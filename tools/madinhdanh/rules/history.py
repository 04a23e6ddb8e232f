"""History entries are consistent.

``history`` lists a unit's earlier qd20 codes, oldest first, each with the day it stopped being
used (``until``) and the decision that retired it. An entry may not repeat the current code or
another entry, and the ``until`` dates run forward.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding

ID = "history"
TITLE = "history entries differ from the current code and run in date order"


def check(ctx: Context) -> Iterator[Finding]:
    for index in ctx.valid:
        unit = ctx.units[index]
        entries = unit.get("history") or ()
        seen: set[str] = set()
        previous = ""
        for position, entry in enumerate(entries):
            path = ("units", index, "history", position)
            if entry["code"] == unit["code"]:
                yield Finding("units", path + ("code",), f"history code {entry['code']} is the unit's current code")
            elif entry["code"] in seen:
                yield Finding("units", path + ("code",), f"history code {entry['code']} is listed twice")
            seen.add(entry["code"])
            if entry["until"] < previous:
                yield Finding("units", path + ("until",),
                              f"until {entry['until']} is before the previous entry's {previous}; list history oldest first")
            previous = max(previous, entry["until"])
