"""The tree of one level-1 body for bench/gen_registry.py: units, their codes, their events.

A body (a province's People's Committee, or a ministry) is the level-1 unit; under it four levels
are built so that the total is exactly the body's share of N, then numbered (qd20 codes, QCVN 102
codes, ids), then given history entries and closures. Everything random comes from the ``rng``
passed in, in a fixed order, so a body's units depend only on its share and its seed.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from gen_names import (AMENDMENTS, BASE_DECISION, CENTRAL_FIXED, CENTRAL_HEADS, CLOSURES, PARTY_L2, PLACES, POOLS,
                       RULES, STATE_L2, TOPICS, WEIGHTS)


class Body(NamedTuple):
    """A level-1 body: what its units' codes, names, addresses and decisions are made of."""

    code: str  # level-1 code: H03, G17
    name: str  # the level-1 unit's name
    short: str  # its short name
    issuer: str  # who signs its decisions
    place: str  # the end of every address: "tỉnh An Giang"
    seat: str  # where a unit with no locality is: "thành phố Mẫu, tỉnh Mẫu"
    domain: str  # e-mail and web domain
    phone: str  # area code
    abbr: str  # in decision numbers: 1520/QĐ-UBND
    central: bool  # a ministry or government body (no districts, no Party block)
    city: bool  # a centrally-run city: "thành phố" where a province says "tỉnh"
    prefix: str  # of every id ("" for a one-province registry)


_SLUGS: dict[str, str] = {}


def slug(text: str) -> str:
    cached = _SLUGS.get(text)
    if cached is None:
        bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        bare = "".join(c for c in bare if not unicodedata.combining(c)).lower()
        cached = _SLUGS[text] = re.sub(r"[^a-z0-9]+", "-", bare).strip("-")
    return cached


class Node:
    __slots__ = ("parent", "body", "level", "num", "count", "code", "c102", "name", "short", "block", "kind",
                 "ctx", "place", "word", "tpl", "loc", "children", "id", "closed", "history", "decision")

    def __init__(self, parent: Node | None, name: str, short: str | None, kind: str, body: Body | None = None) -> None:
        self.parent, self.name, self.short, self.kind = parent, name, short, kind
        self.body: Body = parent.body if parent is not None else body  # type: ignore[assignment]
        self.level: int = 1 if parent is None else parent.level + 1
        self.block: str = "state" if parent is None else parent.block
        self.ctx: str = "" if parent is None else parent.ctx
        self.place: str | None = None
        self.word, self.tpl = "", ("", "")
        self.loc: str = "" if parent is None else parent.loc
        self.children: list[Node] = []
        self.num = self.count = 0
        self.code = self.body.code
        self.c102: str | None = None
        self.id = ""
        self.closed: tuple[Node, tuple[str, str, str]] | None = None
        self.history: str | None = None
        self.decision = BASE_DECISION


def apportion(total: int, weights: Sequence[float], cap: int) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder), none above
    ``cap`` as long as the total allows it (so the children keep a QCVN 102 number)."""
    if not weights:
        return []
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(e) for e in exact]
    order = sorted(range(len(weights)), key=lambda i: counts[i] - exact[i])
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    if total <= cap * len(weights):
        free = [i for i, c in enumerate(counts) if c < cap]
        excess = sum(c - cap for c in counts if c > cap)
        counts = [min(c, cap) for c in counts]
        while excess:
            room = [i for i in free if counts[i] < cap]
            share = max(1, excess // len(room))
            for i in room[:excess]:
                add = min(share, cap - counts[i], excess)
                counts[i] += add
                excess -= add
    return counts


def level_sizes(n: int) -> tuple[int, int, int]:
    """Numbers of level-2, level-3 and level-4 units for a total of ``n``."""
    rest = n - 1
    if rest <= 0:
        return 0, 0, 0
    root = rest ** (1 / 3)
    a = max(1, min(rest, round(root * 0.8)))
    b = min(rest - a, max(1, round(a * root * 0.8))) if rest > a else 0
    return a, b, rest - a - b


L2 = tuple[str, "str | None", str, str, str, str, "str | None"]  # name, short, kind, ctx, t3, t4, place


def level2_specs(count: int) -> Iterator[L2]:
    """The level-2 units of a province, state/district/party in turn."""
    state = iter(STATE_L2)
    party = iter(PARTY_L2)

    def districts() -> Iterator[L2]:
        for j in range(10**9):
            place = PLACES[j % len(PLACES)] + ("" if j < len(PLACES) else f" {j // len(PLACES) + 1}")
            yield f"UBND huyện {place}", None, "district", slug(place), "", "", place
            yield f"Huyện ủy {place}", None, "party_district", slug(place), "", "", place

    queues = [((*s, "", "", None) for s in state), districts(), ((*p, None) for p in party)]
    produced = 0
    while produced < count:
        for queue in list(queues):
            spec = next(queue, None)
            if spec is None:
                queues.remove(queue)
                continue
            yield spec
            produced += 1
            if produced == count:
                return


def central_level2_specs(count: int, body: Body) -> Iterator[L2]:
    """The level-2 units of a ministry: its office, inspectorate and departments, then departments,
    institutes and centres named after the topics in turn."""
    word = "Bộ" if body.name.startswith("Bộ ") else ""
    for i in range(count):
        if i < len(CENTRAL_FIXED):
            name, short, kind = CENTRAL_FIXED[i]
            name = name.format(b=word).strip()
        else:
            j = i - len(CENTRAL_FIXED)
            (head, short, kind), k = CENTRAL_HEADS[j % len(CENTRAL_HEADS)], j // len(CENTRAL_HEADS)
            name = head.format(x=TOPICS[k % len(TOPICS)] + ("" if k < len(TOPICS) else f" {k // len(TOPICS) + 1}"))
        yield name, short, kind, slug(name), "", "", None


def city_words(text: str) -> str:
    """A province's name for a body, as a centrally-run city says it."""
    return text.replace("Tỉnh ủy", "Thành ủy").replace("Tỉnh đoàn", "Thành đoàn").replace(" tỉnh", " thành phố")


def child_spec(parent: Node, i: int, offset: int) -> tuple[str, str | None, str, str | None]:
    """Name, short name, kind and place of the ``i``-th child (fixed children interleaved)."""
    fixed, heads, pool_name = RULES[parent.kind]
    if i % 2 == 0 and i // 2 < len(fixed):
        name, short, kind = fixed[i // 2]
        item = None
    else:
        j = i - min(len(fixed), (i + 1) // 2)
        pool = POOLS[pool_name]
        (name, short, kind), k = heads[j % len(heads)], j // len(heads)
        item = pool[(offset + k) % len(pool)]
        if k >= len(pool):
            item += f" {k // len(pool) + 1}"
    values = {"p": parent.place or "", "w": parent.word, "x": item or "", "t3": parent.tpl[0], "t4": parent.tpl[1]}
    name = name.format(**values)
    short = short.format(**values) if short else None
    place = item if pool_name == "places" and item else parent.place
    return name, short, kind, place


def build_tree(n: int, rng: random.Random, body: Body) -> Node:
    """The body's ``n`` units as a tree (names and kinds; no codes yet)."""
    root = Node(None, body.name, body.short, "root", body)
    a, b, c = level_sizes(n)
    specs = central_level2_specs(a, body) if body.central else level2_specs(a)
    for name, short, kind, ctx, t3, t4, place in specs:
        if body.city:
            name, short = city_words(name), (city_words(short) if short else None)
        node = Node(root, name, short, kind)
        node.block = "party" if kind.startswith("party") or kind == "mass" else "state"
        node.ctx, node.tpl, node.place = ctx, (t3, t4), place
        node.word = "huyện" if place else ""
        node.loc = f"huyện {place}" if place else ""
        root.children.append(node)
    parents = root.children
    for total, cap in ((b, 99), (c, 999)):
        counts = apportion(total, [WEIGHTS[p.kind] * rng.uniform(0.7, 1.3) for p in parents], cap)
        for index, (parent, count) in enumerate(zip(parents, counts)):
            offset = (index * 37 + rng.randrange(len(PLACES))) % len(PLACES)
            names: set[str] = set()
            for i in range(count):
                child = make_child(parent, i, offset)
                while child.name in names:  # a pool item equal to the parent's own place
                    child.name += " 2"
                names.add(child.name)
                parent.children.append(child)
        parents = [child for p in parents for child in p.children]
    return root


# Kinds that are a locality: the word before their place name (used in names and addresses).
LOCALITIES = {"commune": "xã", "party_commune": "xã", "town": "thị trấn", "mass_district": "huyện"}


def make_child(parent: Node, i: int, offset: int) -> Node:
    name, short, kind, place = child_spec(parent, i, offset)
    node = Node(parent, name, short, kind)
    node.tpl, node.place = parent.tpl, place
    word = LOCALITIES.get(kind)
    if word:
        node.word = word
        node.loc = f"{word} {place}" + (f", {parent.loc}" if parent.loc and word != "huyện" else "")
    return node


# ------------------------------------------------------------------------------------ numbering


def number_tree(root: Node) -> list[Node]:
    """Assign qd20 codes, code102 codes and ids; return the units in depth-first (code) order."""
    root.c102 = f"000.00.00.{root.body.code}"
    root.id = unique_id(root, set())
    units, used = [root], {root.id}
    stack = [root]
    while stack:
        node = stack.pop()
        count = len(node.children)
        width = max(2, len(str(count)))
        shift = 1 + count // 3
        for num, child in enumerate(node.children, start=1):
            child.num, child.count = num, count
            child.code = f"{node.code}.{num:0{width}d}"
            child.c102 = code102(node.c102, child.level, (num - 1 + shift) % count + 1, count)
        stack.extend(reversed(node.children))
        if node is not root:
            node.id = unique_id(node, used)
            units.append(node)
    return units


def code102(parent: str | None, level: int, number: int, siblings: int) -> str | None:
    """The QCVN 102 code of a child numbered ``number``, None when it does not fit."""
    limit = 999 if level == 4 else 99
    if parent is None or level > 4 or siblings > limit:
        return None
    l4, l3, l2, l1 = parent.split(".")
    if level == 2:
        return f"{l4}.{l3}.{number:02d}.{l1}"
    if level == 3:
        return f"{l4}.{number:02d}.{l2}.{l1}"
    return f"{number:03d}.{l3}.{l2}.{l1}"


def unique_id(node: Node, used: set[str]) -> str:
    """A slug of the name (after the body's prefix), made unique with the level-2 context or a number."""
    base = (node.body.prefix + slug(node.name))[:44].rstrip("-")
    candidate = base
    if candidate in used and node.ctx:
        candidate = f"{base}-{node.ctx}"[:58].rstrip("-")
    stem, k = candidate, 1
    while candidate in used:
        k += 1
        candidate = f"{stem}-{k}"
    used.add(candidate)
    return candidate


# ------------------------------------------------------------------------------------ events


def add_events(units: list[Node], rng: random.Random) -> tuple[int, int]:
    """Re-date some units, give ~1% a history entry, close ~0.5% (leaves merged into a sibling)."""
    leaves = [u for u in units if u.level >= 2 and not u.children and u.count >= 2]
    p_close = min(0.5, 0.005 * len(units) / len(leaves)) if leaves else 0.0
    leaf_ids = {id(u) for u in leaves}
    closed = history = 0
    for unit in units[1:]:
        if rng.random() < 0.15:
            unit.decision = AMENDMENTS[rng.randrange(len(AMENDMENTS))]
        if id(unit) in leaf_ids and rng.random() < p_close:
            unit.closed = (unit, CLOSURES[rng.randrange(len(CLOSURES))])
            closed += 1
        elif rng.random() < 0.01:
            unit.decision = AMENDMENTS[rng.randrange(len(AMENDMENTS))]
            number = unit.count + unit.num  # above every current sibling number: never used by anyone
            width = max(2, len(str(unit.count)), len(str(number)))
            unit.history = f"{unit.parent.code}.{number:0{width}d}"  # type: ignore[union-attr]
            history += 1
    closed -= pick_successors(units)
    return closed, history


def pick_successors(units: list[Node]) -> int:
    """Point each closed unit at its nearest active sibling; reopen it if it has none."""
    reopened = 0
    for unit in units:
        if unit.closed is None:
            continue
        siblings = unit.parent.children  # type: ignore[union-attr]
        at = unit.num - 1
        candidates = siblings[at - 1::-1] + siblings[at + 1:] if at else siblings[1:]
        successor = next((s for s in candidates if s.closed is None), None)
        if successor is None:
            unit.closed = None
            reopened += 1
        else:
            unit.closed = (successor, unit.closed[1])
    return reopened
