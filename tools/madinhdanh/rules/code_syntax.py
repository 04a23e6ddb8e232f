"""Every code follows its scheme.

``code`` and each ``history[].code`` are Decision 20 codes (``H03.12.05``), narrowed by
``settings.scheme.qd20.groups`` where the registry sets per-level patterns; ``code102`` is a
QCVN 102 code (``000.05.12.H03``). The message names the group at fault.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..codes import CodeError, parse_qd20
from .context import Context, Finding, group_patterns

ID = "code-syntax"
TITLE = "codes follow the qd20 and QCVN 102 schemes"


def check(ctx: Context) -> Iterator[Finding]:
    for (file, index, key), message in ctx.code_errors.items():
        scheme = "QCVN 102" if key == "code102" else "qd20"
        yield Finding("units", (file, index, key), f"{key} is not a valid {scheme} code: {message}")
    parse_code = partial(parse_qd20, group_patterns=group_patterns(ctx.settings))
    for index in ctx.valid:
        for position, entry in enumerate(ctx.units[index].get("history") or ()):
            try:
                parse_code(entry["code"])
            except CodeError as error:
                yield Finding("units", ("units", index, "history", position, "code"),
                              f"history code is not a valid qd20 code: {error}")
