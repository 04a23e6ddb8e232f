"""``mdd demo``: the main job on the embedded default, end to end, with nothing but SQLite.

It builds a SQLite replica of each example system (``examples/targets/<system>/schema.sqlite.sql``)
under ``.mdd-demo/``, seeded with the legacy codes by ``examples/targets/seed.py``, validates the
registry, renders the bundle (every system in SQLite), plans it, deploys it to all five replicas
(postconditions checked in each transaction) and reports what changed per system. Every run
starts fresh; no network, no server. The connection URLs go to the ``dsn_env`` variables of this
process only.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from .model import System
from .render import command as render_lib
from .errors import ConfigError
from .validate import validate_registry


@dataclass(frozen=True, slots=True)
class Replica:
    system: str
    dsn_env: str
    path: Path
    rows: int

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path.resolve()}"


def _seed_module(examples: Path) -> ModuleType:
    script = examples / "seed.py"
    if not script.is_file():
        raise ConfigError(f"{script} is missing: mdd demo runs in a checkout of the madinhdanh repository "
                          "(the example targets live in examples/targets/)")
    spec = importlib.util.spec_from_file_location("mdd_demo_seed", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def build_replicas(registry: Path, examples: Path, folder: Path, say: Callable[[str], None]) -> list[Replica]:
    """A fresh SQLite file per system of systems.yaml, with its schema and its legacy rows."""
    seed = _seed_module(examples)
    source = seed.load_source(registry)
    result = validate_registry(registry)
    systems = [System.from_document(doc) for doc in result.systems]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    replicas = []
    for system in systems:
        schema = examples / system.id / "schema.sqlite.sql"
        if not schema.is_file():
            raise ConfigError(f"{schema} is missing: the demo needs a SQLite schema for every system")
        path = folder / f"{system.id}.db"
        with sqlite3.connect(path) as connection:
            connection.executescript(schema.read_text(encoding="utf-8"))
            connection.executescript(seed.seed_sql(source, system.id, "sqlite"))
            rows = sum(connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                       for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        connection.close()
        replicas.append(Replica(system.id, str(system.document["dsn_env"]), path, rows))
        say(f"  {system.id:<12} {path} — {rows} legacy rows ({system.document['identifier']} codes), "
            f"{system.dialect} in production")
    return replicas


def render_bundle(registry: Path, out: Path) -> dict[str, Any]:
    outcome = render_lib.render_release(registry, out=out, dialect="sqlite", release="demo")
    if outcome.problems or outcome.manifest is None:
        raise ConfigError("the registry is not valid; run mdd validate")
    return outcome.manifest


def write_report(document: dict[str, Any], path: Path) -> Path | None:
    """The HTML report of ``document`` at ``path`` (None while mdd report is not installed)."""
    try:
        html = importlib.import_module(".report", __package__)
    except ImportError:
        return None
    path.write_text(html.render(document), encoding="utf-8")
    return path
