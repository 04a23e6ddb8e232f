"""How plans, applies, deploys and ledgers read, as text (aligned tables), Markdown and JSON.
Pure: values in, strings out; the CLI prints them."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from . import deploy
from .targets import Outcome, Part
from .targets import diff as diff_lib
from .targets.ledger import Entry

ROWS_SHOWN = 40  # rows of the diff a text plan shows per system; json and --out hold them all


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], *, right: Sequence[int] = ()) -> list[str]:
    """An aligned plain-text table (no terminal width involved: the same text everywhere)."""
    cells = [[str(h) for h in header]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        parts = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _value(value: str | None) -> str:
    if value is None:
        return "—"
    return value if len(value) <= 48 else value[:47] + "…"


def _share_note(part: Part | None, outcome: Outcome, t: str) -> str:
    if part is None:
        return ""
    share = diff_lib.shares(outcome.tally, outcome.rows).get(t)
    if share is None:
        return ""
    flag = " (over the limit: needs --force)" if share > part.max_change_share and outcome.state == "planned" else ""
    return f"{share:.0%}{flag}"


def outcome_text(outcome: Outcome, part: Part | None = None, *, rows: int = ROWS_SHOWN) -> list[str]:
    """One system's plan or apply: the survey line, values per column, then the rows."""
    if outcome.state == "already applied":
        return [f"{outcome.system}: already applied (bundle {outcome.bundle}, release {outcome.release}) — "
                "nothing to do"]
    verb = "to change" if outcome.state == "planned" else "changed"
    lines = [f"{outcome.system} on {outcome.target}: {outcome.tally.codes} code(s) {verb}, "
             f"{outcome.tally.values} value(s) in {len({t for t, _, _ in outcome.tally.columns})} table(s)"
             + ("" if outcome.state == "planned" else f" — {outcome.state} in {outcome.seconds:.2f} s"
                + (f", ledger entry {outcome.ledger_id}" if outcome.ledger_id else ""))]
    if not outcome.tally.values:
        lines.append("  nothing to change: the target already holds what the registry says")
    else:
        counts = diff_lib.per_column(outcome.tally)
        lines += ["  " + line for line in table(
            ["table.column", "action", "values", "share of table rows"],
            [(f"{t}.{c}", a, n, _share_note(part, outcome, t)) for (t, c, a), n in counts.items()], right=[2])]
    if outcome.changes and rows:
        lines.append("")
        lines += ["  " + line for line in table(
            ["table", "row", "column", "before", "", "after"],
            [(c.table, f"{c.key_column}={c.key}", c.column, _value(c.before), "→", _value(c.after))
             for c in outcome.changes[:rows]])]
    if outcome.changes and rows and len(outcome.changes) > rows:
        lines.append(f"  … and {len(outcome.changes) - rows} more (--format json or --out plan.json lists every row)")
    for violation in outcome.violations:
        lines.append(f"  postcondition broken: {violation}")
    return lines


def plan_text(parts: Sequence[Part], outcomes: Sequence[Outcome], *, rows: int = ROWS_SHOWN) -> str:
    lines = overview(parts, outcomes)
    for part, outcome in zip(parts, outcomes):
        lines += [""] + outcome_text(outcome, part, rows=rows)
    lines += ["", "The targets are unchanged: each plan ran in a transaction that was rolled back."]
    return "\n".join(lines) + "\n"


def overview(parts: Sequence[Part], outcomes: Sequence[Outcome]) -> list[str]:
    """One line per system: the plan's survey step."""
    rows = []
    for part, o in zip(parts, outcomes):
        force = diff_lib.over_share(o.tally, o.rows, part.max_change_share)
        rows.append((o.system, o.target, o.tally.codes, o.tally.values,
                     o.state + (" (needs --force)" if force and o.state == "planned" else "")
                     + (f", {len(o.violations)} postcondition(s) broken" if o.violations else "")))
    release = outcomes[0].release if outcomes else ""
    return [f"release {release}: {len(outcomes)} system(s)"] + table(
        ["system", "target", "codes", "values", "state"], rows, right=[2, 3])


def plan_markdown(parts: Sequence[Part], outcomes: Sequence[Outcome], *, rows: int = ROWS_SHOWN) -> str:
    release = outcomes[0].release if outcomes else ""
    lines = [f"### Plan of release `{release}`", "", "| system | codes to change | values | state |",
             "|---|---:|---:|---|"]
    for o in outcomes:
        lines.append(f"| `{o.system}` | {o.tally.codes} | {o.tally.values} | {o.state} |")
    for o in outcomes:
        if not o.changes:
            continue
        lines += ["", f"<details><summary><code>{o.system}</code>: {len(o.changes)} value(s)</summary>", "",
                  "| table | row | column | before | after |", "|---|---|---|---|---|"]
        for c in o.changes[:rows]:
            lines.append(f"| {c.table} | {c.key_column}={_md(c.key)} | {c.column} | {_md(_value(c.before))} | "
                         f"{_md(_value(c.after))} |")
        if len(o.changes) > rows:
            lines.append(f"| … | {len(o.changes) - rows} more | | | |")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def plan_json(document: Mapping[str, Any], *, compact: bool = False) -> str:
    """JSON of a plan (:func:`deploy.plan_document`) or summary; ``compact`` (a saved plan, maybe
    a million rows): one line, as :func:`plan_chunks` writes it."""
    if compact:
        return "".join(plan_chunks(document))
    return json.dumps(_with_rows(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _with_rows(document: Mapping[str, Any]) -> Mapping[str, Any]:
    if "systems" not in document:
        return document
    return {**document, "systems": [{**entry, "changes": [deploy.change_row(c) for c in entry["changes"]]}
                                    if "changes" in entry else entry for entry in document["systems"]]}


_HOLE = "\x00changes\x00"  # where a system's rows go (a JSON text never holds a raw NUL)


def plan_chunks(document: Mapping[str, Any]) -> Iterator[str]:
    """The compact JSON of a plan, in pieces (written to a file one by one, the plan of 100,000
    units is not one 110 MB string): exactly ``json.dumps(…, ensure_ascii=False, separators=(",",
    ":"))`` of the document with each change as :func:`deploy.change_row` makes it (tested), the
    rows encoded here with the JSON string encoder that json.dumps uses, each step's fixed fields
    once: 700,000 rows in a third of the time."""
    systems = document.get("systems", [])
    shell = {**document, "systems": [{**entry, "changes": _HOLE} if "changes" in entry else entry
                                     for entry in systems]}
    pieces = json.dumps(shell, ensure_ascii=False, separators=(",", ":")).split(json.dumps(_HOLE))
    rows = [entry["changes"] for entry in systems if "changes" in entry]
    for piece, changes in zip(pieces, rows + [None]):
        yield piece
        if changes is not None:
            yield from _rows_json(changes)
    yield "\n"


def _rows_json(changes: Sequence[diff_lib.Change]) -> Iterator[str]:
    """``[{…},{…}]``: the changes as json.dumps writes their :func:`deploy.change_row` objects."""
    text = json.encoder.encode_basestring
    heads: dict[tuple[int, str, str], str] = {}
    middles: dict[str, str] = {}
    tails: dict[str, str] = {}
    batch: list[str] = []
    separator = "["
    for c in changes:
        head = heads.get((c.step, c.table, c.key_column))
        if head is None:
            head = heads[(c.step, c.table, c.key_column)] = (
                f'{{"step":{json.dumps(c.step)},"table":{text(c.table)},"key_column":{text(c.key_column)},"key":')
        middle = middles.get(c.column)
        if middle is None:
            middle = middles[c.column] = f',"column":{text(c.column)},"before":'
        action = c.action
        tail = tails.get(action)
        if tail is None:
            tail = tails[action] = f',"action":{text(action)}}}'
        batch.append(f'{head}{text(c.key)}{middle}{"null" if c.before is None else text(c.before)},"after":'
                     f'{"null" if c.after is None else text(c.after)}{tail}')
        if len(batch) == 10_000:
            yield separator + ",".join(batch)
            batch, separator = [], ","
    if batch:
        yield separator + ",".join(batch) + "]"
    else:
        yield "[]" if separator == "[" else "]"


def deploy_text(parts: Sequence[Part], result: deploy.DeployResult) -> str:
    rows = []
    for part in parts:
        state = result.states.get(part.system, "not run")
        outcome = result.outcomes.get(part.system)
        codes = outcome.tally.codes if outcome else 0
        rows.append((part.system, state, codes, result.errors.get(part.system, "")))
    lines = table(["system", "final state", "codes", "error"], rows, right=[2])
    if result.ok:
        lines.append("deployed: every system holds the registry's codes")
    else:
        lines.append("deploy failed: the systems this run had converted were rolled back (final state above)")
    return "\n".join(lines) + "\n"


def deploy_json(parts: Sequence[Part], result: deploy.DeployResult) -> str:
    systems = []
    for part in parts:
        outcome = result.outcomes.get(part.system)
        entry: dict[str, Any] = {"system": part.system, "state": result.states.get(part.system, "not run"),
                                 "error": result.errors.get(part.system)}
        if outcome is not None:
            entry.update({k: v for k, v in deploy.summary(outcome, part).items() if k not in ("state", "system")})
        systems.append(entry)
    return json.dumps({"ok": result.ok, "systems": systems}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def ledger_text(status: Mapping[str, Sequence[Entry] | str]) -> str:
    lines: list[str] = []
    for system, entries in status.items():
        if isinstance(entries, str):
            lines += [f"{system}: cannot read the ledger: {entries}", ""]
            continue
        if not entries:
            lines += [f"{system}: nothing applied yet (no ledger rows)", ""]
            continue
        lines.append(f"{system}:")
        lines += ["  " + line for line in table(
            ["id", "when (UTC)", "action", "release", "outcome", "codes", "by", "note"],
            [(e.id, e.started_at, e.action, e.release_name, e.outcome + (f" (undoes {e.undoes})" if e.undoes else ""),
              e.counts.get("codes", ""), f"{e.deployer}@{e.host}", (e.reason or e.detail)[:60]) for e in entries],
            right=[0, 5])]
        lines.append("")
    return "\n".join(lines)


def ledger_json(status: Mapping[str, Sequence[Entry] | str]) -> str:
    payload = {system: (entries if isinstance(entries, str) else [e.as_dict() for e in entries])
               for system, entries in status.items()}
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
