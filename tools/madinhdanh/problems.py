"""Problems are values: where (file, line, column, JSON path), which rule, and what to do.

Every check collects them; the command line prints them with one of the reporters below and
exits 1 if there is any. Reporters are a contract (the ``github`` one makes inline annotations).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Union

PathStep = Union[str, int]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in an input file. ``line`` and ``column`` are 1-based (0 when unknown)."""

    file: str
    line: int
    column: int
    rule: str
    message: str
    path: str = "$"

    def text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        suffix = f" [{self.path}]" if self.path != "$" else ""
        return f"{where}: {self.rule}: {self.message}{suffix}"


def json_path(path: Iterable[PathStep]) -> str:
    """``("units", 3, "code")`` → ``$.units[3].code``."""
    out = ["$"]
    for step in path:
        if isinstance(step, int):
            out.append(f"[{step}]")
        elif step.isidentifier():
            out.append(f".{step}")
        else:
            out.append(f"[{json.dumps(step, ensure_ascii=False)}]")
    return "".join(out)


def report_text(problems: Sequence[Problem]) -> str:
    lines = [problem.text() for problem in problems]
    if problems:
        files = len({problem.file for problem in problems})
        lines.append(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}")
    return "\n".join(lines) + ("\n" if lines else "")


def report_json(problems: Sequence[Problem]) -> str:
    return json.dumps({"problems": [asdict(p) for p in problems], "count": len(problems)},
                      ensure_ascii=False, indent=2) + "\n"


def _escape_github(value: str, *, property_: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_ else value


def report_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: one inline annotation per problem."""
    lines = []
    for p in problems:
        props = f"file={_escape_github(p.file, property_=True)}"
        if p.line:
            props += f",line={p.line},col={p.column}"
        props += f",title={_escape_github(p.rule, property_=True)}"
        lines.append(f"::error {props}::{_escape_github(p.message)} ({p.path})")
    return "\n".join(lines) + ("\n" if lines else "")


def report_markdown(problems: Sequence[Problem]) -> str:
    if not problems:
        return "No problems found.\n"
    rows = ["| Where | Rule | Problem |", "|---|---|---|"]
    for p in problems:
        message = p.message.replace("|", "\\|")
        rows.append(f"| `{p.file}:{p.line}:{p.column}` | `{p.rule}` | {message} |")
    return "\n".join(rows) + f"\n\n{len(problems)} problem(s).\n"


REPORTERS: dict[str, Callable[[Sequence[Problem]], str]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
    "markdown": report_markdown,
}
