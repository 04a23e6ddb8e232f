"""Settings are usable.

Each ``settings.scheme.qd20.groups.levelN`` is a regular expression that compiles. It can only
narrow the scheme: a code must match both the qd20 syntax and the pattern of its level.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .context import Context, Finding

ID = "settings"
TITLE = "per-level group patterns are valid regular expressions"


def check(ctx: Context) -> Iterator[Finding]:
    groups = ((ctx.settings.get("scheme") or {}).get("qd20") or {}).get("groups") or {}
    for key, pattern in groups.items():
        try:
            re.compile(pattern)
        except re.error as error:
            yield Finding("units", ("settings", "scheme", "qd20", "groups", key),
                          f"{key} pattern {pattern!r} is not a valid regular expression: {error}")
