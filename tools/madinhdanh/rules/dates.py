"""Dates are real calendar dates.

The schema checks the ``YYYY-MM-DD`` shape; this rule checks the day exists (no 2021-02-30).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from .context import Context, Finding, Path

ID = "date"
TITLE = "dates exist on the calendar"


def check(ctx: Context) -> Iterator[Finding]:
    valid_dates: set[str] = set()  # most registries repeat a handful of dates
    for index in ctx.valid:
        unit = ctx.units[index]
        base: Path = ("units", index)
        for path, value in _dates(unit, base):
            if value in valid_dates:
                continue
            try:
                datetime.date.fromisoformat(value)
                valid_dates.add(value)
            except ValueError:
                yield Finding("units", path, f'"{value}" is not a date on the calendar (YYYY-MM-DD)')


def _dates(unit: Any, base: Path) -> Iterator[tuple[Path, str]]:
    yield base + ("decision", "date"), unit["decision"]["date"]
    for position, entry in enumerate(unit.get("history") or ()):
        yield base + ("history", position, "until"), entry["until"]
        yield base + ("history", position, "decision", "date"), entry["decision"]["date"]
    closed = unit.get("closed")
    if closed:
        yield base + ("closed", "date"), closed["date"]
        yield base + ("closed", "decision", "date"), closed["decision"]["date"]
