"""``mdd verify``: every system compared with the registry (and, with ``--exchange``, the exchange
logs watched for messages to closed, old or unknown codes). Text, JSON (docs/verify-format.md,
what ``mdd report`` draws) or Markdown; exit 1 on any discrepancy or anomaly."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from .clicommon import OK, PROBLEMS, common
from .deployview import table
from .errors import ConfigError

SHOWN = 20  # discrepancies listed per system in text and markdown


def _not_ok(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [u for u in document["units"] if any(s not in ("ok", "out of scope") for s in u["systems"].values())]


def summary_rows(document: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    return [(s["id"], s["in_scope"], s["converted"], s["pending"], s["missing"], len(s["discrepancies"]),
             s["error"] or s["target"]) for s in document["systems"]]


def text(document: Mapping[str, Any], *, shown: int = SHOWN, matrix: bool = False) -> str:
    lines = [f"{document['registry']['units']} units in the registry; per system, units in scope and how they are held:"]
    lines += table(["system", "in scope", "converted", "pending", "missing", "discrepancies", "target"],
                   summary_rows(document), right=[1, 2, 3, 4, 5])
    for system in document["systems"]:
        found = system["discrepancies"]
        if not found:
            continue
        lines += ["", f"{system['id']}: {len(found)} discrepanc{'y' if len(found) == 1 else 'ies'}"]
        lines += ["  " + line for line in table(
            ["kind", "table.column", "key", "found", "expected", "unit"],
            [(d["kind"], f"{d['table']}.{d['column']}", d["key"], d["found"], d["expected"], d["unit"] or "")
             for d in found[:shown]])]
        if len(found) > shown:
            lines.append(f"  … and {len(found) - shown} more (--format json lists every one)")
    units = document["units"] if matrix else _not_ok(document)
    ids = [s["id"] for s in document["systems"]]
    if units:
        lines += ["", "units × systems" + ("" if matrix else " (units not ok somewhere; --matrix shows all)") + ":"]
        lines += ["  " + line for line in table(["code", "name", *ids],
                                                [(u["code"], u["name"][:40], *(u["systems"][i] for i in ids))
                                                 for u in units])]
    elif document["units"]:
        lines += ["", "every unit in scope is held as the registry says, in every system"]
    anomalies = document["exchange"]["anomalies"]
    if anomalies or document["exchange"].get("since"):
        since = document["exchange"]["since"] or "each system's last apply"
        lines += ["", f"exchange logs since {since}: "
                      f"{len(anomalies)} message anomal{'y' if len(anomalies) == 1 else 'ies'} (to or from a "
                      "closed, old or unknown code)"]
        lines += [] if not anomalies else ["  " + line for line in table(
            ["system", "code", "kind", "direction", "counterpart", "count", "first", "last", "meant"],
            [(a["system"], a["code"], a["kind"], a["direction"], a["counterpart"], a["count"], a["first"], a["last"],
              f"{a['suggested']['code']} {a['suggested']['name']}" if a.get("suggested") else "?")
             for a in anomalies], right=[5])]
    for system, error in (document["exchange"].get("errors") or {}).items():
        lines.append(f"  {system}: the exchange log could not be read: {error}")
    return "\n".join(lines) + "\n"


def markdown(document: Mapping[str, Any], *, shown: int = SHOWN) -> str:
    lines = ["### Verify", "", "| system | in scope | converted | pending | missing | discrepancies | target |",
             "|---|---:|---:|---:|---:|---:|---|"]
    lines += [f"| `{r[0]}` | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]} |" for r in summary_rows(document)]
    ids = [s["id"] for s in document["systems"]]
    units = _not_ok(document)
    if units:
        lines += ["", "| code | name | " + " | ".join(ids) + " |", "|---|---|" + "---|" * len(ids)]
        lines += [f"| {u['code']} | {u['name']} | " + " | ".join(u["systems"][i] for i in ids) + " |" for u in units]
    for system in document["systems"]:
        if system["discrepancies"]:
            lines += ["", f"<details><summary><code>{system['id']}</code>: {len(system['discrepancies'])} "
                          "discrepancies</summary>", "", "| kind | table.column | key | found | expected |",
                      "|---|---|---|---|---|"]
            lines += [f"| {d['kind']} | {d['table']}.{d['column']} | {d['key']} | {d['found']} | {d['expected']} |"
                      for d in system["discrepancies"][:shown]]
            lines += ["", "</details>"]
    return "\n".join(lines).replace("None", "—") + "\n"


@click.command("verify")
@click.argument("system", required=False)
@click.option("--all", "all_", is_flag=True, help="Every system in systems.yaml.")
@click.option("--exchange", is_flag=True, help="Also scan the exchange logs for messages to closed, old or unknown codes.")
@click.option("--since", help="With --exchange: from this time (ISO 8601; default: each system's last apply).")
@click.option("--matrix", is_flag=True, help="Text: the whole units × systems matrix, not only units that are not ok.")
@common(formats=("text", "json", "markdown"))
def verify_command(system: str | None, all_: bool, exchange: bool, since: str | None, matrix: bool,
                   registry: Path, format_: str, **_: Any) -> int:
    """Compare every system's tables with the registry: units missing, extra, stale (an old
    identifier still present), wrong name, parent, status or level; a units × systems matrix.

    Works before a conversion (what is pending) and after (what is left). Exit 1 on any
    discrepancy, unreadable target or (with --exchange) exchange anomaly.
    """
    if all_ == bool(system):
        raise ConfigError("mdd verify needs a SYSTEM or --all")
    if since and not exchange:
        raise ConfigError("--since goes with --exchange")
    from . import verify

    document = verify.collect(registry, os.environ, systems=() if all_ else (str(system),),
                              exchange_since=since, with_exchange=exchange)
    if format_ == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))
    elif format_ == "markdown":
        click.echo(markdown(document), nl=False)
    else:
        click.echo(text(document, matrix=matrix), nl=False)
    bad = verify.problems(document) + len(document["exchange"]["anomalies"]) + len(document["exchange"].get("errors") or {})
    return PROBLEMS if bad else OK


def commands() -> Sequence[click.Command]:
    import importlib

    found: list[click.Command] = [verify_command]
    try:  # mdd report, once it lands
        report = importlib.import_module(".report.command", __package__).report
    except ImportError:
        return found
    return [*found, report]
