"""No connection URL with a password, anywhere in the registry.

Connections are named by ``dsn_env``, the *name* of an environment variable that holds the URL
on the machine that deploys; the repository never holds a URL with credentials
(``postgresql://user:secret@host/db``). The text of both files is scanned — keys, values and
comments — and the message masks the password.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from .context import Context, Finding

ID = "no-secrets"
TITLE = "no connection URL with a password in the repository"

# scheme://user:password@host — the password runs to the last "@" of the URL
URL_WITH_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^\s/@:'\"]*):([^\s'\"]+)@([^\s@'\"(),]*)")


def mask(text: str) -> str:
    """The text with every URL password replaced by ``***``."""
    if "://" not in text:
        return text
    return URL_WITH_PASSWORD.sub(lambda m: f"{m.group(1)}://{m.group(2)}:***@{m.group(4)}", text)


def check(ctx: Context) -> Iterator[Finding]:
    """Scan the source text itself: keys, values and comments alike, at C speed."""
    for file, text in ctx.sources.items():
        for match in _urls(text):
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            yield Finding(file, (), f'a connection URL with a password ("{mask(match.group(0))}");'
                          " keep it in the environment variable named by dsn_env", at=(line, column))


def _urls(text: str) -> Iterator[re.Match[str]]:
    """Matches of URL_WITH_PASSWORD, found from each "://" (a regex starting with a character
    class would try every position of a 50 MB file)."""
    end = 0
    found = text.find("://")
    while found != -1:
        start = found
        while start > end and (text[start - 1].isascii() and (text[start - 1].isalnum() or text[start - 1] in "+.-")):
            start -= 1
        match = URL_WITH_PASSWORD.match(text, start)
        if match:
            yield match
            end = match.end()
        found = text.find("://", max(found + 3, end))
