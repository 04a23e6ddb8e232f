"""Reading back what up.sql did, inside its transaction: every changed value from its records in
``mdd_undo`` (a plan, a drift check), or only their counts (an apply: the ``--force`` guard and
the ledger need no more), and the rows check.sql finds breaking a postcondition. Each function
takes the connected :class:`~.base.Target` it reads through."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import diff
from .diff import Change, Tally, Violation, as_text
from .part import Part
from .script import comment_of

if TYPE_CHECKING:
    from .base import Target


def changes(self: Target, part: Part) -> Iterator[Change]:
    """The rows up.sql changed, from its records in ``mdd_undo`` (and ``mdd_undo_<table>``)."""
    lit = self.sql.lit
    steps = {s.number: s for s in part.steps}
    rows = self.query(f"SELECT step, row_key, old_value, new_value FROM mdd_undo "
                      f"WHERE bundle = {lit(part.bundle_id)} AND step > 0")
    after: dict[int, dict[str, Any]] = {}
    for s in part.steps:
        if s.kind == "attribute":
            after[s.number] = dict(self.query(
                f"SELECT u.row_key, {self.sql.as_text('t', s.column)} FROM mdd_undo u JOIN {self.sql.ident(s.table)} t"
                f" ON t.{self.sql.ident(s.row_key)} = u.row_key WHERE u.bundle = {lit(part.bundle_id)} AND "
                f"u.step = {lit(s.number)}"))
    for number, key, old, new in rows:
        found = steps.get(int(number))
        if found is None:
            continue
        s = found
        if s.kind == "insert":
            old, new = None, "(new row)"
        elif s.kind == "attribute":
            new = after.get(s.number, {}).get(key)
        yield Change(s.number, s.kind, s.table, s.column, s.row_key, str(key), as_text(old), as_text(new))
    for s in part.steps:
        if s.deletes:
            backup = self.sql.backup(s.table)
            for (key,) in self.query(f"SELECT {self.sql.as_text('t', s.row_key)} FROM {backup} t WHERE "
                                     f"t.mdd_bundle = {lit(part.bundle_id)} AND t.mdd_step = {lit(s.number)}"):
                yield Change(s.number, s.kind, s.table, "(row)", s.row_key, str(key), "(row)", None)

def tally(self: Target, part: Part) -> Tally:
    """What :meth:`read_changes` would add up to, by aggregate queries (an apply at scale need
    not carry every changed value back to Python)."""
    lit = self.sql.lit
    counts = {int(step): int(n) for step, n in self.query(
        f"SELECT step, COUNT(*) FROM mdd_undo WHERE bundle = {lit(part.bundle_id)} AND step > 0 GROUP BY step")}
    recodes = [s.number for s in part.steps if s.kind in diff.RECODES]
    codes = 0
    if recodes:
        codes = int(self.query(f"SELECT COUNT(DISTINCT old_value) FROM mdd_undo WHERE bundle = "
                               f"{lit(part.bundle_id)} AND step IN ({self.sql.lits(recodes)})")[0][0])
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


def violations(self: Target, part: Part, checks: Sequence[str], limit: int = 20) -> Iterator[Violation]:
    for number, statement in enumerate(checks, start=1):
        try:
            rows = self.query(statement, limit)
        except Exception as error:  # noqa: BLE001
            raise self._translate(error, f"{part.system}: check.sql statement {number} "
                                         f"({comment_of(statement)})") from None
        for row in rows:
            yield Violation(*(str(value) if value is not None else None for value in row))  # type: ignore[arg-type]

