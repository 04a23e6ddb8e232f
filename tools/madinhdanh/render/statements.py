"""Rendered scripts as statements: the one splitter that counting, parsing (golden tests) and
executing (``targets/``) share, so that what runs is exactly what a reviewer read.

A statement ends at a ``;`` outside quotes and comments. Quotes: ``'…'`` (``''`` inside; a
backslash escapes the next character in MySQL), ``"…"``, ```…``` and ``[…]`` names; comments
``--`` to the end of the line and ``/* … */``. Comments before a statement stay with it (a failing
statement shows its step's comment); comment-only text at the end is dropped; the statements come
back without their final ``;``. In PostgreSQL, ``COPY … FROM STDIN;`` and the rows after it, up to
the line ``\\.``, are one statement (as psql reads them).
"""

from __future__ import annotations

import re


def _pattern(dialect: str) -> re.Pattern[str]:
    """One regular expression that consumes, left to right, a whole quoted text or name, a comment,
    a ``;``, or (last) a quote that never closes: the scan runs in C, not character by character
    in Python (a 100,000-unit up.sql is about 19 MB)."""
    single = r"'[^'\\]*(?:(?:''|\\.)[^'\\]*)*'" if dialect == "mysql" else r"'[^']*(?:''[^']*)*'"
    parts = [single, r'"[^"]*(?:""[^"]*)*"', r"`[^`]*(?:``[^`]*)*`"]
    if dialect == "postgresql":  # COPY … FROM STDIN; then its rows up to a line \. : one statement
        parts.insert(0, r"(?m:^)COPY [^;\n]* FROM STDIN;\n")  # (split finds the end of the rows)
    opening = "'\"`"
    if dialect == "mssql":
        parts.append(r"\[[^\]]*(?:\]\][^\]]*)*\]")
        opening += "["
    parts += [r"--[^\n]*", r"/\*(?:.*?\*/|.*)", ";", "[" + re.escape(opening) + "]"]
    return re.compile("|".join(parts), re.DOTALL)


_PATTERNS = {dialect: _pattern(dialect) for dialect in ("", "sqlite", "postgresql", "mysql", "mssql", "oracle")}


def split(text: str, dialect: str = "") -> list[str]:
    """The statements of ``text`` (see the module docstring)."""
    statements: list[str] = []
    start = position = 0
    pattern = _PATTERNS.get(dialect) or _pattern(dialect)
    while match := pattern.search(text, position):
        token, position = match.group(), match.end()
        if token == ";":
            _keep(statements, text[start:match.start()])
            start = position
        elif token.startswith("COPY "):
            # the rows run to the line "\." (a row cannot be that line: a backslash in a value is
            # written doubled): found by one search, not line by line (10 MB for 100,000 units)
            end = _copy_end(text, position)
            _keep(statements, text[start:end])
            start = position = end
        elif len(token) == 1:
            raise ValueError(f"unterminated {token} at offset {match.start()}")
    _keep(statements, text[start:])
    return statements


def _copy_end(text: str, rows: int) -> int:
    """Where the rows of a COPY that start at ``rows`` end: after their line ``\\.``."""
    if text.startswith("\\.", rows) and text[rows + 2:rows + 3] in ("", "\n"):
        return rows + 2
    found = text.find("\n\\.\n", rows - 1)
    if found < 0:
        found = text.find("\n\\.", rows - 1)
        if found < 0 or found + 3 != len(text):
            raise ValueError(f"a COPY at offset {rows} has no end line \\.")
    return found + 3


def _keep(statements: list[str], chunk: str) -> None:
    if code_start(chunk) >= 0:
        statements.append(chunk.strip())


def code_start(text: str) -> int:
    """Where the first line of ``text`` that is not blank or a ``--`` comment starts, -1 if there
    is none (a comment between two statements). Looks no further: a COPY's rows (10 MB for
    100,000 units) are not split into lines for it."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if line and not line.startswith("--"):
            return start
        start = end + 1
    return -1
