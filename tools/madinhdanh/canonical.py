"""The one canonical form of the registry files (``mdd fmt``).

Machine-rewritten files stay diff-friendly when there is exactly one way to write them: units
sorted by code (group by group, numbers numerically), keys in a fixed order, two-space block
style, lists of scalars in flow style, strings NFC-normalised and written plain whenever both
this loader and a YAML 1.1 reader read them back as the same string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import yaml

from .codes import qd20_sort_key

# Key order per kind of mapping; keys not listed follow in sorted order.
ORDER: dict[str, tuple[str, ...]] = {
    "units_file": ("settings", "units"),
    "settings": ("province", "level1_code", "level1_codes", "issuer", "illustrative", "note", "scheme"),
    "unit": ("id", "code", "code102", "name", "short_name", "block", "status", "contact", "decision",
             "history", "legacy", "closed", "note"),
    "contact": ("address", "email", "phone", "fax", "website"),
    "decision": ("number", "date", "issuer"),
    "history": ("code", "until", "decision"),
    "closed": ("date", "decision", "reason", "successors"),
    "systems_file": ("systems",),
    "system": ("id", "title", "dialect", "dsn_env", "template_set", "scope", "identifier", "writes", "units",
               "references", "exchange_log", "window", "max_change_share", "depends_on", "exports"),
    "scope": ("blocks", "levels", "statuses"),
    "units": ("table", "key", "name", "parent", "status", "level"),
    "reference": ("table", "column", "where", "on_close"),
    "where": ("column", "equals"),
    "exchange_log": ("table", "sender", "receiver", "time", "status"),
    "window": ("days", "start", "end"),
    "export": ("template", "file"),
}
# What kind a mapping found under (parent kind, key) is; a list's items share the kind.
CHILD: dict[tuple[str, str], str] = {
    ("units_file", "settings"): "settings",
    ("units_file", "units"): "unit",
    ("unit", "contact"): "contact",
    ("unit", "decision"): "decision",
    ("unit", "history"): "history",
    ("history", "decision"): "decision",
    ("unit", "closed"): "closed",
    ("closed", "decision"): "decision",
    ("systems_file", "systems"): "system",
    ("system", "scope"): "scope",
    ("system", "units"): "units",
    ("system", "references"): "reference",
    ("reference", "where"): "where",
    ("system", "exchange_log"): "exchange_log",
    ("system", "window"): "window",
    ("system", "exports"): "export",
}

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_OUR_SPECIAL = re.compile(r"(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:0|[1-9][0-9]*))")
_NUMBER_LIKE = re.compile(r"[-+.]?[0-9][0-9:._-]*")  # dates, times, 0204: quoted for every reader
_YAML11 = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def dump_units(doc: Mapping[str, Any]) -> str:
    """The canonical text of a units.yaml document."""
    doc = dict(doc)
    units = doc.get("units")
    if isinstance(units, list):
        doc["units"] = sorted(units, key=_unit_key)
    return _render(doc, "units_file")


def dump_systems(doc: Mapping[str, Any]) -> str:
    """The canonical text of a systems.yaml document (systems keep their order)."""
    return _render(doc, "systems_file")


def _unit_key(unit: Any) -> tuple[int, Any, str]:
    code = unit.get("code") if isinstance(unit, dict) else None
    if isinstance(code, str) and code:
        return (0, qd20_sort_key(code), str(unit.get("id")))
    return (1, (), str(unit.get("id") if isinstance(unit, dict) else unit))


def _render(doc: Any, kind: str) -> str:
    return "".join(_block(doc, kind, 0)) if isinstance(doc, dict) else scalar(doc) + "\n"


def _ordered(mapping: Mapping[str, Any], kind: str) -> list[tuple[str, Any]]:
    order = ORDER.get(kind, ())
    known = [(k, mapping[k]) for k in order if k in mapping]
    rest = sorted((k, v) for k, v in mapping.items() if k not in order)
    return known + rest


def _block(mapping: Mapping[str, Any], kind: str, indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, value in _ordered(mapping, kind):
        child = CHILD.get((kind, key), "")
        head = f"{pad}{scalar(key)}:"
        if isinstance(value, dict) and value:
            yield head + "\n"
            yield from _block(value, child, indent + 2)
        elif isinstance(value, list) and value and not _all_scalars(value):
            yield head + "\n"
            yield from _sequence(value, child, indent)
        else:
            yield f"{head} {_inline(value)}\n"


def _sequence(items: Iterable[Any], kind: str, indent: int) -> Iterator[str]:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            lines = list(_block(item, kind, indent + 2))
            yield pad + "- " + lines[0][indent + 2 :]
            yield from lines[1:]
        elif isinstance(item, list) and item and not _all_scalars(item):
            yield pad + "-\n"
            yield from _sequence(item, kind, indent + 2)
        else:
            yield f"{pad}- {_inline(item)}\n"


def _all_scalars(items: list[Any]) -> bool:
    return all(not isinstance(item, (dict, list)) for item in items)


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}" if not value else "{" + ", ".join(f"{scalar(k)}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) if isinstance(v, (dict, list)) else scalar(v, flow=True) for v in value) + "]"
    return scalar(value)


def scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar as YAML text: the plain form when it reads back unchanged, else quoted."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = unicodedata.normalize("NFC", str(value))
    if _plain_ok(text, flow=flow):
        return text
    if text.isprintable() and "'" not in text and text == text.strip(" ") and text:
        return f"'{text}'"
    return '"' + _ESCAPE.sub(_escape, text) + '"'


# In double quotes: the quote and backslash, and everything a YAML reader would not keep as
# written — C0/C1 controls, DEL, line and paragraph separators, BOM, non-characters, surrogates.
_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')
_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _plain_ok(text: str, *, flow: bool) -> bool:
    if not text or text[0] in _INDICATORS or text != text.strip() or not text.isprintable():
        return False
    if ": " in text or " #" in text or text.endswith(":") or (flow and _FLOW_UNSAFE.search(text)):
        return False
    if _OUR_SPECIAL.fullmatch(text) or _NUMBER_LIKE.fullmatch(text):
        return False
    return _YAML11.resolve(yaml.ScalarNode, text, (True, False)) == _STR


def normalize(value: Any) -> Any:
    """NFC-normalise every string of a loaded document (keys too)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {normalize(k): normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value
