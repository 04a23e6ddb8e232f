"""Changes per unit between two hand-built registries (unitdiff.py), and their reporters."""

from __future__ import annotations

import dataclasses
import json
import random
from typing import Any

import pytest

from madinhdanh.model import Closure, Contact, Decision, HistoryEntry, Registry, Settings, Unit
from madinhdanh.unitdiff import (KINDS, FieldChange, Side, Successor, UnitChange, diff, report_json,
                                 report_markdown, report_text, summary)

ACT = Decision("1350/QĐ-UBND", "2021-12-02", "UBND tỉnh Bắc Giang")
NEW_ACT = Decision("9003/QĐ-UBND", "2025-03-01", "UBND tỉnh Bắc Giang")
SETTINGS = Settings("Bắc Giang", "H03")
SIDES = {"base": Side("HEAD~1", "a" * 40), "head": Side("HEAD", "b" * 40)}


def unit(unit_id: str, code: str, name: str | None = None, **extra: Any) -> Unit:
    values = {"block": "state", "status": "active", "decision": ACT, **extra}
    return Unit(id=unit_id, code=code, name=name or unit_id, **values)


BASE_UNITS = (
    unit("ubnd-tinh", "H03", "Ủy ban nhân dân tỉnh Bắc Giang"),
    unit("so-tttt", "H03.12", "Sở Thông tin và Truyền thông", code102="000.00.12.H03", short_name="Sở TT&TT"),
    unit("tt-cntt", "H03.12.01", "Trung tâm CNTT", code102="000.01.12.H03"),
    unit("so-khcn", "H03.14", "Sở Khoa học và Công nghệ"),
    unit("chi-cuc-tdc", "H03.14.01", "Chi cục TĐC"),
)
BASE = Registry(SETTINGS, BASE_UNITS)


def head_with(*units: Unit, drop: tuple[str, ...] = ()) -> Registry:
    """BASE with some units replaced (same id) or added, and the ids in ``drop`` removed."""
    replaced = {u.id: u for u in units}
    kept = [replaced.pop(u.id, u) for u in BASE_UNITS if u.id not in drop]
    return Registry(SETTINGS, tuple(kept) + tuple(replaced.values()))


def changed(unit_id: str, **fields: Any) -> Unit:
    found = BASE.by_id(unit_id)
    assert found is not None
    return dataclasses.replace(found, **fields)


def kinds(changes: list[UnitChange]) -> list[tuple[str, str]]:
    return [(c.kind, c.unit_id) for c in changes]


def test_no_change() -> None:
    changes = diff(BASE, Registry(SETTINGS, BASE_UNITS))
    assert changes == []
    assert set(summary(changes).values()) == {0} and tuple(summary(changes)) == KINDS
    assert report_text(changes, **SIDES) == "no unit changes between HEAD~1 and HEAD\n"
    assert "No unit changes." in report_markdown(changes, **SIDES)
    assert json.loads(report_json(changes, **SIDES))["count"] == 0


def test_recode_of_a_parent_carries_its_children_as_recodes_not_moves() -> None:
    head = head_with(changed("so-tttt", code="H03.21", code102="000.00.21.H03"),
                     changed("tt-cntt", code="H03.21.01", code102="000.01.21.H03"))
    changes = diff(BASE, head)
    assert kinds(changes) == [("recoded", "so-tttt"), ("recoded", "tt-cntt")]
    assert changes[0] == UnitChange("recoded", "so-tttt", "H03.12", "H03.21", "Sở Thông tin và Truyền thông", (
        FieldChange("code", "H03.12", "H03.21"), FieldChange("code102", "000.00.12.H03", "000.00.21.H03")))
    assert report_text(changes, **SIDES).splitlines()[0] == \
        "recoded  so-tttt  H03.12 → H03.21  Sở Thông tin và Truyền thông  code102: 000.00.12.H03 → 000.00.21.H03"


def test_code102_alone_is_a_recode() -> None:
    changes = diff(BASE, head_with(changed("tt-cntt", code102="000.02.12.H03")))
    assert kinds(changes) == [("recoded", "tt-cntt")]
    assert changes[0].fields == (FieldChange("code102", "000.01.12.H03", "000.02.12.H03"),)
    assert changes[0].codes == "H03.12.01"


def test_move_to_another_parent_is_moved_and_its_history_entry_is_part_of_it() -> None:
    retired = HistoryEntry("H03.12.01", "2025-03-01", NEW_ACT)
    head = head_with(changed("tt-cntt", code="H03.14.02", code102=None, history=(retired,)))
    changes = diff(BASE, head)
    assert kinds(changes) == [("moved", "tt-cntt")]
    assert changes[0].fields == (FieldChange("code", "H03.12.01", "H03.14.02"),
                                 FieldChange("code102", "000.01.12.H03", None),
                                 FieldChange("parent", "so-tttt", "so-khcn"))
    assert "parent: so-tttt → so-khcn" in report_text(changes, **SIDES)


def test_history_edited_without_a_recode_is_reported() -> None:
    head = head_with(changed("chi-cuc-tdc", history=(HistoryEntry("H03.14.09", "2020-01-01", ACT),)))
    changes = diff(BASE, head)
    assert kinds(changes) == [("history", "chi-cuc-tdc")]
    assert changes[0].fields == (FieldChange("history", None, "H03.14.09 until 2020-01-01 (1350/QĐ-UBND)"),)


@pytest.mark.parametrize(("edit", "kind", "fields"), [
    ({"name": "Sở Khoa học, Công nghệ", "short_name": "Sở KHCN"}, "renamed",
     [("name", "Sở Thông tin và Truyền thông", "Sở Khoa học, Công nghệ"), ("short_name", "Sở TT&TT", "Sở KHCN")]),
    ({"block": "party"}, "block", [("block", "state", "party")]),
    ({"contact": Contact(email="a@b.vn", phone="0204 1")}, "contact",
     [("contact.email", None, "a@b.vn"), ("contact.phone", None, "0204 1")]),
    ({"decision": NEW_ACT}, "decision",
     [("decision.number", "1350/QĐ-UBND", "9003/QĐ-UBND"), ("decision.date", "2021-12-02", "2025-03-01")]),
    ({"legacy": (("portal", "STTTT"),)}, "legacy", [("legacy.portal", None, "STTTT")]),
    ({"note": "xem QĐ 9003"}, "note", [("note", None, "xem QĐ 9003")]),
])
def test_each_kind_of_field_change(edit: dict[str, Any], kind: str, fields: list[tuple[str, Any, Any]]) -> None:
    changes = diff(BASE, head_with(changed("so-tttt", **edit)))
    assert kinds(changes) == [(kind, "so-tttt")]
    assert changes[0].fields == tuple(FieldChange(*f) for f in fields)
    assert (changes[0].base_code, changes[0].head_code, changes[0].name) == ("H03.12", "H03.12", edit.get("name", "Sở Thông tin và Truyền thông"))


def test_every_unit_field_change_is_reported() -> None:
    """No field of Unit can change silently (id is the match key, so it is added/removed)."""
    other = unit("x", "H03.99", code102="000.00.99.H03", short_name="x", contact=Contact("a", "b", "c", "d", "e"),
                 history=(HistoryEntry("H03.98", "2020-01-01", ACT),), legacy=(("p", "1"),), note="n", block="party",
                 decision=NEW_ACT)
    for field in dataclasses.fields(Unit):
        if field.name in ("id", "status", "closed"):
            continue
        edited = changed("chi-cuc-tdc", **{field.name: getattr(other, field.name)})
        assert diff(BASE, head_with(edited)), field.name


def test_closed_with_successors_their_codes_and_the_closure() -> None:
    closure = Closure("2025-03-01", NEW_ACT, "merged", ("so-khcn",))
    head = head_with(changed("chi-cuc-tdc", status="closed", closed=closure))
    changes = diff(BASE, head)
    assert kinds(changes) == [("closed", "chi-cuc-tdc")]
    change = changes[0]
    assert change.successors == (Successor("so-khcn", "H03.14"),)
    assert dict((f.field, (f.old, f.new)) for f in change.fields) == {
        "status": ("active", "closed"), "closed.date": (None, "2025-03-01"), "closed.reason": (None, "merged"),
        "closed.decision.number": (None, "9003/QĐ-UBND"), "closed.decision.date": (None, "2025-03-01"),
        "closed.decision.issuer": (None, "UBND tỉnh Bắc Giang"), "closed.successors": (None, "so-khcn")}
    assert report_text(changes, **SIDES).splitlines()[0].endswith("successors: so-khcn (H03.14)")
    assert json.loads(report_json(changes, **SIDES))["changes"][0]["successors"] == [{"id": "so-khcn", "code": "H03.14"}]

    reopened = diff(head, BASE)
    assert kinds(reopened) == [("reopened", "chi-cuc-tdc")] and reopened[0].successors == ()

    split = head_with(changed("chi-cuc-tdc", status="closed",
                              closed=dataclasses.replace(closure, reason="split", successors=("so-khcn", "so-tttt"))))
    closure_changes = diff(head, split)
    assert kinds(closure_changes) == [("closure", "chi-cuc-tdc")]
    assert [f.field for f in closure_changes[0].fields] == ["closed.reason", "closed.successors"]
    assert closure_changes[0].successors == (Successor("so-khcn", "H03.14"), Successor("so-tttt", "H03.12"))


def test_added_and_removed() -> None:
    head = head_with(unit("so-moi", "H03.15", "Sở Mới"), drop=("chi-cuc-tdc",))
    changes = diff(BASE, head)
    assert changes == [UnitChange("removed", "chi-cuc-tdc", "H03.14.01", None, "Chi cục TĐC"),
                       UnitChange("added", "so-moi", None, "H03.15", "Sở Mới")]
    assert summary(changes)["added"] == 1 and summary(changes)["removed"] == 1


def test_order_is_by_head_code_then_kind_and_does_not_depend_on_file_order() -> None:
    edits = (changed("chi-cuc-tdc", code="H03.14.09", name="Chi cục Mới"), changed("tt-cntt", note="n"),
             unit("so-moi", "H03.13"), changed("ubnd-tinh", decision=NEW_ACT))
    head = head_with(*edits)
    expected = [("decision", "ubnd-tinh"), ("note", "tt-cntt"), ("added", "so-moi"),
                ("recoded", "chi-cuc-tdc"), ("renamed", "chi-cuc-tdc")]
    assert kinds(diff(BASE, head)) == expected
    shuffled = list(head.units)
    random.Random(7).shuffle(shuffled)
    assert diff(BASE, head) == diff(Registry(SETTINGS, tuple(reversed(BASE.units))), Registry(SETTINGS, tuple(shuffled)))


def test_json_has_stable_keys_and_keeps_vietnamese() -> None:
    changes = diff(BASE, head_with(changed("so-khcn", code="H03.21"), changed("chi-cuc-tdc", code="H03.21.01")))
    text = report_json(changes, **SIDES)
    assert "Sở Khoa học và Công nghệ" in text
    payload = json.loads(text)
    assert list(payload) == ["base", "head", "count", "summary", "changes", "systems"]
    assert payload["base"] == {"label": "HEAD~1", "commit": "a" * 40}
    assert payload["count"] == 2 and payload["summary"]["recoded"] == 2
    assert payload["changes"][0] == {"kind": "recoded", "id": "so-khcn", "name": "Sở Khoa học và Công nghệ",
                                     "base_code": "H03.14", "head_code": "H03.21",
                                     "fields": {"code": {"old": "H03.14", "new": "H03.21"}}, "successors": []}


def test_markdown_is_a_pull_request_comment_with_one_table_per_kind() -> None:
    head = head_with(changed("chi-cuc-tdc", code="H03.14.02"), changed("tt-cntt", name="Trung tâm A | B <b>"))
    out = report_markdown(diff(BASE, head), **SIDES)
    lines = out.splitlines()
    assert lines[0] == f"### Registry changes: `HEAD~1` ({'a' * 10}) → `HEAD` ({'b' * 10})"
    assert "**2 unit changes:** 1 recoded, 1 renamed" in lines
    assert lines.index("#### Recoded (1)") < lines.index("#### Renamed (1)")
    assert "| `chi-cuc-tdc` | `H03.14.01` → `H03.14.02` | Chi cục TĐC |  |" in lines
    row = next(line for line in lines if line.startswith("| `tt-cntt`"))
    assert "| Trung tâm A \\| B &lt;b&gt; |" in row and row.count(" | ") == 3
    assert out.endswith("\n") and out == report_markdown(diff(BASE, head), **SIDES)
