"""A closed unit says when, by which act, why, and who takes over.

``status: closed`` needs a ``closed`` block (with a date, a decision and a reason, which the
schema checks), and an active unit has none. Its ``successors`` are ids of active units, never
the unit itself; a unit ``merged``, ``split`` or ``renamed`` has at least one successor
(``dissolved`` may have none).
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding

ID = "closed-unit"
TITLE = "closed units name existing active successors"


def check(ctx: Context) -> Iterator[Finding]:
    for index in ctx.valid:
        unit = ctx.units[index]
        closed = unit.get("closed")
        if closed is None:
            if unit["status"] == "closed":
                yield Finding("units", ("units", index, "status"),
                              "a closed unit needs a closed block: date, decision, reason and successors")
            continue
        if unit["status"] != "closed":
            yield Finding("units", ("units", index, "closed"),
                          "an active unit has no closed block; set status: closed or remove the block", on_key=True)
            continue
        path = ("units", index, "closed")
        successors = closed.get("successors") or []
        if not successors and closed["reason"] != "dissolved":
            yield Finding("units", path + ("reason",),
                          f"a unit closed as {closed['reason']} needs successors (ids of the units that take over)")
        for position, successor in enumerate(successors):
            where = path + ("successors", position)
            target = ctx.by_id.get(successor)
            if successor == unit["id"]:
                yield Finding("units", where, "a unit cannot be its own successor")
            elif target is None:
                yield Finding("units", where, f'successor "{successor}" is not the id of any unit')
            elif ctx.units[target].get("status") != "active":
                yield Finding("units", where, f'successor "{successor}" is closed; name the unit that took over from it')
