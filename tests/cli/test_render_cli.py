"""mdd render: the bundle on disk (manifest valid against its schema, per-file sha256, headers,
byte-identical reruns), incremental bundles from a git base, and the refusals (exit 1 for an
invalid registry, 2 for a bad ref or template set), none of which leaves a partial bundle."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import git
import jsonschema
import pytest
from click.testing import CliRunner

from madinhdanh import canonical, loader
from madinhdanh.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ACTOR = git.Actor("Sở TT&TT", "stttt@example.invalid")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A copy of the sample registry outside any git repository."""
    shutil.copytree(ROOT / "registry", tmp_path / "registry")
    return tmp_path / "registry"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name or ".old" in p.name)


def test_full_bundle(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist" / "demo"
    code, stdout, stderr = run("render", "--full", "--registry", str(registry), "--out", str(out))
    assert code == 0, stderr
    assert stdout.startswith(f"wrote {out}: release demo, full sync, 5 system(s)")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas" / "manifest.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(manifest)
    files = files_of(out)
    assert set(files) == set(manifest["files"]) | {"manifest.json"}
    for path, entry in manifest["files"].items():
        assert hashlib.sha256(files[path]).hexdigest() == entry["sha256"] and len(files[path]) == entry["bytes"]
    assert manifest["base"] is None and manifest["head"] == {"commit": None, "dirty": False}
    units = hashlib.sha256((registry / "units.yaml").read_bytes()).hexdigest()
    assert manifest["registry"]["units.yaml"] == units
    assert manifest["order"] == ["qlvb_state", "qlvb_party", "tthc", "reporting", "portal"]
    assert {s["id"]: s["dialect"] for s in manifest["systems"]} == {
        "qlvb_state": "mssql", "qlvb_party": "mssql", "tthc": "oracle", "reporting": "postgresql", "portal": "mysql"}
    assert {"qlvb_state/dmdc-donvi.json", "tthc/dvcqg-donvi.csv"} <= set(files)
    header = files["tthc/up.sql"].decode().splitlines()[:2]
    assert header[0] == ("-- madinhdanh up.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), "
                         "dialect oracle")
    assert "source commit none (not in a git repository); base none (full sync)" in header[1]
    assert files["tthc/dvcqg-donvi.csv"].startswith("\ufeffMã định danh,Mã QCVN 102,".encode())
    assert json.loads(files["qlvb_state/dmdc-donvi.json"])[0]["MaDinhDanh"] == "H03"
    catalog = tmp_path / "catalog.json"  # the template writes the same bytes as mdd export catalog
    assert run("export", "catalog", "--format", "json", "--registry", str(registry), "--out", str(catalog))[0] == 0
    assert files["qlvb_state/dmdc-donvi.json"] == catalog.read_bytes()
    assert leftovers(out.parent) == []


def test_identical_inputs_give_identical_bytes(registry: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert run("render", "--full", "--registry", str(registry), "--out", str(tmp_path / name / "r1"))[0] == 0
    assert files_of(tmp_path / "a" / "r1") == files_of(tmp_path / "b" / "r1")
    assert run("render", "--full", "--registry", str(registry), "--out", str(tmp_path / "a" / "r1"))[0] == 0  # replaced
    assert files_of(tmp_path / "a" / "r1") == files_of(tmp_path / "b" / "r1")


def test_dialect_preview_and_one_system(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    code, _, stderr = run("render", "--full", "--dialect", "sqlite", "--system", "tthc", "--registry", str(registry),
                          "--out", str(out), "--release", "2025.1", "--format", "json")
    assert code == 0, stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert [(s["id"], s["dialect"], s["declared_dialect"]) for s in manifest["systems"]] == [("tthc", "sqlite", "oracle")]
    assert manifest["release"] == "2025.1"
    assert "dialect sqlite (declared: oracle)" in (out / "tthc" / "up.sql").read_text().splitlines()[0]


@pytest.mark.parametrize("args", [(), ("--full", "--base", "HEAD")])
def test_exactly_one_of_base_and_full(registry: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    code, _, stderr = run("render", *args, "--registry", str(registry), "--out", str(tmp_path / "out"))
    assert code == 2 and "exactly one of --base REF" in stderr
    assert not (tmp_path / "out").exists()


def test_an_invalid_registry_renders_nothing(registry: Path, tmp_path: Path) -> None:
    units = registry / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("code: H03.01\n", "code: H03.1A\n", 1), encoding="utf-8")
    code, _, stderr = run("render", "--full", "--registry", str(registry), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "units.yaml:" in stderr and "code-syntax" in stderr and "nothing rendered" in stderr
    assert not (tmp_path / "out").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize(("edit", "message"), [
    (("template_set: portal", "template_set: cms_v2"), "template set cms_v2 not found: templates/sql/cms_v2/set.yaml is missing"),
    (("table: portal_units", "table: portal_unit"),
     "registry/systems.yaml: system portal: units: table portal_unit is not one template set portal expects"),
])
def test_a_system_that_does_not_fit_renders_nothing(registry: Path, tmp_path: Path, edit: tuple[str, str],
                                                     message: str) -> None:
    systems = registry / "systems.yaml"
    systems.write_text(systems.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "manifest.json").write_text("{}")  # an older bundle stays as it was
    code, _, stderr = run("render", "--full", "--registry", str(registry), "--out", str(tmp_path / "out"))
    assert code == 2 and message in stderr
    assert files_of(tmp_path / "out") == {"manifest.json": b"{}"} and leftovers(tmp_path) == []


def test_out_must_be_a_bundle_to_be_replaced(registry: Path, tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("keep")
    code, _, stderr = run("render", "--full", "--registry", str(registry), "--out", str(tmp_path / "notes"))
    assert code == 2 and "is not a bundle" in stderr
    assert files_of(tmp_path / "notes") == {"todo.txt": b"keep"}


# --- from git ---------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path: Path) -> git.Repo:
    root = tmp_path / "province"
    shutil.copytree(ROOT / "registry", root / "registry")
    repository = git.Repo.init(root)
    repository.index.add(["registry/units.yaml", "registry/systems.yaml"])
    repository.index.commit("registry as issued", author=ACTOR, committer=ACTOR)
    repository.create_tag("v1")
    return repository


def test_incremental_bundle_from_a_git_base(repo: git.Repo, tmp_path: Path) -> None:
    registry = Path(str(repo.working_tree_dir)) / "registry"
    doc = loader.load_file(registry / "units.yaml")
    by_id = {u["id"]: u for u in doc["units"]}  # type: ignore[index]
    a, b = by_id["ban-thi-dua-khen-thuong"], by_id["ban-ton-giao"]  # two leaves under one parent swap codes
    a["code"], b["code"] = b["code"], a["code"]
    (registry / "units.yaml").write_text(canonical.dump_units(doc), encoding="utf-8")  # type: ignore[arg-type]
    out = tmp_path / "r2"
    code, stdout, stderr = run("render", "--base", "v1", "--registry", str(registry), "--out", str(out))
    assert code == 0, stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["base"] == {"ref": "v1", "commit": repo.head.commit.hexsha}
    assert manifest["head"] == {"commit": repo.head.commit.hexsha, "dirty": True}
    counts = {s["id"]: s["changes"] for s in manifest["systems"]}
    assert counts["reporting"] == {"recodes": 2, "adds": 0, "updates": 2, "closes": 0, "repoints": 0}
    assert "changes since v1" in stdout
    up = (out / "reporting" / "up.sql").read_text()
    assert f"base v1 ({repo.head.commit.hexsha})" in up.splitlines()[1] and "+ uncommitted registry changes" in up


def test_an_unknown_base_ref_renders_nothing(repo: git.Repo, tmp_path: Path) -> None:
    registry = Path(str(repo.working_tree_dir)) / "registry"
    code, _, stderr = run("render", "--base", "v9", "--registry", str(registry), "--out", str(tmp_path / "out"))
    assert code == 2 and 'ref "v9" does not name a commit' in stderr
    assert not (tmp_path / "out").exists()


def test_a_base_outside_git(registry: Path, tmp_path: Path) -> None:
    code, _, stderr = run("render", "--base", "v1", "--registry", str(registry), "--out", str(tmp_path / "out"))
    assert code == 2 and "is not inside a git repository" in stderr
