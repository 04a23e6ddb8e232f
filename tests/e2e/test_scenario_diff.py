"""The history scenario (examples/scenarios/bac-giang-2021-2025) replayed into a real git
repository: every tag's registry is valid and canonical, and ``mdd diff --base auto`` at each tag
lists exactly the scenario's changes since the tag before. (Deploying it: tests/db/test_scenario_deploy.py.)"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from madinhdanh.cli import cli
from madinhdanh.systemdiff import CONVERTS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples" / "scenarios"))

import replay  # noqa: E402

SCENARIO = ROOT / "examples" / "scenarios" / "bac-giang-2021-2025"
TAGS = ["v2021.12", "v2024.1", "v2024.2", "v2025.1"]


def mdd(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    into = tmp_path_factory.mktemp("scenario") / "province"
    assert [r.tag for r in replay.build_repository(SCENARIO, into)] == TAGS
    return into


def diff_at(repo: Path, tag: str) -> tuple[dict[str, set[str]], dict[str, object], str]:
    """Unit ids per change kind, the raw JSON, and the line saying which base was used."""
    replay.checkout(repo, tag)
    code, out, err = mdd("diff", "--base", "auto", "--format", "json", "--registry", str(repo / "registry"))
    assert code == 0, err
    payload = json.loads(out)
    kinds: dict[str, set[str]] = defaultdict(set)
    for change in payload["changes"]:
        kinds[change["kind"]].add(change["id"])
    return kinds, payload, err


@pytest.mark.parametrize("tag", TAGS)
def test_every_tag_is_valid_and_canonical(repo: Path, tag: str) -> None:
    replay.checkout(repo, tag)
    registry = ("--registry", str(repo / "registry"))
    assert mdd("validate", *registry)[0] == 0
    assert mdd("fmt", "--check", *registry)[0] == 0


def test_the_legacy_state_is_a_first_release(repo: Path) -> None:
    kinds, payload, err = diff_at(repo, "v2021.12")
    assert "no release tag matching v*" in err
    assert set(kinds) == {"added"} and len(kinds["added"]) == 180
    systems = payload["systems"]
    assert [(s["kind"], s["id"]) for s in systems] == [("added", sid) for sid in
                                                      ("qlvb_state", "qlvb_party", "tthc", "reporting", "portal")]


def test_the_conversion_is_a_change_of_every_system_only(repo: Path) -> None:
    kinds, payload, err = diff_at(repo, "v2024.1")
    assert "since the release tag v2021.12" in err
    assert not kinds
    assert [s["fields"] for s in payload["systems"]] == [{"writes": {"old": "code102", "new": "code"}}] * 5
    assert all(s["note"] == CONVERTS for s in payload["systems"])


def test_the_routine_release(repo: Path) -> None:
    kinds, payload, err = diff_at(repo, "v2024.2")
    assert "since the release tag v2024.1" in err and payload["systems"] == []
    assert dict(kinds) == {"added": {"tt-chuyen-doi-so"}, "recoded": {"dai-ptth", "cd-ngo-gia-tu"},
                           "closed": {"bqlda-giao-thong-nong-nghiep"}, "renamed": {"ban-ql-kcn"},
                           "decision": {"dai-ptth", "cd-ngo-gia-tu"}}
    closed = next(c for c in payload["changes"] if c["kind"] == "closed")
    assert closed["successors"] == [{"id": "bqlda-dan-dung-cong-nghiep", "code": "H03.31"}]
    recoded = {c["id"]: (c["base_code"], c["head_code"]) for c in payload["changes"] if c["kind"] == "recoded"}
    assert recoded == {"dai-ptth": ("H03.30", "H03.38"), "cd-ngo-gia-tu": ("H03.33", "H03.39")}


def test_the_2025_reform(repo: Path) -> None:
    kinds, payload, err = diff_at(repo, "v2025.1")
    assert "since the release tag v2024.2" in err and payload["systems"] == []
    assert kinds["closed"] == {"so-tttt", "so-tnmt", "so-khdt"}
    assert kinds["renamed"] == {"so-nnptnt", "ubnd-tinh"}
    assert kinds["moved"] == {"tt-cntt-tt", "tt-chuyen-doi-so", "vp-dang-ky-dat-dai"}  # under the successors
    every = {c["id"] for c in payload["changes"] if c["kind"] in ("recoded", "moved")}
    assert len(every) == 181  # every unit's code changes: the province's level-1 group
    heads = {c["id"]: c["head_code"] for c in payload["changes"] if c["kind"] in ("recoded", "moved")}
    assert all(code.startswith("H06") for code in heads.values())
    assert heads["ubnd-tinh"] == "H06" and heads["tt-chuyen-doi-so"] == "H06.14.03"
    assert set(kinds) <= {"recoded", "moved", "renamed", "closed", "decision", "history", "note"}
