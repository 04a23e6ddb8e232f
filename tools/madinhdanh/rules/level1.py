"""Every code starts with the registry's level-1 code.

``settings.level1_code`` names the province (or ministry) the registry belongs to; every unit's
``code`` and ``code102`` must carry it as their level-1 group. Historical codes are exempt: a
merger may have moved a unit from another level-1 body.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding

ID = "level1-code"
TITLE = "codes carry the registry's level-1 code"


def check(ctx: Context) -> Iterator[Finding]:
    expected = ctx.settings.get("level1_code")
    if not isinstance(expected, str):
        return
    for key, codes in (("code", ctx.codes), ("code102", ctx.codes102)):
        for index, code in enumerate(codes):
            if code is not None and code.level1 != expected:
                yield Finding("units", ("units", index, key),
                              f'{key} {code.text} has level-1 group "{code.level1}", but settings.level1_code is "{expected}"')
