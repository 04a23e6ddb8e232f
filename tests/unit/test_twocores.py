"""Loading on two cores gives exactly what loading on one gives, or declines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from madinhdanh import loader, twocores

ROOT = Path(__file__).resolve().parents[2]


def same(a: Any, b: Any) -> bool:
    """Equal data and equal positions, all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, loader.Map):
        return a.marks == b.marks and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, loader.Seq):
        return a.marks == b.marks and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return bool(a == b)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("gen")
    subprocess.run([sys.executable, str(ROOT / "bench/gen_registry.py"), "3000", "--out", str(out)],
                   check=True, capture_output=True)
    return (out / "units.yaml").read_bytes()


def test_two_parts_equal_one_on_a_generated_registry(generated: bytes) -> None:
    whole = loader.load_bytes(generated, split=False)
    split = twocores.load(generated)
    assert split is not None
    assert split == whole
    assert same(split, whole)
    assert loader.position(split, ("units", 2999, "name")) == loader.position(whole, ("units", 2999, "name"))


def test_two_parts_equal_one_on_the_sample_registry() -> None:
    data = (ROOT / "registry/units.yaml").read_bytes()
    split = loader.load_bytes(data, split=True)
    assert same(split, loader.load_bytes(data, split=False))


def test_every_cut_point_gives_the_same_document() -> None:
    data = (ROOT / "tests/fixtures/registry/good/units.yaml").read_bytes()
    whole = loader.load_bytes(data, split=False)
    cuts = [i for i in range(len(data)) if data[i : i + 3] == b"\n- "]
    assert len(cuts) > 3
    for at in cuts[1:]:
        assert same(twocores.load(data, at), whole), at


def test_a_cut_inside_a_quoted_scalar_declines() -> None:
    # libyaml lets a double-quoted scalar continue at column 0, even with "- ": not an item
    data = b'settings: {}\nunits:\n- id: a\n  note: "first line\n- second line"\n- id: b\n'
    at = data.index(b"\n- second")
    assert twocores.load(data, at) is None
    assert loader.load_bytes(data, split=True) == {"settings": {}, "units": [{"id": "a", "note": "first line - second line"}, {"id": "b"}]}


def test_units_not_last_declines() -> None:
    data = b"units:\n- id: a\n- id: b\nother:\n- x\n- y\n"
    assert twocores.load(data, data.index(b"\n- y")) is None
    assert loader.load_bytes(data, split=True) == {"units": [{"id": "a"}, {"id": "b"}], "other": ["x", "y"]}


def test_a_problem_in_the_second_part_is_reported_as_in_one_part() -> None:
    data = b"units:\n- id: a\n- id: b\n  id: c\n"
    with pytest.raises(loader.LoadError) as split:
        loader.load_bytes(data, split=True)
    with pytest.raises(loader.LoadError) as whole:
        loader.load_bytes(data, split=False)
    assert split.value.problems == whole.value.problems
    assert (split.value.problems[0].line, split.value.problems[0].column) == (4, 3)


def test_small_files_stay_on_one_core() -> None:
    assert not twocores.worth_it(b"units: []\n")
