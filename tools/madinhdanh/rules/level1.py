"""Every code starts with one of the registry's level-1 codes.

``settings.level1_code`` names the province (or ministry) the registry belongs to; every unit's
``code`` and ``code102`` must carry it as their level-1 group, or one of ``settings.level1_codes``
(a province merged into this one, whose closed units and QCVN 102 codes keep the former code; the
bodies of a national registry). Historical codes are exempt: a merger may have moved a unit from
another level-1 body.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, level1_codes

ID = "level1-code"
TITLE = "codes carry the registry's level-1 code"


def check(ctx: Context) -> Iterator[Finding]:
    accepted = level1_codes(ctx.settings)
    if accepted is None:
        return
    expected = ctx.settings["level1_code"]
    others = ", ".join(sorted(accepted - {expected}))
    but = f'which is neither settings.level1_code "{expected}" nor one of settings.level1_codes ({others})' \
        if others else f'but settings.level1_code is "{expected}"'
    for key, codes in (("code", ctx.codes), ("code102", ctx.codes102)):
        for index, code in enumerate(codes):
            if code is not None and code.level1 not in accepted:
                yield Finding("units", ("units", index, key),
                              f'{key} {code.text} has level-1 group "{code.level1}", {but}')
