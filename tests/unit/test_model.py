"""The registry as frozen values (model.py), built from the sample registry and by hand."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from madinhdanh.model import Closure, Contact, Decision, Registry, Settings, Unit
from madinhdanh.validate import validate_registry

SAMPLE = Path(__file__).resolve().parents[2] / "registry"
ACT = Decision("1350/QĐ-UBND", "2021-12-02", "UBND tỉnh Bắc Giang")


@pytest.fixture(scope="module")
def sample() -> Registry:
    result = validate_registry(SAMPLE)
    assert result.problems == []
    return Registry.from_documents(result.files["units"].doc)


def test_sample_registry_has_every_unit_in_file_order(sample: Registry) -> None:
    assert len(sample.units) == 180
    assert sample.units[0].id == "ubnd-tinh"
    assert sample.settings.province == "Bắc Giang"
    assert sample.settings.level1_code == "H03"
    assert sample.settings.illustrative is True
    assert sample.settings.groups == ((2, "[0-9]{2}"), (3, "[0-9]{2}"), (4, "[0-9]{2}"))


def test_lookups_by_id_and_by_code(sample: Registry) -> None:
    unit = sample.by_id("so-tttt")
    assert unit is not None and unit is sample.by_code("H03.11")
    assert unit.name == "Sở Thông tin và Truyền thông"
    assert unit.code102 == "000.00.12.H03"
    assert unit.short_name == "Sở TT&TT"
    assert unit.contact == Contact(website="https://stttt.bacgiang.gov.vn")
    assert unit.decision == ACT
    assert sample.by_id("no-such-unit") is None
    assert sample.by_code("H03.11.05") is None  # a former code is not a current one


def test_level_and_parent_derive_from_the_code(sample: Registry) -> None:
    top = sample.by_code("H03")
    child = sample.by_id("tt-cntt-tt")
    assert top is not None and child is not None
    assert (top.level, top.parent_code, sample.parent(top)) == (1, None, None)
    assert (child.level, child.parent_code) == (3, "H03.11")
    assert sample.parent(child) is sample.by_id("so-tttt")
    assert {unit.level for unit in sample.units} <= {1, 2, 3, 4}


def test_history_and_closure_are_values(sample: Registry) -> None:
    child = sample.by_id("tt-cntt-tt")
    assert child is not None and [entry.code for entry in child.history] == ["H03.11.05"]
    assert child.history[0].decision == ACT
    closed = [unit for unit in sample.units if unit.status == "closed"]
    assert len(closed) == 2 and all(not unit.active and unit.closed is not None for unit in closed)
    merged = next(unit for unit in closed if unit.closed and unit.closed.reason == "merged")
    assert merged.closed is not None and merged.closed.successors == ("son-dong-tt-tay-yen-tu",)
    assert all(unit.closed is None for unit in sample.units if unit.active)


def test_values_are_frozen_and_hashable(sample: Registry) -> None:
    unit = sample.units[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        unit.code = "H04"  # type: ignore[misc]
    assert hash(sample) == hash(Registry(sample.settings, sample.units))
    assert Registry(sample.settings, sample.units) == sample


def _unit(unit_id: str, code: str, **extra: object) -> Unit:
    return Unit(id=unit_id, code=code, name=unit_id, block="state", status="active", decision=ACT, **extra)  # type: ignore[arg-type]


def test_hand_built_unit_defaults_and_legacy() -> None:
    unit = _unit("a", "H03.05", legacy=(("portal", "P5"), ("qlvb", "Q5")))
    assert unit.contact == Contact() and unit.history == () and unit.closed is None and unit.note is None
    assert unit.legacy_id("portal") == "P5" and unit.legacy_id("other") is None
    assert Unit.from_document({"id": "b", "code": "H03.06", "name": "b", "block": "party", "status": "closed",
                               "decision": {"number": "1/QĐ", "date": "2024-01-01"},
                               "legacy": {"qlvb": "Q", "portal": "P"},
                               "closed": {"date": "2024-02-01", "decision": {"number": "2/QĐ", "date": "2024-02-01"},
                                          "reason": "dissolved"}}) == Unit(
        id="b", code="H03.06", name="b", block="party", status="closed", decision=Decision("1/QĐ", "2024-01-01"),
        legacy=(("portal", "P"), ("qlvb", "Q")),
        closed=Closure("2024-02-01", Decision("2/QĐ", "2024-02-01"), "dissolved", ()))


def test_duplicate_id_or_code_is_refused() -> None:
    settings = Settings("Bắc Giang", "H03")
    with pytest.raises(ValueError, match="share the id 'a'"):
        Registry(settings, (_unit("a", "H03.01"), _unit("a", "H03.02")))
    with pytest.raises(ValueError, match="share the code 'H03.01'"):
        Registry(settings, (_unit("a", "H03.01"), _unit("b", "H03.01")))
