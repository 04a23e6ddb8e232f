"""The synthetic registry generator writes valid, canonical, repeatable registries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from madinhdanh import fmt
from madinhdanh.validate import validate_registry, summary

ROOT = Path(__file__).resolve().parents[2]


def generate(n: int, out: Path, seed: int = 1) -> Path:
    subprocess.run([sys.executable, str(ROOT / "bench/gen_registry.py"), str(n), "--out", str(out), "--seed", str(seed)],
                   check=True, capture_output=True)
    return out


@pytest.mark.parametrize("n", [1, 7, 2000])
def test_generated_registry_is_valid_and_canonical(n: int, tmp_path: Path) -> None:
    registry = generate(n, tmp_path)
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


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generate(300, tmp_path / "a")
    second = generate(300, tmp_path / "b")
    third = generate(300, tmp_path / "c", seed=2)
    assert (first / "units.yaml").read_bytes() == (second / "units.yaml").read_bytes()
    assert (first / "units.yaml").read_bytes() != (third / "units.yaml").read_bytes()
