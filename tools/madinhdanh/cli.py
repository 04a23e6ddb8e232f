"""The ``mdd`` command line: parses options, calls one library function, picks a reporter, exits.

Exit codes (DESIGN.md §9): 0 ok, 1 problems found, 2 usage or configuration error, 3 internal
error (``--traceback`` shows it), 130 interrupted. Results go to stdout, logs to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

# Each command imports the modules only it needs (history and git, the workbook readers and
# writers, the renderer) where it runs: mdd apply, which needs none of them, starts ~0.15 s sooner.
from . import __version__
from .render.dialects import DIALECTS
from .problems import REPORTERS
from .errors import ConfigError
from .clicommon import INTERRUPTED, OK, PROBLEMS, USAGE, common
from .deploycli import COMMANDS
from .verifycli import commands as verify_commands

if TYPE_CHECKING:
    from .model import Registry


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
    from .validate import summary, validate_registry

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
    from . import fmt as fmt_lib

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
@click.option("--base", "base_option", metavar="REF|auto",
              help="The base, as BASE would say; auto: the previous release tag (--tag-pattern), or no registry at "
                   "all (every unit added) when there is none.")
@click.option("--tag-pattern", default="v*", show_default=True, help="Which tags are releases, for --base auto.")
@click.option("--exit-code", "exit_code", is_flag=True, help="Exit 1 when there are changes (like git diff --exit-code).")
@common(formats=("text", "json", "markdown"))
def diff(registry: Path, format_: str, revisions: str | None, base_option: str | None, tag_pattern: str,
         exit_code: bool, **_: Any) -> int:
    """Changes per unit between two revisions of the registry.

    No argument: HEAD against the working tree; BASE: BASE against the working tree; BASE..HEAD:
    between two revisions; A...B: from the merge base of A and B to B. Units are matched by id;
    exit 0 whether or not something changed (1 with --exit-code when it did), 1 if a side fails
    validation, 2 for an unknown ref or no git repository.
    """
    from . import history, systemdiff, unitdiff

    repo_dir, registry_dir = history.find_repository(registry)
    if base_option is not None:
        if revisions is not None and not revisions.startswith(".."):
            raise ConfigError("give the base once: BASE[..HEAD] or --base, not both (--base X ..HEAD is fine)")
        if base_option == "auto":
            base_option = _auto_base(registry, tag_pattern)
            if base_option is None:
                return _diff_from_nothing(repo_dir, registry_dir, revisions, format_, exit_code)
        revisions = f"{base_option}{revisions or ''}"
    sides = history.revisions(repo_dir, revisions)
    base, head = (history.load(repo_dir, side, registry_dir) for side in sides)
    problems = list(base.problems + head.problems)
    if base.registry is None or head.registry is None:
        click.echo(REPORTERS[format_](problems), nl=False)
        return PROBLEMS
    changes = unitdiff.diff(base.registry, head.registry)
    systems = systemdiff.diff(base.systems, head.systems)
    click.echo(unitdiff.REPORTERS[format_](changes, base=base.side, head=head.side, systems=systems), nl=False)
    return PROBLEMS if exit_code and (changes or systems) else OK


def _diff_from_nothing(repo_dir: Path, registry_dir: str, revisions: str | None, format_: str,
                       exit_code: bool) -> int:
    """No release yet: every unit of the head is an addition."""
    from . import history, systemdiff, unitdiff
    from .model import Registry

    head_side = history.revisions(repo_dir, f"HEAD{revisions}" if revisions else None)[1]
    head = history.load(repo_dir, head_side, registry_dir)
    if head.registry is None:
        click.echo(REPORTERS[format_](list(head.problems)), nl=False)
        return PROBLEMS
    empty = Registry(head.registry.settings, ())
    changes = unitdiff.diff(empty, head.registry)
    systems = systemdiff.diff((), head.systems)
    nothing = unitdiff.Side("none (no release yet)")
    click.echo(unitdiff.REPORTERS[format_](changes, base=nothing, head=head.side, systems=systems), nl=False)
    return PROBLEMS if exit_code and (changes or systems) else OK


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--sheet", help="The worksheet to read (default: every sheet that holds a table).")
@click.option("--map", "map_file", type=click.Path(path_type=Path, dir_okay=False),
              help="YAML file mapping other column titles to fields (columns: {\"Title\": field}).")
@click.option("--dry-run", is_flag=True, help="Show the review diff and the problems; write nothing.")
@common(formats=("text", "json", "markdown"))
def import_(registry: Path, format_: str, file: Path, sheet: str | None, map_file: Path | None,
            dry_run: bool, **_: Any) -> int:
    """Bring a decision's annex (.xlsx or .csv) into units.yaml, showing the review diff.

    Rows match units by code102, then code, then name under the same parent; a changed code is a
    recode (the old code goes to history). Every bad row is reported as file:sheet:row:column;
    if there is any problem, nothing is written.
    """
    from . import unitdiff
    from .interchange import importer

    outcome = importer.run_import(file, registry, sheet=sheet, map_file=map_file, dry_run=dry_run)
    for table in outcome.tables:
        if table.ignored:
            names = ", ".join(f"{title!r} (column {column})" for column, title in table.ignored)
            click.echo(f"{table.where}: columns not imported: {names}", err=True)
    diff_text = unitdiff.REPORTERS[format_](outcome.changes, base=outcome.base, head=outcome.head)
    if format_ == "json":
        payload = {**json.loads(diff_text), **json.loads(REPORTERS["json"](outcome.problems))}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(diff_text, nl=False)
        click.echo(REPORTERS[format_](outcome.problems) if outcome.problems else "", nl=False)
    verdict = ("problems found: nothing written" if outcome.problems else
               "dry run: nothing written" if dry_run else
               f"wrote {outcome.base.label}" if outcome.written else "the registry already says this: nothing to write")
    click.echo(f"mdd import: {verdict}", err=True)
    return PROBLEMS if outcome.problems else OK


@cli.group()
def export() -> None:
    """Files for other systems and agencies: crosswalk, catalog, units workbook.

    Each writes to --out FILE, or to standard output (not xlsx, which needs --out). The registry
    is validated first: an export of an invalid registry is refused (exit 1).
    """


@export.command("crosswalk")
@click.option("--system", "system_id", metavar="ID", help="Only the units in this system's scope, keyed as it keys them.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="File to write (default: standard output).")
@common(formats=("csv", "xlsx", "json"), default_format="csv")
def export_crosswalk(registry: Path, format_: str, system_id: str | None, out: Path | None, **_: Any) -> int:
    """Every identifier a system may still hold (QCVN 102, legacy, former codes) → the code to use now."""
    loaded = _valid_registry(registry)
    if isinstance(loaded, int):
        return loaded
    from .interchange import exports

    rows = exports.crosswalk(loaded[0], loaded[1], system_id)
    renderers: dict[str, Callable[[Any], str | bytes]] = {
        "csv": exports.crosswalk_csv, "json": exports.crosswalk_json, "xlsx": exports.crosswalk_xlsx}
    render = renderers[format_]
    return _emit(render(rows), out, what=f"{len(rows)} crosswalk rows")


@export.command("catalog")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="File to write (default: standard output).")
@common(formats=("json", "csv"), default_format="json")
def export_catalog(registry: Path, format_: str, out: Path | None, **_: Any) -> int:
    """The provincial common catalog (active units of levels 1–4) with the DMDC field names."""
    loaded = _valid_registry(registry)
    if isinstance(loaded, int):
        return loaded
    from .interchange import exports

    records = exports.catalog(loaded[0])
    render: Callable[[Any], str | bytes] = {"json": exports.catalog_json, "csv": exports.catalog_csv}[format_]
    return _emit(render(records), out, what=f"{len(records)} catalog records")


@export.command("units")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="The .xlsx file to write (required).")
@common(formats=("xlsx",), default_format="xlsx")
def export_units(registry: Path, format_: str, out: Path | None, **_: Any) -> int:
    """The registry as a workbook, one sheet per level, that mdd import reads back unchanged."""
    loaded = _valid_registry(registry)
    if isinstance(loaded, int):
        return loaded
    from .interchange import exports

    return _emit(exports.units_workbook(loaded[0]), out, what=f"{len(loaded[0].units)} units")


@cli.command("render")
@click.option("--base", metavar="REF|auto", help="Git ref of the registry the systems hold now: render only what changed "
              "since; auto: the previous release tag (--tag-pattern), or a full render when there is none.")
@click.option("--tag-pattern", default="v*", show_default=True, help="Which tags are releases, for --base auto.")
@click.option("--full", is_flag=True, help="Full sync: every unit in each system's scope (no base).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="The bundle folder to write (replaced if it holds a bundle).")
@click.option("--dialect", type=click.Choice(sorted(DIALECTS)),
              help="Render every system in this dialect instead of its declared one (a preview).")
@click.option("--release", help="The release name in headers and the manifest (default: the --out folder's name).")
@click.option("--system", "system_ids", multiple=True, metavar="ID", help="Only this system (repeatable).")
@common(formats=("text", "json"))
def render(registry: Path, format_: str, base: str | None, tag_pattern: str, full: bool, out: Path,
           dialect: str | None, release: str | None, system_ids: tuple[str, ...], **_: Any) -> int:
    """Render the SQL bundle: per system up.sql, down.sql and exported files, and manifest.json.

    --base REF renders the changes since the registry at REF (auto: since the previous release
    tag, or everything when there is none); --full renders everything (one of the two is
    required). The registry (and the base) must be valid: problems exit 1 and nothing is written.
    An unknown ref, a missing template set or a system that does not fit its template set exits
    2, nothing written either.
    """
    if full == (base is not None):
        raise ConfigError("mdd render needs exactly one of --base REF (the changes since REF) and --full (everything)")
    if base == "auto":
        base = _auto_base(registry, tag_pattern)
    from .render import command as render_lib

    outcome = render_lib.render_release(registry, out=out, base=base, dialect=dialect, release=release,
                                        system_ids=system_ids)
    if outcome.problems or outcome.manifest is None:
        click.echo(REPORTERS["text"](outcome.problems), nl=False, err=True)
        click.echo("mdd: the registry is not valid; nothing rendered (mdd validate)", err=True)
        return PROBLEMS
    if format_ == "json":
        click.echo(json.dumps(outcome.manifest, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(_render_summary(outcome.manifest, out))
    return OK


def _auto_base(registry: Path, pattern: str) -> str | None:
    """``--base auto``: the previous release tag (said on stderr), or None for a full render."""
    from . import history

    repo_dir, _ = history.find_repository(registry)
    found = history.previous_release(repo_dir, pattern)
    if found is None:
        click.echo(f"mdd: --base auto: no release tag matching {pattern} before HEAD, so everything (a full sync)",
                   err=True)
        return None
    click.echo(f"mdd: --base auto: since the release tag {found[0]} ({found[1][:12]})", err=True)
    return found[0]


def _render_summary(manifest: dict[str, Any], out: Path) -> str:
    base = manifest["base"]
    lines = [f"wrote {out}: release {manifest['release']}, "
             + (f"changes since {base['ref']} ({base['commit'][:12]})" if base else "full sync")
             + f", {len(manifest['systems'])} system(s), deploy order {' → '.join(manifest['order'])}"]
    for entry in manifest["systems"]:
        changes = ", ".join(f"{entry['changes'][kind]} {kind}" for kind in ("recodes", "adds", "updates", "closes", "repoints"))
        lines.append(f"  {entry['id']:<12} {entry['dialect']:<10} {changes}; up.sql {entry['statements']['up']} "
                     f"statements, down.sql {entry['statements']['down']}")
    return "\n".join(lines)


def _valid_registry(registry: Path) -> tuple[Registry, list[Any]] | int:
    """The registry and its systems, or the exit code after printing why it is not valid."""
    from .model import Registry
    from .validate import validate_registry

    result = validate_registry(registry)
    if result.problems:
        click.echo(REPORTERS["text"](result.problems), nl=False, err=True)
        click.echo("mdd: the registry is not valid; fix it before exporting (mdd validate)", err=True)
        return PROBLEMS
    return Registry.from_documents(result.files["units"].doc), result.systems


def _emit(data: str | bytes, out: Path | None, *, what: str) -> int:
    """Write to ``out`` (through a temporary file, so a failure leaves no half file) or stdout."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out is None:
        if isinstance(data, bytes):
            raise ConfigError("an xlsx export needs --out FILE")
        click.echo(data, nl=False)
        return OK
    partial = out.with_name(f".{out.name}.partial")
    partial.write_bytes(payload)
    partial.replace(out)
    click.echo(f"wrote {out} ({what})", err=True)
    return OK


for _command in (*COMMANDS, *verify_commands()):
    cli.add_command(_command)


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
