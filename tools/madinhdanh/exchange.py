"""The exchange monitor: messages in a system's exchange log (systems.yaml ``exchange_log``) sent by
or addressed to a code that is not the current code of an active unit, grouped into anomalies
with the unit the code most likely meant (``mdd verify --exchange``; docs/verify-format.md,
``exchange``).

**Pure part** (:func:`classify`): log rows in, :class:`Anomaly` values out. Each end of each
message at or after ``since`` is looked up, in this order:

1. the current code of an active unit: fine, not reported;
2. the current code of a closed unit: ``closed``;
3. an old identifier of a unit (what :func:`~madinhdanh.interchange.exports.crosswalk` lists:
   its QCVN 102 code, its ``legacy`` identifier *in this system*, an earlier qd20 code of its
   ``history``): ``old``; when one text is the old identifier of several units, code102 wins
   over legacy over history, then the lower unit code;
4. a code (qd20 or QCVN 102) whose level-1 group is not the province's (the Government Office
   ``G22``, ``000.00.00.G22``…) and that the registry does not know: an agency outside the
   province, which the registry cannot judge: not reported;
5. anything else: ``unknown``.

Ends are compared after stripping surrounding blanks (CHAR columns pad), otherwise exactly. The
same (system, code, kind, direction, counterpart) is one anomaly with its count, first and last
time and the count per log status. ``direction`` is ``sent`` when the code is the message's sender
(the counterpart is the receiver) and ``received`` when it is the receiver. ``suggested``:

- ``old``: the unit the identifier belongs to; ``closed``: the closed unit; in both cases a closed
  unit is followed to its first successor, and that one's first successor while it is closed too
  (a merged commune merged again), ending at an active unit or at the last closed unit when the
  chain stops (dissolved: nothing takes over, the closed unit itself is named);
- ``unknown``: ``None``. Codes are dense and numeric, so a code one character away from a
  unit's code is usually another real unit (a new one, or one outside the registry); a guess
  would send the fix to the wrong agency.

**Times.** Exchange logs hold Asia/Ho_Chi_Minh local times without a zone (UTC+7, no daylight
saving time). A naive time (from the log or ``since``) is read as local; an aware one is
converted. Every time in the result is ISO 8601 with the ``+07:00`` offset, so it reads like the
log and is still unambiguous.

**I/O part** (:func:`scan`): for each system with an ``exchange_log``, connect through the deploy
engine, read the log with one SELECT, classify. ``since`` defaults, per system, to the start of
the newest apply in its ledger (``mdd_ledger``, action ``apply``, outcome ``applied``; stored in
UTC, converted to local time): messages before the cutover are expected to use the old codes. No
apply: every message. :func:`fix_list` renders the result for a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from .codes import CodeError, parse_qcvn102, parse_qd20, qd20_sort_key
from .interchange.exports import crosswalk
from .model import VIETNAM, Registry, System, Unit

KINDS = ("closed", "old", "unknown")
DIRECTIONS = ("sent", "received")
# the SQL time filter (targets/exchangelog.py) is only a coarse pre-filter, a day early: a TIMESTAMP
# WITH TIME ZONE column (or MySQL's TIMESTAMP) compares in the session's zone, which may be anywhere
# from UTC-12 to UTC+14; the exact cut is made here, in Python, on times in Asia/Ho_Chi_Minh.
_OLD_RANK = {"code102": 0, "legacy": 1, "history": 2}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The registry unit a code most likely meant."""

    id: str
    code: str
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Anomaly:
    """Messages of one system sent by (``sent``) or addressed to (``received``) ``code``, with the
    same counterpart (the other end as the log writes it). Times are Asia/Ho_Chi_Minh, aware.
    ``statuses``: (log status, count) pairs, sorted by status (empty when the log has none)."""

    system: str
    code: str
    kind: str  # closed | old | unknown
    direction: str  # sent | received
    counterpart: str | None
    count: int
    first: datetime
    last: datetime
    suggested: Suggestion | None
    statuses: tuple[tuple[str, int], ...] = ()


# --- looking codes up --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str | None  # None: the current code of an active unit
    unit: Unit


class Lookup:
    """Every identifier of the registry a message in ``system`` may use, and what it is."""

    def __init__(self, registry: Registry, system: str) -> None:
        self.registry = registry
        self.system = system
        known: dict[str, tuple[tuple[int, tuple[Any, ...]], _Found]] = {}

        def add(text: str | None, rank: int, unit: Unit, kind: str | None) -> None:
            if not text:
                return
            key = (rank, qd20_sort_key(unit.code))
            if text not in known or key < known[text][0]:
                known[text] = (key, _Found(kind, unit))

        for unit in registry.units:
            add(unit.code, -2 if unit.active else -1, unit, None if unit.active else "closed")
        for row in crosswalk(registry, (), None):
            unit_ = registry.by_id(row.id)
            if unit_ is None or row.old is None:
                continue
            if row.kind == "code102":
                add(row.old, _OLD_RANK["code102"], unit_, "old")
            elif row.kind == f"legacy.{system}":
                add(row.old, _OLD_RANK["legacy"], unit_, "old")
            elif row.kind == "history":
                add(row.old, _OLD_RANK["history"], unit_, "old")
            # kind "code" (a closed unit's own code) is added above; other systems' legacy
            # identifiers mean nothing in this one
        self._known = {text: found for text, (_, found) in known.items()}
        self._level1 = {registry.settings.level1_code, *registry.settings.level1_codes} \
            | {u.parsed_code.level1 for u in registry.units}

    def find(self, text: str) -> _Found | None:
        return self._known.get(text)

    def outside(self, text: str) -> bool:
        """A code of an agency outside the province (level-1 group not the registry's)."""
        for parse in (parse_qd20, parse_qcvn102):
            try:
                return parse(text).level1 not in self._level1
            except CodeError:
                continue
        return False

    def suggestion(self, unit: Unit) -> Suggestion:
        """The unit itself when active, else its first successor's chain to an active unit (or
        the last closed unit of the chain)."""
        seen = {unit.id}
        while not unit.active and unit.closed is not None and unit.closed.successors:
            successor = self.registry.by_id(unit.closed.successors[0])
            if successor is None or successor.id in seen:
                break
            seen.add(successor.id)
            unit = successor
        return Suggestion(unit.id, unit.code, unit.name)


# --- times ----------------------------------------------------------------------------------------


def local_time(value: Any) -> datetime:
    """A log time or ``since`` (a datetime, a date, or ISO 8601 text) as an aware Asia/Ho_Chi_Minh
    time; naive values are local already. ``ValueError`` for anything else."""
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, date):
        when = datetime.combine(value, time())
    elif isinstance(value, str):
        text = value.strip()
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO 8601 time: {value!r}") from None
    else:
        raise ValueError(f"not a time: {value!r} ({type(value).__name__})")
    return when.replace(tzinfo=VIETNAM) if when.tzinfo is None else when.astimezone(VIETNAM)


def iso(when: datetime | None) -> str | None:
    """ISO 8601 with the +07:00 offset, to the second (None stays None)."""
    return None if when is None else when.astimezone(VIETNAM).isoformat(timespec="seconds")


# --- the pure part ----------------------------------------------------------------------------------


def _end(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def classify(registry: Registry, system: System | str, messages: Iterable[Sequence[Any]],
             since: datetime | str | None = None) -> list[Anomaly]:
    """The anomalies of ``messages`` — rows (sender, receiver, time[, status]) of ``system``'s
    exchange log — at or after ``since`` (None: all), sorted by count (descending), code,
    direction, counterpart, kind. Empty ends are skipped; an unreadable time raises ValueError."""
    system_id = system.id if isinstance(system, System) else system
    lookup = Lookup(registry, system_id)
    cut = None if since is None else local_time(since)
    groups: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
    for row in messages:
        sender, receiver = _end(row[0]), _end(row[1])
        when = local_time(row[2])
        if cut is not None and when < cut:
            continue
        status = _end(row[3]) if len(row) > 3 else None
        for code, direction, counterpart in ((sender, "sent", receiver), (receiver, "received", sender)):
            if code is None:
                continue
            found = lookup.find(code)
            if found is not None and found.kind is None:
                continue
            if found is None and lookup.outside(code):
                continue
            kind = "unknown" if found is None else found.kind
            assert kind is not None
            key = (code, kind, direction, counterpart)
            group = groups.get(key)
            if group is None:
                suggested = None if found is None else lookup.suggestion(found.unit)
                group = groups[key] = {"count": 0, "first": when, "last": when, "suggested": suggested,
                                       "statuses": {}}
            group["count"] += 1
            group["first"] = min(group["first"], when)
            group["last"] = max(group["last"], when)
            if status is not None:
                group["statuses"][status] = group["statuses"].get(status, 0) + 1
    anomalies = [Anomaly(system=system_id, code=code, kind=kind, direction=direction, counterpart=counterpart,
                         count=g["count"], first=g["first"], last=g["last"], suggested=g["suggested"],
                         statuses=tuple(sorted(g["statuses"].items())))
                 for (code, kind, direction, counterpart), g in groups.items()]
    return sort(anomalies)


def sort(anomalies: Iterable[Anomaly]) -> list[Anomaly]:
    """By system, then count (descending), code, direction, counterpart, kind."""
    return sorted(anomalies, key=lambda a: (a.system, -a.count, a.code, a.direction, a.counterpart or "", a.kind))


def as_json(anomaly: Anomaly) -> dict[str, Any]:
    """One anomaly as docs/verify-format.md's ``exchange.anomalies`` entry (plus ``statuses``:
    the count per log status)."""
    suggested = anomaly.suggested
    return {"system": anomaly.system, "code": anomaly.code, "kind": anomaly.kind, "direction": anomaly.direction,
            "counterpart": anomaly.counterpart, "count": anomaly.count,
            "first": iso(anomaly.first), "last": iso(anomaly.last),
            "suggested": None if suggested is None else {"id": suggested.id, "code": suggested.code,
                                                         "name": suggested.name},
            "statuses": dict(anomaly.statuses)}


# --- the I/O part ----------------------------------------------------------------------------------


def cutover(entries: Iterable[Any]) -> datetime | None:
    """The start of the newest applied apply among ledger entries (``started_at`` UTC ISO),
    as Asia/Ho_Chi_Minh time; None when there is none."""
    applied = [e for e in entries if e.action == "apply" and e.outcome == "applied"]
    if not applied:
        return None
    newest = max(applied, key=lambda e: int(e.id))
    started = datetime.fromisoformat(str(newest.started_at))
    return (started.replace(tzinfo=UTC) if started.tzinfo is None else started).astimezone(VIETNAM)


def scan(registry: Registry, systems: Sequence[System], environ: Mapping[str, str], *,
         since: str | None = None) -> dict[str, Any]:
    """Read and classify the exchange log of every system in ``systems`` that declares one.

    ``since`` (ISO 8601; naive means Asia/Ho_Chi_Minh) applies to every system; None: each system
    from its own cutover (:func:`cutover`), or all its messages when it has none. Returns
    ``{"since", "since_by_system", "anomalies", "errors"}``: ``since`` is the given one, else the
    cutover the scanned systems share (null when none is known or they differ); ``errors`` maps a
    system whose log could not be read to one line saying why (password masked)."""
    from .targets import TargetError, open_target
    from .targets.connection import url_from_env
    from .targets import exchangelog

    given = None if since is None else local_time(since)
    anomalies: list[Anomaly] = []
    sinces: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for system in systems:
        log = system.document.get("exchange_log")
        if not log:
            continue
        try:
            url = url_from_env(str(system.document["dsn_env"]), environ)
            target = open_target(url)
        except TargetError as error:
            errors[system.id] = str(error)
            continue
        try:
            cut = given if given is not None else cutover(target.entries(system.id))
            rows = exchangelog.read_log(target, log, cut)
            found = classify(registry, system, rows, cut)
        except Exception as error:  # noqa: BLE001 - every driver has its own error classes
            errors[system.id] = f"{target.shown}: cannot read the exchange log {log['table']}: " \
                                f"{target.first_line(error)}"
            continue
        finally:
            target.close()
        sinces[system.id] = iso(cut)
        anomalies += found
    shared = set(sinces.values())
    top = iso(given) if given is not None else (shared.pop() if len(shared) == 1 else None)
    return {"since": top, "since_by_system": dict(sorted(sinces.items())),
            "anomalies": [as_json(a) for a in sort(anomalies)], "errors": dict(sorted(errors.items()))}


# --- for a person ----------------------------------------------------------------------------------


def _short(text: str | None) -> str:
    """An ISO time as ``YYYY-MM-DD HH:MM`` (local: the offset is +07:00 throughout)."""
    if not text:
        return "?"
    return local_time(text).strftime("%Y-%m-%d %H:%M")


def fix_list(result: Mapping[str, Any]) -> str:
    """The result of :func:`scan` as the list a person works through: per system, one line per
    anomaly (code, kind, direction and counterpart, count, first–last, → the suggested unit), then
    the systems that could not be read. Times are Asia/Ho_Chi_Minh."""
    lines: list[str] = []
    by_system: dict[str, list[Mapping[str, Any]]] = {}
    for anomaly in result.get("anomalies") or ():
        by_system.setdefault(str(anomaly["system"]), []).append(anomaly)
    sinces: Mapping[str, Any] = result.get("since_by_system") or {}
    names = sorted(set(by_system) | set(sinces))
    for system in names:
        since = sinces.get(system, result.get("since"))
        window = f"since {_short(since)}" if since else "all messages"
        found = by_system.get(system, [])
        lines.append(f"{system} ({window}, Asia/Ho_Chi_Minh time): "
                     f"{len(found) or 'no'} exchange anomal{'y' if len(found) == 1 else 'ies'}")
        for a in found:
            way = "sent to" if a["direction"] == "sent" else "received from"
            first, last = _short(a["first"]), _short(a["last"])
            span = first if first == last else f"{first} – {last}"
            count = f"{a['count']} message{'' if a['count'] == 1 else 's'}"
            statuses = a.get("statuses") or {}
            if statuses:
                count += " (" + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items())) + ")"
            s = a.get("suggested")
            hint = f"→ {s['code']} {s['name']}" if s else "→ no suggestion: check the address"
            lines.append(f"  {a['code']}  {a['kind']}, {way} {a['counterpart'] or '?'}, {count}, {span} {hint}")
    for system, message in sorted((result.get("errors") or {}).items()):
        lines.append(f"{system}: not read: {message}")
    if not lines:
        lines.append("no exchange log to scan")
    return "\n".join(lines) + "\n"
