"""The golden SQL files: every system of ``registry/{base,head}`` (a small fixed registry whose
head has a cycle, a chain onto a free code, a closure with a successor, an addition and a
renaming) rendered base → head in every dialect, as ``<system>/<dialect>/{up,down,check}.sql``,
and the head as a full sync (a first conversion: no chains, so unique keys are recoded in one
pass that also writes the unit rows' attributes) as ``full-up.sql`` and ``full-down.sql``.

``scripts/regen-golden`` writes them; ``tests/unit/test_render_golden.py`` compares them byte for
byte and parses every statement with sqlglot. Never edit them by hand.
"""

from __future__ import annotations

from pathlib import Path

from madinhdanh.changes import change_set
from madinhdanh.model import Registry, System
from madinhdanh.render.dialects import DIALECTS
from madinhdanh.render.sql import Provenance, render_system
from madinhdanh.validate import validate_registry

HERE = Path(__file__).resolve().parent
PROVENANCE = Provenance("golden", "fixed head commit (golden files)", "fixed base (golden files)", "b" * 40, "c" * 64)


def registry(side: str) -> tuple[Registry, list[System]]:
    result = validate_registry(HERE / "registry" / side)
    if result.problems:
        raise AssertionError("\n".join(p.text() for p in result.problems))
    return Registry.from_documents(result.files["units"].doc), [System.from_document(s) for s in result.systems]


def render_all() -> dict[Path, bytes]:
    """Path under tests/golden → the bytes it must hold."""
    base, _ = registry("base")
    head, systems = registry("head")
    files: dict[Path, bytes] = {}
    for system in systems:
        changes = change_set(system, head, base)
        for dialect in DIALECTS:
            rendered = render_system(system, changes, head, PROVENANCE, dialect=dialect)
            files[HERE / system.id / dialect / "up.sql"] = rendered.up.encode("utf-8")
            files[HERE / system.id / dialect / "down.sql"] = rendered.down.encode("utf-8")
            files[HERE / system.id / dialect / "check.sql"] = rendered.check.encode("utf-8")
            full = render_system(system, change_set(system, head, None), head, PROVENANCE, dialect=dialect)
            files[HERE / system.id / dialect / "full-up.sql"] = full.up.encode("utf-8")
            files[HERE / system.id / dialect / "full-down.sql"] = full.down.encode("utf-8")
    return files
