"""The registry as frozen values: what later stages (diff, changes, render) read.

Built from a units.yaml document that passed validation (:meth:`Registry.from_documents`), so
constructors trust their input: required keys are there, codes parse, ids and codes are unique.
Nothing here reads files; optional values are ``None`` (or empty), never missing attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from functools import lru_cache
from typing import Any

from .codes import Code, parse_qd20

# Maintenance windows and exchange logs are in Vietnam's time, which has no daylight saving time.
VIETNAM = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


@dataclass(frozen=True, slots=True)
class Decision:
    """The legal act behind a code, a retirement or a closure."""

    number: str
    date: str
    issuer: str | None = None

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> Decision:
        return cls(doc["number"], doc["date"], doc.get("issuer"))


@dataclass(frozen=True, slots=True)
class Contact:
    """Contact data published with a code; every field is optional."""

    address: str | None = None
    email: str | None = None
    phone: str | None = None
    fax: str | None = None
    website: str | None = None

    @classmethod
    def from_document(cls, doc: Mapping[str, Any] | None) -> Contact:
        doc = doc or {}
        return cls(doc.get("address"), doc.get("email"), doc.get("phone"), doc.get("fax"), doc.get("website"))


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An earlier qd20 code of a unit, the day it stopped being used and the act that retired it."""

    code: str
    until: str
    decision: Decision

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> HistoryEntry:
        return cls(doc["code"], doc["until"], Decision.from_document(doc["decision"]))


@dataclass(frozen=True, slots=True)
class Closure:
    """When and why a unit was closed, and the ids of the units that take over (first = main)."""

    date: str
    decision: Decision
    reason: str
    successors: tuple[str, ...] = ()

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> Closure:
        return cls(doc["date"], Decision.from_document(doc["decision"]), doc["reason"],
                   tuple(doc.get("successors") or ()))


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """One agency. ``legacy`` holds (system id, identifier) pairs sorted by system id."""

    id: str
    code: str
    code102: str | None = None
    name: str
    short_name: str | None = None
    block: str
    status: str
    contact: Contact = Contact()
    decision: Decision
    history: tuple[HistoryEntry, ...] = ()
    legacy: tuple[tuple[str, str], ...] = ()
    closed: Closure | None = None
    note: str | None = None

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> Unit:
        return cls(
            id=doc["id"], code=doc["code"], code102=doc.get("code102"), name=doc["name"],
            short_name=doc.get("short_name"), block=doc["block"], status=doc["status"],
            contact=Contact.from_document(doc.get("contact")), decision=Decision.from_document(doc["decision"]),
            history=tuple(HistoryEntry.from_document(entry) for entry in doc.get("history") or ()),
            legacy=tuple(sorted((doc.get("legacy") or {}).items())),
            closed=Closure.from_document(doc["closed"]) if doc.get("closed") else None,
            note=doc.get("note"),
        )

    @property
    def parsed_code(self) -> Code:
        return _parsed(self.code)

    @property
    def level(self) -> int:
        return self.parsed_code.level

    @property
    def parent_code(self) -> str | None:
        """The code one level up (the parent is derived from the code, never written)."""
        parent = self.parsed_code.parent
        return None if parent is None else parent.text

    @property
    def active(self) -> bool:
        return self.status == "active"

    def legacy_id(self, system: str) -> str | None:
        """The unit's identifier in ``system`` (a ``legacy`` entry), or None."""
        return dict(self.legacy).get(system)


@dataclass(frozen=True, slots=True)
class Settings:
    """Registry-wide settings. ``groups`` holds (level, pattern) pairs of the qd20 scheme."""

    province: str
    level1_code: str
    issuer: str | None = None
    illustrative: bool = False
    note: str | None = None
    groups: tuple[tuple[int, str], ...] = ()
    level1_codes: tuple[str, ...] = ()  # further level-1 codes (a merged province, a national registry)

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> Settings:
        groups = ((doc.get("scheme") or {}).get("qd20") or {}).get("groups") or {}
        return cls(doc["province"], doc["level1_code"], doc.get("issuer"), bool(doc.get("illustrative", False)),
                   doc.get("note"), tuple(sorted((int(key[len("level"):]), value) for key, value in groups.items())),
                   tuple(doc.get("level1_codes") or ()))


@dataclass(frozen=True, slots=True)
class Registry:
    """The units of a registry in file order, with lookups by id and by current code.

    The lookups are built once, when the registry is made; a duplicate id or code (which
    validation refuses) raises ``ValueError`` rather than hiding a unit.
    """

    settings: Settings
    units: tuple[Unit, ...]
    _by_id: dict[str, Unit] = field(init=False, repr=False, compare=False)
    _by_code: dict[str, Unit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # frozen: the indexes are set once here, through object.__setattr__
        object.__setattr__(self, "_by_id", _index(self.units, "id"))
        object.__setattr__(self, "_by_code", _index(self.units, "code"))

    @classmethod
    def from_documents(cls, units_doc: Mapping[str, Any]) -> Registry:
        """The registry of a loaded units.yaml document that passed validation."""
        return cls(Settings.from_document(units_doc["settings"]),
                   tuple(Unit.from_document(unit) for unit in units_doc["units"]))

    def by_id(self, unit_id: str) -> Unit | None:
        return self._by_id.get(unit_id)

    def by_code(self, code: str) -> Unit | None:
        """The unit whose current qd20 code is ``code`` (former codes are not looked up)."""
        return self._by_code.get(code)

    def parent(self, unit: Unit) -> Unit | None:
        """The unit one level up, or None at level 1."""
        parent_code = unit.parent_code
        return None if parent_code is None else self._by_code.get(parent_code)


@dataclass(frozen=True, slots=True)
class Scope:
    """Which units a system holds: by block, level (of the qd20 code) and status."""

    blocks: frozenset[str]
    levels: frozenset[int]
    statuses: frozenset[str]

    def covers(self, unit: Unit) -> bool:
        return unit.block in self.blocks and unit.level in self.levels and unit.status in self.statuses


@dataclass(frozen=True, slots=True)
class System:
    """A target system of systems.yaml. ``identifier`` is what it keys units on before the
    conversion (``code``, ``code102`` or ``legacy.<system>``); ``writes`` is what its rows hold
    now (``code``, or ``identifier`` while it is not converted); ``document`` is its validated
    entry, for the renderer (tables, columns, references, exports)."""

    id: str
    title: str
    dialect: str
    scope: Scope
    identifier: str
    depends_on: tuple[str, ...] = ()
    document: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    writes: str = "code"

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> System:
        scope = doc["scope"]
        return cls(doc["id"], doc["title"], doc["dialect"],
                   Scope(frozenset(scope["blocks"]), frozenset(scope["levels"]), frozenset(scope["statuses"])),
                   doc["identifier"], tuple(doc.get("depends_on") or ()), doc, doc.get("writes", "code"))

    @property
    def converted(self) -> bool:
        """Whether the system holds qd20 codes (``writes: code``)."""
        return self.writes == "code"

    def held_identifier(self, unit: Unit) -> str | None:
        """What this system keyed ``unit`` on before the conversion (None: it had no identifier)."""
        if self.identifier == "code":
            return unit.code
        if self.identifier == "code102":
            return unit.code102
        return unit.legacy_id(self.identifier.removeprefix("legacy."))

    def written(self, unit: Unit) -> str | None:
        """The code this system's rows hold for ``unit`` (None: a system not converted yet has
        no identifier for it, so it cannot hold the unit)."""
        return unit.code if self.converted else self.held_identifier(unit)


@lru_cache(maxsize=1 << 20)
def _parsed(code: str) -> Code:
    """A unit's code, parsed once: level, parent and groups are asked for many times per unit
    (a full render at 100,000 units asked about 2 million times). Codes are immutable values."""
    return parse_qd20(code)


def _index(units: tuple[Unit, ...], key: str) -> dict[str, Unit]:
    index: dict[str, Unit] = {}
    for unit in units:
        value = getattr(unit, key)
        if index.setdefault(value, unit) is not unit:
            raise ValueError(f"two units share the {key} {value!r}: {index[value].id} and {unit.id}")
    return index
