"""Semantic rules: one module each, with ``ID``, ``TITLE``, a docstring that documents it and a
``check(ctx)`` that yields :class:`~madinhdanh.rules.context.Finding` values.

The list below is the registry of rules; adding a rule is adding a module and a line here.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    closed,
    code102_hierarchy,
    code_syntax,
    contact,
    dates,
    history,
    level1,
    names,
    parent,
    secrets,
    settings,
    systems,
    unique,
)
from .context import Context, Finding, build

ALL: tuple[ModuleType, ...] = (
    code_syntax,
    level1,
    parent,
    code102_hierarchy,
    unique,
    history,
    closed,
    names,
    contact,
    dates,
    settings,
    secrets,
    systems,
)

__all__ = ["ALL", "Context", "Finding", "build"]
