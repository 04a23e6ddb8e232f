"""The two identification-code schemes, parsed into one value type.

``qd20`` (Decision 20/2020/QĐ-TTg, the current scheme): at most 35 characters of ``0-9``,
``A-Z`` and ``.``; dot-separated groups, the left-most group being the level-1 code
``[A-Y][0-9]{2}`` and each further group one level down (``H03.12.05`` is level 3).

``qcvn102`` (QCVN 102:2016, the old edXML scheme): ``NNN.NN.NN.XNN`` — level 4 . level 3 .
level 2 . level 1 — where zeros mean "no unit at this level" (``000.05.12.H03`` is level 3).

Both parse into :class:`Code`, whose ``groups`` run top-down (level-1 group first) whatever the
scheme, so ``level`` and ``parent`` mean the same thing for both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Scheme = Literal["qd20", "qcvn102"]
SCHEMES: tuple[Scheme, ...] = ("qd20", "qcvn102")

QD20_MAX_LENGTH = 35
LEVEL1 = re.compile(r"[A-Y][0-9]{2}")
_QD20_GROUP = re.compile(r"[0-9A-Z]+")
_QD20_FAST = re.compile(r"[A-Y][0-9]{2}(?:\.[0-9A-Z]+)*")
_QCVN102_FAST = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Y][0-9]{2}")
# QCVN 102 groups as written, left to right: level 4, level 3, level 2, level 1.
_QCVN102_WIDTHS = (3, 2, 2, 3)


class CodeError(ValueError):
    """A code that does not follow its scheme; the message says what and where."""


@dataclass(frozen=True, slots=True)
class Code:
    """A parsed code. ``groups`` are top-down: ``("H03", "12", "05")`` is level 3."""

    scheme: Scheme
    groups: tuple[str, ...]

    @property
    def level(self) -> int:
        return len(self.groups)

    @property
    def level1(self) -> str:
        return self.groups[0]

    @property
    def parent(self) -> Code | None:
        """The code one level up, or None for a level-1 code."""
        if len(self.groups) == 1:
            return None
        return Code(self.scheme, self.groups[:-1])

    @property
    def text(self) -> str:
        if self.scheme == "qd20":
            return ".".join(self.groups)
        return _qcvn102_written(self.groups)

    def __str__(self) -> str:
        return self.text


def _qcvn102_written(groups: tuple[str, ...]) -> str:
    below = list(groups[1:]) + [""] * (4 - len(groups))  # level 2, 3, 4
    widths = (2, 2, 3)
    parts = [g if g else "0" * w for g, w in zip(below, widths)]
    return f"{parts[2]}.{parts[1]}.{parts[0]}.{groups[0]}"


def parse_qd20(text: str, *, group_patterns: Mapping[int, re.Pattern[str]] | None = None) -> Code:
    """Parse a Decision 20 code; ``group_patterns`` narrows the group of a level (2, 3, …)."""
    if not isinstance(text, str):
        raise CodeError(f"a code must be a string, not {type(text).__name__}")
    if _QD20_FAST.fullmatch(text) is None or len(text) > QD20_MAX_LENGTH:
        _explain_qd20(text)
    groups = tuple(text.split("."))
    if group_patterns:
        for level, group in enumerate(groups[1:], start=2):
            pattern = group_patterns.get(level)
            if pattern is not None and pattern.fullmatch(group) is None:
                raise CodeError(
                    f'group {level} "{group}" does not match the level-{level} pattern {pattern.pattern}'
                )
    return Code("qd20", groups)


def _explain_qd20(text: str) -> None:
    if not text:
        raise CodeError("the code is empty")
    if len(text) > QD20_MAX_LENGTH:
        raise CodeError(f"the code has {len(text)} characters; at most {QD20_MAX_LENGTH} are allowed")
    for index, group in enumerate(text.split("."), start=1):
        if not group:
            raise CodeError(f"group {index} is empty (two dots in a row, or a dot at an end)")
        bad = next((c for c in group if not ("0" <= c <= "9" or "A" <= c <= "Z")), None)
        if bad is not None:
            hint = " (codes use capital letters)" if bad.isalpha() and bad.upper() != bad else ""
            raise CodeError(f'group {index} "{group}" has a character outside 0-9 A-Z: {bad!r}{hint}')
        if index == 1 and LEVEL1.fullmatch(group) is None:
            raise CodeError(f'group 1 "{group}" is not a level-1 code: a letter A-Y and two digits, like H03')
    raise CodeError("the code is not a valid qd20 code")  # pragma: no cover - every case named above


def parse_qcvn102(text: str) -> Code:
    """Parse a QCVN 102:2016 code ``NNN.NN.NN.XNN`` into top-down groups without the zeros."""
    if not isinstance(text, str):
        raise CodeError(f"a code must be a string, not {type(text).__name__}")
    if _QCVN102_FAST.fullmatch(text) is None:
        _explain_qcvn102_syntax(text)
    written = text.split(".")  # level 4, level 3, level 2, level 1
    groups = [written[3]]
    zero_level = 0  # the highest level whose group is zero, 0 if none so far
    for level in (2, 3, 4):
        group = written[4 - level]
        if group.strip("0") == "":
            zero_level = zero_level or level
        elif zero_level:
            raise CodeError(
                f'the level-{level} group "{group}" is not zero but the level-{zero_level} group'
                f' "{written[4 - zero_level]}" is: a unit cannot sit below a missing level'
            )
        else:
            groups.append(group)
    return Code("qcvn102", tuple(groups))


def _explain_qcvn102_syntax(text: str) -> None:
    if not text:
        raise CodeError("the code is empty")
    parts = text.split(".")
    if len(parts) != 4:
        raise CodeError(f"a QCVN 102 code has 4 dot-separated groups (NNN.NN.NN.XNN), this one has {len(parts)}")
    for index, (group, width) in enumerate(zip(parts, _QCVN102_WIDTHS), start=1):
        if index == 4:
            if LEVEL1.fullmatch(group) is None:
                hint = " (codes use capital letters)" if group.upper() != group else ""
                raise CodeError(f'the last group "{group}" is not a level-1 code: a letter A-Y and two digits, like H03{hint}')
            continue
        if len(group) != width or not group.isascii() or not group.isdigit():
            raise CodeError(f'group {index} "{group}" must be {width} digits')
    raise CodeError("the code is not a valid QCVN 102 code")  # pragma: no cover


def parse(text: str, scheme: Scheme) -> Code:
    """Parse ``text`` in the named scheme."""
    if scheme == "qd20":
        return parse_qd20(text)
    if scheme == "qcvn102":
        return parse_qcvn102(text)
    raise ValueError(f"unknown code scheme {scheme!r}; known: {', '.join(SCHEMES)}")


def qd20_sort_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Order codes group by group, numbers numerically: H03.2 < H03.10 < H03.10.1 < H03.A."""
    return tuple((0, int(g)) if g.isascii() and g.isdigit() else (1, g) for g in text.split("."))
