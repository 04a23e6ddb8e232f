#!/usr/bin/env python3
"""Generate a valid synthetic registry of N units, for benchmarks and load tests.

    python bench/gen_registry.py 100000 --out /tmp/reg [--seed 1] [--national]

writes ``DIR/units.yaml`` and ``DIR/systems.yaml`` in the canonical form of
docs/registry-format.md (what ``mdd fmt`` writes: fixed key order, units sorted by code, block
style, dates single-quoted), so ``mdd fmt --check`` has nothing to change.
The output depends only on N, the seed and the mode.

Two modes:

- one province (the default, what bench/targets_gen.py and the tests use): the fictional
  "Tỉnh Mẫu", level-1 code H99 (unused by any real province);
- ``--national``: the national document axis or a ministry-wide deployment, N units spread over
  the 63 former provinces (H01-H63) and 30 ministries and government bodies (G01-G30), each a
  tree of its own; ``settings.level1_code`` is G22 (the Government Office, which runs the axis)
  and ``settings.level1_codes`` lists the others. Fewer bodies below 20 units each (1 body under
  40 units). The codes are illustrative (gen_names.py says which are confirmed).

Either way ``settings.illustrative`` is true. Each body's tree has four levels (gen_tree.py): the
level-1 body; departments, Party and mass-organisation bodies and districts (a ministry:
departments, institutes, centres); their offices, centres, schools, hospitals and communes;
schools, health stations, cells and branches under those. Every unit whose numbers fit QCVN 102
also gets a code102, numbered differently from its qd20 code; about 1% of units carry a
``history`` entry and about 0.5% are closed (leaves merged into an active sibling).

``systems.yaml`` declares the five systems of registry/systems.yaml (bench/systems.yaml), so
``mdd render --full`` renders what a province renders.

The text is written directly with string formatting (no yaml.dump): 100,000 units take about two
seconds. Only a one-line summary goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))
sys.path.insert(0, str(HERE))

from gen_names import CENTRAL, CITIES, NATIONAL_CODE, PLACES, PROVINCES, STREETS  # noqa: E402
from gen_tree import Body, Node, add_events, apportion, build_tree, number_tree, slug  # noqa: E402
from madinhdanh.codes import qd20_sort_key  # noqa: E402

SYSTEMS_YAML = (HERE / "systems.yaml").read_text(encoding="utf-8")
SAMPLE = Body(code="H99", name="Ủy ban nhân dân tỉnh Mẫu", short="UBND tỉnh Mẫu", issuer="UBND tỉnh Mẫu",
              place="tỉnh Mẫu", seat="thành phố Mẫu, tỉnh Mẫu", domain="tinhmau.gov.vn", phone="0204", abbr="UBND",
              central=False, city=False, prefix="")
MIN_SHARE = 20  # units per body in national mode, at least (fewer bodies for a small N)

# ------------------------------------------------------------------------------------ scalars

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_UNSAFE = re.compile(r": |\s#|:$|\s$|[\x00-\x1f\x7f\x85\u2028\u2029\ufeff]")
# YAML 1.2 core-schema numbers and specials, which a 1.1 resolver reads as strings (1e3, 0o7, .NaN).
_CORE12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
                     r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_IMPLICIT: dict[str, list[re.Pattern[str]]] = {}


def _load_implicit() -> None:
    import yaml  # only the resolver table: what a YAML 1.1 loader reads as non-strings

    for first, pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        _IMPLICIT[first] = [regexp for tag, regexp in pairs if tag != "tag:yaml.org,2002:str"]


def scalar(text: str) -> str:
    """The string plain when YAML reads it back unchanged, else double-quoted (JSON escapes)."""
    if (not text or text[0] in _INDICATORS or _UNSAFE.search(text) is not None
            or any(r.match(text) for r in _IMPLICIT.get(text[0], ())) or _CORE12.fullmatch(text)):
        return json.dumps(text, ensure_ascii=False)
    return text


# ------------------------------------------------------------------------------------ bodies


def province_body(number: int, name: str) -> Body:
    """The People's Committee of a former province or centrally-run city, H01-H63."""
    city = name in CITIES
    place = f"{'thành phố' if city else 'tỉnh'} {name}"
    code = f"H{number:02d}"
    return Body(code=code, name=f"Ủy ban nhân dân {place}", short=f"UBND {place}", issuer=f"UBND {place}",
                place=place, seat=place, domain=f"{slug(name).replace('-', '')}.gov.vn",
                phone=f"02{10 + number * 7 % 89:02d}", abbr="UBND", central=False, city=city,
                prefix=f"{code.lower()}-")


def central_body(code: str, name: str, abbr: str) -> Body:
    """A ministry or government body, G01-G30, seated in Hà Nội."""
    return Body(code=code, name=name, short=abbr, issuer=name, place="thành phố Hà Nội",
                seat="quận Ba Đình, thành phố Hà Nội", domain=f"{abbr.lower()}.gov.vn", phone="024", abbr=abbr,
                central=True, city=False, prefix=f"{code.lower()}-")


def national_bodies(n: int) -> list[Body]:
    """The bodies N units are spread over, G22 first: all 93 from 93 * MIN_SHARE units, else fewer,
    picked evenly from the code order (so ministries and provinces both appear)."""
    every = [central_body(*c) for c in CENTRAL] + [province_body(i, p) for i, p in enumerate(PROVINCES, start=1)]
    first = next(b for b in every if b.code == NATIONAL_CODE)
    others = [b for b in every if b is not first]
    k = max(1, min(len(every), n // MIN_SHARE))
    return [first] + [others[i * len(others) // (k - 1)] for i in range(k - 1)] if k > 1 else [first]


def shares(n: int, bodies: Sequence[Body], rng: random.Random) -> list[int]:
    """Units per body: at least one each, the rest by weight (cities and big provinces more)."""
    weights = [rng.uniform(0.4, 1.2) if b.central else rng.uniform(0.6, 1.6) * (1.5 if b.city else 1.0)
               for b in bodies]
    return [1 + c for c in apportion(n - len(bodies), weights, 10**9)]


# ------------------------------------------------------------------------------------ writing

_DECISIONS: dict[tuple[tuple[str, str], str, Body], str] = {}


def decision_block(decision: tuple[str, str], indent: str, body: Body) -> str:
    key = (decision, indent, body)
    text = _DECISIONS.get(key)
    if text is None:
        number, date = decision
        number = number.replace("UBND", body.abbr)
        text = _DECISIONS[key] = (f"{indent}decision:\n{indent}  number: {scalar(number)}\n"
                                  f"{indent}  date: '{date}'\n{indent}  issuer: {scalar(body.issuer)}\n")
    return text


def contact_block(unit: Node, rng: random.Random) -> str:
    body = unit.body
    street = STREETS[rng.randrange(len(STREETS))]
    if unit.loc.startswith(("xã", "thị trấn")):
        address = f"Thôn {PLACES[rng.randrange(len(PLACES))]}, {unit.loc}, {body.place}"
    elif unit.loc.startswith("huyện "):
        address = f"Số {rng.randint(1, 250)} đường {street}, thị trấn {unit.loc[6:]}, {unit.loc}, {body.place}"
    elif unit.loc:
        address = f"Số {rng.randint(1, 250)} đường {street}, {unit.loc}, {body.place}"
    else:
        ward = PLACES[rng.randrange(len(PLACES))]
        address = f"Số {rng.randint(1, 250)} đường {street}, phường {ward}, {body.seat}"
    head, tail = rng.randrange(1000), rng.randrange(1000)
    domain = f"{unit.ctx.replace('-', '')}.{body.domain}" if unit.ctx else body.domain
    lines = ["  contact:\n", f"    address: {scalar(address)}\n", f"    email: {unit.id}@{domain}\n",
             f"    phone: {body.phone} 3{head:03d} {tail:03d}\n"]
    if rng.random() < 0.4:
        lines.append(f"    fax: {body.phone} 3{head:03d} {(tail + 1) % 1000:03d}\n")
    if rng.random() < 0.6:
        host = unit.ctx.replace("-", "") if unit.level == 2 else unit.id.replace("-", "")[:40]
        lines.append(f"    website: https://{host}.{body.domain if unit.level == 2 else domain}\n")
    return "".join(lines)


def unit_text(unit: Node, rng: random.Random) -> str:
    parts = [f"- id: {scalar(unit.id)}\n  code: {unit.code}\n"]
    if unit.c102:
        parts.append(f"  code102: {unit.c102}\n")
    parts.append(f"  name: {scalar(unit.name)}\n")
    if unit.short:
        parts.append(f"  short_name: {scalar(unit.short)}\n")
    parts.append(f"  block: {unit.block}\n  status: {'closed' if unit.closed else 'active'}\n")
    if rng.random() < 0.55:
        parts.append(contact_block(unit, rng))
    parts.append(decision_block(unit.decision, "  ", unit.body))
    note = None
    if unit.history:
        parts.append(f"  history:\n  - code: {unit.history}\n    until: '{unit.decision[1]}'\n")
        parts.append(decision_block(unit.decision, "    ", unit.body))
        note = f"Đổi mã từ {unit.history} theo Quyết định số {unit.decision[0].replace('UBND', unit.body.abbr)}"
    if unit.closed:
        successor, (number, date, closed_on) = unit.closed
        parts.append(f"  closed:\n    date: '{closed_on}'\n")
        parts.append(decision_block((number, date), "    ", unit.body))
        parts.append(f"    reason: merged\n    successors: [{successor.id}]\n")
        note = f"Sáp nhập vào {successor.name}"
    if note:
        parts.append(f"  note: {scalar(note)}\n")
    return "".join(parts)


def settings_text(seed: int, bodies: Sequence[Body] | None = None) -> str:
    """The settings of the one-province registry, or (``bodies``) of the national one."""
    note = (f"Dữ liệu tổng hợp do bench/gen_registry.py sinh ra (seed {seed}) để đo hiệu năng và kiểm thử; "
            "mã, tên và địa chỉ không phải của cơ quan thật")
    if bodies is None:
        return (f"settings:\n  province: {scalar('Tỉnh Mẫu')}\n  level1_code: {SAMPLE.code}\n"
                f"  issuer: {scalar(SAMPLE.name)}\n  illustrative: true\n  note: {scalar(note)}\nunits:\n")
    note += (f". {len(bodies)} cơ quan cấp 1, chọn trong 63 tỉnh, thành phố trước khi sắp xếp năm 2025 "
             "(mã H01-H63 theo thứ tự chữ cái, chỉ H49 Quảng Ninh và H54 Thái Bình được nguồn xác nhận) và 30 bộ, cơ quan trung ương "
             "(mã G01-G30 minh họa, trừ G17 Bộ Xây dựng và G22 Văn phòng Chính phủ); mọi mã chỉ để minh họa")
    first, *others = bodies
    codes = "".join(f"\n  level1_codes: [{', '.join(sorted(b.code for b in others))}]" if others else "")
    return (f"settings:\n  province: {scalar('Cả nước (trục liên thông văn bản quốc gia)')}\n"
            f"  level1_code: {first.code}{codes}\n  issuer: {scalar(first.name)}\n  illustrative: true\n"
            f"  note: {scalar(note)}\nunits:\n")


def body_units(n: int, rng: random.Random, body: Body) -> tuple[list[Node], int, int]:
    """The ``n`` units of one body in code order, with their events (closed and history counts)."""
    units = number_tree(build_tree(n, rng, body))
    units.sort(key=lambda u: qd20_sort_key(u.code))  # already in this order; the sort states the contract
    closed, history = add_events(units, rng)
    return units, closed, history


def generate(n: int, seed: int, national: bool = False) -> tuple[str, dict[str, int]]:
    """The text of units.yaml for ``n`` units, and counts for the summary. One province draws
    everything from one generator seeded ``seed``; national mode gives each body its own
    (``seed:code``), so a body's units do not depend on the others."""
    if not _IMPLICIT:
        _load_implicit()
    if not national:
        rng = random.Random(seed)
        units, closed, history = body_units(n, rng, SAMPLE)
        text = settings_text(seed) + "".join([unit_text(u, rng) for u in units])
        bodies = 1
    else:
        chosen = national_bodies(n)
        parts, units, closed, history = [settings_text(seed, chosen)], [], 0, 0
        for body, share in sorted(zip(chosen, shares(n, chosen, random.Random(seed))),
                                  key=lambda pair: qd20_sort_key(pair[0].code)):
            rng = random.Random(f"{seed}:{body.code}")
            some, c, h = body_units(share, rng, body)
            parts.extend([unit_text(u, rng) for u in some])
            units.extend(some)
            closed, history = closed + c, history + h
        text, bodies = "".join(parts), len(chosen)
    levels = {f"level{k}": sum(1 for u in units if u.level == k) for k in range(1, 5)}
    return text, {"units": len(units), "bodies": bodies, **levels, "closed": closed, "history": history,
                  "code102": sum(1 for u in units if u.c102)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic madinhdanh registry of N units.")
    parser.add_argument("n", type=int, metavar="N", help="number of units (at least 1)")
    parser.add_argument("--out", required=True, type=Path, help="directory for units.yaml and systems.yaml")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--national", action="store_true",
                        help="spread the units over the 63 former provinces and 30 central bodies")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    started = time.perf_counter()
    text, counts = generate(args.n, args.seed, args.national)
    args.out.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    (args.out / "units.yaml").write_bytes(data)
    (args.out / "systems.yaml").write_bytes(SYSTEMS_YAML.encode("utf-8"))
    elapsed = time.perf_counter() - started
    detail = ", ".join(f"{k} {v}" for k, v in counts.items() if k != "units")
    print(f"gen_registry: {counts['units']} units ({detail}), {len(data)} bytes "
          f"({len(data) / counts['units']:.0f}/unit) -> {args.out} in {elapsed:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
