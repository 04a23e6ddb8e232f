"""``mdd report``: the verify document drawn as one static HTML page (DESIGN.md §8).

With ``--from FILE`` (``-``: standard input) it draws a saved ``mdd verify --format json``
document; otherwise it reads every system now (:func:`madinhdanh.verify.collect`). The page is
written through a temporary file beside ``--out`` and renamed into place, so a reader never sees
half a page.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from ..clicommon import OK, common
from ..errors import ConfigError
from .document import document_problems
from .page import render


def load_document(source: Path) -> Mapping[str, Any]:
    """A saved verify document; :class:`ConfigError` (exit 2) when it is missing or not one."""
    where = "standard input" if str(source) == "-" else str(source)
    try:
        raw = sys.stdin.buffer.read() if str(source) == "-" else source.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{where}: no such file (save one with: mdd verify --format json > {where})") from None
    except OSError as error:
        raise ConfigError(f"{where}: cannot read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{where}: not UTF-8 (byte {error.start}): a verify document is UTF-8 JSON") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{where}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    problems = document_problems(document)
    if problems:
        raise ConfigError(f"{where}: not a `mdd verify --format json` document: {problems[0]}"
                          + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    assert isinstance(document, Mapping)
    return document


def write_page(out: Path, page: str) -> int:
    """Write ``page`` to ``out`` through a temporary file renamed into place; the size in bytes."""
    payload = page.encode("utf-8")
    if out.is_dir():
        raise ConfigError(f"--out {out}: is a folder; name the HTML file to write")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(payload)
            os.replace(partial, out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ConfigError(f"--out {out}: cannot write: {error.strerror or error}") from None
    return len(payload)


def _size(count: int) -> str:
    return f"{count} bytes" if count < 1024 else f"{count / 1024:.1f} KiB"


@click.command()
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=Path("report.html"),
              show_default=True, help="The HTML file to write (one self-contained page).")
@click.option("--from", "source", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
              help="Draw this saved `mdd verify --format json` document (- reads standard input) "
                   "instead of reading the systems now.")
@common(formats=("text",))
def report(out: Path, source: Path | None, registry: Path, **_: Any) -> int:
    """Write the verification report: one static HTML page that works offline.

    It shows the conversion progress of each system, the units × systems matrix (with filters by
    system, status and level, and a search by name or code with or without diacritics), the
    discrepancies, the ledger history and the exchange anomalies. Without --from, every system is
    read now, as mdd verify does (the targets' DSN environment variables apply). Exit 0 once the
    page is written, whatever it shows.
    """
    if source is not None:
        document = load_document(source)
    else:
        from .. import verify  # lazily: reading the targets needs the database layers

        document = verify.collect(registry, os.environ)
    size = write_page(out, render(document))
    systems = document.get("systems") or []
    units = document.get("units") or []
    found = sum(len(s.get("discrepancies") or []) for s in systems if isinstance(s, Mapping))
    click.echo(f"wrote {out} ({len(systems)} systems, {len(units)} units, {found} discrepancies; {_size(size)})",
               err=True)
    return OK
