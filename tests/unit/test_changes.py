"""Change sets per system (DESIGN.md §5): full and incremental, scope, recodes, closes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from madinhdanh import loader
from madinhdanh.changes import Add, ChangeSet, Close, Recode, Repoint, Update, change_set, change_sets
from madinhdanh.model import Registry, System

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def units_doc() -> Any:
    return loader.load_file(ROOT / "registry/units.yaml")


@pytest.fixture(scope="module")
def systems() -> dict[str, System]:
    doc = loader.load_file(ROOT / "registry/systems.yaml")
    return {entry["id"]: System.from_document(entry) for entry in doc["systems"]}  # type: ignore[index]


def registry(doc: Any) -> Registry:
    return Registry.from_documents(doc)


def edited(doc: Any, **changes: dict[str, Any]) -> Any:
    """A copy of ``doc`` with some units' fields replaced (by id)."""
    copied = copy.deepcopy({"settings": dict(doc["settings"]), "units": [dict(u) for u in doc["units"]]})
    for unit in copied["units"]:
        unit.update(changes.get(unit["id"].replace("-", "_"), {}))
    return copied


def test_full_sync_recodes_every_unit_in_scope_from_its_qcvn102_code(units_doc: Any, systems: dict[str, System]) -> None:
    head = registry(units_doc)
    reporting = change_set(systems["reporting"], head)
    in_scope = [u for u in head.units if u.block == "state" and u.level in (2, 3)]
    assert reporting.full
    assert len(reporting.adds) == len(reporting.updates) == len(in_scope)
    assert {a.level for a in reporting.adds} == {2, 3}
    first = next(r for r in reporting.recodes if r.unit_id == "vp-ubnd-tinh")
    assert first == Recode("vp-ubnd-tinh", ("000.00.03.H03",), "H03.01")
    with_history = next(r for r in reporting.recodes if r.unit_id == "tt-phuc-vu-hcc")
    assert with_history.old == ("000.02.03.H03", "H03.35")  # the QCVN 102 code, then the former code


def test_full_sync_closes_and_repoints_closed_units(units_doc: Any, systems: dict[str, System]) -> None:
    head = registry(units_doc)
    changes = change_set(systems["qlvb_state"], head)
    merged = next(c for c in changes.closes if c.unit_id == "son-dong-xa-thanh-luan")
    assert merged.successor == head.by_id("son-dong-tt-tay-yen-tu").code  # type: ignore[union-attr]
    dissolved = next(c for c in changes.closes if c.unit_id == "son-dong-phong-y-te")
    assert dissolved.successor is None
    assert changes.repoints == (Repoint(merged.code, merged.successor),)  # type: ignore[arg-type]


def test_scope_is_respected(units_doc: Any, systems: dict[str, System]) -> None:
    head = registry(units_doc)
    sets = {s.system: s for s in change_sets(systems.values(), head)}
    assert len(sets["qlvb_party"].adds) == len(head.units)  # both blocks, every level and status
    assert all(head.by_id(a.unit_id).block == "state" for a in sets["tthc"].adds)  # type: ignore[union-attr]
    assert max(a.level for a in sets["tthc"].adds) == 3


def test_no_change_gives_an_empty_incremental_set(units_doc: Any, systems: dict[str, System]) -> None:
    head = registry(units_doc)
    changes = change_set(systems["qlvb_state"], head, base=head)
    assert changes.empty and not changes.full
    assert changes.counts() == {"recodes": 0, "adds": 0, "updates": 0, "closes": 0, "repoints": 0}


def test_incremental_recode_swap_rename_and_add(units_doc: Any, systems: dict[str, System]) -> None:
    base = registry(units_doc)
    head_doc = edited(units_doc, so_tu_phap={"code": "H03.04"}, so_khdt={"code": "H03.03"},  # a swap
                      so_xay_dung={"name": "Sở Xây dựng tỉnh Bắc Giang"})
    head_doc["units"].append({"id": "so-du-lich", "code": "H03.60", "name": "Sở Du lịch", "block": "state",
                              "status": "active", "decision": {"number": "1/QĐ-UBND", "date": "2025-01-01"}})
    before = {u.id: u for u in base.units}
    changes = change_set(systems["qlvb_state"], registry(head_doc), base=base)
    recodes = {r.unit_id: r for r in changes.recodes}
    assert set(recodes) == {"so-tu-phap", "so-khdt"}
    assert recodes["so-tu-phap"] == Recode("so-tu-phap", (before["so-tu-phap"].code102, "H03.03"), "H03.04")  # type: ignore[arg-type]
    assert changes.code_map()["H03.03"] == "H03.04" and changes.code_map()["H03.04"] == "H03.03"  # a cycle
    assert [a.unit_id for a in changes.adds] == ["so-du-lich"]
    assert {u.unit_id for u in changes.updates} == {"so-tu-phap", "so-khdt", "so-xay-dung", "so-du-lich"}
    assert next(u for u in changes.updates if u.unit_id == "so-xay-dung").name == "Sở Xây dựng tỉnh Bắc Giang"


def test_incremental_close_with_successor(units_doc: Any, systems: dict[str, System]) -> None:
    base = registry(units_doc)
    closed = {"status": "closed", "closed": {"date": "2025-03-01", "decision": {"number": "9/QĐ-UBND", "date": "2025-03-01"},
                                             "reason": "merged", "successors": ["so-khcn"]}}
    changes = change_set(systems["tthc"], registry(edited(units_doc, so_tttt=closed)), base=base)
    tttt, khcn = base.by_id("so-tttt"), base.by_id("so-khcn")
    assert changes.closes == (Close("so-tttt", tttt.code, khcn.code),)  # type: ignore[union-attr]
    assert changes.repoints == (Repoint(tttt.code, khcn.code),)  # type: ignore[union-attr]
    assert [u.status for u in changes.updates] == ["closed"]
    assert not changes.recodes and not changes.adds


def test_a_system_keyed_on_legacy_identifiers(units_doc: Any, systems: dict[str, System]) -> None:
    doc = edited(units_doc, ubnd_tinh={"legacy": {"portal": "UBND"}})
    portal = System.from_document({**systems["portal"].document, "identifier": "legacy.portal"})
    changes = change_set(portal, registry(doc))
    assert changes.recodes[0] == Recode("ubnd-tinh", ("UBND",), "H03")
    assert isinstance(changes, ChangeSet) and all(isinstance(a, Add) for a in changes.adds)
    assert all(isinstance(u, Update) for u in changes.updates)


def not_converted(system: System) -> System:
    return System.from_document({**system.document, "writes": system.identifier})


def test_a_system_not_converted_yet_is_kept_in_step_under_its_old_codes(units_doc: Any, systems: dict[str, System]) -> None:
    head = registry(units_doc)
    legacy = not_converted(systems["qlvb_state"])
    changes = change_set(legacy, head)
    assert changes.recodes == ()  # nothing to convert: it keeps its QCVN 102 codes
    office = next(a for a in changes.adds if a.unit_id == "tt-phuc-vu-hcc")
    assert (office.code, office.parent_code) == ("000.02.03.H03", "000.00.03.H03")  # parent: the parent unit's code102
    merged = next(c for c in changes.closes if c.unit_id == "son-dong-xa-thanh-luan")
    assert merged.successor == head.by_id("son-dong-tt-tay-yen-tu").code102  # type: ignore[union-attr]
    assert all(r.old.endswith(".H03") and r.new.endswith(".H03") for r in changes.repoints)
    renamed = edited(units_doc, so_tu_phap={"name": "Sở Tư pháp tỉnh Bắc Giang"})
    step = change_set(legacy, registry(renamed), head)
    assert step.recodes == () and [u.name for u in step.updates] == ["Sở Tư pháp tỉnh Bắc Giang"]
    assert step.updates[0].code == head.by_id("so-tu-phap").code102  # type: ignore[union-attr]


def test_setting_writes_code_converts_every_unit_in_scope(units_doc: Any, systems: dict[str, System]) -> None:
    head = registry(units_doc)
    converted = systems["reporting"]
    changes = change_set(converted, head, head, not_converted(converted))
    full = change_set(converted, head)
    assert not changes.full and changes.adds == ()
    assert {r.unit_id: r.new for r in changes.recodes} == {r.unit_id: r.new for r in full.recodes}
    assert all(r.old[0] == head.by_id(r.unit_id).code102 for r in changes.recodes)  # type: ignore[union-attr]
    assert len(changes.updates) == len(full.updates)  # every row's code and parent code change
    assert change_set(converted, head, head, converted).empty  # the same commit without the switch: nothing
