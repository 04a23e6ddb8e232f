"""``mdd render`` as a library function: read the registry (and the base from git), validate, render
the bundle, write it. The CLI only parses options and prints the outcome.

The head is the registry folder as it is on disk (the working tree); its commit is the git
``HEAD`` when the folder is in a repository (``dirty`` when the files differ from it). The base is
a git ref, read with GitPython without a checkout. Problems in either registry are returned
(exit 1); what cannot be read at all — no repository for ``--base``, an unknown ref, a missing or
unfit template set, an unknown ``--system`` — raises :class:`ConfigError` (exit 2). Nothing is
written unless the whole bundle rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import history
from ..model import Registry, System
from ..problems import Problem
from ..unitdiff import Side
from ..errors import ConfigError
from ..validate import FILES, validate_registry
from . import bundle as bundle_lib
from .environment import TEMPLATES


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a render did: the manifest written, or the problems that stopped it."""

    out: Path
    manifest: dict[str, Any] | None = None
    problems: tuple[Problem, ...] = field(default=())


def render_release(registry: Path, *, out: Path, base: str | None = None, dialect: str | None = None,
                   release: str | None = None, system_ids: Sequence[str] = (),
                   root: Path = TEMPLATES) -> Outcome:
    """Render the bundle of ``registry`` (base ``base``, or a full sync when None) into ``out``."""
    result = validate_registry(registry)
    if result.problems:
        return Outcome(out, problems=tuple(result.problems))
    head = Registry.from_documents(result.files["units"].doc)
    data = {name: result.files[key].data for key, name in FILES.items()}
    base_snapshot, base_commit = _base(registry, base)
    if base_snapshot is not None and base_snapshot.problems:
        return Outcome(out, problems=base_snapshot.problems)
    head_commit, dirty = _head(registry, data)
    systems = _selected([System.from_document(doc) for doc in result.systems], system_ids)
    source = bundle_lib.Source(release or Path(out).resolve().name, head_commit, dirty, base, base_commit, data)
    base_registry, base_systems = (None, None) if base_snapshot is None else \
        (base_snapshot.registry, {s.id: s for s in base_snapshot.systems})
    built = bundle_lib.build(systems, head, base_registry, source, dialect=dialect, root=root,
                             base_systems=base_systems)
    bundle_lib.write(built, out)
    return Outcome(out, built.manifest)


def _base(registry: Path, ref: str | None) -> tuple[history.Snapshot | None, str | None]:
    """The registry and systems at ``ref`` (or its problems: a base must be valid too), and its commit."""
    if ref is None:
        return None, None
    repo_dir, registry_dir = history.find_repository(registry)
    commit = history.resolve(repo_dir, ref)
    return history.load(repo_dir, Side(ref, commit), registry_dir), commit


def _head(registry: Path, data: dict[str, bytes]) -> tuple[str | None, bool]:
    """The commit at HEAD of the repository holding ``registry`` and whether the registry files
    differ from it; (None, False) outside git or in a repository without commits."""
    try:
        repo_dir, registry_dir = history.find_repository(registry)
        commit = history.resolve(repo_dir, "HEAD")
    except history.RefError:
        return None, False
    try:
        committed = history.registry_files(repo_dir, commit, registry_dir)
    except history.RefError:
        return commit, True
    return commit, committed != data


def _selected(systems: list[System], ids: Sequence[str]) -> list[System]:
    known = {system.id for system in systems}
    unknown = [sid for sid in ids if sid not in known]
    if unknown:
        raise ConfigError(f'unknown system "{unknown[0]}"; the systems in systems.yaml are: {", ".join(sorted(known))}')
    return [system for system in systems if not ids or system.id in ids]
