"""Files a system imports (systems.yaml ``exports``), rendered from ``templates/config/``.

The same hardened environment as the SQL, with the quoting filters of the file's format:
``json`` (one JSON value, UTF-8 as it is) and ``csv`` (a list → one RFC 4180 line ending in
CRLF). The templates get:

- ``records`` and ``fields``: the provincial common catalog, the records of
  :func:`madinhdanh.interchange.exports.catalog` and their DMDC field names, in order;
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


def csv_line(values: Any) -> Quoted:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(["" if v is None else v for v in values])
    return Quoted(out.getvalue())


def render_export(system: System, export: Mapping[str, Any], head: Registry, *, root: Path = TEMPLATES) -> bytes:
    """The file ``export`` (``template``, ``file``) of ``system``, as bytes."""
    env = environment({"json": json_value, "csv": csv_line}, root=root)
    context = {"records": catalog(head), "fields": CATALOG_FIELDS, "units": units(system, head),
               "system": system.id, "bom": Quoted("\ufeff")}
    return render(env, f"config/{export['template']}", context).encode("utf-8")


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
