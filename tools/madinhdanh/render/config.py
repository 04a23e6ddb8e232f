"""Files a system imports (systems.yaml ``exports``), rendered from ``templates/config/``.

The same hardened environment as the SQL, with the quoting filters of the file's format:
``json`` (one JSON value, UTF-8 as it is) and ``csv`` (a list → one RFC 4180 line ending in
CRLF). The templates get:

- ``records`` and ``fields``: the provincial common catalog, the records of
  :func:`madinhdanh.interchange.exports.catalog` and their DMDC field names, in order (the
  ``json_object`` filter writes one record's fields as a JSON object);
- ``units``: the units in the system's scope, sorted by code (:class:`ExportUnit`);
- ``bom``: the UTF-8 byte-order mark, for CSV that Excel opens (see ``interchange/exports.py``).

Neither CSV nor JSON has comments that every reader skips, so these files carry no provenance
header: the bundle's manifest names their source commit, base, system and sha256.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..codes import qd20_sort_key
from ..interchange.exports import CATALOG_FIELDS, catalog
from ..model import Registry, System, Unit
from .environment import TEMPLATES, Quoted, environment, render


@dataclass(frozen=True, slots=True)
class ExportUnit:
    """A unit as an exported file lists it; ``successor`` is the code that takes over a closed one."""

    code: str
    code102: str | None
    name: str
    parent: str | None
    level: int
    block: str
    status: str
    successor: str | None


def json_value(value: Any) -> Quoted:
    return Quoted(json.dumps(value, ensure_ascii=False))


def json_object(record: Mapping[str, Any], fields: Any) -> Quoted:
    """One JSON object of ``record``'s ``fields`` in that order, a member a line, laid out to sit
    two spaces in (as a loop over the fields in the template would write it, at a fraction of the
    cost: 100,000 catalog records × 16 fields, one shared encoder, the names encoded once)."""
    members = ",\n".join(head + ("null" if (value := record.get(name)) is None else _ENCODE(value))
                          for head, name in _heads(tuple(fields)))
    return Quoted("{\n" + members + "\n  }")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


@lru_cache(maxsize=16)
def _heads(fields: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((f"    {_ENCODE(name)}: ", name) for name in fields)


def csv_line(values: Any) -> Quoted:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(["" if v is None else v for v in values])
    return Quoted(out.getvalue())


def render_export(system: System, export: Mapping[str, Any], head: Registry, *, root: Path = TEMPLATES) -> bytes:
    """The file ``export`` (``template``, ``file``) of ``system``, as bytes."""
    env = environment({"json": json_value, "json_object": json_object, "csv": csv_line}, root=root)
    name = f"config/{export['template']}"
    wanted = _variables(env, name)
    context = {"fields": CATALOG_FIELDS, "system": system.id, "bom": Quoted("\ufeff"),
               # built only for a template that uses them: each is a pass over every unit
               "records": catalog(head) if "records" in wanted else [],
               "units": units(system, head) if "units" in wanted else []}
    return render(env, name, context).encode("utf-8")


def _variables(env: Any, name: str) -> set[str]:
    """The context variables the template ``name`` reads."""
    from jinja2 import meta

    source = env.loader.get_source(env, name)[0]
    return set(meta.find_undeclared_variables(env.parse(source)))


def units(system: System, head: Registry) -> list[ExportUnit]:
    """The units in ``system``'s scope, sorted by code."""
    held = sorted((u for u in head.units if system.scope.covers(u)), key=lambda u: qd20_sort_key(u.code))
    return [ExportUnit(u.code, u.code102, u.name, u.parent_code, u.level, u.block, u.status, _successor(head, u))
            for u in held]


def _successor(head: Registry, unit: Unit) -> str | None:
    if unit.closed is None or not unit.closed.successors:
        return None
    successor = head.by_id(unit.closed.successors[0])
    return None if successor is None else successor.code
