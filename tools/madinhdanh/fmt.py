"""``mdd fmt``: rewrite the registry files in their canonical form, or check that they are.

A file that does not load is never rewritten (its problems are returned instead); a check
names the first line that differs from the canonical text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import canonical, loader
from .problems import Problem
from .errors import ConfigError
from .validate import FILES, display_path

DUMPERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "units": canonical.dump_units,
    "systems": canonical.dump_systems,
}


@dataclass
class Outcome:
    changed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def canonical_text(key: str, data: bytes) -> str:
    """The canonical text of one registry file's bytes (raises :class:`loader.LoadError`)."""
    doc = loader.load_bytes(data)
    if not isinstance(doc, dict):
        raise loader.LoadError([loader.LoadProblem(1, 1, "yaml-structure", "the file must hold a mapping")])
    return DUMPERS[key](canonical.normalize(doc))


def first_difference(current: str, expected: str) -> tuple[int, str, str]:
    """1-based line number of the first differing line, and that line in each text."""
    old, new = current.split("\n"), expected.split("\n")
    for number, (a, b) in enumerate(zip(old, new), start=1):
        if a != b:
            return number, a, b
    number = min(len(old), len(new))
    return number, "\n".join(old[number - 1 : number]), "\n".join(new[number - 1 : number])


def format_registry(directory: Path, *, write: bool) -> Outcome:
    """Format (``write``) or check every registry file of ``directory``."""
    if not directory.is_dir():
        raise ConfigError(f"registry folder {directory} does not exist; pass --registry DIR")
    outcome = Outcome()
    for key, name in FILES.items():
        path = directory / name
        if path.is_file():
            _one(key, path, write=write, outcome=outcome)
    return outcome


def _one(key: str, path: Path, *, write: bool, outcome: Outcome) -> None:
    display = display_path(path)
    data = path.read_bytes()
    try:
        expected = canonical_text(key, data)
    except loader.LoadError as error:
        outcome.problems += [Problem(display, p.line, p.column, p.rule, p.message) for p in error.problems]
        return
    current = data.decode("utf-8")
    if current == expected:
        return
    if write:
        path.write_text(expected, encoding="utf-8", newline="\n")
        outcome.changed.append(display)
        return
    line, found, wanted = first_difference(current, expected)
    outcome.problems.append(Problem(display, line, 1, "fmt",
                                    f"not in canonical form (run mdd fmt): line {line} is {found!r}, expected {wanted!r}"))
