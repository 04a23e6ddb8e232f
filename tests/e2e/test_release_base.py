"""Release tags as bases, on a real git repository and SQLite replicas: ``--base auto`` picks the
previous release tag (or renders everything when there is none), and ``mdd apply`` refuses a bundle
whose base is not what the target last applied, naming both releases and the command to render
the right one."""

from __future__ import annotations

import shutil
from pathlib import Path

import git
from click.testing import CliRunner

from madinhdanh import demo
from madinhdanh.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ACTOR = git.Actor("Sở TT&TT", "stttt@example.invalid")
WINDOW = ("--ignore-window", "--reason", "test")


def mdd(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def test_base_auto_and_a_bundle_from_the_wrong_base(tmp_path: Path) -> None:
    root = tmp_path / "province"
    shutil.copytree(ROOT / "registry", root / "registry")
    repo = git.Repo.init(root)

    def commit_and_tag(message: str, tag: str | None = None) -> None:
        repo.index.add(["registry/units.yaml", "registry/systems.yaml"])
        repo.index.commit(message, author=ACTOR, committer=ACTOR)
        if tag:
            repo.create_tag(tag)

    registry = ("--registry", str(root / "registry"))
    commit_and_tag("registry as issued")
    code, out, err = mdd("diff", "--base", "auto", "--format", "json", *registry)
    assert code == 0 and "no release tag matching v*" in err and '"added"' in out
    code, _, err = mdd("render", "--base", "auto", "--dialect", "sqlite", "--system", "portal", "--out",
                       str(tmp_path / "v1"), *registry)
    assert code == 0 and "everything (a full sync)" in err
    repo.create_tag("v1")

    units = root / "registry" / "units.yaml"
    text = units.read_text(encoding="utf-8")
    assert text.count("  name: Sở Tư pháp\n") == 1
    units.write_text(text.replace("  name: Sở Tư pháp\n", "  name: Sở Tư pháp tỉnh Bắc Giang\n"), encoding="utf-8")
    commit_and_tag("Sở Tư pháp: full name", "v2")
    code, out, err = mdd("diff", "--base", "auto", "..HEAD", *registry)
    assert code == 0 and "since the release tag v1" in err and "Sở Tư pháp tỉnh Bắc Giang" in out
    code, _, err = mdd("render", "--base", "auto", "--dialect", "sqlite", "--system", "portal", "--release", "v2",
                       "--out", str(tmp_path / "v2"), *registry)
    assert code == 0 and "since the release tag v1" in err

    units.write_text(units.read_text(encoding="utf-8").replace("  name: Sở Tư pháp tỉnh Bắc Giang\n",
                                                               "  name: Sở Tư pháp\n"), encoding="utf-8")
    commit_and_tag("Sở Tư pháp: back to the short name", "v3")
    code, _, err = mdd("render", "--base", "auto", "--dialect", "sqlite", "--system", "portal", "--release", "v3",
                       "--out", str(tmp_path / "v3"), *registry)
    assert code == 0 and "since the release tag v2" in err

    replicas = demo.build_replicas(ROOT / "registry", ROOT / "examples" / "targets", tmp_path / "db", lambda _: None)
    env = {r.dsn_env: r.url for r in replicas}
    code, _, err = mdd("apply", "portal", "--bundle", str(tmp_path / "v1"), "--yes", "--force", *WINDOW, env=env)
    assert code == 0, err
    code, _, err = mdd("apply", "portal", "--bundle", str(tmp_path / "v3"), "--yes", *WINDOW, env=env)
    assert code == 1
    assert "holds the changes since v2" in err and "the target last applied v1" in err
    assert "mdd render --base v1" in err
    code, _, err = mdd("apply", "portal", "--bundle", str(tmp_path / "v2"), "--yes", *WINDOW, env=env)
    assert code == 0, err
    code, _, err = mdd("apply", "portal", "--bundle", str(tmp_path / "v3"), "--yes", *WINDOW, env=env)
    assert code == 0, err
