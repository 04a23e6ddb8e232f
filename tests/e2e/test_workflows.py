"""The CI files: the GitHub workflows validate against GitHub's workflow schema (vendored in
check-jsonschema, offline), every `mdd …` line in them and in .pre-commit-config.yaml parses with
the CLI (dry: click's parser only, nothing is invoked), every `make X` is a Makefile target, and
the release deploys one system per job in the depends_on order of registry/systems.yaml, each
bound to its environment and given exactly its own DSN from a secret."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from madinhdanh.cli import cli

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = ("pull-request.yml", "main.yml", "release.yml")
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
SYSTEMS = ROOT / "registry" / "systems.yaml"

# ${{ … }} expressions → plausible values, so a command line reads as the runner would run it
EXPRESSIONS = {
    "github.base_ref": "main",
    "github.event.number": "42",
    "github.sha": "0123456789abcdef0123456789abcdef01234567",
    "github.ref_name": "v2025.1",
}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# shell control operators end a command; a redirection (with its target) is no word of it
OPERATOR = {"|", "||", "&&", ";", "&"}
REDIRECTION = re.compile(r"^(\d*|&)(>>?|<)(&\d+)?")


def load(path: Path) -> dict[Any, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict), f"{path.name}: not a mapping"
    return document


def triggers(workflow: dict[Any, Any]) -> Any:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def run_scripts(workflow: dict[Any, Any]) -> list[tuple[str, str]]:
    """(job id, run script) of every step with a `run:`."""
    return [(job_id, step["run"]) for job_id, job in workflow["jobs"].items()
            for step in job.get("steps", []) if "run" in step]


def substitute(text: str) -> str:
    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        assert expression in EXPRESSIONS, f"no plausible value for ${{{{ {expression} }}}}: add one to EXPRESSIONS"
        return EXPRESSIONS[expression]
    return EXPRESSION.sub(value, text)


def commands(script: str) -> list[list[str]]:
    """Each simple command of a shell script as words (expressions substituted, redirections dropped)."""
    found: list[list[str]] = []
    for line in substitute(script.replace("\\\n", " ")).splitlines():
        words: list[str] = []
        skip = False
        for word in shlex.split(line, comments=True):
            if skip:
                skip = False
            elif word in OPERATOR:
                found.append(words)
                words = []
            elif (redirection := REDIRECTION.match(word)) and redirection.group(2):
                skip = redirection.end() == len(word) and not redirection.group(3)  # `> FILE`: FILE next
            else:
                words.append(word)
        found.append(words)
    return [words for words in found if words]


def program(words: list[str], name: str) -> list[str] | None:
    """The arguments of `name` (`.venv/bin/name` or `name`) when the command runs it, else None."""
    if words and (words[0] == name or words[0].endswith(f"/bin/{name}")):
        return words[1:]
    return None


def invocations(name: str) -> list[tuple[str, list[str]]]:
    """(where, arguments) of every `name` command in the workflows and the pre-commit hooks."""
    found: list[tuple[str, list[str]]] = []
    for file in WORKFLOW_FILES:
        for job_id, script in run_scripts(load(WORKFLOWS / file)):
            for words in commands(script):
                args = program(words, name)
                if args is not None:
                    found.append((f"{file}:{job_id}: {shlex.join(words)}", args))
    for repo in load(PRE_COMMIT)["repos"]:
        for hook in repo.get("hooks", []):
            for words in commands(hook.get("entry", "")):
                args = program(words, name)
                if args is not None:
                    found.append((f"{PRE_COMMIT.name}:{hook['id']}: {shlex.join(words)}", args))
    return found


def dry_parse(args: list[str]) -> list[str]:
    """Parse `mdd ARGS` down to the leaf command without invoking anything; its path, e.g. ['render']."""
    command: click.Command = cli
    ctx = cli.make_context("mdd", list(args), resilient_parsing=False)
    path: list[str] = []
    while isinstance(command, click.Group):
        protected = getattr(ctx, "_protected_args", None)
        rest = [*(protected if protected is not None else ctx.protected_args), *ctx.args]
        assert rest, f"mdd {' '.join(path)}: no subcommand"
        name, sub, rest = command.resolve_command(ctx, rest)
        assert name is not None and sub is not None
        path.append(name)
        ctx = sub.make_context(name, rest, parent=ctx, resilient_parsing=False)
        command = sub
    return path


def deploy_order() -> list[str]:
    """System ids in depends_on order (Kahn; ties in file order), as mdd deploy applies them."""
    systems = [(s["id"], list(s.get("depends_on", []))) for s in load(SYSTEMS)["systems"]]
    done: list[str] = []
    while len(done) < len(systems):
        ready = [sid for sid, needs in systems if sid not in done and all(n in done for n in needs)]
        assert ready, "depends_on has a cycle"
        done.append(ready[0])
    return done


# 1. schema ------------------------------------------------------------------------------------


@pytest.mark.parametrize("file", WORKFLOW_FILES)
def test_workflow_validates_against_the_github_schema(file: str) -> None:
    executable = Path(sys.executable).with_name("check-jsonschema")
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "check_jsonschema"]
    result = subprocess.run([*command, "--builtin-schema", "vendor.github-workflows", str(WORKFLOWS / file)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_triggers() -> None:
    assert "pull_request" in triggers(load(WORKFLOWS / "pull-request.yml"))
    assert triggers(load(WORKFLOWS / "main.yml"))["push"]["branches"] == ["main"]
    assert triggers(load(WORKFLOWS / "release.yml"))["push"]["tags"] == ["v*"]


# 2. commands ----------------------------------------------------------------------------------


def test_every_mdd_command_parses() -> None:
    found = invocations("mdd")
    assert len(found) >= 10, found
    for where, args in found:
        try:
            dry_parse(args)
        except click.ClickException as error:  # UsageError, BadParameter, NoSuchOption…
            pytest.fail(f"{where}: {error.format_message()}")


def test_the_expected_mdd_commands_are_there() -> None:
    seen = {(where.split(":", 1)[0], " ".join(dry_parse(args))) for where, args in invocations("mdd")}
    for file, command in [("pull-request.yml", "fmt"), ("pull-request.yml", "validate"),
                          ("pull-request.yml", "diff"), ("pull-request.yml", "render"),
                          ("main.yml", "render"), ("release.yml", "render"),
                          ("release.yml", "plan"), ("release.yml", "deploy"),
                          (PRE_COMMIT.name, "fmt"), (PRE_COMMIT.name, "validate")]:
        assert (file, command) in seen, f"{file}: no mdd {command}"


def test_a_wrong_mdd_command_does_not_parse() -> None:
    """The dry parse does reject what mdd would: an unknown option, a missing required one."""
    for args in (["render", "--bse", "x", "--out", "d"], ["plan", "tthc"], ["nosuch"]):
        with pytest.raises(click.ClickException):
            dry_parse(args)


def test_every_make_target_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", makefile, re.MULTILINE))
    found = invocations("make")
    assert {tuple(args) for _, args in found} >= {("venv",), ("test",)}
    for where, args in found:
        for target in (a for a in args if not a.startswith("-") and "=" not in a):
            assert target in targets, f"{where}: no target {target} in the Makefile"


def test_only_mdd_make_and_shell_basics_run() -> None:
    for file in WORKFLOW_FILES:
        for job_id, script in run_scripts(load(WORKFLOWS / file)):
            for words in commands(script):
                assert program(words, "mdd") is not None or words[0] in ("make", "tar"), \
                    f"{file}:{job_id}: {shlex.join(words)}"


# 3. the release's deploy jobs ------------------------------------------------------------------


def test_deploy_jobs_follow_depends_on_with_their_environment_and_dsn() -> None:
    systems = {s["id"]: s for s in load(SYSTEMS)["systems"]}
    jobs: dict[str, Any] = load(WORKFLOWS / "release.yml")["jobs"]
    deploys = [job_id for job_id, job in jobs.items() if "environment" in job]
    order = deploy_order()
    assert order == ["qlvb_state", "qlvb_party", "tthc", "reporting", "portal"]  # the sample registry
    assert [jobs[j]["environment"] for j in deploys] == order  # file order

    previous = "render"
    for job_id in deploys:  # each needs the one before: the chain runs in that order
        job = jobs[job_id]
        system = job["environment"]
        needs = job["needs"] if isinstance(job["needs"], list) else [job["needs"]]
        assert needs == [previous], f"{job_id}: needs {needs}, expected [{previous}]"
        previous = job_id

        dsn_env = systems[system]["dsn_env"]
        dsns = {k: v for k, v in job.get("env", {}).items() if k.startswith("MDD_")}
        for step in job["steps"]:
            dsns |= {k: v for k, v in step.get("env", {}).items() if k.startswith("MDD_")}
        assert dsns == {dsn_env: f"${{{{ secrets.{dsn_env} }}}}"}, f"{job_id}: {dsns}"

        runs = [words for _, script in run_scripts({"jobs": {job_id: job}}) for words in commands(script)]
        mdd = [args for args in (program(w, "mdd") for w in runs) if args is not None]
        assert ["plan", system, "--bundle", "dist/v2025.1", "--out", f"plan-{system}.json"] in mdd
        assert ["deploy", "--bundle", "dist/v2025.1", "--systems", system, "--yes", "--format", "json"] in mdd
        script = "\n".join(s for _, s in run_scripts({"jobs": {job_id: job}}))
        assert f"> result-{system}.json" in script

        download = [s for s in job["steps"] if s.get("uses", "").startswith("actions/download-artifact@")]
        assert download and download[0]["with"]["path"] == "dist/${{ github.ref_name }}"
        kept = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
        assert kept and kept[0].get("if") == "always()", f"{job_id}: plan and result not kept always"
        assert {f"plan-{system}.json", f"result-{system}.json"} <= set(kept[0]["with"]["path"].strip().splitlines())


def test_the_bundle_is_attached_to_the_release() -> None:
    render = load(WORKFLOWS / "release.yml")["jobs"]["render"]
    release = [s for s in render["steps"] if s.get("uses", "").startswith("softprops/action-gh-release@")]
    assert release, "no release step"
    files = release[0]["with"]["files"].strip().splitlines()
    assert files == ["dist/${{ github.ref_name }}.tar.gz", "dist/${{ github.ref_name }}/manifest.json"]
    assert render["permissions"]["contents"] == "write"


# 4. pre-commit -----------------------------------------------------------------------------------


def test_pre_commit_runs_fmt_check_and_validate_locally() -> None:
    hooks = [hook for repo in load(PRE_COMMIT)["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    entries = {tuple(program(shlex.split(h["entry"]), "mdd") or ()): h for h in hooks}
    assert ("fmt", "--check") in entries and ("validate",) in entries, list(entries)
    for hook in entries.values():
        assert hook["language"] == "system" and hook.get("pass_filenames") is False
