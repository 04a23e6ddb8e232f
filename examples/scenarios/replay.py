#!/usr/bin/env python3
"""Replay a history scenario into a git repository, one tagged commit per release.

    python examples/scenarios/replay.py bac-giang-2021-2025 --into /tmp/province
    python examples/scenarios/replay.py bac-giang-2021-2025 --into .mdd-demo/history --deploy   # make demo-history

A scenario (``<name>/scenario.yaml``) starts from a registry folder and lists, per tag, what
changes against the tag before: ``systems: {writes: identifier|code}`` (a system keeps its old
identifier, or is converted), and ``changes``, applied in order:

- ``recode: ID, code: C``: the unit gets code C (its old code goes to ``history``);
- ``close: X, into: Y``: X is closed (merged, successor Y) and the active units under it move
  under Y, numbered after Y's highest group ever used (their QCVN 102 code no longer fits and is
  dropped);
- ``add: {id, code, name, short_name, block}``: a new active unit;
- ``rename: ID, name: N[, short_name: S]``;
- ``province: {name, level1_code, issuer, note}``: the province merges into another: every unit's code
  moves to the new level-1 group, closed units' too (the level-1 unit's as well, so the old level-1
  code is retired into its history), and the old level-1 code joins ``settings.level1_codes``: the
  QCVN 102 codes keep it.

Every recoded or added unit records the tag's ``decision``; every file is written in canonical
form. ``--deploy`` then replays the releases on SQLite replicas of the example systems (the
demo): per tag ``mdd diff --base auto``, ``mdd render --base auto``, ``mdd deploy``,
``mdd verify --all``, then ``mdd rollback --to`` the second-to-last tag and verify against it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from madinhdanh import canonical, loader  # noqa: E402

Doc = dict[str, Any]


@dataclass(frozen=True)
class Release:
    """One tag of a scenario: the registry files as they stand at it."""

    tag: str
    date: str
    message: str
    units: str
    systems: str


def plain(value: Any) -> Any:
    """The loader's mappings and sequences as plain dicts and lists, to edit."""
    return json.loads(json.dumps(value, ensure_ascii=False))


def releases(folder: Path) -> list[Release]:
    """Every tag of the scenario in ``folder``, in order (pure but for reading the files)."""
    scenario = plain(loader.load_file(folder / "scenario.yaml"))
    start = ROOT / scenario["start"]
    units, systems = plain(loader.load_file(start / "units.yaml")), plain(loader.load_file(start / "systems.yaml"))
    out = []
    for step in scenario["tags"]:
        if "systems" in step:
            set_writes(systems, step["systems"]["writes"])
        if "changes" in step:
            apply_changes(units, step["changes"], step["decision"], step["date"])
        out.append(Release(step["tag"], step["date"], step["message"], canonical.dump_units(units),
                           canonical.dump_systems(systems)))
    return out


def set_writes(systems: Doc, writes: str) -> None:
    for system in systems["systems"]:
        if writes == "identifier":
            system["writes"] = system["identifier"]
        else:
            system.pop("writes", None)


def apply_changes(units_doc: Doc, changes: Sequence[Mapping[str, Any]], decision: Doc, date: str) -> None:
    """Apply one tag's ``changes`` to ``units_doc`` in place."""
    units: dict[str, Doc] = {u["id"]: u for u in units_doc["units"]}
    base = {uid: u["code"] for uid, u in units.items()}
    codes = dict(base)  # unit id → code at this tag
    for change in changes:
        if "recode" in change:
            codes[change["recode"]] = change["code"]
        elif "rename" in change:
            units[change["rename"]].update({k: v for k, v in change.items() if k in ("name", "short_name")})
        elif "add" in change:
            unit = {**change["add"], "status": "active", "decision": decision}
            units_doc["units"].append(unit)
            units[unit["id"]] = unit
            codes[unit["id"]] = unit["code"]
        elif "close" in change:
            _close(units, codes, change["close"], change["into"], decision, date)
        elif "province" in change:
            _merge_province(units_doc, codes, change["province"])
    for uid, code in codes.items():
        unit = units[uid]
        if uid in base and code != base[uid]:
            unit["history"] = [*unit.get("history", []), {"code": base[uid], "until": date, "decision": decision}]
            unit["code"], unit["decision"] = code, decision


def _close(units: dict[str, Doc], codes: dict[str, str], uid: str, into: str, decision: Doc, date: str) -> None:
    unit, successor = units[uid], units[into]
    unit["status"] = "closed"
    unit["closed"] = {"date": date, "decision": decision, "reason": "merged", "successors": [into]}
    old_parent = codes[uid]
    for child in sorted((c for c in units if codes[c].startswith(old_parent + ".")), key=lambda c: codes[c]):
        if codes[child].count(".") != old_parent.count(".") + 1 or units[child]["status"] == "closed":
            continue  # a closed unit stays where it closed: its code is reserved there
        moved = f"{codes[into]}.{_next_group(units, codes, codes[into]):02d}"
        for descendant in [c for c in units if codes[c] == codes[child] or codes[c].startswith(codes[child] + ".")]:
            codes[descendant] = moved + codes[descendant][len(codes[child]):]
            dropped = units[descendant].pop("code102", None)
            if dropped:
                said = f"Moved under {successor['name']} when {unit['name']} merged into it (illustrative); " \
                       f"its QCVN 102 code {dropped} no longer fits and is dropped."
                units[descendant]["note"] = " ".join(filter(None, [units[descendant].get("note"), said]))


def _next_group(units: Mapping[str, Doc], codes: Mapping[str, str], parent: str) -> int:
    """One above the highest group ever used under ``parent`` (current, former and planned codes),
    so no code is reused."""
    pattern = re.compile(re.escape(parent) + r"\.(\d+)$")
    used = [*codes.values(), *(h["code"] for u in units.values() for h in u.get("history", []))]
    return max((int(m.group(1)) for c in used if (m := pattern.match(c))), default=0) + 1


def _merge_province(units_doc: Doc, codes: dict[str, str], spec: Mapping[str, Any]) -> None:
    settings = units_doc["settings"]
    old, new = settings["level1_code"], spec["level1_code"]
    settings.update(province=spec["name"], level1_code=new, issuer=spec["issuer"],
                    level1_codes=sorted({*settings.get("level1_codes", []), old}), note=spec.get("note", settings.get("note")))
    for uid in codes:
        if (codes[uid] + ".").startswith(old + "."):
            codes[uid] = new + codes[uid][len(old):]


# --- the git repository ---------------------------------------------------------------------------

def build_repository(folder: Path, into: Path, registry_dir: str = "registry") -> list[Release]:
    """A new git repository at ``into`` with one commit and tag per release (dated as the release)."""
    import git

    repo = git.Repo.init(into)
    actor = git.Actor("Trung tâm CNTT tỉnh (scenario)", "scenario@example.invalid")
    made = releases(folder)
    for release in made:
        target = into / registry_dir
        target.mkdir(parents=True, exist_ok=True)
        (target / "units.yaml").write_text(release.units, encoding="utf-8")
        (target / "systems.yaml").write_text(release.systems, encoding="utf-8")
        repo.index.add([f"{registry_dir}/units.yaml", f"{registry_dir}/systems.yaml"])
        when = f"{int(datetime.fromisoformat(f'{release.date}T09:00:00+07:00').timestamp())} +0700"  # git's raw form
        repo.index.commit(f"{release.tag}: {release.message}", author=actor, committer=actor,
                          author_date=when, commit_date=when)
        repo.create_tag(release.tag)
    return made


def checkout(repo_dir: Path, tag: str) -> None:
    import git

    git.Repo(repo_dir).git.checkout(tag, quiet=True)


# --- the releases, deployed (the demo and the end-to-end test) ---------------------------------------

Mdd = Callable[..., tuple[int, str, str]]  # (*args, env=…) → (exit code, stdout, stderr)


@dataclass
class Outcome:
    """What one tag's release did: the diff, the manifest and the deploy and verify results (JSON)."""

    tag: str
    diff: dict[str, Any]
    manifest: dict[str, Any]
    deploy: dict[str, Any]
    verify: dict[str, Any]


def run(mdd: Mdd, args: Sequence[str], env: Mapping[str, str] | None = None) -> dict[str, Any]:
    code, out, err = mdd(*args, env=dict(env or {}))
    if code != 0:
        raise RuntimeError(f"mdd {' '.join(args[:2])} exited {code}:\n{err}{out}")
    loaded: dict[str, Any] = json.loads(out)
    return loaded


def deploy_releases(mdd: Mdd, repo_dir: Path, tags: Sequence[str], bundles: Path, env: Mapping[str, str],
                    dialect: str) -> Iterator[Outcome]:
    """Per tag: check it out, diff and render against the previous release tag, deploy every
    system, verify every system."""
    registry = ("--registry", str(repo_dir / "registry"))
    window = ("--ignore-window", "--reason", "scenario replay")
    for tag in tags:
        checkout(repo_dir, tag)
        diff = run(mdd, ["diff", "--base", "auto", "--format", "json", *registry])
        manifest = run(mdd, ["render", "--base", "auto", "--dialect", dialect, "--release", tag,
                             "--out", str(bundles / tag), "--format", "json", *registry])
        # a conversion or a province merger changes every unit row: past the share guard on purpose
        deployed = run(mdd, ["deploy", "--bundle", str(bundles / tag), "--all", "--yes", "--force", *window,
                             "--format", "json", *registry], env)
        verified = run(mdd, ["verify", "--all", "--format", "json", *registry], env)
        yield Outcome(tag, diff, manifest, deployed, verified)


def roll_back(mdd: Mdd, repo_dir: Path, tag: str, systems: Sequence[str], env: Mapping[str, str]) -> dict[str, Any]:
    """Roll every system back to ``tag`` (last system first), then verify against the registry at ``tag``."""
    registry = ("--registry", str(repo_dir / "registry"))
    checkout(repo_dir, tag)
    for system in reversed(systems):
        run(mdd, ["rollback", system, "--to", tag, "--yes", "--reason", "scenario replay", "--format", "json",
                  *registry], env)
    return run(mdd, ["verify", "--all", "--format", "json", *registry], env)


def changes_table(outcomes: Sequence[Outcome]) -> list[str]:
    """Per tag, the changes per system (recodes/adds/updates/closes/repoints) and the rows converted."""
    systems = [s["id"] for s in outcomes[0].manifest["systems"]]
    lines = ["| tag | unit changes | " + " | ".join(systems) + " |", "|---|---|" + "---|" * len(systems)]
    for outcome in outcomes:
        cells = []
        for entry in outcome.manifest["systems"]:
            c = entry["changes"]
            cells.append(f"{c['recodes']}/{c['adds']}/{c['updates']}/{c['closes']}/{c['repoints']}")
        lines.append(f"| {outcome.tag} | {outcome.diff['count']} | " + " | ".join(cells) + " |")
    return lines


def _demo(folder: Path, into: Path) -> int:
    from madinhdanh import demo

    if into.exists():
        shutil.rmtree(into)
    made = build_repository(folder, into / "province")
    repo = into / "province"
    checkout(repo, made[0].tag)
    replicas = demo.build_replicas(repo / "registry", ROOT / "examples" / "targets", into / "db", print)
    env = {r.dsn_env: r.url for r in replicas}
    mdd_bin = str(Path(sys.executable).with_name("mdd"))

    def mdd(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
        done = subprocess.run([mdd_bin, *args], capture_output=True, text=True, env={**os.environ, **env})
        return done.returncode, done.stdout, done.stderr

    outcomes = []
    for outcome in deploy_releases(mdd, repo, [r.tag for r in made], into / "bundles", env, "sqlite"):
        parts = outcome.deploy["systems"]
        applied = sum(1 for s in parts if s["state"] == "applied")
        values = sum(s["values"] or 0 for s in parts)
        problems = sum(len(s.get("discrepancies", [])) for s in outcome.verify["systems"])
        print(f"{outcome.tag}: {outcome.diff['count']} unit changes, {len(outcome.diff['systems'])} system changes; "
              f"applied to {applied} of {len(parts)} systems, {values} values changed; "
              f"verify: {problems} discrepancies")
        outcomes.append(outcome)
    print("\nchanges per system (recodes/adds/updates/closes/repoints):")
    print("\n".join(changes_table(outcomes)))
    back = made[-2].tag
    verified = roll_back(mdd, repo, back, [s["id"] for s in outcomes[0].manifest["systems"]], env)
    problems = sum(len(s.get("discrepancies", [])) for s in verified["systems"])
    print(f"\nrolled every system back to {back}; verify against the registry at {back}: {problems} discrepancies")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", help="a folder under examples/scenarios/, e.g. bac-giang-2021-2025")
    parser.add_argument("--into", type=Path, required=True, help="where to create the git repository")
    parser.add_argument("--deploy", action="store_true",
                        help="also deploy every release to SQLite replicas under --into (the demo)")
    args = parser.parse_args(argv)
    folder = HERE / args.scenario
    if args.deploy:
        return _demo(folder, args.into)
    for release in build_repository(folder, args.into):
        print(f"{release.tag}  {release.date}  {release.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
