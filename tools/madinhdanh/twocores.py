"""Loading a large registry on two cores.

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
from typing import Any

from . import loader

MIN_BYTES = 4_000_000  # below this a fork and a pickle cost more than they save
_ITEM = b"\n- "
_UNITS = b"\nunits:\n"


def worth_it(data: bytes) -> bool:
    return len(data) >= MIN_BYTES and (os.cpu_count() or 1) > 1 and hasattr(os, "fork")


def cut(data: bytes) -> int | None:
    """Offset of the newline before a ``- `` item line near the middle, after ``units:``."""
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
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse the tail, send its items, leave without cleanup
        os.close(reader)
        _child(tail, tail_offset, writer)
    os.close(writer)
    try:
        first = _parse(head, 0)
        with os.fdopen(reader, "rb") as stream:
            payload = stream.read()
    finally:
        os.waitpid(pid, 0)
    second = pickle.loads(payload) if payload else None
    return _join(first, second)


def _child(tail: bytes, offset: int, writer: int) -> None:
    try:
        parsed = _parse(tail, offset)
        ok = isinstance(parsed, loader.Map) and list(parsed) == ["units"] and isinstance(parsed["units"], loader.Seq)
        payload = pickle.dumps(parsed["units"], protocol=pickle.HIGHEST_PROTOCOL) if ok else b""
        with os.fdopen(writer, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(0)


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
