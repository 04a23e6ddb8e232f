"""The deploy commands of ``mdd``: plan, apply, deploy, rollback, status. Each parses its
options, calls :mod:`madinhdanh.deploy`, prints through :mod:`madinhdanh.deployview` and exits
with DESIGN.md §9's codes (a refused or rolled-back change exits 1, a connection or
configuration problem 2)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import deploy, deployview
from .clicommon import OK, PROBLEMS, USAGE, common
from .targets import Outcome, Part
from .errors import ConfigError

BUNDLE = click.option("--bundle", "bundle_dir", type=click.Path(path_type=Path), required=True,
                      help="The rendered bundle (mdd render --out DIR); every file is checked against its manifest.")
LOCK_TIMEOUT = click.option("--lock-timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
                            help="Seconds to wait for a lock (another deployer, a busy table) before giving up.")


def _settings(lock_timeout: float, *, force: bool = False, ignore_window: bool = False,
              reason: str | None = None) -> deploy.Settings:
    if reason is not None and not reason.strip():
        raise ConfigError("--reason needs a text")
    return deploy.Settings(os.environ, lock_timeout=lock_timeout, force=force, ignore_window=ignore_window,
                           reason=reason or "")


def _ask(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise ConfigError("this changes the target and stdin is not a terminal to ask on: add --yes once the "
                          "plan has been reviewed")
    return click.confirm(question, default=False, err=True)


@click.command()
@click.argument("system", required=False)
@click.option("--all", "all_", is_flag=True, help="Plan every system of the bundle, in deploy order.")
@BUNDLE
@click.option("--out", type=click.Path(path_type=Path), help="Save the plan (JSON, every row, fingerprints) here.")
@click.option("--rows", type=click.IntRange(min=0), default=deployview.ROWS_SHOWN, show_default=True,
              help="Changed rows shown per system in text and markdown.")
@LOCK_TIMEOUT
@common(formats=("text", "json", "markdown"))
def plan(system: str | None, all_: bool, bundle_dir: Path, out: Path | None, rows: int, lock_timeout: float,
         format_: str, **_: Any) -> int:
    """Preview a bundle on its targets: run up.sql in a transaction, show every changed row
    (table, key, column, before → after), roll back.

    The targets are unchanged afterwards. --out saves the plan (every row) with a fingerprint of the
    rows read, which mdd apply --plan checks (drift); --format json then prints it without the rows.
    Exit 1 when a postcondition would break.
    """
    if all_ == bool(system):
        raise ConfigError("mdd plan needs a SYSTEM or --all")
    bundle, parts = deploy.load(bundle_dir, () if all_ else (str(system),))
    settings = _settings(lock_timeout)
    outcomes = deploy.plan_parts(parts, settings)
    document = deploy.plan_document(bundle, parts, outcomes, settings)
    if out is not None:
        with out.open("w", encoding="utf-8") as saved:
            saved.writelines(deployview.plan_chunks(document))
        click.echo(f"wrote {out} (the plan: {sum(o.tally.values for o in outcomes)} changed values)", err=True)
    if format_ == "json":  # with --out, the rows are in the file: stdout gets the rest
        shown = document if out is None else {**document, "systems": [
            {k: v for k, v in entry.items() if k != "changes"} for entry in document["systems"]]}
        click.echo(deployview.plan_json(shown), nl=False)
    elif format_ == "markdown":
        click.echo(deployview.plan_markdown(parts, outcomes, rows=rows), nl=False)
    else:
        click.echo(deployview.plan_text(parts, outcomes, rows=rows), nl=False)
    return PROBLEMS if any(o.violations for o in outcomes) else OK


@click.command()
@click.argument("system")
@BUNDLE
@click.option("--plan", "plan_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="A plan saved by mdd plan --out: refused if the target changed since (drift).")
@click.option("--yes", is_flag=True, help="Do not show the plan and ask: apply (after review).")
@click.option("--force", is_flag=True, help="Apply even when a table would have more than max_change_share of its rows changed.")
@click.option("--ignore-window", is_flag=True, help="Apply outside the system's maintenance window (needs --reason).")
@click.option("--reason", help="Why (recorded in the ledger); required with --ignore-window.")
@LOCK_TIMEOUT
@common(formats=("text", "json"))
def apply(system: str, bundle_dir: Path, plan_file: Path | None, yes: bool, force: bool, ignore_window: bool,
          reason: str | None, lock_timeout: float, format_: str, **_: Any) -> int:
    """Apply one system's part of a bundle in one transaction, with ledger, backup and postconditions.

    Refused (nothing changed, exit 1) outside the maintenance window, when the bundle's files differ
    from its manifest, when the target drifted from --plan, when a table would change by more than
    its max_change_share without --force, or when a postcondition fails. Applying an applied bundle
    changes nothing and says so.
    """
    if ignore_window and not reason:
        raise ConfigError("--ignore-window needs --reason TEXT (it goes to the ledger)")
    bundle, parts = deploy.load(bundle_dir, (system,))
    part = parts[0]
    settings = _settings(lock_timeout, force=force, ignore_window=ignore_window, reason=reason)
    expected = deploy.read_plan(plan_file, bundle, system) if plan_file else None

    def confirm(planned: Outcome) -> bool:
        click.echo(deployview.plan_text([part], [planned]), nl=False, err=True)
        return _ask(f"apply {planned.release} to {system} on {planned.target}?", yes)

    outcome = deploy.apply_part(part, settings, expected=expected, confirm=None if yes else confirm)
    _print_outcome(part, outcome, format_)
    return OK


def _print_outcome(part: Part, outcome: Outcome, format_: str) -> None:
    if format_ == "json":
        click.echo(deployview.plan_json(deploy.summary(outcome, part)), nl=False)
    else:
        click.echo("\n".join(deployview.outcome_text(outcome, part, rows=0 if outcome.state == "applied" else 20)))


@click.command("deploy")
@BUNDLE
@click.option("--systems", "systems_", help="Comma-separated system ids (default with --all: every system).")
@click.option("--all", "all_", is_flag=True, help="Every system of the bundle.")
@click.option("--yes", is_flag=True, help="Do not ask after the combined preview.")
@click.option("--force", is_flag=True, help="Allow plans that change more than max_change_share of a table.")
@click.option("--ignore-window", is_flag=True, help="Apply outside the maintenance windows (needs --reason).")
@click.option("--reason", help="Why (recorded in the ledger).")
@click.option("--rows", type=click.IntRange(min=0), default=10, show_default=True,
              help="Changed rows shown per system in the preview.")
@LOCK_TIMEOUT
@common(formats=("text", "json"))
def deploy_command(bundle_dir: Path, systems_: str | None, all_: bool, yes: bool, force: bool, ignore_window: bool,
                   reason: str | None, rows: int, lock_timeout: float, format_: str, **_: Any) -> int:
    """Plan every system, show one combined preview, apply in depends_on order.

    If a system fails, the systems already converted in this run are rolled back from their
    backups; the output states each system's final state. Exit 1 if any system failed.
    """
    if all_ == bool(systems_):
        raise ConfigError("mdd deploy needs --systems a,b or --all")
    if ignore_window and not reason:
        raise ConfigError("--ignore-window needs --reason TEXT (it goes to the ledger)")
    wanted: Sequence[str] = () if all_ else tuple(s.strip() for s in str(systems_).split(",") if s.strip())
    parts = deploy.load(bundle_dir, wanted)[1]
    settings = _settings(lock_timeout, force=force, ignore_window=ignore_window, reason=reason)

    def confirm(planned: Sequence[Outcome]) -> bool:
        click.echo(deployview.plan_text(parts, planned, rows=rows), nl=False, err=True)
        return _ask(f"apply to {len(parts)} system(s)?", yes)

    result = deploy.deploy(parts, settings, confirm=None if yes else confirm)
    if format_ == "json":
        click.echo(deployview.deploy_json(parts, result), nl=False)
    else:
        click.echo(deployview.deploy_text(parts, result), nl=False)
    return OK if result.ok else PROBLEMS


def _dsn_envs(registry: Path) -> dict[str, str]:
    from .validate import validate_registry

    result = validate_registry(registry)
    systems = {doc.get("id"): doc.get("dsn_env") for doc in result.systems if isinstance(doc, dict)}
    if not systems:
        raise ConfigError(f"{registry}/systems.yaml declares no system (fix it: mdd validate)")
    return {str(k): str(v) for k, v in systems.items() if k and v}


def _system_env(registry: Path, system: str) -> str:
    envs = _dsn_envs(registry)
    if system not in envs:
        raise ConfigError(f'unknown system "{system}"; systems.yaml has: {", ".join(sorted(envs))}')
    return envs[system]


@click.command()
@click.argument("system")
@click.option("--to", "to_release", help="Roll back every apply made after this release's (default: the last apply).")
@click.option("--yes", is_flag=True, help="Do not ask.")
@click.option("--reason", help="Why (recorded in the ledger).")
@LOCK_TIMEOUT
@common(formats=("text", "json"))
def rollback(system: str, to_release: str | None, yes: bool, reason: str | None, lock_timeout: float,
             registry: Path, format_: str, **_: Any) -> int:
    """Restore a system from the backup its last apply stored (or back to --to RELEASE), in one transaction."""
    dsn_env = _system_env(registry, system)
    if not _ask(f"roll back {system}" + (f" to {to_release}" if to_release else " (its last apply)") + "?", yes):
        click.echo("mdd: not confirmed; nothing was changed", err=True)
        return PROBLEMS
    entries = deploy.rollback(system, dsn_env, _settings(lock_timeout, reason=reason), to_release=to_release)
    if format_ == "json":
        click.echo(deployview.ledger_json({system: entries}), nl=False)
    else:
        for entry in entries:
            click.echo(f"{system}: rolled back {entry.release_name} (bundle {entry.bundle}, ledger entry {entry.undoes})")
        if not entries:
            click.echo(f"{system}: nothing to roll back: {to_release} is the last release applied")
    return OK


@click.command()
@click.argument("system", required=False)
@click.option("--all", "all_", is_flag=True, help="Every system in systems.yaml.")
@LOCK_TIMEOUT
@common(formats=("text", "json"))
def status(system: str | None, all_: bool, lock_timeout: float, registry: Path, format_: str, **_: Any) -> int:
    """Print each system's ledger: applies, rollbacks, refusals and failures, oldest first."""
    if all_ == bool(system):
        raise ConfigError("mdd status needs a SYSTEM or --all")
    envs = _dsn_envs(registry)
    wanted = list(envs.items()) if all_ else [(str(system), _system_env(registry, str(system)))]
    ledgers = deploy.status(wanted, _settings(lock_timeout))
    click.echo(deployview.ledger_json(ledgers) if format_ == "json" else deployview.ledger_text(ledgers), nl=False)
    return USAGE if any(isinstance(v, str) for v in ledgers.values()) else OK  # a target not reachable: exit 2




@click.command("demo")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path(".mdd-demo"), show_default=True,
              help="Where the SQLite replicas and the bundle go (emptied first).")
@click.option("--examples", type=click.Path(path_type=Path), default=Path("examples/targets"), show_default=True,
              help="The example systems' schemas and seed script.")
@click.option("--rows", type=click.IntRange(min=0), default=3, show_default=True,
              help="Changed rows shown per system in the plan.")
@common(formats=("text",))
def demo_command(folder: Path, examples: Path, rows: int, registry: Path, **_: Any) -> int:
    """The main job on SQLite replicas of the five example systems: seed, validate, render, plan, deploy.

    Every run starts fresh under --dir; no network, no server.
    """
    from . import demo
    from .clicommon import PROBLEMS as problems_exit
    from .validate import validate_registry

    click.echo(f"1. SQLite replicas of the example systems, seeded with their legacy codes ({folder}/)")
    replicas = demo.build_replicas(registry, examples, folder, click.echo)
    result = validate_registry(registry)
    if result.problems:
        click.echo("mdd: the registry is not valid: run mdd validate", err=True)
        return problems_exit
    click.echo(f"\n2. registry valid: {len(result.units)} units, {len(replicas)} systems")
    bundle_dir = folder / "bundle"
    manifest = demo.render_bundle(registry, bundle_dir)
    click.echo(f"\n3. bundle rendered into {bundle_dir} (every system in SQLite): "
               + ", ".join(f"{s['id']} {s['identifiers']} old identifiers" for s in manifest["systems"]))
    environ = dict(os.environ, **{r.dsn_env: r.url for r in replicas})
    settings = deploy.Settings(environ, force=True, ignore_window=True,
                               reason="mdd demo on local SQLite replicas")
    parts = deploy.load(bundle_dir)[1]
    click.echo("\n4. plan (each system's up.sql in a transaction, rolled back)")
    planned = deploy.plan_parts(parts, settings)
    click.echo(deployview.plan_text(parts, planned, rows=rows), nl=False)
    click.echo("\n5. deploy to all five in depends_on order (a first conversion changes every unit row, so it runs "
               "with --force; outside a maintenance window, with --ignore-window and a reason)")
    outcome = deploy.deploy(parts, settings)
    click.echo(deployview.deploy_text(parts, outcome), nl=False)
    if not outcome.ok:
        return problems_exit
    click.echo("\n6. what changed per system (postconditions held in every transaction: no old identifier left in "
               "any declared column, every unit row as the registry says)")
    for part in parts:
        done = outcome.outcomes[part.system]
        click.echo("\n".join(deployview.outcome_text(done, part, rows=0)))
    again = deploy.plan_parts(parts, settings)
    click.echo("\n7. planned again: " + ", ".join(f"{o.system} {o.state}" for o in again))
    from . import verify, verifycli

    document = verify.collect(registry, environ)
    click.echo("\n8. mdd verify --all: every system read back and compared with the registry")
    click.echo(verifycli.text(document), nl=False)
    report_path = demo.write_report(document, folder / "report.html")
    if report_path is not None:
        click.echo(f"\n9. mdd report: {report_path.resolve()}")
    click.echo(f"\nThe replicas are in {folder}/. To look at their ledgers (or roll one back):")
    for replica in replicas:
        click.echo(f"  export {replica.dsn_env}='{replica.url}'")
    click.echo("  mdd status --all")
    return OK if verify.problems(document) == 0 else problems_exit


COMMANDS = (plan, apply, deploy_command, rollback, status, demo_command)
