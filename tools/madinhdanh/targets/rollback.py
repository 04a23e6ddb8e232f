"""Rolling a system back from its backup: the down.sql stored with each apply still in effect
(``mdd_backup``), run in one transaction under the deploy lock, each recorded in the ledger."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import ledger
from .errors import Refused, TargetError
from .part import Part
from .script import SESSION, code_of, split_script

if TYPE_CHECKING:
    from .base import Target, Who


def restore(self: Target, system: str, who: Who, *, to_release: str | None = None) -> list[ledger.Entry]:
    """Roll back ``system``: its last apply, or (``to_release``) every apply made after the
    newest apply of that release, newest first, each by the down.sql stored with it; all in one
    transaction. Returns the rollback entries written."""
    if not self.has_table("mdd_ledger"):
        raise Refused(f"{system}: nothing to roll back on {self.shown}: no mdd_ledger (nothing was applied)")
    started = time.monotonic()
    written: list[ledger.Entry] = []
    try:
        with self.transaction(self.lock_name(system)):
            stack = ledger.live(self.entries(system))
            targets = _to_undo(system, stack, to_release)
            for entry in targets:
                rows = self.query(ledger.select_backup(self.sql, system, entry.id))
                if not rows:
                    raise Refused(f"{system}: no backup for ledger entry {entry.id} ({entry.release_name})")
                down = str(rows[0][0])
                if hashlib.sha256(down.encode()).hexdigest() != rows[0][1]:
                    raise Refused(f"{system}: the stored down.sql of ledger entry {entry.id} does not match its "
                                  "sha256; nothing was changed")
                prelude, body = split_script(down, self.dialect)
                fake = Part(system, "", self.dialect, entry.bundle, entry.release_name, None, "", "", down, "",
                            (), "", None, 1.0)
                self.run_statements(fake, "down.sql (stored)", [s for s in prelude if SESSION.match(code_of(s))])
                self.run_statements(fake, "down.sql (stored)", body)
                if self.applied_mark(entry.bundle):
                    raise Refused(f"{system}: down.sql of {entry.release_name} left the bundle's mark; rolled back")
                record = ledger.Entry(system, self.next_ledger_id(system), "rollback", entry.release_name,
                                      entry.bundle, entry.bundle_sha256, entry.base_ref, who.deployer, who.host,
                                      who.started_at, int((time.monotonic() - started) * 1000),
                                      entry.counts, "rolled back", entry.id, who.reason, "",
                                      entry.base_commit, entry.head_commit)
                self.execute(ledger.insert(self.sql, record))
                written.append(record)
            self.commit()
    except TargetError:
        raise
    except Exception as error:  # noqa: BLE001
        raise self._translate(error, f"{system}: rollback") from None
    return written


def _to_undo(system: str, stack: Sequence[ledger.Entry], to_release: str | None) -> list[ledger.Entry]:
    if not stack:
        raise Refused(f"{system}: nothing to roll back: no apply in effect in the ledger")
    if to_release is None:
        return [stack[0]]
    for index, entry in enumerate(stack):
        if entry.release_name == to_release:
            return list(stack[:index])
    known = ", ".join(dict.fromkeys(e.release_name for e in stack))
    raise Refused(f"{system}: release {to_release!r} is not among the applies in effect ({known})")
