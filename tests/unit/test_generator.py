"""The synthetic registry generator writes valid, canonical, repeatable registries, for one
province and for the national axis (N units over the 63 former provinces and the central bodies)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from madinhdanh import fmt
from madinhdanh.validate import validate_registry, summary

ROOT = Path(__file__).resolve().parents[2]


def generate(n: int, out: Path, seed: int = 1, national: bool = False) -> Path:
    command = [sys.executable, str(ROOT / "bench/gen_registry.py"), str(n), "--out", str(out), "--seed", str(seed)]
    subprocess.run(command + (["--national"] if national else []), check=True, capture_output=True)
    return out


@pytest.mark.parametrize("national", [False, True], ids=["province", "national"])
@pytest.mark.parametrize("n", [1, 7, 2000])
def test_generated_registry_is_valid_and_canonical(n: int, national: bool, tmp_path: Path) -> None:
    registry = generate(n, tmp_path, national=national)
    result = validate_registry(registry)
    assert [p.text() for p in result.problems] == []
    counts = summary(result.units)
    assert counts["units"] == n
    if n >= 2000:
        assert set(counts["levels"]) == {1, 2, 3, 4}
        assert counts["statuses"].get("closed", 0) >= 1
    for key in ("units", "systems"):
        data = (registry / fmt.FILES[key]).read_bytes()
        assert fmt.canonical_text(key, data) == data.decode("utf-8")


def test_national_registry_spreads_units_over_every_level1_body(tmp_path: Path) -> None:
    doc = yaml.safe_load((generate(2000, tmp_path, national=True) / "units.yaml").read_text(encoding="utf-8"))
    settings, units = doc["settings"], doc["units"]
    roots = [u["code"] for u in units if "." not in u["code"]]
    provinces = [f"H{i:02d}" for i in range(1, 64)]
    central = [f"G{i:02d}" for i in range(1, 31)]
    assert roots == central + provinces
    assert settings["level1_code"] == "G22"
    assert settings["level1_codes"] == [c for c in central + provinces if c != "G22"]
    assert settings["illustrative"] is True and "minh họa" in settings["note"]
    assert {u["code"].split(".")[0] for u in units} == set(roots)
    assert any("history" in u for u in units) and any("code102" in u for u in units)


def test_national_registry_under_40_units_is_one_body(tmp_path: Path) -> None:
    doc = yaml.safe_load((generate(39, tmp_path, national=True) / "units.yaml").read_text(encoding="utf-8"))
    assert doc["settings"]["level1_code"] == "G22" and "level1_codes" not in doc["settings"]
    assert {u["code"].split(".")[0] for u in doc["units"]} == {"G22"}


def test_systems_are_the_five_of_the_sample_registry(tmp_path: Path) -> None:
    systems = yaml.safe_load((generate(7, tmp_path) / "systems.yaml").read_text(encoding="utf-8"))["systems"]
    sample = yaml.safe_load((ROOT / "registry/systems.yaml").read_text(encoding="utf-8"))["systems"]
    assert [s["id"] for s in systems] == [s["id"] for s in sample]


@pytest.mark.parametrize("national", [False, True], ids=["province", "national"])
def test_generator_is_deterministic(national: bool, tmp_path: Path) -> None:
    first = generate(300, tmp_path / "a", national=national)
    second = generate(300, tmp_path / "b", national=national)
    third = generate(300, tmp_path / "c", seed=2, national=national)
    assert (first / "units.yaml").read_bytes() == (second / "units.yaml").read_bytes()
    assert (first / "units.yaml").read_bytes() != (third / "units.yaml").read_bytes()
