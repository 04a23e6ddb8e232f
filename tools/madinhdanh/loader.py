"""Strict YAML loading with source positions.

The registry is machine-rewritten YAML, so the loader accepts a small, predictable subset and
refuses the rest with a position: duplicate keys, anchors and aliases (no "billion laughs"),
tags other than the standard ``!!str``/``!!map``/``!!seq``, non-string keys, more than one
document, tab indentation and invalid UTF-8.

Scalars resolve like this: quoted → string; plain → ``None`` (empty, ``~``, ``null``), ``True`` /
``False`` (``true``/``false``), an integer (``0`` or a decimal without leading zeros), a float
(such an integer, a point and digits: ``0.5``), otherwise the string as written. Dates stay
strings; ``0204`` and ``1.5.2`` stay strings.

The loader is driven by libyaml's events (through PyYAML's C parser when present) and builds
:class:`Map` and :class:`Seq` — a ``dict`` and a ``list`` that also carry their items' positions
in a compact array — instead of PyYAML's node graph and constructors, which cost most of the
time and memory of a plain ``yaml.load`` on a large file.
"""

from __future__ import annotations

import gc
import re
from array import array
from sys import intern
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import yaml
from yaml import events as ev

try:  # libyaml through PyYAML's C extension: an order of magnitude faster
    from yaml import CSafeLoader as _Parser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

    HAVE_LIBYAML = False

Value = Union["Map", "Seq", str, int, float, bool, None]
Path_ = tuple[Union[str, int], ...]

_STR_TAG = "tag:yaml.org,2002:str"
_CONTAINER_TAGS = {ev.MappingStartEvent: "tag:yaml.org,2002:map", ev.SequenceStartEvent: "tag:yaml.org,2002:seq"}
_WORDS: dict[str, object] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_SCALAR, _MAP_END, _SEQ_END = ev.ScalarEvent, ev.MappingEndEvent, ev.SequenceEndEvent
_FREEZE_BYTES = 1_000_000
_INT_START = frozenset("0123456789-+")


class Map(dict):
    """A mapping from the file. ``marks`` holds, as 0-based integers, the mapping's own line and
    column followed by key line, key column, value line, value column for each item, in order."""

    __slots__ = ("marks",)
    marks: array[int]

    def key_position(self, key: str) -> tuple[int, int]:
        offset = 2 + 4 * _index(self, key)
        return self.marks[offset], self.marks[offset + 1]

    def value_position(self, key: str) -> tuple[int, int]:
        offset = 4 + 4 * _index(self, key)
        return self.marks[offset], self.marks[offset + 1]

    def position(self) -> tuple[int, int]:
        return self.marks[0], self.marks[1]

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (Map, dict(self), self.marks)


class Seq(list):
    """A sequence from the file. ``marks`` holds its own line and column, then each item's."""

    __slots__ = ("marks",)
    marks: array[int]

    def item_position(self, index: int) -> tuple[int, int]:
        return self.marks[2 + 2 * index], self.marks[3 + 2 * index]

    def position(self) -> tuple[int, int]:
        return self.marks[0], self.marks[1]

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (Seq, list(self), self.marks)


def _restore(kind: type, items: Any, marks: array[int]) -> Any:
    """Unpickle a Map or Seq (pickle's default for a slotted subclass is several times slower)."""
    container = kind(items)
    container.marks = marks
    return container


def _index(mapping: Map, key: str) -> int:
    for index, candidate in enumerate(mapping):
        if candidate == key:
            return index
    raise KeyError(key)


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """Something in the file the loader refuses: 1-based line and column, a rule id, a message."""

    line: int
    column: int
    rule: str
    message: str


class LoadError(Exception):
    """The file could not be loaded; ``problems`` says where and why (all that were found)."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__("; ".join(f"{p.line}:{p.column}: {p.message}" for p in problems))
        self.problems = problems


def load_file(path: Path) -> Value:
    """Read and load one YAML file; raise :class:`LoadError` for anything it refuses."""
    return load_bytes(path.read_bytes())


def load_bytes(data: bytes, *, split: bool | None = None) -> Value:
    """Load YAML from bytes (UTF-8, with or without a BOM).

    A large file is loaded on two cores when it can be (``split``: None decides by size; see
    :mod:`madinhdanh.twocores`); the result is the same, positions included."""
    _check_utf8(data)
    collecting = gc.isenabled()
    gc.disable()  # the loader makes millions of young objects and no cycles: pausing the
    try:  # collector saves a fifth of the time on a large file
        if split is not False:
            from . import twocores

            if split or twocores.worth_it(data):
                loaded = twocores.load(data)
                if loaded is not None:
                    return loaded
        return parse(data)
    finally:
        if collecting:
            if len(data) >= _FREEZE_BYTES:
                # A large document is long-lived and acyclic (refcounting frees it): moving it out
                # of the collector's generations spares every later collection a walk over it.
                gc.freeze()
            gc.enable()


def parse(data: bytes, *, line_offset: int = 0) -> Value:
    """Parse checked UTF-8 bytes with the strict builder (``line_offset`` is added to lines)."""
    parser = None
    try:
        parser = _Parser(data)  # (the pure-Python reader may already refuse a character here)
        return _Builder(parser, line_offset).document()
    except yaml.MarkedYAMLError as error:
        raise LoadError([_syntax_problem(error, data)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        raise LoadError([_reader_problem(error, data)]) from None
    finally:
        if parser is not None:
            parser.dispose()


def _check_utf8(data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        raise LoadError(
            [LoadProblem(line, column, "yaml-encoding",
                         f"invalid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8")]
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _reader_problem(error: yaml.reader.ReaderError, data: bytes) -> LoadProblem:
    line, column = _byte_position(data, error.position)  # libyaml reports a byte offset
    return LoadProblem(line, column, "yaml-character",
                       f"the character U+{error.character:04X} is not allowed in YAML; remove it")


def _syntax_problem(error: yaml.MarkedYAMLError, data: bytes) -> LoadProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    text = data.decode("utf-8", "replace").split("\n")
    char = text[line][column : column + 1] if line < len(text) else ""
    if char == "\t" or (error.problem and "tab" in error.problem):
        message = "a tab character here; YAML indents with spaces only"
    else:
        message = " ".join(part for part in (error.problem, error.context) if part) or "invalid YAML"
        message = message.replace("could not find expected ':'", "a mapping key is missing its ':'")
    return LoadProblem(line + 1, column + 1, "yaml-syntax", message)


class _Builder:
    """Turns the parser's events into :class:`Map`/:class:`Seq`/scalars, collecting problems."""

    def __init__(self, parser: Any, line_offset: int = 0) -> None:
        self.next = parser.get_event
        self.offset = line_offset
        self.problems: list[LoadProblem] = []
        self.refused: set[str] = set()

    def refuse(self, event: Any, rule: str, message: str, *, once: bool = False) -> None:
        if once and rule in self.refused:
            return  # one anchor or alias problem says it; an alias bomb would say it thousands of times
        self.refused.add(rule)
        self.problems.append(LoadProblem(event.start_mark.line + self.offset + 1, event.start_mark.column + 1, rule, message))

    def document(self) -> Value:
        self.next()  # stream start
        start = self.next()
        if isinstance(start, ev.StreamEndEvent):
            return None
        root = self.node(self.next())
        self.next()  # document end
        extra = self.next()
        if not isinstance(extra, ev.StreamEndEvent):
            self.refuse(extra, "yaml-documents", "a second YAML document; the file holds exactly one")
        if self.problems:
            raise LoadError(self.problems)
        return root

    def node(self, event: Any) -> Value:
        kind = event.__class__
        if kind is ev.ScalarEvent:
            self.check_props(event)
            return self.scalar(event)
        if kind is ev.MappingStartEvent:
            self.check_props(event)
            return self.mapping(event)
        if kind is ev.SequenceStartEvent:
            self.check_props(event)
            return self.sequence(event)
        self.refuse(event, "yaml-alias", f"an alias (*{event.anchor}); anchors and aliases are not allowed", once=True)
        return None

    def check_props(self, event: Any) -> None:
        if event.anchor is not None:
            self.refuse(event, "yaml-anchor", f"an anchor (&{event.anchor}); anchors and aliases are not allowed",
                        once=True)
        tag = event.tag
        if tag is not None and tag != "!" and tag != _STR_TAG and tag != _CONTAINER_TAGS.get(event.__class__):
            self.refuse(event, "yaml-tag", f"the tag {tag} is not allowed; write plain values")

    @staticmethod
    def scalar(event: Any) -> Value:
        value: str = event.value
        if event.style or event.tag is not None:  # quoted, block or tagged !!str: a string
            return value
        if value in _WORDS:
            return _WORDS[value]  # type: ignore[return-value]
        if value[:1] in _INT_START:
            if _INT.fullmatch(value):
                return int(value)
            if _DECIMAL.fullmatch(value):
                return float(value)
        return value

    def mapping(self, start: Any) -> Map:
        # The hot loop of a large file: names are bound locally and plain scalars resolved inline.
        result = Map()
        mark = start.start_mark
        offset = self.offset
        marks = [mark.line + offset, mark.column]
        next_event, node = self.next, self.node
        scalar_event, end_event, words, int_start, is_int = _SCALAR, _MAP_END, _WORDS, _INT_START, _INT.fullmatch
        event = next_event()
        key: str | None
        value: Value
        while event.__class__ is not end_event:
            if event.__class__ is scalar_event and event.anchor is None and event.tag is None:
                key = intern(event.value)
            else:
                key = self.odd_key(event)
            kmark = event.start_mark
            event = next_event()
            vmark = event.start_mark
            if event.__class__ is scalar_event and event.anchor is None and event.tag is None:
                value = event.value
                if not event.style:  # plain: maybe null, a boolean or an integer
                    if value in words:
                        value = words[value]  # type: ignore[assignment]
                    elif value[:1] in int_start:
                        if is_int(value):
                            value = int(value)
                        elif _DECIMAL.fullmatch(value):
                            value = float(value)
            else:
                value = node(event)
            if key is not None:
                if key in result:
                    self.refuse_duplicate(kmark, key, 2 + 4 * _index(result, key), marks)
                else:
                    result[key] = value
                    marks += (kmark.line + offset, kmark.column, vmark.line + offset, vmark.column)
            event = next_event()
        result.marks = array("I", marks)
        return result

    def odd_key(self, event: Any) -> str | None:
        """A key with an anchor or tag (refused or allowed), or a container (refused)."""
        if event.__class__ is _SCALAR:
            self.check_props(event)
            return intern(event.value)
        self.refuse(event, "yaml-key", "a mapping key must be a plain string")
        self.skip(event)
        return None

    def refuse_duplicate(self, kmark: Any, key: str, offset: int, marks: list[int]) -> None:
        first_line = marks[offset]
        self.problems.append(
            LoadProblem(kmark.line + self.offset + 1, kmark.column + 1, "yaml-duplicate-key",
                        f'duplicate key "{key}" (first at line {first_line + 1}); keep one')
        )

    def sequence(self, start: Any) -> Seq:
        result = Seq()
        mark = start.start_mark
        offset = self.offset
        marks = [mark.line + offset, mark.column]
        append, next_event, node, scalar = result.append, self.next, self.node, self.scalar
        event = next_event()
        while event.__class__ is not _SEQ_END:
            vmark = event.start_mark
            if event.__class__ is _SCALAR and event.anchor is None and event.tag is None:
                append(scalar(event))
            else:
                append(node(event))
            marks += (vmark.line + offset, vmark.column)
            event = next_event()
        result.marks = array("I", marks)
        return result

    def skip(self, event: Any) -> None:
        """Consume the rest of a container used as a key."""
        depth = 1 if event.__class__ in (ev.MappingStartEvent, ev.SequenceStartEvent) else 0
        while depth:
            event = self.next()
            if event.__class__ in (ev.MappingStartEvent, ev.SequenceStartEvent):
                depth += 1
            elif event.__class__ in (ev.MappingEndEvent, ev.SequenceEndEvent):
                depth -= 1


def position(root: Value, path: Path_, *, key: bool = False) -> tuple[int, int]:
    """The 1-based (line, column) of ``path`` in a loaded document: the value's position, or the
    deepest existing ancestor's when the path does not exist (a missing key points at its
    mapping). A path ending in a mapping key points at the key when its value is a container,
    or when ``key`` is set (for problems about the key itself)."""
    node: Any = root
    line, column = (node.position() if isinstance(node, (Map, Seq)) else (0, 0))
    last = len(path) - 1
    for depth, step in enumerate(path):
        if isinstance(node, Map) and isinstance(step, str) and step in node:
            child = node[step]
            at_key = isinstance(child, (Map, Seq)) or (key and depth == last)
            line, column = node.key_position(step) if at_key else node.value_position(step)
            node = child
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node):
            line, column = node.item_position(step)
            node = node[step]
        else:
            break
    return line + 1, column + 1


def walk_paths(root: Value, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every path in a document, depth first (for tests and tools)."""
    yield prefix
    if isinstance(root, dict):
        for key, value in root.items():
            yield from walk_paths(value, prefix + (key,))
    elif isinstance(root, list):
        for index, value in enumerate(root):
            yield from walk_paths(value, prefix + (index,))
