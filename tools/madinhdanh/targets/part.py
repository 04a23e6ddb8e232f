"""One system's part of a bundle, as the deploy engine uses it: the three scripts, the steps
(how to read their records in ``mdd_undo``) and the deploy settings, all from a bundle whose
files were checked against its manifest (:func:`madinhdanh.render.bundle.read`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..render import bundle as bundle_lib
from ..errors import ConfigError


@dataclass(frozen=True, slots=True)
class StepInfo:
    """A step of up.sql: its number in ``mdd_undo``, kind, table and column, the column whose
    value keys its records (``row_key``), and whether it deletes rows (``deletes``)."""

    number: int
    kind: str
    table: str
    column: str
    row_key: str
    deletes: bool = False


@dataclass(frozen=True, slots=True)
class Part:
    system: str
    title: str
    dialect: str
    bundle_id: str
    release: str
    base: str | None  # the base ref, None for a full sync
    bundle_sha256: str
    up: str
    down: str
    check: str
    steps: tuple[StepInfo, ...]
    dsn_env: str
    window: Mapping[str, Any] | None
    max_change_share: float
    depends_on: tuple[str, ...] = ()
    base_commit: str = ""  # from the manifest: what the bundle was rendered from
    head_commit: str = ""

    @classmethod
    def from_bundle(cls, bundle: bundle_lib.Bundle, system: str) -> Part:
        manifest = bundle.manifest
        entries = {entry["id"]: entry for entry in manifest["systems"]}
        if system not in entries:
            raise ConfigError(f'the bundle has no system "{system}"; it holds: {", ".join(entries) or "none"}')
        entry = entries[system]
        base = manifest["base"]["ref"] if manifest["base"] else None
        steps = tuple(StepInfo(s["number"], s["kind"], s["table"], s["column"], s["row_key"], s["deletes"])
                      for s in entry["steps"])
        deploy = entry["deploy"]
        return cls(system, entry["title"], entry["dialect"], entry["bundle_id"], manifest["release"], base,
                   bundle_lib.sha256(bundle), bundle.files[entry["up"]].decode(), bundle.files[entry["down"]].decode(),
                   bundle.files[entry["check"]].decode(), steps, deploy["dsn_env"], deploy["window"],
                   float(deploy["max_change_share"]), tuple(entry["depends_on"]),
                   (manifest["base"] or {}).get("commit") or "", manifest["head"].get("commit") or "")


def parts(bundle: bundle_lib.Bundle, systems: tuple[str, ...] = ()) -> list[Part]:
    """The parts of ``systems`` (all when empty) in the manifest's deploy order."""
    order = bundle.manifest["order"]
    wanted = systems or tuple(order)
    unknown = [s for s in wanted if s not in order]
    if unknown:
        raise ConfigError(f'the bundle has no system "{unknown[0]}"; it holds: {", ".join(order)}')
    return [Part.from_bundle(bundle, s) for s in order if s in wanted]
