"""A release bundle: every system's up.sql, down.sql and exported files, and ``manifest.json``.

:func:`build` is pure (registries in, file bytes out); :func:`write` puts a bundle on disk
through a temporary folder beside ``--out``, renamed into place only when every file is written,
so a failure never leaves a partial bundle. The same inputs give the same bytes: no timestamp,
keys sorted, systems in systems.yaml order.

``manifest.json`` (``schemas/manifest.schema.json``): ``format`` (1), ``generator``, ``release``,
``base`` (ref and commit; null for a full sync), ``head`` (commit, and ``dirty`` when the
registry differs from it), ``registry`` (sha256 of units.yaml and systems.yaml, and of the pair:
the sha256 of the two ``<sha256>  <name>`` lines), ``order`` (systems in ``depends_on`` order, for
deploy), per system its dialect, template set, bundle id, change counts, statement counts and
files, and ``files``: the sha256 and size of every file but the manifest.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import SCHEMA_DIR, ConfigError
from . import statements

if TYPE_CHECKING:  # reading a bundle (mdd plan, apply) needs none of the renderer: not loaded then
    from ..model import Registry, System
    from .plan import Step
    from .sql import Provenance

FORMAT = 1
MANIFEST = "manifest.json"
DEFAULT_MAX_SHARE = 0.5  # systems.yaml max_change_share when absent


@dataclass(frozen=True, slots=True)
class Source:
    """What a bundle is rendered from, besides the registries: names and hashes for provenance."""

    release: str
    head_commit: str | None
    dirty: bool
    base_ref: str | None
    base_commit: str | None
    files: Mapping[str, bytes] = field(default_factory=dict)  # units.yaml, systems.yaml as read

    def registry(self) -> dict[str, str]:
        digests = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(self.files.items())}
        pair = "".join(f"{digest}  {name}\n" for name, digest in digests.items())
        return {**digests, "sha256": hashlib.sha256(pair.encode()).hexdigest()}

    def provenance(self) -> Provenance:
        from .sql import Provenance

        commit = self.head_commit or "none (not in a git repository)"
        if self.head_commit and self.dirty:
            commit += " + uncommitted registry changes"
        base = "none (full sync)" if self.base_ref is None else f"{self.base_ref} ({self.base_commit})"
        return Provenance(self.release, commit, base, self.base_commit, self.registry()["sha256"])


@dataclass(frozen=True, slots=True)
class Bundle:
    """Relative path → bytes, ``manifest.json`` included."""

    files: Mapping[str, bytes]

    @property
    def manifest(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.files[MANIFEST])
        return loaded


def build(systems: Sequence[System], head: Registry, base: Registry | None, source: Source, *,
          dialect: str | None = None, root: Path | None = None,
          base_systems: Mapping[str, System] | None = None) -> Bundle:
    """Render every system of ``systems`` (base → head; ``base`` None: a full sync; ``base_systems``:
    the systems as declared at base, by id, so a system switching ``writes`` is converted;
    ``root``: the templates folder, by default the project's)."""
    from ..changes import change_set
    from .config import render_export
    from .environment import TEMPLATES
    from .sql import render_system

    root = TEMPLATES if root is None else root
    provenance = source.provenance()
    files: dict[str, bytes] = {}
    entries = []
    for system in systems:
        changes = change_set(system, head, base, (base_systems or {}).get(system.id))
        rendered = render_system(system, changes, head, provenance, dialect=dialect, root=root)
        names = {kind: f"{system.id}/{kind}.sql" for kind in ("up", "down", "check")}
        for kind, text in (("up", rendered.up), ("down", rendered.down), ("check", rendered.check)):
            files[names[kind]] = text.encode()
        exported = []
        for export in system.document.get("exports") or ():
            path = f"{system.id}/{export['file']}"
            files[path] = render_export(system, export, head, root=root)
            exported.append({"file": path, "template": f"templates/config/{export['template']}"})
        entries.append({
            "id": system.id, "title": system.title, "dialect": rendered.dialect, "declared_dialect": system.dialect,
            "template_set": rendered.template_set, "bundle_id": rendered.bundle_id,
            "depends_on": list(system.depends_on), "changes": changes.counts(),
            "identifiers": len(changes.code_map()),
            "statements": {kind: len(statements.split(text, rendered.dialect))
                           for kind, text in (("up", rendered.up), ("down", rendered.down))},
            "up": names["up"], "down": names["down"], "check": names["check"], "exports": exported,
            "steps": [step_entry(step) for step in rendered.steps], "deploy": deploy_settings(system),
        })
    manifest = _manifest(source, entries, files)
    check_manifest(manifest)
    files[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    return Bundle(dict(sorted(files.items())))


def step_entry(step: Step) -> dict[str, Any]:
    """What the deploy engine needs of a step to show the rows it changed: which table and
    column, what its records in mdd_undo are keyed by (``row_key``: a row id column, or the
    code column itself) and whether it deletes rows (kept in ``mdd_undo_<table>``)."""
    key = step.key if step.kind in ("insert", "attribute") else (step.row_id or step.column)
    return {"number": step.number, "kind": step.kind, "table": step.table, "column": step.column or step.key,
            "row_key": key, "deletes": step.conflicts}


def deploy_settings(system: System) -> dict[str, Any]:
    """What apply needs of systems.yaml: where the connection URL is, the maintenance window,
    the share of a table's rows a plan may change without --force."""
    doc = system.document
    return {"dsn_env": doc["dsn_env"], "window": doc.get("window"),
            "max_change_share": doc.get("max_change_share", DEFAULT_MAX_SHARE)}


def _manifest(source: Source, entries: list[dict[str, Any]], files: Mapping[str, bytes]) -> dict[str, Any]:
    base = None if source.base_ref is None else {"ref": source.base_ref, "commit": source.base_commit}
    return {
        "format": FORMAT, "generator": f"madinhdanh {__version__}", "release": source.release, "base": base,
        "head": {"commit": source.head_commit, "dirty": source.dirty}, "registry": source.registry(),
        "order": deploy_order(entries), "systems": entries,
        "files": {path: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                  for path, data in sorted(files.items())},
    }


def deploy_order(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    """System ids, each after what it ``depends_on`` (validation refuses cycles), else in file order."""
    pending = {entry["id"]: [d for d in entry["depends_on"]] for entry in entries}
    order: list[str] = []
    while pending:
        ready = [sid for sid, deps in pending.items() if all(d in order or d not in pending for d in deps)]
        ready = ready or list(pending)[:1]  # a dependency outside the bundle never blocks
        order.append(ready[0])
        del pending[ready[0]]
    return order


@cache
def _manifest_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / "manifest.schema.json").read_text(encoding="utf-8"))
    return schema


@cache
def _manifest_validator() -> Callable[[Any], Any]:
    import fastjsonschema

    # fastjsonschema rewrites the $refs of the schema it is given: give it a copy
    return fastjsonschema.compile(copy.deepcopy(_manifest_schema()))


def check_manifest(manifest: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` if ``manifest`` does not follow ``schemas/manifest.schema.json``.
    Checked by a compiled validator (fastjsonschema, as the registry is); jsonschema, the
    reference, is imported only to say what is wrong (every ``mdd apply`` starts 0.05 s sooner)."""
    import fastjsonschema

    try:
        _manifest_validator()(manifest)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    import jsonschema

    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(_manifest_schema()).iter_errors(manifest))
    if error is not None:
        raise ValueError(f"manifest.json does not follow schemas/manifest.schema.json: {error.message} "
                         f"at {'/'.join(map(str, error.absolute_path))}")


def write(bundle: Bundle, out: Path) -> None:
    """Write ``bundle`` as the folder ``out``: into ``.<out>.partial`` beside it, then renamed.
    An existing ``out`` is replaced only when it is a bundle (holds a manifest.json)."""
    out = Path(out)
    if out.exists() and not (out / MANIFEST).is_file():
        raise ConfigError(f"{out} exists and is not a bundle (no {MANIFEST}); choose another --out or remove it")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        for relative, data in bundle.files.items():
            path = partial / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if out.exists():
            retired = out.with_name(f".{out.name}.old-{os.getpid()}")
            out.rename(retired)
            partial.rename(out)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            partial.rename(out)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def read(folder: Path) -> Bundle:
    """The bundle in ``folder``, every file checked against the manifest's sha256 and size: a
    missing, changed or unlisted file raises :class:`ConfigError` naming it (what a reviewer read
    is what runs, or nothing runs)."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise ConfigError(f"{folder}: not a bundle (no {MANIFEST}); render one with mdd render --out {folder}")
    raw = manifest_path.read_bytes()
    try:
        manifest = json.loads(raw)
        check_manifest(manifest)
    except ValueError as error:
        raise ConfigError(f"{manifest_path}: {error}") from None
    files: dict[str, bytes] = {MANIFEST: raw}
    problems = []
    for relative, pinned in sorted(manifest["files"].items()):
        path = folder / relative
        if not path.is_file():
            problems.append(f"{path}: missing (manifest.json lists it)")
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != pinned["sha256"]:
            problems.append(f"{path}: sha256 {digest[:12]}… differs from manifest.json's {pinned['sha256'][:12]}…")
        files[relative] = data
    listed = set(manifest["files"]) | {MANIFEST}
    extra = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                   and p.relative_to(folder).as_posix() not in listed)
    problems += [f"{folder / relative}: not listed in manifest.json" for relative in extra]
    if problems:
        raise ConfigError("the bundle was changed after it was rendered, so it is refused (render it again with "
                          "mdd render): " + "; ".join(problems))
    return Bundle(files)


def sha256(bundle: Bundle) -> str:
    """The bundle's checksum: the sha256 of its manifest, which pins every other file."""
    return hashlib.sha256(bundle.files[MANIFEST]).hexdigest()
