"""Negative fixtures, one folder per failure mode (like yamllint's and octoDNS's test data).

``tests/fixtures/registry/good`` and every folder under ``valid/`` is a registry that validates
with no problem. Every folder under ``bad/`` holds ``units.yaml`` and ``systems.yaml`` (the good
ones with one thing changed) and ``expected.txt``: the exact ``Problem.text()`` lines
``validate_registry`` must return, with file names relative to the folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from madinhdanh.validate import validate_registry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "registry"
GOOD = [FIXTURES / "good", *sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())]
BAD = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def problems_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(folder)
    return [problem.text() for problem in validate_registry(Path(".")).problems]


def test_there_are_fixtures():
    assert len(BAD) >= 20
    assert all((case / "units.yaml").is_file() and (case / "systems.yaml").is_file() for case in GOOD + BAD)


@pytest.mark.parametrize("case", GOOD, ids=lambda p: p.name)
def test_valid_registry_has_no_problems(case, monkeypatch):
    assert problems_in(case, monkeypatch) == []


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.name)
def test_bad_registry_gives_exactly_the_expected_problems(case, monkeypatch):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case.name}/expected.txt lists no problem"
    found = problems_in(case, monkeypatch)
    assert found, "a bad registry must give at least one problem"
    assert found == expected
    assert all(line.startswith(("units.yaml", "systems.yaml")) for line in found)


@pytest.mark.parametrize("case", [c for c in BAD if c.name.startswith("password")], ids=lambda p: p.name)
def test_a_password_never_appears_in_the_output(case, monkeypatch):
    monkeypatch.chdir(case)
    problems = validate_registry(Path(".")).problems
    assert problems
    # the password is "secret"; the rule id "no-secrets" is the only place the word may appear
    assert not any("secret" in f"{p.file} {p.message} {p.path}" for p in problems)
    assert any("***" in p.message for p in problems)


def test_an_empty_units_file_is_a_problem(tmp_path, monkeypatch):
    (tmp_path / "units.yaml").write_bytes(b"")
    (tmp_path / "systems.yaml").write_bytes((FIXTURES / "good" / "systems.yaml").read_bytes())
    found = problems_in(tmp_path, monkeypatch)
    assert found and all(line.startswith("units.yaml") for line in found)


def test_a_missing_file_is_a_problem(tmp_path, monkeypatch):
    (tmp_path / "systems.yaml").write_bytes((FIXTURES / "good" / "systems.yaml").read_bytes())
    assert problems_in(tmp_path, monkeypatch) == ["units.yaml: missing-file: units.yaml is missing from ."]


def test_a_control_character_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    good = (FIXTURES / "good" / "units.yaml").read_bytes()
    (tmp_path / "units.yaml").write_bytes(good.replace("name: Ban Tôn giáo".encode(), "name: Ban Tôn\x01giáo".encode()))
    (tmp_path / "systems.yaml").write_bytes((FIXTURES / "good" / "systems.yaml").read_bytes())
    found = problems_in(tmp_path, monkeypatch)
    assert len(found) == 1 and found[0].startswith("units.yaml:93:")
