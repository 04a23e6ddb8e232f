"""The ``mdd`` command line: parses options, calls one library function, picks a reporter, exits.

Exit codes (DESIGN.md §9): 0 ok, 1 problems found, 2 usage or configuration error, 3 internal
error (``--traceback`` shows it), 130 interrupted. Results go to stdout, logs to stderr.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, fmt as fmt_lib, history, unitdiff
from .problems import REPORTERS
from .validate import ConfigError, summary, validate_registry

F = TypeVar("F", bound=Callable[..., Any])

OK, PROBLEMS, USAGE, INTERNAL, INTERRUPTED = 0, 1, 2, 3, 130


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def common(*, formats: tuple[str, ...] = ("text", "json", "github", "markdown")) -> Callable[[F], F]:
    """The options every command shares: --registry, --format, --traceback."""

    def decorate(command: F) -> F:
        command = click.option("--traceback", is_flag=True, help="Show the Python traceback of an internal error.")(command)
        default = "text; github under GitHub Actions" if "github" in formats else "text"
        command = click.option("--format", "format_", type=click.Choice(formats), default=None,
                               help=f"Output format (default: {default}).")(command)
        command = click.option("--registry", type=click.Path(path_type=Path), default=Path("registry"),
                               show_default=True, help="Folder holding units.yaml and systems.yaml.")(command)

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            show_traceback = kwargs.pop("traceback", False)
            if kwargs.get("format_") is None:
                kwargs["format_"] = _default_format() if _default_format() in formats else "text"
            sys.exit(_guarded(lambda: command(*args, **kwargs), show_traceback=show_traceback))

        return run  # type: ignore[return-value]

    return decorate


def _guarded(action: Callable[[], int], *, show_traceback: bool) -> int:
    """The one top-level handler: configuration errors exit 2, anything unexpected exits 3."""
    try:
        return action()
    except ConfigError as error:
        click.echo(f"mdd: {error}", err=True)
        return USAGE
    except KeyboardInterrupt:
        click.echo("mdd: interrupted", err=True)
        return INTERRUPTED
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        sys.stderr.close()
        return OK
    except Exception as error:  # noqa: BLE001 - the last line of defence, by design
        if show_traceback:
            traceback.print_exc()
        else:
            click.echo(f"mdd: internal error: {type(error).__name__}: {error} (run again with --traceback)", err=True)
        return INTERNAL


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mdd")
def cli() -> None:
    """madinhdanh: the province's electronic identification codes as reviewed YAML."""


@cli.command()
@click.option("--summary/--no-summary", "show_summary", default=True,
              help="After the problems (text format), print units per level, block and status.")
@common()
def validate(registry: Path, format_: str, show_summary: bool, **_: Any) -> int:
    """Check units.yaml and systems.yaml: schema and every semantic rule.

    Each problem is printed as file:line:col: rule-id: message [json path]; exit 1 if any.
    """
    result = validate_registry(registry)
    if format_ == "json":
        payload = json.loads(REPORTERS["json"](result.problems))
        payload["summary"] = summary(result.units)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(REPORTERS[format_](result.problems), nl=False)
        if format_ == "text" and show_summary and result.files["units"].doc is not None:
            click.echo(_summary_text(summary(result.units), ok=not result.problems))
    return PROBLEMS if result.problems else OK


def _summary_text(counts: dict[str, Any], *, ok: bool) -> str:
    """Units per level (rows) and block (columns), then per status."""
    blocks = sorted(counts["blocks"], key=lambda b: (b != "state", b != "party", b))
    cells = counts["by_level_and_block"]
    lines = [f"{counts['units']} units" + (" — registry valid" if ok else ""),
             "           " + "".join(f"{block:>8}" for block in blocks) + f"{'total':>8}"]
    for level, total in counts["levels"].items():
        row = "".join(f"{cells.get(f'{level}/{block}', 0):>8}" for block in blocks)
        lines.append(f"  level {level}  {row}{total:>8}")
    lines.append("  " + "  ".join(f"{status}: {n}" for status, n in counts["statuses"].items()))
    return "\n".join(lines)


@cli.command()
@click.option("--check", is_flag=True, help="Change nothing; exit 1 and name the first differing line if a file is not canonical.")
@common(formats=("text", "json", "github"))
def fmt(registry: Path, format_: str, check: bool, **_: Any) -> int:
    """Rewrite units.yaml and systems.yaml in the one canonical form (sorted, NFC, fixed key order)."""
    outcome = fmt_lib.format_registry(registry, write=not check)
    if outcome.problems:
        click.echo(REPORTERS[format_](outcome.problems), nl=False)
        return PROBLEMS
    for name in outcome.changed:
        click.echo(f"reformatted {name}")
    if not outcome.changed:
        click.echo("registry already canonical")
    return OK


@cli.command()
@click.argument("revisions", required=False, metavar="[BASE[..HEAD]]")
@click.option("--exit-code", "exit_code", is_flag=True, help="Exit 1 when there are changes (like git diff --exit-code).")
@common(formats=("text", "json", "markdown"))
def diff(registry: Path, format_: str, revisions: str | None, exit_code: bool, **_: Any) -> int:
    """Changes per unit between two revisions of the registry.

    No argument: HEAD against the working tree; BASE: BASE against the working tree; BASE..HEAD:
    between two revisions; A...B: from the merge base of A and B to B. Units are matched by id;
    exit 0 whether or not something changed (1 with --exit-code when it did), 1 if a side fails
    validation, 2 for an unknown ref or no git repository.
    """
    repo_dir, registry_dir = history.find_repository(registry)
    sides = history.revisions(repo_dir, revisions)
    base, head = (history.load(repo_dir, side, registry_dir) for side in sides)
    problems = list(base.problems + head.problems)
    if base.registry is None or head.registry is None:
        click.echo(REPORTERS[format_](problems), nl=False)
        return PROBLEMS
    changes = unitdiff.diff(base.registry, head.registry)
    click.echo(unitdiff.REPORTERS[format_](changes, base=base.side, head=head.side), nl=False)
    return PROBLEMS if exit_code and changes else OK


def main() -> None:
    """Console entry point: click usage errors exit 2, as DESIGN.md §9 asks."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("mdd: interrupted", err=True)
        sys.exit(INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(USAGE)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
