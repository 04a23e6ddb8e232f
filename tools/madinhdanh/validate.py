"""Validate a registry: load both files strictly, check them against their JSON Schemas, run every
semantic rule, and return all problems with file, line, column and JSON path.

Units are checked one by one with a compiled validator (fastjsonschema) and only a unit that
fails is checked again with ``jsonschema`` to collect every error with its path: on a valid
registry of 100,000 units that is the difference between seconds and a fraction of one.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from . import loader, rules, twocores
from .errors import SCHEMA_DIR, ConfigError
from .problems import Problem, json_path
from .rules.context import FileKey, Finding
from .rules.secrets import mask

FILES = {"units": "units.yaml", "systems": "systems.yaml"}


@dataclass
class Loaded:
    """One registry file: its display name and, once loaded, its document and bytes."""

    key: str
    display: str
    loaded: bool = False
    doc: Any = None
    data: bytes = b""


@dataclass
class Result:
    """What validation found, and the documents it read (for summaries and later stages)."""

    problems: list[Problem] = field(default_factory=list)
    files: dict[str, Loaded] = field(default_factory=dict)

    @property
    def units(self) -> list[Any]:
        return _items(self.files["units"].doc, "units")

    @property
    def systems(self) -> list[Any]:
        return _items(self.files["systems"].doc, "systems")


def _items(doc: Any, key: str) -> list[Any]:
    items = doc.get(key) if isinstance(doc, dict) else None
    return items if isinstance(items, list) else []


def validate_registry(directory: Path) -> Result:
    """Check ``directory/units.yaml`` and ``directory/systems.yaml``; never raises for bad input."""
    if not directory.is_dir():
        raise ConfigError(f"registry folder {directory} does not exist; pass --registry DIR")
    paths = {key: directory / name for key, name in FILES.items()}
    return validate_sources({key: path.read_bytes() if path.is_file() else None for key, path in paths.items()},
                            {key: display_path(path) for key, path in paths.items()}, where=str(directory))


def validate_sources(sources: Mapping[str, bytes | None], display: Mapping[str, str], *, where: str) -> Result:
    """Check the registry files' bytes (None: the file is missing from ``where``); problems name
    each file as ``display`` says (``mdd diff`` shows ``ref:registry/units.yaml``)."""
    result = Result()
    for key, name in FILES.items():
        loaded = Loaded(key, display[key])
        result.files[key] = loaded
        data = sources.get(key)
        if data is None:
            result.problems.append(Problem(loaded.display, 0, 0, "missing-file", f"{name} is missing from {where}"))
            continue
        try:
            loaded.doc = loader.load_bytes(data)
        except loader.LoadError as error:
            result.problems += [Problem(loaded.display, p.line, p.column, p.rule, p.message) for p in error.problems]
            continue
        loaded.loaded, loaded.data = True, data
    _check(result)
    result.problems = sorted({_masked(p) for p in result.problems})
    return result


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _masked(problem: Problem) -> Problem:
    message, path = mask(problem.message), mask(problem.path)
    if (message, path) == (problem.message, problem.path):
        return problem
    return Problem(problem.file, problem.line, problem.column, problem.rule, message, path)


PARALLEL_UNITS = 20_000  # from this size the unit schema check runs beside the code index


def _check(result: Result) -> None:
    """Schema first, then every rule; where a rule speaks about the same place as the schema, the
    rule's more specific message replaces the schema's (one problem per place)."""
    units_file, systems_file = result.files["units"], result.files["systems"]
    schema_found = _schema_top(units_file, "units") + _schema_top(systems_file, "systems")
    settings = units_file.doc.get("settings") if isinstance(units_file.doc, dict) else None
    if not isinstance(settings, dict) or any(f.path[:1] == ("settings",) for _, f in schema_found):
        settings = {}
    sources = {k: f.data for k, f in result.files.items() if f.loaded}
    systems_failed, systems_found = _schema_items(systems_file, "systems", "system")

    def check_units() -> tuple[list[int], list[tuple[str, Finding]]]:
        return _schema_items(units_file, "units", "unit")

    def index() -> rules.Context:
        return rules.build(settings=settings, units=result.units, valid=(), systems=result.systems,
                           valid_systems=_complement(systems_failed, len(result.systems)),
                           sources=sources)  # type: ignore[arg-type]

    checked: tuple[list[int], list[tuple[str, Finding]]] | None
    if len(result.units) >= PARALLEL_UNITS and twocores.available():  # independent: use both cores
        checked, ctx = twocores.beside(check_units, index)
    else:
        checked, ctx = None, index()
    units_failed, units_found = checked or check_units()
    ctx.valid = _complement(units_failed, len(result.units))
    schema_found += systems_found + units_found
    rule_found = [(rule.ID, finding) for rule in rules.ALL for finding in rule.check(ctx)]
    claimed = {(f.file, f.path) for _, f in rule_found if f.at is None}
    kept = [item for item in schema_found if (item[1].file, item[1].path) not in claimed]
    for rule_id, finding in kept + rule_found:
        file = result.files[finding.file]
        line, column = finding.at or loader.position(file.doc, finding.path, key=finding.on_key)
        result.problems.append(Problem(file.display, line, column, rule_id, finding.message, json_path(finding.path)))


def _complement(failed: list[int], count: int) -> list[int]:
    if not failed:
        return list(range(count))
    skip = set(failed)
    return [index for index in range(count) if index not in skip]


def _schema_top(file: Loaded, top: str) -> list[tuple[str, Finding]]:
    """Check a file's top level, its list of items (``top``) taken as empty."""
    if not file.loaded:
        return []
    key: FileKey = file.key  # type: ignore[assignment]
    doc = file.doc
    shallow = {k: ([] if k == top and isinstance(v, list) else v) for k, v in doc.items()} \
        if isinstance(doc, dict) else doc
    try:
        compiled(key, "")(shallow)
    except fastjsonschema.JsonSchemaException:
        return [("schema", Finding(key, path, message, on_key))
                for path, message, on_key in _errors(load_schema(key), shallow)]
    return []


def _schema_items(file: Loaded, top: str, item: str) -> tuple[list[int], list[tuple[str, Finding]]]:
    """Check each item of ``top`` with ``$defs/<item>``: the indexes that failed, and why."""
    if not file.loaded:
        return [], []
    key: FileKey = file.key  # type: ignore[assignment]
    fast = compiled(key, item)
    item_schema = _item_schema(load_schema(key), item)
    failed: list[int] = []
    found: list[tuple[str, Finding]] = []
    for index, entry in enumerate(_items(file.doc, top)):
        try:
            fast(entry)
        except fastjsonschema.JsonSchemaException:
            errors = [("schema", Finding(key, (top, index) + path, message, on_key))
                      for path, message, on_key in _errors(item_schema, entry)]
            if errors:  # (the two validators may disagree on a corner; jsonschema is the reference)
                failed.append(index)
                found += errors
    return failed, found


@cache
def load_schema(key: str) -> dict[str, Any]:
    path = SCHEMA_DIR / f"{key}.schema.json"
    if not path.is_file():
        raise ConfigError(f"schema {path} is missing; run mdd from a checkout installed with pip install -e")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def compiled(key: str, item: str) -> Callable[[Any], Any]:
    """A fast validator for the whole file (``item`` empty) or one ``$defs`` item."""
    schema = load_schema(key)
    # fastjsonschema rewrites the $refs of the schema it is given: give it a copy
    return fastjsonschema.compile(copy.deepcopy(_item_schema(schema, item) if item else schema))


def _item_schema(schema: Mapping[str, Any], item: str) -> dict[str, Any]:
    """A schema for one item: the file's ``$defs`` and a reference to ``$defs/<item>``."""
    keep = {k: schema[k] for k in ("$schema", "$id", "$defs") if k in schema}
    return {**keep, "$ref": f"#/$defs/{item}"}


def _errors(schema: Mapping[str, Any], instance: Any) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    """Every error of ``instance``, explained (jsonschema is imported only when something failed)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        yield from _explain(error)


def _explain(error: Any) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    """jsonschema's error as (path, message, points at the key), in words a registry editor uses."""
    path = tuple(error.absolute_path)
    kind, value, node = error.validator, error.validator_value, error.schema
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted((node.get("properties") or {}) if isinstance(node, dict) else ())
        for key in error.instance:
            if key not in allowed:
                yield path + (key,), f'unknown key "{key}"; allowed here: {", ".join(allowed)}', True
    elif kind == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        yield path, f'missing required key "{missing}"', False
    elif kind == "type":
        yield path, f"expected {_article(value)}, got {_describe(error.instance, value)}", False
    elif kind in ("if", "then", "else", "allOf") and error.context:
        for sub in error.context:
            yield from _explain(sub)
    elif kind == "const" and isinstance(node, dict) and node.get("description"):
        yield path, f"must be {value!r} here: {node['description']}", False
    else:
        yield path, str(error.message), False


def _article(expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    words = {"string": "a string", "object": "a mapping", "array": "a list", "integer": "an integer",
             "boolean": "true or false", "null": "nothing"}
    return " or ".join(words.get(str(n), str(n)) for n in names)


def _describe(value: Any, expected: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    kinds: dict[type, str] = {bool: "a boolean", int: "an integer", str: "a string", dict: "a mapping",
                              list: "a list", loader.Map: "a mapping", loader.Seq: "a list"}
    text = kinds.get(type(value), type(value).__name__)
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        quote = isinstance(value, int) and "string" in (expected if isinstance(expected, list) else [expected])
        text += f" {value!r}" + (" (quote it to make it a string)" if quote else "")
    return text


def summary(units: Iterable[Any]) -> dict[str, Any]:
    """Counts per level, block and status, for ``mdd validate`` and the demo."""
    levels: Counter[int] = Counter()
    blocks: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    cells: Counter[tuple[int, str]] = Counter()
    for unit in units:
        code = unit.get("code") if isinstance(unit, dict) else None
        level = code.count(".") + 1 if isinstance(code, str) else 0
        levels[level] += 1
        blocks[str(unit.get("block"))] += 1
        statuses[str(unit.get("status"))] += 1
        cells[(level, str(unit.get("block")))] += 1
    return {
        "units": sum(levels.values()),
        "levels": dict(sorted(levels.items())),
        "blocks": dict(sorted(blocks.items())),
        "statuses": dict(sorted(statuses.items())),
        "by_level_and_block": {f"{level}/{block}": n for (level, block), n in sorted(cells.items())},
    }
