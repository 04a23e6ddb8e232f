"""Plan, apply, deploy, roll back and show the ledger: the orchestration over
:mod:`madinhdanh.targets`. Values in, values out; the CLI prints them and asks the questions
(through the ``confirm`` callbacks), so this module never talks to a person.

- :func:`plan_parts` runs each part's up.sql in a transaction on its target, reads the row diff
  and rolls back; a saved plan (:func:`plan_document`) holds each part's fingerprint and the
  bundle's sha256.
- :func:`apply_part` refuses outside the system's window (unless ``ignore_window`` with a
  reason), a plan made for another bundle, and a target that drifted from the plan; shows the diff
  and asks unless ``yes``; then applies in one transaction with ledger, backup and postconditions.
- :func:`deploy` plans every part, asks once, applies in ``depends_on`` order; when a system fails,
  the systems this run converted are rolled back, newest first, so the province is never left
  half-converted. Each system's final state is in the result.
"""

from __future__ import annotations

import getpass
import json
import socket
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .model import VIETNAM
from . import __version__
from .render import bundle as bundle_lib
from .targets import Outcome, Part, Refused, Target, TargetError, open_target
from .targets import diff as diff_lib
from .targets.base import Who
from .targets.connection import url_from_env
from .targets.ledger import Entry
from .targets.part import parts as bundle_parts
from .errors import ConfigError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PLAN_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Settings:
    """How a run connects and what it allows."""

    environ: Mapping[str, str]
    lock_timeout: float = 30.0
    force: bool = False
    ignore_window: bool = False
    reason: str = ""
    now: datetime | None = None  # tests pin the clock

    def who(self) -> Who:
        now = (self.now or datetime.now(UTC)).astimezone(UTC)
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return Who(user, socket.gethostname(), now.isoformat(timespec="seconds"), self.reason)


# --- the maintenance window (pure) ---------------------------------------------------------------

def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def in_window(window: Mapping[str, Any] | None, when: datetime) -> bool:
    """Whether ``when`` falls in ``window`` (systems.yaml: days, start, end in Asia/Ho_Chi_Minh;
    an end before the start crosses midnight and belongs to the day it started). No window: always."""
    if not window:
        return True
    local = when.astimezone(VIETNAM)
    now, start, end = local.hour * 60 + local.minute, _minutes(window["start"]), _minutes(window["end"])
    today, yesterday = DAYS[local.weekday()], DAYS[(local.weekday() - 1) % 7]
    if start <= end:
        return today in window["days"] and start <= now < end
    return (today in window["days"] and now >= start) or (yesterday in window["days"] and now < end)


def describe_window(window: Mapping[str, Any]) -> str:
    return f"{', '.join(window['days'])} {window['start']}–{window['end']} (Asia/Ho_Chi_Minh)"


def check_window(part: Part, settings: Settings) -> None:
    when = settings.now or datetime.now(UTC)
    if in_window(part.window, when):
        return
    if settings.ignore_window:
        if not settings.reason.strip():
            raise ConfigError("--ignore-window needs --reason TEXT (it goes to the ledger)")
        return
    assert part.window is not None
    raise Refused(f"{part.system}: outside its maintenance window ({describe_window(part.window)}; now "
                  f"{when.astimezone(VIETNAM):%a %H:%M}); nothing was changed: wait for the window, or add "
                  "--ignore-window --reason TEXT")


# --- connections ----------------------------------------------------------------------------------

@contextmanager
def connected(part_or_env: Part | str, settings: Settings) -> Iterator[Target]:
    dsn_env = part_or_env.dsn_env if isinstance(part_or_env, Part) else part_or_env
    target = open_target(url_from_env(dsn_env, settings.environ), lock_timeout=settings.lock_timeout)
    try:
        yield target
    finally:
        target.close()


# --- plan -----------------------------------------------------------------------------------------

def load(folder: Path, systems: Sequence[str] = ()) -> tuple[bundle_lib.Bundle, list[Part]]:
    """The bundle in ``folder`` (every file checked against the manifest) and its parts."""
    bundle = bundle_lib.read(folder)
    return bundle, bundle_parts(bundle, tuple(systems))


def plan_parts(parts: Sequence[Part], settings: Settings) -> list[Outcome]:
    """Each part run in a transaction on its target and rolled back: the row diff, unchanged target."""
    outcomes = []
    for part in parts:
        with connected(part, settings) as target:
            outcomes.append(target.run(part, apply=False))
    return outcomes


def summary(outcome: Outcome, part: Part | None = None) -> dict[str, Any]:
    """What a plan or apply amounts to for one system (the plan's survey step)."""
    columns = [{"table": t, "column": c, "action": a, "rows": n}
               for (t, c, a), n in diff_lib.per_column(outcome.tally).items()]
    result = {"system": outcome.system, "target": outcome.target, "state": outcome.state,
              "release": outcome.release, "bundle": outcome.bundle,
              "codes": outcome.tally.codes, "values": outcome.tally.values,
              "columns": columns, "violations": [str(v) for v in outcome.violations],
              "seconds": round(outcome.seconds, 3)}
    if part is not None:
        result["shares"] = {t: round(s, 4) for t, s in diff_lib.shares(outcome.tally, outcome.rows).items()}
        result["needs_force"] = bool(diff_lib.over_share(outcome.tally, outcome.rows, part.max_change_share))
    return result


def change_row(change: diff_lib.Change) -> dict[str, Any]:
    """A changed value as a saved plan holds it."""
    return {"step": change.step, "table": change.table, "key_column": change.key_column, "key": change.key,
            "column": change.column, "before": change.before, "after": change.after, "action": change.action}


def plan_document(bundle: bundle_lib.Bundle, parts: Sequence[Part], outcomes: Sequence[Outcome],
                  settings: Settings) -> dict[str, Any]:
    """A saved plan: the bundle's sha256 and, per system, the fingerprint of the rows read and
    every changed value. The ``changes`` are :class:`~.targets.diff.Change` values, each written
    as the object :func:`change_row` makes (:func:`madinhdanh.deployview.plan_json`): a plan of
    100,000 units holds 700,000 of them."""
    return {"format": PLAN_FORMAT, "generator": f"madinhdanh {__version__}",
            "release": bundle.manifest["release"], "bundle_sha256": bundle_lib.sha256(bundle),
            "planned_at": settings.who().started_at,
            "systems": [{**summary(o, p), "fingerprint": o.fingerprint, "changes": o.changes}
                        for p, o in zip(parts, outcomes)]}


def read_plan(path: Path, bundle: bundle_lib.Bundle, system: str) -> str:
    """The fingerprint a saved plan holds for ``system``; refuses a plan of another bundle."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = {entry["system"]: entry for entry in document["systems"]}
        sha = document["bundle_sha256"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"{path}: not a plan written by mdd plan --out ({error})") from None
    if sha != bundle_lib.sha256(bundle):
        raise Refused(f"{path} was made for another bundle (sha256 {sha[:12]}…, this one "
                      f"{bundle_lib.sha256(bundle)[:12]}…): nothing was changed; run mdd plan on this bundle")
    if system not in entries:
        raise ConfigError(f"{path} holds no plan for {system} (it has: {', '.join(entries)})")
    fingerprint: str = entries[system]["fingerprint"]
    return fingerprint


# --- apply ----------------------------------------------------------------------------------------

def apply_part(part: Part, settings: Settings, *, expected: str | None = None,
               confirm: Callable[[Outcome], bool] | None = None) -> Outcome:
    """Apply one part. ``confirm``: show the planned diff and ask (None: ``--yes``); declining
    raises :class:`Refused` and changes nothing. ``expected``: a saved plan's fingerprint."""
    check_window(part, settings)
    with connected(part, settings) as target:
        if confirm is not None:
            planned = target.run(part, apply=False)
            if planned.state == "already applied":
                return planned
            if not confirm(planned):
                raise Refused(f"{part.system}: not confirmed; nothing was changed")
            expected = expected or planned.fingerprint
        return target.run(part, apply=True, who=settings.who(), expected=expected, force=settings.force)


@dataclass(slots=True)
class DeployResult:
    """Each system's final state: applied, already applied, rolled back (converted, then restored
    because a later system failed), failed, not run, or planned."""

    states: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def deploy(parts: Sequence[Part], settings: Settings, *,
           confirm: Callable[[Sequence[Outcome]], bool] | None = None) -> DeployResult:
    """Plan every part, ask once (``confirm`` None: ``--yes``), apply in order; on a failure, roll
    back the systems converted in this run, newest first."""
    result = DeployResult()
    for part in parts:
        check_window(part, settings)
    planned = plan_parts(parts, settings)
    for part, outcome in zip(parts, planned):
        result.states[part.system], result.outcomes[part.system] = "planned", outcome
    refuse_before_applying(parts, planned, settings)
    if confirm is not None and not confirm(planned):
        raise Refused("not confirmed; nothing was changed")
    converted: list[Part] = []
    failed = False
    for part, plan in zip(parts, planned):
        if failed:
            result.states[part.system] = "not run"
            continue
        try:
            outcome = apply_part(part, settings, expected=plan.fingerprint if plan.state == "planned" else None)
        except TargetError as error:
            failed = True
            result.states[part.system], result.errors[part.system] = "failed", str(error)
            continue
        result.outcomes[part.system], result.states[part.system] = outcome, outcome.state
        if outcome.state == "applied":
            converted.append(part)
    if failed:
        for part in reversed(converted):
            try:
                with connected(part, settings) as target:
                    target.restore(part.system, settings.who())
                result.states[part.system] = "rolled back"
            except TargetError as error:
                result.states[part.system] = "applied (rollback failed)"
                result.errors[part.system] = f"rollback after the failure failed: {error}"
    return result


def refuse_before_applying(parts: Sequence[Part], planned: Sequence[Outcome], settings: Settings) -> None:
    """What the plans already show would be refused: refuse the whole deploy before any system is
    changed, rather than convert the first systems and roll them back."""
    problems = []
    for part, outcome in zip(parts, planned):
        if outcome.violations:
            problems.append(f"{part.system}: {len(outcome.violations)} postcondition(s) would break, e.g. "
                            f"{outcome.violations[0]}")
        over = diff_lib.over_share(outcome.tally, outcome.rows, part.max_change_share)
        if over and not settings.force and outcome.state == "planned":
            shown = ", ".join(f"{table} {share:.0%}" for table, share in sorted(over.items()))
            problems.append(f"{part.system}: changes more than {part.max_change_share:.0%} of {shown} "
                            "(review the plan, then add --force)")
    if problems:
        raise Refused("nothing was changed: " + "; ".join(problems))


# --- rollback and status ----------------------------------------------------------------------------

def rollback(system: str, dsn_env: str, settings: Settings, *, to_release: str | None = None) -> list[Entry]:
    with connected(dsn_env, settings) as target:
        return target.restore(system, settings.who(), to_release=to_release)


def status(systems: Sequence[tuple[str, str]], settings: Settings) -> dict[str, list[Entry] | str]:
    """Each system's ledger, oldest first, or why it could not be read."""
    result: dict[str, list[Entry] | str] = {}
    for system, dsn_env in systems:
        try:
            with connected(dsn_env, settings) as target:
                result[system] = target.entries(system)
        except TargetError as error:
            result[system] = str(error)
    return result
