#!/usr/bin/env python3
"""How fast is ``mdd validate`` on a national-size registry, beside what loading YAML costs?

Generates a synthetic registry of N units (bench/gen_registry.py), then runs, each in a fresh
process and each at least three times, all in one run so the ratios hold on a noisy machine:

- ``mdd validate``: strict load with positions, schema, every rule;
- the naive path: ``yaml.load(..., Loader=yaml.CSafeLoader)`` then ``jsonschema`` per unit;
- the bare ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the same file;
- libyaml's raw event parse in C (``CParser.raw_parse``): the floor for reading YAML at all.

and prints one table: median and best wall time, peak resident memory (of the largest process:
``mdd validate`` forks a second process to parse half of a large file), and the ratio to the
bare CSafeLoader load. Usage: ``python bench/validate.py [--n 100000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
MDD = str(Path(PY).with_name("mdd"))

CSAFE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
RAW = "import sys; from yaml import _yaml; _yaml.CParser(open(sys.argv[1], 'rb').read()).raw_parse()"
NAIVE = (
    "import json, sys, yaml, jsonschema\n"
    "doc = yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)\n"
    f"schema = json.load(open({str(ROOT / 'schemas/units.schema.json')!r}))\n"
    "unit = jsonschema.Draft202012Validator({'$defs': schema['$defs'], '$ref': '#/$defs/unit'})\n"
    "bad = sum(1 for u in doc['units'] if not unit.is_valid(u))\n"
    "sys.exit(1 if bad else 0)\n"
)


@dataclass
class Row:
    name: str
    seconds: list[float]
    peak_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


# Runs the command and reports its wall time, exit code and peak RSS (KiB). A child's ru_maxrss
# starts at its parent's peak RSS (the kernel carries the high-water mark across fork and exec),
# so the command is started from this small process, never from a harness that grew.
TIMER = (
    "import os, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "print(time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n"
)


def timer(command: list[str]) -> str:
    """The TIMER's line for ``command``. Timer and command run in a process group of their own,
    killed together if this process is interrupted (no command left running on its own)."""
    process = subprocess.Popen([PY, "-c", TIMER, *command], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, _ = process.communicate()
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    if process.returncode != 0:
        raise SystemExit(f"the timer failed (exit {process.returncode}) for: {' '.join(command)}")
    return out


def measure(command: list[str], runs: int) -> tuple[list[float], float]:
    """Wall times of ``runs`` runs and the largest peak RSS, in MiB (wait4's rusage of the command,
    which includes a process it forked and waited for)."""
    times, peak = [], 0.0
    for _ in range(runs):
        seconds, code, rss = timer(command).split()
        if int(code) != 0:
            raise SystemExit(f"benchmark command failed (exit {code}): {' '.join(command)}")
        times.append(float(seconds))
        peak = max(peak, int(rss) / 1024)
    return times, peak


def stale(units: Path) -> bool:
    """Whether the cached registry is missing or older than the generator that wrote it."""
    if not units.is_file():
        return True
    made = units.stat().st_mtime
    return any(source.stat().st_mtime > made for source in (*HERE.glob("gen_*.py"), HERE / "systems.yaml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="units in the synthetic registry")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (median reported)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where the registry is generated")
    args = parser.parse_args()

    registry = args.out / f"registry-{args.n}"
    if stale(registry / "units.yaml"):
        subprocess.run([PY, str(HERE / "gen_registry.py"), str(args.n), "--out", str(registry)], check=True)
    units = str(registry / "units.yaml")
    size = Path(units).stat().st_size / 1e6
    print(f"registry: {args.n:,} units, {size:.1f} MB of YAML ({registry}); {args.runs} runs each\n", flush=True)

    commands = [
        ("mdd validate (positions, schema, all rules)", [MDD, "validate", "--registry", str(registry)]),
        ("naive: CSafeLoader + jsonschema per unit", [PY, "-c", NAIVE, units]),
        ("bare yaml.load(CSafeLoader)", [PY, "-c", CSAFE, units]),
        ("libyaml raw event parse (floor)", [PY, "-c", RAW, units]),
    ]
    rows = []
    for name, command in commands:
        print(f"  running {name} ...", file=sys.stderr, flush=True)
        rows.append(Row(name, *measure(command, args.runs)))
    print_table(rows, base=rows[2].median)


def print_table(rows: list[Row], *, base: float) -> None:
    header = f"{'what':<46} {'median s':>9} {'best s':>8} {'peak MB':>8} {'vs CSafeLoader':>15}"
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = base / row.median
        print(f"{row.name:<46} {row.median:>9.2f} {min(row.seconds):>8.2f} {row.peak_mb:>8.0f} "
              f"{ratio:>14.1f}x")
    print("\n(ratio = bare CSafeLoader median / this median: above 1 is faster than a bare load)")


if __name__ == "__main__":
    main()
