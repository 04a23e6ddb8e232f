"""Reading back what up.sql did, inside its transaction: every changed value from its records in
``mdd_undo`` (a plan, a drift check), or only their counts (an apply: the ``--force`` guard and
the ledger need no more), and the rows check.sql finds breaking a postcondition. Each function
takes the connected :class:`~.base.Target` it reads through."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import diff
from .diff import Change, Tally, Violation, as_text
from .part import Part, StepInfo
from .script import comment_of

if TYPE_CHECKING:
    from .base import Target


def changes(self: Target, part: Part) -> Iterator[Change]:
    """The rows up.sql changed, from its records in ``mdd_undo`` (and ``mdd_undo_<table>``)."""
    lit = self.sql.lit
    rows = self.query(f"SELECT step, row_key, old_value, new_value FROM mdd_undo "
                      f"WHERE bundle = {lit(part.bundle_id)} AND step > 0")
    after = _written(self, part)
    # A plan reads every changed value (700,000 for 100,000 units): the fields of each step are
    # made once, and a value that is text already (mdd_undo's columns are VARCHAR) is kept as it is.
    fields = {s.number: (s.number, s.kind, s.table, s.column, s.row_key) for s in part.steps}
    for number, key, old, new in rows:
        head = fields.get(int(number))
        if head is None:
            continue
        kind = head[1]
        if kind == "insert":
            old, new = None, "(new row)"
        elif kind == "attribute":
            new = after.get((head[0], key))
        yield Change(*head, key if type(key) is str else str(key), old if old is None or type(old) is str else
                     as_text(old), new if new is None or type(new) is str else as_text(new))
    for s in part.steps:
        if s.deletes:
            backup = self.sql.backup(s.table)
            for (key,) in self.query(f"SELECT {self.sql.as_text('t', s.row_key)} FROM {backup} t WHERE "
                                     f"t.mdd_bundle = {lit(part.bundle_id)} AND t.mdd_step = {lit(s.number)}"):
                yield Change(s.number, s.kind, s.table, "(row)", s.row_key, str(key), "(row)", None)

def _written(self: Target, part: Part) -> dict[tuple[int, Any], Any]:
    """What the attribute steps wrote, by (step, row key), read from the rows: one query for all
    the attribute steps of a table (they share it and its key; the column is picked by step)
    instead of one scan of ``mdd_undo`` per attribute."""
    groups: dict[tuple[str, str], list[StepInfo]] = {}
    for s in part.steps:
        if s.kind == "attribute":
            groups.setdefault((s.table, s.row_key), []).append(s)
    written: dict[tuple[int, Any], Any] = {}
    for (table, key), group in groups.items():
        value = " ".join(f"WHEN {self.sql.lit(s.number)} THEN {self.sql.as_text('t', s.column)}" for s in group)
        numbers = self.sql.lits([s.number for s in group])
        written.update(((int(step), row_key), found) for step, row_key, found in self.query(
            f"SELECT u.step, u.row_key, CASE u.step {value} END FROM mdd_undo u JOIN {self.sql.ident(table)} t "
            f"ON t.{self.sql.ident(key)} = u.row_key WHERE u.bundle = {self.sql.lit(part.bundle_id)} AND "
            f"u.step IN ({numbers})"))
    return written


def tally(self: Target, part: Part) -> Tally:
    """What :meth:`read_changes` would add up to, by aggregate queries (an apply at scale need
    not carry every changed value back to Python)."""
    lit = self.sql.lit
    counts, codes = _counts(self, part)
    columns: dict[tuple[str, str, str], int] = {}
    step_keys: dict[tuple[str, int], int] = {}
    inserted: dict[str, int] = {}
    deleted: dict[str, int] = {}
    for s in part.steps:
        n = counts.get(s.number, 0)
        action = "insert" if s.kind == "insert" else "update"
        if n:
            columns[(s.table, s.column, action)] = columns.get((s.table, s.column, action), 0) + n
            if action == "insert":
                inserted[s.table] = inserted.get(s.table, 0) + n
            else:
                step_keys[(s.table, s.number)] = n
        if s.deletes:
            gone = int(self.query(f"SELECT COUNT(*) FROM {self.sql.backup(s.table)} WHERE mdd_bundle = "
                                  f"{lit(part.bundle_id)} AND mdd_step = {lit(s.number)}")[0][0])
            if gone:
                columns[(s.table, "(row)", "delete")] = gone
                deleted[s.table] = deleted.get(s.table, 0) + gone
                step_keys[(s.table, s.number)] = step_keys.get((s.table, s.number), 0) + gone
    return Tally(columns, step_keys, inserted, deleted, codes)


def _counts(self: Target, part: Part) -> tuple[dict[int, int], int]:
    """Records per step (one scan of ``mdd_undo``; ``step`` is never NULL, so a step's CASE counts
    exactly its records) and distinct old identifiers of the recode steps (a GROUP BY, which
    an engine may hash, :meth:`Target.hashing`: 600,000 records of 100,000 units counted in
    0.17 s, where a COUNT(DISTINCT) sorts them in 0.30 s). The old identifiers are compared as bytes (:meth:`Dialect.exact`): a
    case-insensitive collation would merge two legacy identifiers that :meth:`Tally.of` keeps
    apart, and PostgreSQL sorts bytes several times faster than by a locale."""
    steps = [s.number for s in part.steps]
    if not steps:
        return {}, 0
    bundle = self.sql.lit(part.bundle_id)
    columns = ", ".join(f"COUNT(CASE WHEN step = {self.sql.lit(number)} THEN 1 END)" for number in steps)
    row = self.query(f"SELECT {columns} FROM mdd_undo WHERE bundle = {bundle}")[0]
    recodes = [s.number for s in part.steps if s.kind in diff.RECODES]
    codes = 0
    if recodes:
        value = self.sql.exact("old_value")
        with self.hashing():
            codes = int(self.query(f"SELECT COUNT(*) FROM (SELECT {value} AS v FROM mdd_undo WHERE bundle = {bundle} "
                                   f"AND step IN ({self.sql.lits(recodes)}) AND old_value IS NOT NULL "
                                   f"GROUP BY {value}) d")[0][0])
    return {number: int(n) for number, n in zip(steps, row)}, codes


def violations(self: Target, part: Part, checks: Sequence[str], limit: int = 20) -> Iterator[Violation]:
    for number, statement in enumerate(checks, start=1):
        try:
            rows = self.query(statement, limit)
        except Exception as error:  # noqa: BLE001
            raise self._translate(error, f"{part.system}: check.sql statement {number} "
                                         f"({comment_of(statement)})") from None
        for row in rows:
            yield Violation(*(str(value) if value is not None else None for value in row))  # type: ignore[arg-type]

