"""What every ``mdd`` command shares: the common options, the exit codes and the one top-level
error handler (configuration errors exit 2, a refused or failed change on a target its own code,
anything unexpected 3)."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .targets import TargetError
from .errors import ConfigError

F = TypeVar("F", bound=Callable[..., Any])

OK, PROBLEMS, USAGE, INTERNAL, INTERRUPTED = 0, 1, 2, 3, 130


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def common(*, formats: tuple[str, ...] = ("text", "json", "github", "markdown"),
           default_format: str | None = None) -> Callable[[F], F]:
    """The options every command shares: --registry, --format, --traceback."""

    def decorate(command: F) -> F:
        command = click.option("--traceback", is_flag=True, help="Show the Python traceback of an internal error.")(command)
        default = default_format or ("text; github under GitHub Actions" if "github" in formats else "text")
        command = click.option("--format", "format_", type=click.Choice(formats), default=None,
                               help=f"Output format (default: {default}).")(command)
        command = click.option("--registry", type=click.Path(path_type=Path), default=Path("registry"),
                               show_default=True, help="Folder holding units.yaml and systems.yaml.")(command)

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            show_traceback = kwargs.pop("traceback", False)
            if kwargs.get("format_") is None:
                kwargs["format_"] = default_format or (_default_format() if _default_format() in formats else "text")
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
    except TargetError as error:
        click.echo(f"mdd: {error}", err=True)
        return error.exit_code
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
