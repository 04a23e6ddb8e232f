"""``mdd diff`` on real git repositories: the sample registry committed, edited, committed again.

Each test makes its own repository in ``tmp_path`` (GitPython), edits units.yaml through the
strict loader and the canonical dumper (so only the intended units change), and runs the command
line in-process.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import git
import pytest
from click.testing import CliRunner

from madinhdanh import canonical, loader
from madinhdanh.cli import cli

SAMPLE = Path(__file__).resolve().parents[2] / "registry"
ACTOR = git.Actor("Sở TT&TT", "stttt@example.invalid")
ACT_2025 = {"number": "9003/QĐ-UBND", "date": "2025-03-01", "issuer": "UBND tỉnh Bắc Giang"}


class Run:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


def mdd(*args: str) -> Run:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": ""})
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def repo(tmp_path: Path) -> git.Repo:
    """A repository whose first commit holds the sample registry."""
    root = tmp_path / "province"
    shutil.copytree(SAMPLE, root / "registry")
    repository = git.Repo.init(root)
    commit(repository, "registry as issued by 1350/QĐ-UBND")
    return repository


def registry_of(repository: git.Repo) -> Path:
    return Path(str(repository.working_tree_dir)) / "registry"


def commit(repository: git.Repo, message: str) -> None:
    repository.index.add(["registry/units.yaml", "registry/systems.yaml"])
    repository.index.commit(message, author=ACTOR, committer=ACTOR)


@contextmanager
def units_of(repository: git.Repo) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    """The units (a list to append to, and by id to edit), written back in canonical form."""
    path = registry_of(repository) / "units.yaml"
    doc: Any = loader.load_file(path)
    yield doc["units"], {unit["id"]: unit for unit in doc["units"]}
    path.write_text(canonical.dump_units(doc), encoding="utf-8")


def assert_valid(repository: git.Repo) -> None:
    run = mdd("validate", "--registry", str(registry_of(repository)))
    assert run.exit_code == 0, run.stdout


def diff_json(repository: git.Repo, *args: str) -> dict[str, Any]:
    run = mdd("diff", *args, "--registry", str(registry_of(repository)), "--format", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    return json.loads(run.stdout)


def recode(unit: dict[str, Any], code: str) -> None:
    """A recode as an editor writes it: the old code goes to history."""
    unit["history"] = [*(unit.get("history") or []),
                       {"code": unit["code"], "until": "2025-03-01", "decision": ACT_2025}]
    unit["code"] = code


def test_a_commit_recoding_two_units_shows_exactly_those_two(repo: git.Repo) -> None:
    with units_of(repo) as (_, units):
        recode(units["so-khdt"], "H03.22")
        recode(units["so-tai-chinh"], "H03.23")
    assert_valid(repo)
    commit(repo, "recode two departments")

    run = mdd("diff", "HEAD~1..HEAD", "--registry", str(registry_of(repo)))
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines() == [
        "recoded  so-khdt  H03.04 → H03.22  Sở Kế hoạch và Đầu tư",
        "recoded  so-tai-chinh  H03.05 → H03.23  Sở Tài chính",
        "2 unit changes between HEAD~1 and HEAD: 2 recoded",
    ]
    payload = diff_json(repo, "HEAD~1..HEAD")
    assert payload["count"] == 2 and payload["summary"]["recoded"] == 2
    assert [(c["kind"], c["id"], c["fields"]["code"]["old"], c["fields"]["code"]["new"])
            for c in payload["changes"]] == [("recoded", "so-khdt", "H03.04", "H03.22"),
                                             ("recoded", "so-tai-chinh", "H03.05", "H03.23")]
    assert payload["base"]["commit"] == repo.commit("HEAD~1").hexsha
    assert payload["head"] == {"label": "HEAD", "commit": repo.head.commit.hexsha}
    assert mdd("diff", "HEAD~1..HEAD", "--exit-code", "--registry", str(registry_of(repo))).exit_code == 1


def test_rename_and_contact_change(repo: git.Repo) -> None:
    with units_of(repo) as (_, units):
        units["so-tttt"]["name"] = "Sở Khoa học và Công nghệ thông tin"
        units["so-tttt"]["contact"] = {"email": "stttt@bacgiang.gov.vn", "website": "https://sokhcn.bacgiang.gov.vn"}
    assert_valid(repo)
    commit(repo, "rename and contact")

    changes = diff_json(repo, "HEAD~1..HEAD")["changes"]
    assert [(c["kind"], c["id"]) for c in changes] == [("renamed", "so-tttt"), ("contact", "so-tttt")]
    assert changes[0]["fields"] == {"name": {"old": "Sở Thông tin và Truyền thông",
                                             "new": "Sở Khoa học và Công nghệ thông tin"}}
    assert changes[1]["fields"] == {
        "contact.email": {"old": None, "new": "stttt@bacgiang.gov.vn"},
        "contact.website": {"old": "https://stttt.bacgiang.gov.vn", "new": "https://sokhcn.bacgiang.gov.vn"}}


def test_closing_a_department_into_its_successor_moves_its_child(repo: git.Repo) -> None:
    with units_of(repo) as (_, units):
        closing, child = units["so-tttt"], units["tt-cntt-tt"]
        closing["status"] = "closed"
        closing["closed"] = {"date": "2025-03-01", "decision": ACT_2025, "reason": "merged", "successors": ["so-khcn"]}
        recode(child, "H03.14.02")
        child["code102"] = "000.02.14.H03"
    assert_valid(repo)
    commit(repo, "merge Sở TT&TT into Sở KH&CN")

    payload = diff_json(repo, "HEAD~1..HEAD")
    assert [(c["kind"], c["id"]) for c in payload["changes"]] == [("closed", "so-tttt"), ("moved", "tt-cntt-tt")]
    closed, moved = payload["changes"]
    assert closed["successors"] == [{"id": "so-khcn", "code": "H03.14"}]
    assert closed["fields"]["status"] == {"old": "active", "new": "closed"}
    assert closed["fields"]["closed.reason"] == {"old": None, "new": "merged"}
    assert moved["fields"] == {"code": {"old": "H03.11.01", "new": "H03.14.02"},
                               "code102": {"old": "000.01.12.H03", "new": "000.02.14.H03"},
                               "parent": {"old": "so-tttt", "new": "so-khcn"}}
    text = mdd("diff", "HEAD~1..HEAD", "--registry", str(registry_of(repo))).stdout
    assert "closed   so-tttt  H03.11  Sở Thông tin và Truyền thông" in text
    assert "successors: so-khcn (H03.14)" in text


def test_an_added_unit(repo: git.Repo) -> None:
    with units_of(repo) as (listed, _):
        listed.append({"id": "so-moi", "code": "H03.21", "name": "Sở Mới", "block": "state", "status": "active",
                       "decision": ACT_2025})
    assert_valid(repo)
    commit(repo, "add a unit")
    run = mdd("diff", "HEAD~1..HEAD", "--registry", str(registry_of(repo)))
    assert run.stdout.splitlines()[0] == "added    so-moi  H03.21  Sở Mới"


def test_working_tree_mode_from_inside_the_repository(repo: git.Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(str(repo.working_tree_dir))  # --registry defaults to ./registry
    run = mdd("diff", "--exit-code")
    assert (run.exit_code, run.stdout) == (0, "no unit changes between HEAD and working tree\n")

    with units_of(repo) as (_, units):
        units["so-ngoai-vu"]["note"] = "chờ quyết định sáp nhập"
    for args in ((), ("HEAD",)):
        run = mdd("diff", *args)
        assert run.exit_code == 0
        assert run.stdout.splitlines()[0] == "note     so-ngoai-vu  H03.17  Sở Ngoại vụ  note: (none) → chờ quyết định sáp nhập"
    assert mdd("diff", "--exit-code").exit_code == 1
    assert diff_json(repo)["head"] == {"label": "working tree", "commit": None}


def test_merge_base_range_shows_only_the_branch(repo: git.Repo) -> None:
    repo.git.checkout("-b", "feature")
    with units_of(repo) as (_, units):
        units["so-ngoai-vu"]["short_name"] = "Sở NV"
    commit(repo, "feature")
    repo.git.checkout("-")
    with units_of(repo) as (_, units):
        units["so-xay-dung"]["short_name"] = "Sở XD"
    commit(repo, "main moved on")
    main = repo.active_branch.name
    assert [c["id"] for c in diff_json(repo, f"{main}...feature")["changes"]] == ["so-ngoai-vu"]
    assert [c["id"] for c in diff_json(repo, f"{main}..feature")["changes"]] == ["so-xay-dung", "so-ngoai-vu"]


def test_unknown_ref_exits_2_naming_it(repo: git.Repo) -> None:
    for spec in ("v9.9", "v9.9..HEAD", "HEAD..v9.9", "HEAD~5"):
        run = mdd("diff", spec, "--registry", str(registry_of(repo)))
        ref = spec.replace("..HEAD", "").replace("HEAD..", "")
        assert run.exit_code == 2, spec
        assert run.stderr.count("\n") == 1 and f'ref "{ref}"' in run.stderr and "Traceback" not in run.stderr
        assert run.stdout == ""


def test_no_repository_or_no_registry_at_the_ref_exits_2(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "alone" / "registry")
    run = mdd("diff", "--registry", str(tmp_path / "alone" / "registry"))
    assert run.exit_code == 2 and "is not inside a git repository" in run.stderr

    repository = git.Repo.init(tmp_path / "alone")
    (tmp_path / "alone" / "README.md").write_text("registry\n", encoding="utf-8")
    repository.index.add(["README.md"])
    repository.index.commit("first", author=ACTOR, committer=ACTOR)
    commit(repository, "the registry")
    run = mdd("diff", "HEAD~1..HEAD", "--registry", str(tmp_path / "alone" / "registry"))
    assert (run.exit_code, run.stderr) == (2, 'mdd: ref "HEAD~1" has no registry/units.yaml: '
                                              "is the registry elsewhere (--registry DIR)?\n")


def test_a_ref_that_fails_validation_exits_1_with_ref_prefixed_problems(repo: git.Repo) -> None:
    with units_of(repo) as (_, units):
        units["so-khdt"]["code"] = "H03.4a"
    commit(repo, "a typo")
    committed = (registry_of(repo) / "units.yaml").read_text(encoding="utf-8").splitlines()
    line = committed.index("  code: H03.4a") + 1

    run = mdd("diff", "HEAD~1..HEAD", "--registry", str(registry_of(repo)))
    assert run.exit_code == 1
    problems = run.stdout.splitlines()[:-1]
    assert problems and all(p.startswith("HEAD:registry/units.yaml:") for p in problems)
    assert f"HEAD:registry/units.yaml:{line}:9: code-syntax: " in run.stdout
    assert json.loads(mdd("diff", "HEAD~1..HEAD", "--registry", str(registry_of(repo)),
                          "--format", "json").stdout)["problems"][0]["file"] == "HEAD:registry/units.yaml"


def test_markdown_is_a_pull_request_comment(repo: git.Repo) -> None:
    with units_of(repo) as (_, units):
        recode(units["so-khdt"], "H03.22")
        units["so-ngoai-vu"]["name"] = "Sở Ngoại vụ tỉnh Bắc Giang"
    commit(repo, "two changes")
    run = mdd("diff", "HEAD~1..HEAD", "--registry", str(registry_of(repo)), "--format", "markdown")
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith("### Registry changes: `HEAD~1` (") and "→ `HEAD` (" in lines[0]
    assert "**2 unit changes:** 1 recoded, 1 renamed" in lines
    assert "| Unit | Code | Name | Details |" in lines and "|---|---|---|---|" in lines
    assert "| `so-khdt` | `H03.04` → `H03.22` | Sở Kế hoạch và Đầu tư |  |" in lines
