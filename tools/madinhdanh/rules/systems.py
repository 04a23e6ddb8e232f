"""Systems reference what exists and can be ordered.

System ids are unique; an identifier ``legacy.<system>`` names a known system; ``writes`` is
``code`` or the system's own identifier (a system not converted yet); ``depends_on``
names known systems other than itself, without cycles (the deploy order must exist); each
system's ``dsn_env`` is used by one system only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .context import Context, Finding

ID = "systems"
TITLE = "system ids, identifiers and depends_on are consistent"


def check(ctx: Context) -> Iterator[Finding]:
    known: dict[str, int] = {}  # every system with an id, valid or not, so one mistake is one problem
    for index, system in enumerate(ctx.systems):
        if isinstance(system, dict) and isinstance(system.get("id"), str):
            known.setdefault(system["id"], index)
    dsn: dict[str, str] = {}
    valid = [(index, ctx.systems[index]) for index in ctx.valid_systems]
    for index, system in valid:
        where = ("systems", index)
        if known[system["id"]] != index:
            yield Finding("systems", where + ("id",), f'system id "{system["id"]}" is used twice')
        other = dsn.setdefault(system["dsn_env"], system["id"])
        if other != system["id"]:
            yield Finding("systems", where + ("dsn_env",), f'dsn_env {system["dsn_env"]} is also the dsn_env of system "{other}"')
    for index, system in valid:
        where = ("systems", index)
        identifier = system["identifier"]
        if identifier.startswith("legacy.") and identifier[7:] not in known:
            yield Finding("systems", where + ("identifier",), f'identifier {identifier} names no system in systems.yaml')
        writes = system.get("writes", "code")
        if writes not in ("code", identifier):
            yield Finding("systems", where + ("writes",),
                          f"writes {writes} is neither code nor the system's identifier {identifier}; "
                          "a system writes the qd20 code, or keeps the identifier it has until it is converted")
        for position, name in enumerate(system.get("depends_on") or ()):
            if name == system["id"]:
                yield Finding("systems", where + ("depends_on", position), "a system cannot depend on itself")
            elif name not in known:
                yield Finding("systems", where + ("depends_on", position), f'depends_on names "{name}", which is not a system here')
    yield from _cycles([system for _, system in valid], known)


def _cycles(systems: list[Mapping[str, Any]], known: dict[str, int]) -> Iterator[Finding]:
    graph = {s["id"]: [d for d in s.get("depends_on") or () if d in known and d != s["id"]] for s in systems}
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                return trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
            if nxt not in state:
                found = visit(nxt, trail + [nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for name in graph:
        if name not in state:
            cycle = visit(name, [name])
            if cycle:
                yield Finding("systems", ("systems", known[cycle[0]], "depends_on"),
                              "depends_on forms a cycle: " + " → ".join(cycle))
                return
