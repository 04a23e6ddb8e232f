"""Names are stored NFC-normalised, trimmed, with single spaces.

Vietnamese text typed on another keyboard may arrive decomposed (NFD): ``Sở`` as ``S`` + ``o`` +
two combining marks. Such a name looks right but compares unequal in every system, so it is
refused here (``mdd fmt`` normalises it). Applies to ``name``, ``short_name`` and
``settings.province``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from .context import Context, Finding, Path

ID = "name-form"
TITLE = "names are NFC, trimmed and single-spaced"


def problem(text: str) -> str | None:
    """What is wrong with a name, or None."""
    if not unicodedata.is_normalized("NFC", text):
        return "is not NFC-normalised (decomposed diacritics, as some keyboards type them); run mdd fmt"
    if text != text.strip():
        return "has leading or trailing spaces"
    if "  " in text:
        return "has two spaces in a row"
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        return "contains a control or invisible character"
    return None


def check(ctx: Context) -> Iterator[Finding]:
    province = ctx.settings.get("province")
    if isinstance(province, str):
        yield from _finding(("settings", "province"), province)
    for index in ctx.valid:
        unit = ctx.units[index]
        yield from _finding(("units", index, "name"), unit["name"])
        if "short_name" in unit:
            yield from _finding(("units", index, "short_name"), unit["short_name"])


def _finding(path: Path, text: str) -> Iterator[Finding]:
    if text.isprintable() and "  " not in text and text == text.strip() and unicodedata.is_normalized("NFC", text):
        return  # the common case, decided in C
    message = problem(text)
    if message:
        yield Finding("units", path, f"{path[-1]} {message}")
