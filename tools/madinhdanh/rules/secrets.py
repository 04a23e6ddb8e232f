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
    """Scan the files' bytes themselves — keys, values and comments alike — from each "://"
    (a pattern starting with a character class would be tried at every byte of a 50 MB file)."""
    for file, data in ctx.sources.items():
        line, counted, end = 1, 0, 0
        found = data.find(b"://")
        while found != -1:
            start = found
            while start > end and data[start - 1] in _SCHEME_BYTES:
                start -= 1
            match = _URL_BYTES.match(data, start)
            if match:
                line, counted = line + data.count(b"\n", counted, start), start
                column = len(data[data.rfind(b"\n", 0, start) + 1 : start].decode("utf-8", "replace")) + 1
                url = match.group(0).decode("utf-8", "replace")
                yield Finding(file, (), f'a connection URL with a password ("{mask(url)}");'
                              " keep it in the environment variable named by dsn_env", at=(line, column))
                end = match.end()
            found = data.find(b"://", max(found + 3, end))


_URL_BYTES = re.compile(URL_WITH_PASSWORD.pattern.encode())
_SCHEME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
