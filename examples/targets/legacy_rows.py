"""The rows each example target system holds BEFORE conversion, built from the registry.

One builder per system (:data:`BUILDERS`) turns the units the system holds (:class:`Held`: the
units in its ``scope`` that have the identifier systems.yaml names, keyed by it) into
:class:`Table` values in insert order (a referenced table before the table that references it).
Everything is deterministic: the same registry gives the same rows in the same order.

What the rows deliberately contain, so that a conversion has something real to get right:

- rows that reference the CLOSED units in every column with ``on_close: repoint``
  (routes, outside-agency lists, procedures, portal categories), so they must be repointed;
- values next to codes that are NOT codes: dictionary rows of other kinds whose ``ma`` equals a
  unit's code or extends it (``SOVANBAN``: a unit's document registers), procedure codes ending in
  the agency's code, message ids starting with the sender's code: an UPDATE or REPLACE without the
  declared ``where`` (or by LIKE) would change them;
- agencies outside the registry (the Government Office, a ministry) in the send/receive catalog,
  its routes and the dictionary: codes the registry does not know, which must stay as they are;
- texts with ``'``, ``;``, ``--``, ``/* */``, ``\\`` (one at the very end) and ``%``
  (:data:`TRICKY_TEXTS`) in columns that are not registry names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Union

from madinhdanh.model import Registry, Unit

Value = Union[str, int, bool, datetime, None]

TRICKY_QUOTE = "Cấp giấy phép 'đặc biệt'; -- thử /* không phải chú thích */"
TRICKY_PATH = "Tài liệu\\Biểu mẫu 100%\\"
TRICKY_TEXTS = (TRICKY_QUOTE, TRICKY_PATH)

# Agencies outside the province that the send/receive server exchanges with (illustrative).
EXTERNAL = (("G22", "Văn phòng Chính phủ"), ("G17", "Bộ Xây dựng"))


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of one table, in insert order; ``columns`` are the columns the seed fills."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


@dataclass(frozen=True, slots=True)
class Held:
    """A unit as a system holds it: keyed by its legacy identifier, its parent's likewise."""

    unit: Unit
    key: str
    parent_key: str | None


def identifier_of(unit: Unit, identifier: str) -> str | None:
    """The unit's identifier of the kind systems.yaml names: ``code``, ``code102`` or ``legacy.<S>``."""
    if identifier == "code":
        return unit.code
    if identifier == "code102":
        return unit.code102
    if identifier.startswith("legacy."):
        return unit.legacy_id(identifier.removeprefix("legacy."))
    raise ValueError(f"unknown identifier {identifier!r}: expected code, code102 or legacy.<system>")


def in_scope(unit: Unit, scope: Mapping[str, Any]) -> bool:
    return unit.block in scope["blocks"] and unit.level in scope["levels"] and unit.status in scope["statuses"]


def held_units(registry: Registry, system: Mapping[str, Any]) -> tuple[Held, ...]:
    """The units in the system's scope that have its identifier, in registry order. A unit in scope
    without one (no ``code102``, no ``legacy`` entry) is not in the legacy system: the conversion
    adds it (as ``mdd export crosswalk`` says)."""
    identifier = str(system["identifier"])
    held: list[Held] = []
    for unit in registry.units:
        key = identifier_of(unit, identifier) if in_scope(unit, system["scope"]) else None
        if key is not None:
            parent = registry.parent(unit)
            held.append(Held(unit, key, None if parent is None else identifier_of(parent, identifier)))
    return tuple(held)


@dataclass(frozen=True, slots=True)
class Legacy:
    """What a builder gets: the registry, the system's systems.yaml entry and the units it holds."""

    registry: Registry
    system: Mapping[str, Any]
    held: tuple[Held, ...]

    @property
    def identifier(self) -> str:
        return str(self.system["identifier"])

    def external(self) -> list[tuple[str, str]]:
        """(key, name) of the agencies outside the registry, written like the system's codes."""
        if self.identifier == "code102":
            return [(f"000.00.00.{level1}", name) for level1, name in EXTERNAL]
        return list(EXTERNAL)

    def unknown_key(self) -> str:
        """An identifier no unit has (a typo'd or long-gone address) for the exchange log."""
        level1 = self.registry.settings.level1_code
        return f"000.99.99.{level1}" if self.identifier == "code102" else f"{level1}.99.99"

    def successors(self, held: Held) -> list[Held]:
        """The held units that take over from a closed held unit."""
        ids = held.unit.closed.successors if held.unit.closed else ()
        return [h for h in self.held if h.unit.id in ids]


def _at(day: int, minute: int = 0, *, start: datetime = datetime(2019, 3, 1, 8, 0)) -> datetime:
    return start + timedelta(days=day, minutes=minute)


def _label(unit: Unit) -> str:
    return unit.short_name or unit.name


def _table(name: str, columns: str, rows: Iterable[tuple[Value, ...]]) -> Table:
    names = tuple(columns.split())
    built = tuple(rows)
    assert all(len(row) == len(names) for row in built), f"{name}: a row does not match {names}"
    return Table(name, names, built)


# --- qlvb_state: document management, state block ----------------------------------------------

DICTIONARY = (
    ("LOAIVANBAN", [("QD", "Quyết định"), ("CV", "Công văn"), ("TB", "Thông báo"), ("TTR", "Tờ trình"),
                    ("BC", "Báo cáo"), ("KH", "Kế hoạch"), ("GM", "Giấy mời"), ("CT", "Chỉ thị")]),
    ("LINHVUC", [("TCCB", "Tổ chức cán bộ"), ("TCKH", "Tài chính - Kế hoạch"), ("CNTT", "Công nghệ thông tin"),
                 ("TDKT", "Thi đua - Khen thưởng"), ("CCHC", "Cải cách hành chính"), ("KHAC", "Khác")]),
    ("DOMAT", [("MAT", "Mật"), ("TOIMAT", "Tối mật"), ("TUYETMAT", "Tuyệt mật")]),
    ("DOKHAN", [("KHAN", "Khẩn"), ("THUONGKHAN", "Thượng khẩn"), ("HOATOC", "Hỏa tốc")]),
)
SUBJECTS = ("V/v triển khai chuyển đổi mã định danh điện tử", "Báo cáo tình hình kinh tế - xã hội tháng",
            "Giấy mời họp giao ban trực tuyến", "V/v rà soát thủ tục hành chính", "Kế hoạch cải cách hành chính năm 2024",
            "V/v cập nhật danh mục dùng chung", "Thông báo lịch tiếp công dân")
DOC_TYPES = ("CV", "QĐ", "TB", "GM", "BC", "KH")
STATUSES = ("DA_NHAN", "DA_NHAN", "DA_XU_LY", "DA_GUI", "DA_NHAN", "TU_CHOI")
AXIS = "https://truclienthong.bacgiang.gov.vn/edxml"
NATIONAL_AXIS = "https://vdxp.chinhphu.vn/edxml"


def qlvb_state(legacy: Legacy) -> list[Table]:
    held, external = legacy.held, legacy.external()
    units = _table("dm_donvi", "ma_dinh_danh ten_donvi ten_viet_tat ma_donvi_cha cap trang_thai thu_tu dia_chi email"
                   " dien_thoai ngay_tao",
                   ((h.key, h.unit.name, h.unit.short_name, h.parent_key, h.unit.level, h.unit.status, i + 1,
                     h.unit.contact.address, h.unit.contact.email, h.unit.contact.phone, _at(i // 10, i))
                    for i, h in enumerate(held)))
    dictionary = [("DONVI", h.key, h.unit.name, h.unit.active) for h in held]
    dictionary += [("DONVI", key, name, True) for key, name in external]
    for h in held:
        if h.unit.level <= 2:  # the unit's document registers, keyed by (a neighbour of) its code
            dictionary += [("SOVANBAN", h.key, f"Sổ văn bản đến - {_label(h.unit)}", True),
                           ("SOVANBAN", f"{h.key}.VBDI", f"Sổ văn bản đi - {_label(h.unit)}", True)]
    dictionary += [(kind, code, name, True) for kind, entries in DICTIONARY for code, name in entries]
    catalog = [(h.key, h.unit.name, AXIS, h.unit.active, _at(300 + i // 20, i)) for i, h in enumerate(held)]
    catalog += [(key, name, NATIONAL_AXIS, True, _at(300)) for key, name in external]
    routes = _routes(legacy)
    return [units,
            _table("dm_dungchung", "loai ma ten thu_tu hieu_luc",
                   ((kind, code, name, i + 1, on) for i, (kind, code, name, on) in enumerate(dictionary))),
            _table("lt_donvi", "ma_donvi ten_donvi dia_chi_ket_noi kich_hoat ngay_dang_ky", catalog),
            _table("lt_tuyen", "ma_donvi_gui ma_donvi_nhan kenh uu_tien kich_hoat ngay_tao",
                   ((s, r, kenh, prio, True, _at(310, i)) for i, (s, r, kenh, prio) in enumerate(routes))),
            _table("lt_nhatky", "ma_thong_diep ma_noi_gui ma_noi_nhan thoi_gian trang_thai chieu so_ky_hieu trich_yeu",
                   _messages(legacy, routes))]


def _routes(legacy: Legacy) -> list[tuple[str, str, str, int]]:
    """(sender, receiver, channel, priority): each unit to and from its parent (a closed unit only
    as a receiver: the stale route that must be repointed), the top levels to the national axis."""
    keys = {h.key for h in legacy.held}
    routes: list[tuple[str, str, str, int]] = []
    for h in legacy.held:
        if h.parent_key is not None and h.parent_key in keys:
            if h.unit.active:
                routes.append((h.key, h.parent_key, "EDXML", 1))
            routes.append((h.parent_key, h.key, "EDXML", 2))
    external = [key for key, _ in legacy.external()]
    for h in legacy.held:
        if h.unit.level <= 2 and h.unit.active:
            routes.append((h.key, external[0], "VDXP", 3))
            if h.unit.level == 1:
                routes += [(key, h.key, "VDXP", 1) for key in external] + [(h.key, external[1], "VDXP", 3)]
    return routes


def _messages(legacy: Legacy, routes: Sequence[tuple[str, str, str, int]]) -> list[tuple[Value, ...]]:
    """One message per route through 2024, then: a message to each closed unit after its closure,
    one to an unknown address, and two with tricky subjects."""
    level = {h.key: h.unit.level for h in legacy.held}
    start, step = datetime(2024, 1, 2, 7, 30), timedelta(minutes=(365 * 24 * 60 - 2000) // (len(routes) + 1))
    plan = [(s, r, start + i * step, STATUSES[i % len(STATUSES)], SUBJECTS[i % len(SUBJECTS)])
            for i, (s, r, _, _) in enumerate(routes)]
    senders = {r: s for s, r, _, prio in routes if prio == 2}  # receiver -> its parent
    for h in legacy.held:
        closed = h.unit.closed
        if closed is not None and "2024-01-01" <= closed.date < "2024-12-15" and h.key in senders:
            when = datetime.fromisoformat(closed.date) + timedelta(days=14, hours=9, minutes=15)
            plan.append((senders[h.key], h.key, when, "LOI", "V/v gửi nhầm đơn vị đã đóng mã"))
    top = legacy.held[0].key
    plan += [(top, legacy.unknown_key(), datetime(2024, 12, 20, 10, 0), "LOI", "V/v gửi nhầm địa chỉ không tồn tại"),
             (top, legacy.held[1].key, datetime(2024, 12, 27, 15, 45), "DA_NHAN", TRICKY_QUOTE),
             (legacy.held[1].key, top, datetime(2024, 12, 30, 16, 5), "DA_NHAN", TRICKY_PATH)]
    rows: list[tuple[Value, ...]] = []
    for i, (sender, receiver, when, status, subject) in enumerate(plan):
        assert when.year == 2024, f"message {i} falls outside 2024: {when}"
        number = f"{i + 1}/{DOC_TYPES[i % len(DOC_TYPES)]}-{'UBND' if level.get(sender) == 1 else 'VP'}"
        direction = "GUI" if sender in level else "NHAN"
        rows.append((f"{sender},{when:%Y/%m/%d},{number}", sender, receiver, when, status, direction, number, subject))
    return rows


# --- qlvb_party: document management, Party block ----------------------------------------------

def qlvb_party(legacy: Legacy) -> list[Table]:
    held = legacy.held
    shared = _table("dm_coquan", "ma_coquan ten_coquan khoi thu_tu su_dung ngay_tao",
                    ((h.key, h.unit.name, "DANG" if h.unit.block == "party" else "CHINHQUYEN", i + 1,
                      h.unit.active, _at(i // 15, i)) for i, h in enumerate(held)))
    rows: list[tuple[Value, ...]] = []
    for k, (owner, listed) in enumerate(_outside_lists(legacy)):
        for j, h in enumerate(listed):
            name = h.unit.short_name if (k + j) % 2 and h.unit.short_name else h.unit.name  # the owner's own copy
            note = TRICKY_TEXTS[k % 2] if j == 0 and k < 2 else None
            rows.append((owner.key, h.key, name, j + 1, note, _at(400 + k, j)))
    return [shared, _table("ds_coquan_ngoai", "ma_donvi_so_huu ma_coquan ten_coquan thu_tu ghi_chu ngay_tao", rows)]


def _outside_lists(legacy: Legacy) -> list[tuple[Held, list[Held]]]:
    """Each Party unit's own list of outside agencies: the province, a rotating choice of
    departments, Party units and communes; the closed units for two owners, the first of which
    also lists their successors (a repoint would meet the UNIQUE (owner, agency) pair)."""
    held = legacy.held
    party = [h for h in held if h.unit.block == "party"]
    state2 = [h for h in held if h.unit.block == "state" and h.unit.level == 2 and h.unit.active]
    state3 = [h for h in held if h.unit.block == "state" and h.unit.level == 3 and h.unit.active]
    closed = [h for h in held if not h.unit.active]
    lists: list[tuple[Held, list[Held]]] = []
    for k, owner in enumerate(party):
        listed = [held[0]]
        listed += [state2[(3 * k + j) % len(state2)] for j in range(3)] if state2 else []
        listed += [party[(k + 1 + j) % len(party)] for j in range(2)]
        listed += [state3[(7 * k) % len(state3)]] if state3 and k % 3 == 0 else []
        if k in (0, len(party) // 2):
            listed += closed
            listed += [s for c in closed for s in legacy.successors(c)] if k == 0 else []
        unique = list({h.key: h for h in listed if h.key != owner.key}.values())
        lists.append((owner, unique))
    return lists


# --- tthc: administrative procedures -------------------------------------------------------------

PROCEDURES = {
    "province": ["Giải quyết khiếu nại lần hai", "Tiếp công dân tại Trụ sở tiếp công dân tỉnh"],
    "department": ["Cấp giấy phép hoạt động", "Thẩm định hồ sơ đề nghị công nhận", "Cấp chứng chỉ hành nghề",
                   "Cấp lại giấy chứng nhận đăng ký", "Thẩm định dự án đầu tư", "Cấp giấy phép xây dựng"],
    "commune": ["Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Chứng thực chữ ký"],
    "other": ["Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Giải quyết chế độ trợ cấp một lần"],
}
FIELDS = ("Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Giáo dục và Đào tạo", "Y tế", "Lao động")


def tthc(legacy: Legacy) -> list[Table]:
    held = legacy.held
    agencies = _table("coquan", "ma_coquan ten_coquan ma_coquan_cha trang_thai dia_chi email so_dien_thoai ngay_tao",
                      ((h.key, h.unit.name, h.parent_key, h.unit.status, h.unit.contact.address,
                        h.unit.contact.email, h.unit.contact.phone, _at(200 + i // 10, i)) for i, h in enumerate(held)))
    rows: list[tuple[Value, ...]] = []
    tricky = list(TRICKY_TEXTS)
    for i, h in enumerate(held):
        names = _procedures(h.unit, i)
        if h.unit.level == 2 and tricky:  # the first departments also have one tricky name each
            names.append(tricky.pop(0))
        for name in names:
            n = len(rows)
            rows.append((f"1.{1001 + n:06d}.{h.key}", name, h.key, FIELDS[n % len(FIELDS)], 2 + n % 3,
                         (5, 7, 10, 15, 20)[n % 5], _at(220 + n // 10, n)))
    return [agencies, _table("thutuc", "ma_thutuc ten_thutuc ma_coquan_thuchien linh_vuc muc_do thoi_han_giai_quyet"
                                       " ngay_tao", rows)]


def _procedures(unit: Unit, index: int) -> list[str]:
    if unit.level == 1:
        return list(PROCEDURES["province"])
    kind = "department" if unit.level == 2 else "commune" if unit.name.startswith(
        ("Ủy ban nhân dân xã", "Ủy ban nhân dân phường", "Ủy ban nhân dân thị trấn")) else "other"
    pool, count = PROCEDURES[kind], 3 if unit.level == 2 else 1
    return [pool[(index + j) % len(pool)] for j in range(count)]


# --- reporting: the unit-list configuration table ------------------------------------------------

def reporting(legacy: Legacy) -> list[Table]:
    rows: list[tuple[Value, ...]] = []
    for i, h in enumerate(legacy.held):
        group = ("HUYEN" if h.unit.name.startswith("Ủy ban nhân dân") else "SO_NGANH") if h.unit.level == 2 \
            else "DON_VI_CAP_3"
        note = TRICKY_TEXTS[i % 2] if i in (3, 4) else None
        rows.append((h.key, h.unit.name, h.parent_key, h.unit.level, h.unit.status, group,
                     h.unit.level == 2 or i % 3 != 0, i + 1, note, _at(1550, i)))
    return [_table("cauhinh_donvi", "ma_donvi ten_donvi ma_donvi_cha cap trang_thai nhom bat_buoc_bao_cao thu_tu"
                                    " ghi_chu ngay_cap_nhat", rows)]


# --- portal: the provincial web portal -----------------------------------------------------------

CATEGORIES = {2: [("Tin tức - Sự kiện", "tin-tuc-su-kien"), ("Thông báo", "thong-bao"),
                  ("Văn bản chỉ đạo, điều hành", "van-ban-chi-dao-dieu-hanh")],
              3: [("Giới thiệu", "gioi-thieu")]}
SITE_CATEGORIES = [("Tin tổng hợp", "tin-tong-hop"), (TRICKY_QUOTE, "chuyen-muc-thu"), (TRICKY_PATH, "tai-lieu")]


def portal(legacy: Legacy) -> list[Table]:
    held = legacy.held
    units = _table("portal_units", "unit_code unit_name parent_code status level slug sort_order created_at updated_at",
                   ((h.key, h.unit.name, h.parent_key, h.unit.status, h.unit.level, h.unit.id, i + 1,
                     _at(900 + i // 20, i), _at(1800, i)) for i, h in enumerate(held)))
    rows: list[tuple[Value, ...]] = [(None, title, slug, j + 1, True, _at(900, j))
                                     for j, (title, slug) in enumerate(SITE_CATEGORIES)]
    for i, h in enumerate(held):
        for j, (title, slug) in enumerate(CATEGORIES[2 if h.unit.level <= 2 else 3]):
            rows.append((h.key, title, slug, j + 1, h.unit.active or j == 0, _at(920 + i // 10, j)))
    return [units, _table("portal_categories", "unit_code title slug sort_order is_visible created_at", rows)]


BUILDERS: Mapping[str, Callable[[Legacy], list[Table]]] = {
    "qlvb_state": qlvb_state, "qlvb_party": qlvb_party, "tthc": tthc, "reporting": reporting, "portal": portal,
}
