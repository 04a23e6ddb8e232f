"""Checking a verify document (docs/verify-format.md) before drawing it: ``mdd report --from``
refuses a file that is not one, saying why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FORMAT = 1


def document_problems(document: Any) -> list[str]:
    """Why ``document`` is not a verify document this page can draw (empty: it is)."""
    if not isinstance(document, Mapping):
        return [f"a JSON object was expected, not {type(document).__name__}"]
    problems: list[str] = []
    if document.get("format") != FORMAT:
        problems.append(f"format {document.get('format')!r} is not supported (mdd report reads format {FORMAT})")
    if not isinstance(document.get("registry"), Mapping):
        problems.append('"registry" must be an object')
    systems, units = document.get("systems"), document.get("units")
    if not isinstance(systems, list):
        problems.append('"systems" must be a list')
    else:
        for index, system in enumerate(systems):
            if not isinstance(system, Mapping) or not isinstance(system.get("id"), str):
                problems.append(f'"systems"[{index}] must be an object with a text "id"')
            else:
                for key in ("discrepancies", "ledger"):
                    if not isinstance(system.get(key, []), list):
                        problems.append(f'"systems"[{index}].{key} must be a list')
    if not isinstance(units, list):
        problems.append('"units" must be a list')
    else:
        for index, unit in enumerate(units):
            if not isinstance(unit, Mapping) or not isinstance(unit.get("systems", {}), Mapping):
                problems.append(f'"units"[{index}] must be an object whose "systems" is an object')
    exchange = document.get("exchange")
    if exchange is not None and not (isinstance(exchange, Mapping)
                                     and isinstance(exchange.get("anomalies", []), list)):
        problems.append('"exchange" must be an object whose "anomalies" is a list')
    return problems
