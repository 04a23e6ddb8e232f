"""Using the second core: loading a large registry in two parts, and :func:`beside` for any
two independent pieces of work.

Most of the time of loading a large ``units.yaml`` is spent turning libyaml's events into Python
objects, one core's work. The canonical file is a mapping whose last key, ``units``, holds a
block sequence written at column 0, so it can be cut at a line starting with ``- `` near the
middle: the first part is a YAML document on its own, and ``units:`` followed by the second
part is another. A forked child parses the second while this process parses the first; the
child's items come back pickled and are appended.

Nothing here decides what the file means: if anything is unusual — the cut falls inside a
quoted or flow scalar (the first part then fails to parse), ``units`` is not the last key, a
part has a problem, the child fails — :func:`load` returns None and the caller parses the whole
file the ordinary way, which also produces the exact problems.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

from . import loader

T = TypeVar("T")
U = TypeVar("U")

MIN_BYTES = 4_000_000  # below this a fork and a pickle cost more than they save
_ITEM = b"\n- "
_UNITS = b"\nunits:\n"


def available() -> bool:
    """Whether a second core can be used: more than one CPU, and fork() to start a copy."""
    return (os.cpu_count() or 1) > 1 and hasattr(os, "fork")


def worth_it(data: bytes) -> bool:
    return len(data) >= MIN_BYTES and available()


def beside(child: Callable[[], T], here: Callable[[], U]) -> tuple[T | None, U]:
    """Run ``child()`` in a forked copy of this process while ``here()`` runs in this one.

    The child's result comes back pickled (keep it small or cheap to pickle); it is None if the
    child failed in any way, and the caller then does that work itself. ``here()``'s exceptions
    propagate as usual, after the child has been reaped."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which leaves without cleanup
        os.close(reader)
        try:
            payload = pickle.dumps(child(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as stream:
                stream.write(payload)
        finally:
            os._exit(0)
    os.close(writer)
    try:
        mine = here()
        with os.fdopen(reader, "rb") as stream:
            payload = stream.read()
    finally:
        os.waitpid(pid, 0)
    return (pickle.loads(payload) if payload else None), mine


def cut(data: bytes) -> int | None:
    """Offset of the newline before a ``- `` item line past the middle, after ``units:``.
    (The child parses the smaller part: it also has to pickle what it found.)"""
    units = data.find(_UNITS)
    if units == -1:
        return None
    at = data.find(_ITEM, max(len(data) * 58 // 100, units + len(_UNITS)))
    return None if at == -1 else at


def load(data: bytes, at: int | None = None) -> Any | None:
    """The document of ``data`` parsed in two parts cut at the newline ``at`` (by default
    :func:`cut`'s), or None when that cannot be trusted."""
    at = cut(data) if at is None else at
    if at is None or data[at : at + 3] != _ITEM:
        return None
    head, tail = data[: at + 1], b"units:\n" + data[at + 1 :]
    tail_offset = head.count(b"\n") - 1  # "units:" stands in for the line before the tail
    second, first = beside(lambda: _tail_items(tail, tail_offset), lambda: _parse(head, 0))
    return _join(first, second)


def _tail_items(tail: bytes, offset: int) -> Any:
    parsed = _parse(tail, offset)
    ok = isinstance(parsed, loader.Map) and list(parsed) == ["units"] and isinstance(parsed["units"], loader.Seq)
    return parsed["units"] if ok else None


def _parse(data: bytes, offset: int) -> Any:
    try:
        return loader.parse(data, line_offset=offset)
    except loader.LoadError:
        return None


def _join(first: Any, second: Any) -> Any | None:
    if not isinstance(first, loader.Map) or not isinstance(second, loader.Seq):
        return None
    units = first.get("units")
    if list(first)[-1] != "units" or not isinstance(units, loader.Seq):
        return None
    units.extend(second)
    units.marks.extend(second.marks[2:])  # the items' positions; the second list's own is "units:"
    return first
