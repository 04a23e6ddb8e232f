"""systems.yaml changes in ``mdd diff``: matched by id, dotted field paths, defaults filled in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from madinhdanh import loader
from madinhdanh.model import System
from madinhdanh.systemdiff import CONVERTS, diff
from madinhdanh.unitdiff import Side, report_json, report_markdown, report_text

ROOT = Path(__file__).resolve().parents[2]
DOCS: list[dict[str, Any]] = loader.load_file(ROOT / "registry/systems.yaml")["systems"]  # type: ignore[index]
SIDES = {"base": Side("v2021.12", "a" * 40), "head": Side("working tree")}


def systems(*edits: tuple[str, dict[str, Any]]) -> list[System]:
    changed = dict(edits)
    return [System.from_document({**doc, **changed.get(doc["id"], {})}) for doc in DOCS]


def test_no_change_no_system_change() -> None:
    assert diff(systems(), systems()) == []


def test_dropping_writes_is_the_conversion() -> None:
    base = systems(("reporting", {"writes": "code102"}))
    [change] = diff(base, systems())
    assert (change.kind, change.system_id) == ("changed", "reporting")
    assert [(f.field, f.old, f.new) for f in change.fields] == [("writes", "code102", "code")]
    assert change.note == CONVERTS
    text = report_text([], systems=[change], **SIDES)
    assert text.splitlines() == [f"system   reporting  changed  writes: code102 → code; {CONVERTS}",
                                 "no unit changes between v2021.12 and working tree; 1 system change"]
    assert json.loads(report_json([], systems=[change], **SIDES))["systems"] == [
        {"kind": "changed", "id": "reporting", "title": change.title, "note": CONVERTS,
         "fields": {"writes": {"old": "code102", "new": "code"}}}]
    assert "| `reporting` | changed | writes: code102 → code;" in report_markdown([], systems=[change], **SIDES)


def test_nested_fields_added_and_removed_systems() -> None:
    window = {**DOCS[0]["window"], "start": "23:00"}
    head = systems(("qlvb_state", {"window": window, "max_change_share": 0.8}))[:-1]  # portal removed
    changes = diff(systems(), head)
    assert [(c.kind, c.system_id) for c in changes] == [("changed", "qlvb_state"), ("removed", "portal")]
    assert [(f.field, f.old, f.new) for f in changes[0].fields] == [("max_change_share", None, "0.8"),
                                                                    ("window.start", "22:00", "23:00")]
    assert changes[0].note is None
    assert [(c.kind, c.system_id) for c in diff(head, systems())] == [("changed", "qlvb_state"), ("added", "portal")]
    references = [dict(r) for r in DOCS[0]["references"]]
    references[3]["on_close"] = "keep"
    [change] = diff(systems(), systems(("qlvb_state", {"references": references})))
    assert [(f.field, f.old, f.new) for f in change.fields] == [("references[3].on_close", "repoint", "keep")]
