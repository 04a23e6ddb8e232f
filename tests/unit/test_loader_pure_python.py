"""Without libyaml (PyYAML built without its C extension) the loader gives the same answers,
only slower: the builder reads the pure-Python parser's events the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from madinhdanh import loader

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pure_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_Parser", yaml.SafeLoader)


def problems(data: bytes) -> list[tuple[int, int, str]]:
    with pytest.raises(loader.LoadError) as error:
        loader.load_bytes(data, split=False)
    return [(p.line, p.column, p.rule) for p in error.value.problems]


def test_same_document_and_positions_as_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (ROOT / "registry/units.yaml").read_bytes()
    with_libyaml = loader.load_bytes(data, split=False)
    monkeypatch.setattr(loader, "_Parser", yaml.SafeLoader)
    pure = loader.load_bytes(data, split=False)
    assert pure == with_libyaml
    paths = list(loader.walk_paths(with_libyaml))
    assert len(paths) > 2000
    assert [loader.position(pure, p) for p in paths] == [loader.position(with_libyaml, p) for p in paths]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a: 1\na: 2\n", [(2, 1, "yaml-duplicate-key")]),
        (b"a: &x 1\nb: *x\n", [(1, 4, "yaml-anchor"), (2, 4, "yaml-alias")]),
        (b"a: !custom 1\n", [(1, 4, "yaml-tag")]),
        (b"a:\n\tb: 1\n", [(2, 1, "yaml-syntax")]),
        (b"a: \x01\n", [(1, 4, "yaml-character")]),
        (b"a: \xff\n", [(1, 4, "yaml-encoding")]),
    ],
)
def test_same_refusals_as_libyaml(pure_python: None, data: bytes, expected: list[tuple[int, int, str]]) -> None:
    assert problems(data) == expected


def test_plain_scalars_resolve_the_same(pure_python: None) -> None:
    data = b"a: 12\nb: '12'\nc: 0204\nd: true\ne: ~\nf: 2021-12-02\n"
    assert loader.load_bytes(data, split=False) == {"a": 12, "b": "12", "c": "0204", "d": True, "e": None,
                                                   "f": "2021-12-02"}
