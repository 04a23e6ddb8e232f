"""Rendered scripts as statements: the one splitter that counting, parsing (golden tests) and
executing (``targets/``) share, so that what runs is exactly what a reviewer read.

A statement ends at a ``;`` outside quotes and comments. Quotes: ``'…'`` (``''`` inside; a
backslash escapes the next character in MySQL), ``"…"``, ```…``` and ``[…]`` names; comments
``--`` to the end of the line and ``/* … */``. Comments before a statement stay with it (a failing
statement shows its step's comment); comment-only text at the end is dropped; the statements come
back without their final ``;``.
"""

from __future__ import annotations

_CLOSING = {"'": "'", '"': '"', "`": "`", "[": "]"}


def split(text: str, dialect: str = "") -> list[str]:
    """The statements of ``text`` (see the module docstring)."""
    statements: list[str] = []
    start, i, n = 0, 0, len(text)
    backslash = dialect == "mysql"
    while i < n:
        char = text[i]
        if char in _CLOSING and not (char == "[" and dialect != "mssql"):
            i = _skip_quoted(text, i, _CLOSING[char], backslash=backslash and char == "'")
            continue
        if text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if char == ";":
            _keep(statements, text[start:i])
            start = i + 1
        i += 1
    _keep(statements, text[start:])
    return statements


def _skip_quoted(text: str, i: int, closing: str, *, backslash: bool) -> int:
    """The index after the quoted text that opens at ``i``."""
    j = i + 1
    while j < len(text):
        char = text[j]
        if backslash and char == "\\":
            j += 2
            continue
        if char == closing:
            if text.startswith(closing * 2, j):  # a doubled quote stands for one
                j += 2
                continue
            return j + 1
        j += 1
    raise ValueError(f"unterminated {text[i]} at offset {i}")


def _keep(statements: list[str], chunk: str) -> None:
    if _code(chunk).strip():
        statements.append(chunk.strip())


def _code(chunk: str) -> str:
    """``chunk`` without its comment lines (to tell a statement from a comment between two)."""
    return "\n".join(line for line in chunk.splitlines() if not line.lstrip().startswith("--"))
