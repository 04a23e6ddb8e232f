"""The one comparison table of bench/run.py: results, their ratios, and the goals of issue 8.

Kept apart from the running so that what is compared with what, and what counts as met, reads
in one place. A row is one method at one N; below it, one line per ratio and goal. Goals are set
for N = 100,000 (peak memory also for 300,000); at other sizes they are shown for reference,
marked ``*``.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

GOAL_N = 100_000
STEPS = ("validate", "render", "postgresql", "sqlite", "mariadb")
# Names of the methods, as rows and as references of ratios.
MDD_VALIDATE, NAIVE, FLOOR = "mdd validate", "naive (CSafeLoader + jsonschema)", "libyaml raw parse (floor)"
MDD_RENDER = "mdd render --full (5 systems)"
WRITTEN, TUNED, PLAN, APPLY = "hand-written", "hand-tuned", "mdd plan", "mdd apply"
LINEAR_SLACK = 1.3  # growth up to 1.3x the growth of N still reads as linear (noise, caches)


@dataclass
class Result:
    """One method's runs at one N, or why it has none (``note``)."""

    step: str
    method: str
    n: int
    seconds: list[float] = field(default_factory=list)
    peak_mb: float | None = None
    note: str | None = None  # "FAILED: …", "skipped: …"
    at_least: float | None = None  # a run killed after this many seconds (it took longer)

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.note else None


@dataclass
class Mark:
    """A ratio and, if a goal is attached to it, whether the goal is met."""

    ratio: str
    goal: str = ""
    met: bool | None = None  # None: no goal


Results = dict[tuple[str, str, int], Result]


def _ratio(value: float | None, base: float | None) -> float | None:
    return value / base if value is not None and base else None


def _goal(text: str, ratio: float | None, ok: Callable[[float], bool], shown: str) -> Mark:
    if ratio is None:
        return Mark("-", text, None)
    return Mark(_fmt(ratio, shown), text, ok(ratio))


def marks(results: Results, result: Result, sizes: list[int]) -> Iterator[Mark]:
    """The ratio lines (with goals) under one row."""
    n, me = result.n, result.median

    def of(method: str, step: str | None = None) -> float | None:
        other = results.get((step or result.step, method, n))
        return other.median if other else None

    if result.step == "validate" and result.method == MDD_VALIDATE:
        r = _ratio(of(NAIVE), me)
        yield _goal("≥8× faster than naive", r, lambda x: x >= 8, "{:.1f}× faster than naive")
        r = _ratio(me, of(FLOOR))
        yield _goal("≤5× the raw-parse floor", r, lambda x: x <= 5, "{:.2f}× the floor")
        limit = 500 if n <= GOAL_N else 1200
        yield _goal(f"peak RSS < {limit:,} MiB", result.peak_mb, lambda x: x < limit, "{:.0f} MiB")
    elif result.step == "validate":
        yield Mark(_fmt(_ratio(me, of(MDD_VALIDATE)), "{:.2f}× mdd validate"))
    elif result.step == "render":
        r = _ratio(me, of(MDD_VALIDATE, "validate"))
        yield _goal("no slower than mdd validate", r, lambda x: x <= 1, "{:.2f}× mdd validate")
    else:
        yield from _engine_marks(result, of)
    yield from _growth(results, result, sizes)


def _engine_marks(result: Result, of: Callable[[str], float | None]) -> Iterator[Mark]:
    """Ratios of a database step; the goals are PostgreSQL's (the other engines: ratios only)."""
    me = result.median

    def mark(goal: str, ratio: float | None, ok: Callable[[float], bool], shown: str) -> Mark:
        return _goal(goal, ratio, ok, shown) if result.step == "postgresql" else Mark(_fmt(ratio, shown))

    if result.method == APPLY:
        yield mark("≥3× faster than hand-written", _ratio(of(WRITTEN), me), lambda x: x >= 3,
                   "{:.1f}× faster than hand-written")
        yield mark("≤1.25× hand-tuned", _ratio(me, of(TUNED)), lambda x: x <= 1.25, "{:.2f}× hand-tuned")
    elif result.method == PLAN:
        yield mark("≤2× mdd apply", _ratio(me, of(APPLY)), lambda x: x <= 2, "{:.2f}× mdd apply")
    elif result.method == WRITTEN:
        yield Mark(_fmt(_ratio(me, of(TUNED)), "{:.2f}× hand-tuned"))


def _growth(results: Results, result: Result, sizes: list[int]) -> Iterator[Mark]:
    """Time at this N over time at the next smaller N measured, beside the growth of N."""
    smaller = [s for s in sizes if s < result.n]
    if not smaller:
        return
    before = results.get((result.step, result.method, smaller[-1]))
    growth = _ratio(result.median or result.at_least, before.median if before else None)
    scale = result.n / smaller[-1]
    shown = f"×{'>' if result.at_least else ''}{{:.2f}} from N={smaller[-1]:,}"
    if not result.method.startswith("mdd"):  # the goal is mdd's; a baseline's growth is for comparison
        yield Mark(_fmt(growth, shown))
        return
    yield _goal(f"linear: ≤{LINEAR_SLACK * scale:.3g}× (N ×{scale:.3g})", growth,
                lambda x: x <= LINEAR_SLACK * scale, shown)


def _fmt(value: float | None, text: str) -> str:
    """``text`` with the value; "N× faster than X" below 1 reads "1/N× slower than X"."""
    if value is None:
        return "-"
    if "faster" in text and value < 1:
        return text.replace("faster", "slower").format(1 / value)
    return text.format(value)


def status(mark: Mark, n: int) -> str:
    """``goal: met`` / ``goal: MISSED``; ``*`` when the goal is not set for this N."""
    if not mark.goal:
        return ""
    if mark.met is None:
        return f"{mark.goal}: no figure"
    star = "" if n == GOAL_N or (mark.goal.startswith("peak") and n == 300_000) or mark.goal.startswith("linear") \
        else "*"
    return f"{mark.goal}: {'met' if mark.met else 'MISSED'}{star}"


def render_table(results: Results, sizes: list[int]) -> str:
    """The aligned table: rows by step, method, N; ratios and goals on the lines below a row."""
    order = {s: i for i, s in enumerate(STEPS)}
    methods: dict[str, int] = {}
    for key in results:
        methods.setdefault(key[1], len(methods))
    header = ("step", "method", "N", "median s", "best s", "runs", "ms/1k units", "peak MiB", "ratio", "goal")
    lines: list[tuple[str, ...]] = [header]
    for key in sorted(results, key=lambda k: (order.get(k[0], 99), methods[k[1]], k[2])):
        r = results[key]
        median = r.median
        per_k = f"{1000 * median / (r.n / 1000):.1f}" if median is not None else ""
        cells = [r.step, r.method, f"{r.n:,}", f"{median:.2f}" if median is not None else (r.note or "-"),
                 f"{min(r.seconds):.2f}" if median is not None else "", str(len(r.seconds)), per_k,
                 f"{r.peak_mb:.0f}" if r.peak_mb else "-"]
        found = list(marks(results, r, sizes)) or [Mark("")]
        for i, mark in enumerate(found):
            lines.append(tuple((cells if i == 0 else [""] * len(cells)) + [mark.ratio, status(mark, r.n)]))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    right = {2, 3, 4, 5, 6, 7}
    text = ["  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))).rstrip()
            for line in lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(text)


def verdicts(results: Results, sizes: list[int]) -> list[str]:
    """Every goal at the sizes it is set for, one line each: what a reader checks first."""
    out = []
    for r in results.values():
        for mark in marks(results, r, sizes):
            line = status(mark, r.n)
            if line and not line.endswith("*"):
                out.append(f"{r.step:<10} {r.method:<34} N={r.n:>7,}  {mark.ratio:<32} {line}")
    return out
