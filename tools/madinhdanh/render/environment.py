"""The one Jinja environment every rendered file comes from (DESIGN.md §6, STYLE.md point 9).

Hardened so that a template cannot put a registry value into its output unquoted:

- ``SandboxedEnvironment``: templates reach no private attribute and no unsafe callable;
  ``StrictUndefined``: a misspelt name fails instead of printing nothing;
  ``keep_trailing_newline``; no autoescape (the output is SQL, CSV or JSON, never HTML).
- ``finalize`` refuses every printed value that is not :class:`Quoted` (what the quoting filters
  ``lit``, ``ident``, ``comment``, ``json``, ``csv`` and the dialect's builders return) or an
  ``int``. A plain ``str`` — a unit's name, a code, a table name from systems.yaml, and also any
  string a template made by joining or slicing — fails the render with the template's name and
  line. Text built from a quoted value (``x|lit ~ "…"``, ``(x|lit).upper()``) is a plain ``str``
  again, so it fails too.
- Macro and ``caller()`` output is :class:`Quoted`: every value in it went through ``finalize``
  when the macro ran. ``{% filter %}`` blocks are refused at compile time (their filter's
  arguments would reach the output unchecked).

:func:`render` maps every failure (syntax, undefined name, unquoted value, sandbox refusal) to a
:class:`TemplateError` naming ``templates/<name>:<line>``.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Macro
from jinja2.sandbox import SandboxedEnvironment

from ..errors import ConfigError
from .quoted import Quoted

__all__ = ["TEMPLATES", "Quoted", "SqlText", "TemplateError", "environment", "render"]

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


SqlText = Quoted  # the name DESIGN.md's readers look for


class TemplateError(ConfigError):
    """A template failed to compile or render; the message starts with ``templates/<name>:<line>``."""


class UnquotedValue(Exception):
    """Raised by ``finalize`` when a template prints a value that no quoting filter made."""


def _finalize(value: Any) -> Any:
    if isinstance(value, Quoted) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    raise UnquotedValue(f"prints {type(value).__name__} {shown} unquoted: pass it through a quoting filter "
                        "(|lit for a value, |ident for a table or column name)")


class _QuotedMacro(Macro):
    """A macro whose output is :class:`Quoted` (the values inside it were finalized already)."""

    def _invoke(self, arguments: list[Any], autoescape: bool) -> str:
        return Quoted(super()._invoke(arguments, autoescape))


class _CodeGenerator(CodeGenerator):
    """Jinja's compiler with two changes: macros are :class:`_QuotedMacro`, filter blocks refused."""

    def macro_def(self, macro_ref: Any, frame: Frame) -> None:
        arg_tuple = ", ".join(repr(x.name) for x in macro_ref.node.args)
        name = getattr(macro_ref.node, "name", None)
        if len(macro_ref.node.args) == 1:
            arg_tuple += ","
        self.write(f"environment.quoted_macro(environment, macro, {name!r}, ({arg_tuple}),"
                   f" {macro_ref.accesses_kwargs!r}, {macro_ref.accesses_varargs!r},"
                   f" {macro_ref.accesses_caller!r}, context.eval_ctx.autoescape)")

    def visit_FilterBlock(self, node: nodes.FilterBlock, frame: Frame) -> None:
        self.fail("{% filter %} blocks are not allowed: their output is not checked for unquoted values",
                  node.lineno)


class _Environment(SandboxedEnvironment):
    code_generator_class = _CodeGenerator
    quoted_macro = _QuotedMacro


def environment(filters: Mapping[str, Callable[..., Quoted]], *, root: Path = TEMPLATES) -> jinja2.Environment:
    """A hardened environment over ``root`` whose quoting filters are ``filters`` (a dialect's
    ``lit``/``ident``/``comment``, or ``json``/``csv`` for configuration files)."""
    env = _Environment(loader=jinja2.FileSystemLoader(str(root)), undefined=jinja2.StrictUndefined,
                       keep_trailing_newline=True, autoescape=False, trim_blocks=True, lstrip_blocks=True,
                       finalize=_finalize)
    for unsafe in ("safe", "escape", "e", "forceescape", "urlize", "xmlattr", "tojson"):
        env.filters.pop(unsafe, None)
    env.filters.update({name: _defined(function) for name, function in filters.items()})
    return env


def _defined(function: Callable[..., Quoted]) -> Callable[..., Quoted]:
    """``function`` refusing an undefined value the way Jinja does (naming it), not with its own error."""

    def quoting(value: Any, *args: Any) -> Quoted:
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        return function(value, *args)

    return quoting


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """``name`` rendered with ``context``; any failure is a :class:`TemplateError` at its line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        shown = _shown(error.filename, error.name or name, _root(env))
        raise TemplateError(f"{shown}:{error.lineno}: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"templates/{error.name}: template not found") from None
    except Exception as error:  # noqa: BLE001 - every render failure is reported at its template line
        where = _template_frame(error, env)
        if where is None:
            raise
        raise TemplateError(f"{where}: {_describe(error)}") from None


def _template_frame(error: BaseException, env: jinja2.Environment) -> str | None:
    """``templates/<name>:<line>`` of the innermost template frame of ``error``'s traceback
    (Jinja rewrites the traceback so that template frames carry the template's file and line)."""
    root = _root(env)
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        if path.suffix == ".j2" and path.is_absolute() and path.resolve().is_relative_to(root):
            found = f"{_shown(frame.filename, None, root)}:{frame.lineno}"
    return found


def _root(env: jinja2.Environment) -> Path:
    return Path(getattr(env.loader, "searchpath", [str(TEMPLATES)])[0]).resolve()


def _shown(filename: str | None, name: str | None, root: Path = TEMPLATES) -> str:
    if filename:
        try:
            return (Path(root.name) / Path(filename).resolve().relative_to(root.resolve())).as_posix()
        except ValueError:
            return filename
    return f"{root.name}/{name}"


def _describe(error: BaseException) -> str:
    if isinstance(error, UnquotedValue):
        return str(error)
    if isinstance(error, jinja2.UndefinedError):
        return f"undefined: {error.message}"
    if isinstance(error, jinja2.exceptions.SecurityError):
        return f"refused by the sandbox: {error}"
    return f"{type(error).__name__}: {error}"
