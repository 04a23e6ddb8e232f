"""The one workflow every target runs, whatever its engine: connect → lock → read state →
execute → postconditions → ledger, in one transaction per system. :mod:`.engines` overrides only
what differs (how it connects, how a transaction begins, the lock, the lock timeout, whether DDL
commits).

Everything mdd sends is a statement of the reviewed bundle (split by
:func:`madinhdanh.render.statements.split`) or one built here from values through the dialect's
literal filter; statements go to the driver's cursor without parameters (so ``%`` is just a
character). The ``mdd_*`` tables a script creates idempotently (``CREATE TABLE IF NOT EXISTS``)
run before the transaction on apply: in MySQL and Oracle they would commit it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar

from ..render import statements
from ..render.dialects import Dialect, dialect as make_dialect
from . import diff, ledger, readback, rollback
from .diff import Change, Tally, Violation
from .errors import ConnectError, Failed, LockBusy, Refused, TargetError
from .part import Part
from .script import SESSION, code_of, comment_of, refusal, split_script

if TYPE_CHECKING:
    from .connection import Url



@dataclass(frozen=True, slots=True)
class Who:
    """Who runs a change, for the ledger."""

    deployer: str
    host: str
    started_at: str  # ISO 8601, UTC
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What :meth:`Target.run` found or did on one system. ``state``: planned, applied, already
    applied; ``changes`` the row diff (a plain apply reads only its ``tally``), ``rows`` each
    touched table's row count (after),
    ``violations`` the postconditions check.sql found broken (a plan shows them; an apply refuses)."""

    system: str
    target: str
    state: str
    bundle: str
    release: str
    changes: tuple[Change, ...] = ()  # every changed value: read for a plan, and for an apply with --plan
    counted: Tally | None = None  # set when only the counts were read
    rows: dict[str, int] = field(default_factory=dict)
    violations: tuple[Violation, ...] = ()
    fingerprint: str = ""
    seconds: float = 0.0
    ledger_id: int | None = None
    note: str = ""

    @property
    def tally(self) -> Tally:
        return self.counted if self.counted is not None else Tally.of(self.changes)


class Target:
    """A connected target database. Subclasses (one per engine) set :attr:`dialect` and override
    the hooks in the first section; the workflow below is the same for all."""

    dialect: ClassVar[str] = ""
    transactional_ddl: ClassVar[bool] = True  # False: CREATE/DROP commit a transaction (MySQL, Oracle)

    def __init__(self, url: Url, shown: str, *, lock_timeout: float = 30.0, connect_timeout: float = 10.0) -> None:
        self.url, self.shown = url, shown
        self.lock_timeout, self.connect_timeout = lock_timeout, connect_timeout
        self.sql: Dialect = make_dialect(self.dialect)
        self._raw: Any = None
        self.connection: Any = None

    # --- what an engine overrides ----------------------------------------------------------------

    def prepare(self) -> None:
        """After connecting: autocommit on (transactions are begun explicitly), session settings."""

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def lock(self, name: str) -> None:
        """Take the deploy lock ``name`` for the transaction (waits up to the lock timeout)."""

    def unlock(self, name: str) -> None:
        """Release a lock that outlives the transaction (MySQL's GET_LOCK)."""

    def is_lock_timeout(self, error: BaseException) -> bool:
        return False

    def is_disconnect(self, error: BaseException) -> bool:
        return False

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """Around a query that groups many rows into many groups (the distinct old identifiers
        of an apply), inside the patch's transaction: an engine may set how it should do it."""
        yield

    # --- connection and statements ---------------------------------------------------------------

    def connect(self) -> None:
        self.connection = self.open()
        self.prepare()

    def open(self) -> Any:
        """The driver's connection (each engine connects its own way, :mod:`.engines`)."""
        raise NotImplementedError

    def cannot_connect(self, error: BaseException) -> ConnectError:
        return ConnectError(f"cannot connect to {self.shown}: {self.first_line(error)}")

    def close(self) -> None:
        """Close the driver's connection. One opened through SQLAlchemy is detached from its pool
        first: returned to the pool, it would be reset (a ROLLBACK), and on a connection the server
        dropped (``pg_terminate_backend``, ``KILL CONNECTION``, a restart) the pool logs "Exception
        during reset or similar" with a traceback on stderr, under mdd's one-line error (found by
        tests/faults/test_dropped_connection.py)."""
        raw, driver = self._raw, self.connection
        self._raw = self.connection = None
        actions = []
        if raw is not None:
            actions.append(raw.detach)
        if driver is not None:
            actions.append(driver.close)
        for action in actions:
            try:
                action()
            except Exception:  # noqa: BLE001 - a dropped connection cannot be closed cleanly
                pass

    def first_line(self, error: BaseException) -> str:
        original = getattr(error, "orig", None) or error
        text = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
        if self.url.password:
            text = text.replace(str(self.url.password), "***")
        return text

    def execute(self, statement: str) -> None:
        cursor = self.connection.cursor()
        try:
            cursor.execute(statement)
        finally:
            cursor.close()

    def query(self, statement: str, limit: int | None = None) -> list[tuple[Any, ...]]:
        cursor = self.connection.cursor()
        try:
            cursor.execute(statement)
            rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
            return [tuple(row) for row in rows]
        finally:
            cursor.close()

    def _safely(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception:  # noqa: BLE001 - best effort after a failure already being reported
            pass

    @contextmanager
    def transaction(self, lock_name: str) -> Iterator[None]:
        """One transaction holding the deploy lock ``lock_name``; rolled back unless the body
        commits (by calling :meth:`commit`), and on any error."""
        self.begin()
        done = False
        try:
            self.lock(lock_name)
            yield
            done = True
        finally:
            if not done:
                self._safely(self.rollback)
            self._safely(lambda: self.unlock(lock_name))

    def lock_name(self, system: str) -> str:
        return f"mdd:{system}"

    def lock_key(self, system: str) -> int:
        """A 63-bit number for the lock name (PostgreSQL's advisory locks take an integer)."""
        return int.from_bytes(hashlib.sha256(self.lock_name(system).encode()).digest()[:8], "big") >> 1

    def run_statements(self, part: Part, script: str, items: Sequence[str]) -> None:
        """Run ``items`` (statements of ``script`` of ``part``), turning a failure into one line."""
        for number, statement in enumerate(items, start=1):
            try:
                self.execute(statement)
            except Exception as error:  # noqa: BLE001 - every driver has its own error classes
                raise self._translate(error, f"{part.system}: {script} statement {number} "
                                             f"({comment_of(statement)})") from None

    def _translate(self, error: BaseException, where: str) -> TargetError:
        if self.is_lock_timeout(error):
            return LockBusy(f"{where}: waited {self.lock_timeout:g} s for a lock another session holds on "
                            f"{self.shown}; nothing was changed: try again when it is released "
                            f"(or raise --lock-timeout)")
        if self.is_disconnect(error):
            return Failed(f"{where}: the connection to {self.shown} was lost: {self.first_line(error)}; the "
                          "server rolled the transaction back, so nothing was changed: run the same command again")
        return Failed(f"{where} failed: {self.first_line(error)}; rolled back, nothing was changed")

    # --- the workflow ----------------------------------------------------------------------------

    def check_part(self, part: Part) -> tuple[list[str], list[str], list[str]]:
        """up.sql's prelude and body and check.sql's queries, refused when the part was rendered for
        another engine or would commit halfway (DDL inside the patch where DDL commits)."""
        if part.dialect != self.dialect:
            raise TargetError(f"{part.system}: the bundle was rendered for {part.dialect} but {self.shown} is "
                              f"{self.dialect}: render it with --dialect {self.dialect}, or point "
                              f"{part.dsn_env} at the {part.dialect} database")
        prelude, body = split_script(part.up, part.dialect)
        checks = statements.split(part.check, part.dialect)
        why = refusal((("up.sql", body), ("check.sql", checks)), part.dialect, self.transactional_ddl)
        if why:
            raise TargetError(f"{part.system}: {why}")
        return prelude, body, checks

    def ensure_tables(self, prelude: Sequence[str], part: Part | None = None) -> None:
        """The ledger, the backup and the script's own tables, created if missing, each committed
        on its own (outside any patch transaction)."""
        for statement in [*ledger.create(self.sql), *prelude]:
            try:
                self.execute(statement)
            except Exception as error:  # noqa: BLE001
                where = f"{part.system}: " if part else ""
                raise self._translate(error, f"{where}creating mdd's own tables") from None

    def applied_mark(self, bundle: str) -> bool:
        rows = self.query(f"SELECT COUNT(*) FROM mdd_undo WHERE bundle = {self.sql.lit(bundle)} AND step = 0")
        return bool(rows and rows[0][0])

    def has_table(self, name: str) -> bool:
        try:
            self.query(f"SELECT COUNT(*) FROM {name} WHERE 1 = 0")
            return True
        except Exception:  # noqa: BLE001 - the engine's "no such table"
            return False

    def run(self, part: Part, *, apply: bool, who: Who | None = None, expected: str | None = None,
            force: bool = False) -> Outcome:
        """Plan (``apply`` False: run up.sql, read the diff, roll back) or apply ``part``."""
        prelude, body, checks = self.check_part(part)
        started = time.monotonic()
        in_transaction: list[str] = []
        if apply or not self.transactional_ddl:
            self.ensure_tables(prelude, part)
        else:
            in_transaction = [s for s in prelude if not SESSION.match(code_of(s))]
            for statement in prelude:
                if SESSION.match(code_of(statement)):
                    self.execute(statement)
        base = Outcome(part.system, self.shown, "planned", part.bundle_id, part.release)
        try:
            with self.transaction(self.lock_name(part.system)):
                self.run_statements(part, "up.sql", in_transaction)
                if self.applied_mark(part.bundle_id):
                    self.rollback()
                    return replace(base, state="already applied", seconds=time.monotonic() - started)
                if apply:
                    self.refuse_other_base(part)
                self.run_statements(part, "up.sql", body)
                rows = self.count_rows(sorted({s.table for s in part.steps}))
                violations = tuple(self.postconditions(part, checks))
                outcome = replace(base, rows=rows, violations=violations)
                if apply and expected is None:  # no diff to show or compare: counting is enough
                    outcome = replace(outcome, counted=self.read_tally(part))
                else:
                    changes = tuple(self.read_changes(part))
                    outcome = replace(outcome, changes=changes, counted=Tally.of(changes),
                                      fingerprint=diff.fingerprint(changes))
                if not apply:
                    self.rollback()
                    return replace(outcome, seconds=time.monotonic() - started)
                self.refuse_if_unsafe(part, outcome, expected, force)
                ledger_id = self.record(part, who, outcome, started)
                self.commit()
                return replace(outcome, state="applied", ledger_id=ledger_id, seconds=time.monotonic() - started)
        except Refused as error:
            if apply and who is not None and not isinstance(error, LockBusy):
                self.record_failure(part, who, error, started)
            raise
        except TargetError:
            raise
        except Exception as error:  # noqa: BLE001 - lock errors and lost connections, in any driver
            raise self._translate(error, f"{part.system}") from None

    def read_changes(self, part: Part) -> Iterator[Change]:
        return readback.changes(self, part)

    def read_tally(self, part: Part) -> Tally:
        return readback.tally(self, part)

    def postconditions(self, part: Part, checks: Sequence[str], limit: int = 20) -> Iterator[Violation]:
        return readback.violations(self, part, checks, limit)

    def count_rows(self, tables: Sequence[str]) -> dict[str, int]:
        return {table: int(self.query(f"SELECT COUNT(*) FROM {self.sql.ident(table)}")[0][0]) for table in tables}

    def refuse_other_base(self, part: Part) -> None:
        """A bundle of the changes since a base is only right for a target that holds that base:
        refused when the last apply still in effect was rendered from another head commit. (A full
        sync fits any target; a target mdd never applied to is taken as holding the base.)"""
        if not part.base_commit:
            return
        live = ledger.live(self.entries(part.system))
        if not live or not live[0].head_commit or live[0].head_commit == part.base_commit:
            return
        last = live[0]
        raise Refused(f"{part.system}: bundle {part.release} holds the changes since {part.base} "
                      f"({part.base_commit[:12]}), but the target last applied {last.release_name} "
                      f"({last.head_commit[:12]}); nothing was changed: render the right bundle with "
                      f"mdd render --base {last.release_name} --out dist/<release> (or --base {last.head_commit[:12]})")

    def refuse_if_unsafe(self, part: Part, outcome: Outcome, expected: str | None, force: bool) -> None:
        """Drift, too large a share of a table, broken postconditions: raise :class:`Refused`
        (the caller's transaction rolls back)."""
        if expected is not None and outcome.fingerprint != expected:
            raise Refused(f"{part.system}: the target changed since the plan was made (its fingerprint "
                          f"{expected[:12]}… is now {outcome.fingerprint[:12]}…): nothing was changed; "
                          "run mdd plan again and review it")
        over = diff.over_share(outcome.tally, outcome.rows, part.max_change_share)
        if over and not force:
            shown = ", ".join(f"{table} {share:.0%}" for table, share in sorted(over.items()))
            raise Refused(f"{part.system}: the plan changes more than {part.max_change_share:.0%} of the rows of "
                          f"{shown}; nothing was changed: review the plan, then add --force to apply it")
        if outcome.violations:
            first = outcome.violations[0]
            raise Refused(f"{part.system}: {len(outcome.violations)} postcondition(s) failed after up.sql, e.g. "
                          f"{first}; rolled back, nothing was changed")

    # --- ledger ----------------------------------------------------------------------------------

    def next_ledger_id(self, system: str) -> int:
        return int(self.query(ledger.next_id(self.sql, system))[0][0])

    def record(self, part: Part, who: Who | None, outcome: Outcome, started: float) -> int:
        """The ledger row and the backup of an apply, inside its transaction."""
        who = who or Who("", "", "")
        entry_id = self.next_ledger_id(part.system)
        counts = {"codes": outcome.tally.codes, "values": outcome.tally.values}
        entry = ledger.Entry(part.system, entry_id, "apply", part.release, part.bundle_id, part.bundle_sha256,
                             part.base or "", who.deployer, who.host, who.started_at,
                             int((time.monotonic() - started) * 1000), counts, "applied", None, who.reason, "",
                             part.base_commit, part.head_commit)
        self.execute(ledger.insert(self.sql, entry))
        down_sha = hashlib.sha256(part.down.encode()).hexdigest()
        self.execute(ledger.insert_backup(self.sql, part.system, entry_id, part.bundle_id, part.down, down_sha,
                                          outcome.tally.values))
        return entry_id

    def record_failure(self, part: Part, who: Who, error: BaseException, started: float) -> None:
        """A refused or failed apply, in a transaction of its own (best effort: the connection
        may be gone)."""
        def write() -> None:
            self.begin()
            entry = ledger.Entry(part.system, self.next_ledger_id(part.system), "apply", part.release,
                                 part.bundle_id, part.bundle_sha256, part.base or "", who.deployer, who.host,
                                 who.started_at, int((time.monotonic() - started) * 1000), {},
                                 "refused" if isinstance(error, Refused) and not isinstance(error, Failed) else "failed",
                                 None, who.reason, str(error), part.base_commit, part.head_commit)
            self.execute(ledger.insert(self.sql, entry))
            self.commit()
        try:
            write()
        except Exception:  # noqa: BLE001
            self._safely(self.rollback)

    def entries(self, system: str | None = None) -> list[ledger.Entry]:
        if not self.has_table("mdd_ledger"):
            return []
        return ledger.entries(self.query(ledger.select(self.sql, system)))

    def restore(self, system: str, who: Who, *, to_release: str | None = None) -> list[ledger.Entry]:
        """Roll ``system`` back (see :func:`.rollback.restore`)."""
        return rollback.restore(self, system, who, to_release=to_release)
