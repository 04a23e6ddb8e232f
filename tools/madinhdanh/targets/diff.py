"""The row-level diff of a bundle part on one target, as values: what :meth:`Target.run` read
back from ``mdd_undo`` after running up.sql, the fingerprint that ties a plan to the rows it read,
and the per-table shares the ``--force`` guard looks at. Pure."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

RECODES = ("stub", "two_phase", "plain")


class Change(NamedTuple):
    """One changed value: ``table.column`` of the row whose ``key_column`` is ``key`` goes from
    ``before`` to ``after``; an inserted row has ``before`` None, a deleted one ``after`` None.
    A named tuple: a plan reads one per changed value (700,000 for 100,000 units), and a tuple
    is made in a third less time than a frozen dataclass."""

    step: int
    kind: str
    table: str
    column: str
    key_column: str
    key: str
    before: str | None
    after: str | None

    @property
    def action(self) -> str:
        return action_of(self.kind, self.before, self.after)


def action_of(kind: str, before: str | None, after: str | None) -> str:
    """What a change of a step of ``kind`` from ``before`` to ``after`` does to its row."""
    if before is None and kind == "insert":
        return "insert"
    if after is None and kind == "repoint":
        return "delete"
    return "update"


@dataclass(frozen=True, slots=True)
class Violation:
    """A postcondition check.sql found broken: ``problem`` (stale, closed, missing, attribute)."""

    problem: str
    table: str
    column: str
    row_key: str
    found: str | None
    expected: str | None

    def __str__(self) -> str:
        return (f"{self.problem}: {self.table}.{self.column} row {self.row_key}: found {self.found!r}, "
                f"expected {self.expected!r}")


def fingerprint(changes: Iterable[Change]) -> str:
    """The sha256 of every changed value, in a fixed order: the same rows in the same state give
    the same fingerprint, so a plan saved earlier tells whether the target drifted since."""
    lines = sorted([f"{c.step}\t{c.key}\t{c.before}\t{c.after}" for c in changes])
    lines.append("")  # each line ends with a newline (one hash of the whole text: the same digest)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Tally:
    """How much a part changes, without the rows: what an apply needs (the ``--force`` guard, the
    ledger's counts) read with a few aggregate queries instead of every record. ``columns``:
    values by (table, column, action); ``step_keys``: rows by (table, step), deleted ones included;
    ``inserted`` and ``deleted``: rows by table; ``codes``: distinct old identifiers recoded."""

    columns: Mapping[tuple[str, str, str], int]
    step_keys: Mapping[tuple[str, int], int]
    inserted: Mapping[str, int]
    deleted: Mapping[str, int]
    codes: int

    @property
    def values(self) -> int:
        return sum(self.columns.values())

    @classmethod
    def of(cls, changes: Iterable[Change]) -> Tally:
        # a plan tallies every changed value (700,000 for 100,000 units): each is unpacked once
        columns: dict[tuple[str, str, str], int] = {}
        keys: dict[tuple[str, int], set[str]] = defaultdict(set)
        inserted: Counter[str] = Counter()
        deleted: Counter[str] = Counter()
        codes: set[str | None] = set()
        for step, kind, table, column, _, key, before, after in changes:
            action = action_of(kind, before, after)
            counted = (table, column, action)
            columns[counted] = columns.get(counted, 0) + 1
            if action == "insert":
                inserted[table] += 1
                continue
            if action == "delete":
                deleted[table] += 1
            if kind in RECODES:
                codes.add(before)
            keys[(table, step)].add(key)
        return cls(columns, {k: len(v) for k, v in keys.items()}, dict(inserted), dict(deleted), len(codes))


Changes = Iterable[Change] | Tally


def tally(changes: Changes) -> Tally:
    return changes if isinstance(changes, Tally) else Tally.of(changes)


def codes_changed(changes: Changes) -> int:
    """How many distinct old identifiers the part converts (its recode steps)."""
    return tally(changes).codes


def per_column(changes: Changes) -> dict[tuple[str, str, str], int]:
    """Changed values by (table, column, action), in first-seen order."""
    return dict(tally(changes).columns)


def shares(changes: Changes, rows: Mapping[str, int]) -> dict[str, float]:
    """Per table, the largest share of its rows (as they were before) one step updated or deleted."""
    counted = tally(changes)
    result: dict[str, float] = {}
    for (table, _), keys in counted.step_keys.items():
        before = max(rows.get(table, 0) - counted.inserted.get(table, 0) + counted.deleted.get(table, 0), 1)
        result[table] = max(result.get(table, 0.0), keys / before)
    return result


def over_share(changes: Changes, rows: Mapping[str, int], limit: float) -> dict[str, float]:
    """The tables whose share (see :func:`shares`) is above ``limit``."""
    return {table: share for table, share in shares(changes, rows).items() if share > limit}


def as_text(value: Any) -> str | None:
    """A value read from any engine as text (booleans as 1/0, as they are written), None kept."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
