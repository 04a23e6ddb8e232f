#!/usr/bin/env python3
"""Generate a valid synthetic registry of N units, for benchmarks and load tests.

    python bench/gen_registry.py 100000 --out /tmp/reg [--seed 1]

writes ``DIR/units.yaml`` and ``DIR/systems.yaml`` in the canonical form of
docs/registry-format.md (what ``mdd fmt`` writes: fixed key order, units sorted by code, block
style, dates single-quoted), so ``mdd fmt --check`` has nothing to change.
The output depends only on N and the seed.

The province is the fictional "Tỉnh Mẫu", level-1 code H99 (unused by any real province), and
``settings.illustrative`` is true. The tree has four levels: the provincial People's Committee
(level 1); departments, Party and mass-organisation bodies and districts (level 2); their offices,
centres, schools, hospitals and communes (level 3); schools, health stations, cells and branches
under those (level 4). Fan-outs are apportioned so the total is exactly N. qd20 groups are two
digits, or as many as the sibling count needs. Every unit whose numbers fit QCVN 102 (levels 2-3
at most 99, level 4 at most 999) also gets a code102, numbered differently from its qd20 code
(a rotation among siblings), with a consistent hierarchy. About 1% of units carry a ``history``
entry (an earlier number above every current sibling number, so no code is ever reused), and
about 0.5% are closed: leaf units merged into an active sibling, keeping their code.

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
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from madinhdanh.codes import qd20_sort_key  # noqa: E402

LEVEL1 = "H99"
PROVINCE = "Tỉnh Mẫu"
ISSUER_FULL = "Ủy ban nhân dân tỉnh Mẫu"
ISSUER = "UBND tỉnh Mẫu"
DOMAIN = "tinhmau.gov.vn"

SYSTEMS_YAML = """\
systems:
- id: portal
  title: Cổng Thông tin điện tử tỉnh Bắc Giang
  dialect: sqlite
  dsn_env: MDD_PORTAL_DSN
  template_set: portal
  scope:
    blocks: [state, party]
    levels: [1, 2, 3]
    statuses: [active, closed]
  identifier: code102
  units:
    table: portal_units
    key: unit_code
    name: unit_name
    parent: parent_code
    status: status
    level: level
  references:
  - table: portal_categories
    column: unit_code
    on_close: repoint
  window:
    days: [sat, sun]
    start: '22:00'
    end: '05:00'
"""


def _nfc(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(unicodedata.normalize("NFC", s) for s in items))


# Real Vietnamese place names (districts, communes, wards); the first ones are Bắc Giang's districts.
PLACES = _nfc("""Yên Thế|Tân Yên|Lạng Giang|Lục Nam|Lục Ngạn|Sơn Động|Yên Dũng|Việt Yên|Hiệp Hòa|Thanh Sơn|
Tân Sơn|Hương Sơn|Phồn Xương|Bố Hạ|Cao Thượng|Nhã Nam|Vôi|Kép|Đồi Ngô|Chũ|An Châu|Tây Yên Tử|Nham Biền|
Tân An|Bích Động|Nếnh|Thắng|Đa Mai|Xương Giang|Song Mai|Dĩnh Trì|Tân Mỹ|Đồng Sơn|Tân Tiến|Song Khê|
Nghĩa Trung|Quang Châu|Vân Trung|Tăng Tiến|Hồng Thái|Ninh Sơn|Quảng Minh|Trung Sơn|Tiên Sơn|Hương Mai|
Tự Lạn|Minh Đức|Thượng Lan|Việt Tiến|Bích Sơn|Hoàng Ninh|Vân Hà|Đông Lỗ|Đoan Bái|Hoàng Vân|Thái Sơn|
Mai Trung|Xuân Cẩm|Bắc Lý|Hợp Thịnh|Đại Thành|Danh Thắng|Lương Phong|Thường Thắng|Châu Minh|Quang Minh|
Hùng Sơn|Đức Thắng|Mai Đình|Hòa Sơn|Ngọc Sơn|Đông Phú|Đông Hưng|Tam Dị|Bảo Đài|Thanh Lâm|Bảo Sơn|Cẩm Lý|
Vũ Xá|Huyền Sơn|Lan Mẫu|Khám Lạng|Yên Sơn|Phương Sơn|Cương Sơn|Trường Sơn|Vô Tranh|Bình Sơn|Lục Sơn|
Nghĩa Phương|Trường Giang|Tân Quang|Biển Động|Phì Điền|Giáp Sơn|Kiên Lao|Kiên Thành|Mỹ An|Tân Hoa|
Phượng Sơn|Quý Sơn|Hồng Giang|Nam Dương|Đèo Gia|Tân Lập|Kim Sơn|Phú Nhuận|Sa Lý|Sơn Hải|Hộ Đáp|Cẩm Sơn|
Thanh Luận|Vân Sơn|Hữu Sản|Dương Hưu|Long Sơn|Yên Định|An Lạc|Lệ Viễn|Vĩnh An|Tuấn Đạo|Giáo Liêm|
Phúc Sơn|An Lập|Đồng Vương|Đồng Tiến|Canh Nậu|Xuân Lương|Tam Tiến|Tam Hiệp|Hồng Kỳ|Đồng Lạc|Đồng Hưu|
Tân Hiệp|Đồng Kỳ|Đông Sơn|Hương Vỹ|Ngọc Châu|Ngọc Thiện|Ngọc Vân|Ngọc Lý|Cao Xá|Liên Chung|Việt Lập|
Quế Nham|Hợp Đức|Lam Cốt|Song Vân|Lan Giới|Đại Hóa|Phúc Hòa|An Dương|Quang Tiến|Tiến Dũng|Cảnh Thụy|
Tư Mại|Đồng Phúc|Đồng Việt|Lãng Sơn|Trí Yên|Lão Hộ|Nham Sơn|Tân Liễu|Yên Lư|Nội Hoàng|Tiền Phong|
Xuân Phú|Đức Giang|Lương Tài|Thuận Thành|Gia Bình|Quế Võ|Tiên Du|Từ Sơn|Yên Phong|Chi Lăng|Hữu Lũng|
Văn Quan|Bình Gia|Đình Lập|Lộc Bình|Cao Lộc|Văn Lãng|Tràng Định|Bắc Sơn|Phổ Yên|Đại Từ|Định Hóa|
Phú Lương|Võ Nhai|Đồng Hỷ|Sông Công|Phú Bình|Kim Bảng|Thanh Liêm|Bình Lục|Lý Nhân|Duy Tiên|Ý Yên|
Hải Hậu|Giao Thủy|Xuân Trường|Nghĩa Hưng|Trực Ninh|Vụ Bản|Kiến Xương|Tiền Hải|Quỳnh Phụ|Hưng Hà|
Đông Triều|Quảng Yên|Tiên Yên|Đầm Hà|Hải Hà|Ba Chẽ|Vân Đồn|Cô Tô|Bình Liêu""".replace("\n", "").split("|"))

STREETS = _nfc("""Hùng Vương|Lê Lợi|Trần Hưng Đạo|Nguyễn Văn Cừ|Lý Thái Tổ|Quang Trung|Hoàng Văn Thụ|
Ngô Gia Tự|Xương Giang|Nguyễn Thị Minh Khai|Lê Duẩn|Nguyễn Du|Trần Phú|Lý Thường Kiệt|Hoàng Hoa Thám|
Phan Đình Phùng|Nguyễn Gia Thiều|Võ Nguyên Giáp|Nguyễn Trãi|Hai Bà Trưng""".replace("\n", "").split("|"))

TOPICS = _nfc("""Quản lý chất lượng|Kiểm định|Thông tin và Thống kê|Dịch vụ công|Chuyển đổi số|
Phát triển quỹ đất|Kiểm lâm|Thủy lợi|Trồng trọt và Bảo vệ thực vật|Chăn nuôi và Thú y|Thủy sản|
Xúc tiến thương mại|Khuyến công|Đăng kiểm|Quy hoạch|Giám định xây dựng|Công nghệ thông tin|
Lưu trữ lịch sử|Văn thư - Lưu trữ|Thi đua - Khen thưởng|Tôn giáo|Trợ giúp pháp lý|Đấu giá tài sản|
Bảo trợ xã hội|Dịch vụ việc làm|Giáo dục nghề nghiệp|Bảo tồn di tích|Huấn luyện và Thi đấu thể thao|
Ứng dụng khoa học và công nghệ|Tiêu chuẩn Đo lường Chất lượng|Quản lý thị trường|Phát triển nông thôn|
Khuyến nông|Bảo vệ môi trường|Quan trắc tài nguyên và môi trường|Đăng ký đất đai|Hành chính công|
Xúc tiến đầu tư|Hỗ trợ doanh nghiệp|Kiểm soát thủ tục hành chính""".replace("\n", "").split("|"))

PARTY_TOPICS = _nfc("""Tổng hợp|Tổ chức đảng - Đảng viên|Cán bộ|Bảo vệ chính trị nội bộ|Lý luận chính trị|
Tuyên truyền|Khoa giáo|Dân tộc - Tôn giáo|Quản trị - Tài vụ|Kiểm tra|Nội chính|Cải cách tư pháp|
Dân vận chính quyền|Công tác đoàn thể|Lịch sử Đảng|Thông tin - Tư liệu""".replace("\n", "").split("|"))

POOLS = {"places": PLACES, "topics": TOPICS, "party": PARTY_TOPICS}

# Child naming rules per parent kind: fixed children (name, short name, kind), then children
# combining a head with an item of a pool. {p} is the parent's place, {w} its "xã"/"thị trấn",
# {x} the pool item, {t3}/{t4} the mass organisation's level-3/level-4 name heads.
Spec = tuple[str, "str | None", str]  # name, short name, kind
SO_FIXED: tuple[Spec, ...] = (
    ("Văn phòng Sở", None, "office"), ("Thanh tra Sở", None, "office"),
    ("Phòng Kế hoạch - Tài chính", None, "office"), ("Phòng Tổ chức cán bộ", None, "office"))
DISTRICT_FIXED: tuple[Spec, ...] = tuple((n, s, k) for n, s, k in (
    ("Văn phòng HĐND và UBND huyện {p}", "VP HĐND-UBND huyện {p}", "office"),
    ("UBND thị trấn {p}", None, "town"),
    ("Phòng Nội vụ", None, "office"), ("Phòng Tư pháp", None, "office"),
    ("Phòng Tài chính - Kế hoạch", None, "office"), ("Phòng Tài nguyên và Môi trường", None, "office"),
    ("Phòng Lao động - Thương binh và Xã hội", "Phòng LĐ-TB&XH", "office"),
    ("Phòng Văn hóa và Thông tin", None, "office"), ("Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT", "edu_office"),
    ("Phòng Y tế", None, "office"), ("Thanh tra huyện", None, "office"),
    ("Phòng Kinh tế và Hạ tầng", None, "office"),
    ("Phòng Nông nghiệp và Phát triển nông thôn", "Phòng NN&PTNT", "office"), ("Phòng Dân tộc", None, "office")))
RULES: dict[str, tuple[tuple[Spec, ...], tuple[Spec, ...], str]] = {
    "so": (SO_FIXED, (("Chi cục {x}", None, "office"), ("Trung tâm {x}", None, "office")), "topics"),
    "ban": ((("Phòng Hành chính - Tổ chức", None, "office"), ("Phòng Tổng hợp", None, "office"),
             ("Phòng Nghiệp vụ", None, "office")),
            (("Trung tâm {x}", None, "office"), ("Phòng {x}", None, "office")), "topics"),
    "so_gd": (SO_FIXED + (("Phòng Giáo dục Trung học", None, "office"),
                          ("Phòng Giáo dục Mầm non và Tiểu học", None, "office")),
              (("Trường THPT {x}", None, "school"), ("Trung tâm GDNN-GDTX {x}", None, "school")), "places"),
    "so_yt": (SO_FIXED + (("Phòng Nghiệp vụ Y", None, "office"),
                          ("Chi cục Dân số - Kế hoạch hóa gia đình", None, "office"),
                          ("Chi cục An toàn vệ sinh thực phẩm", "Chi cục ATVSTP", "office")),
              (("Trung tâm Y tế {x}", "TTYT {x}", "health_center"), ("Bệnh viện Đa khoa {x}", "BVĐK {x}", "hospital")),
              "places"),
    "party_ban": ((), (("Phòng {x}", None, "party_office"),), "party"),
    "mass": ((), (("{t3} {x}", None, "mass_district"),), "places"),
    "district": (DISTRICT_FIXED, (("UBND xã {x}", None, "commune"),), "places"),
    "party_district": ((("Văn phòng Huyện ủy {p}", None, "party_office"),
                        ("Ban Tổ chức Huyện ủy {p}", "BTC Huyện ủy {p}", "party_office"),
                        ("Ban Tuyên giáo Huyện ủy {p}", "BTG Huyện ủy {p}", "party_office"),
                        ("Ban Dân vận Huyện ủy {p}", None, "party_office"),
                        ("Ủy ban Kiểm tra Huyện ủy {p}", "UBKT Huyện ủy {p}", "party_office"),
                        ("Trung tâm Chính trị huyện {p}", None, "party_office")),
                       (("Đảng ủy xã {x}", None, "party_commune"),), "places"),
    "commune": ((("Trạm Y tế {w} {p}", "TYT {w} {p}", "leaf"), ("Trường Mầm non {p}", "Trường MN {p}", "leaf"),
                 ("Trường Tiểu học {p}", "Trường TH {p}", "leaf"), ("Trường THCS {p}", None, "leaf")),
                (("Nhà văn hóa thôn {x}", None, "leaf"), ("Trường Mầm non {x}", "Trường MN {x}", "leaf"),
                 ("Trường Tiểu học {x}", "Trường TH {x}", "leaf"), ("Điểm trường Mầm non thôn {x}", None, "leaf"),
                 ("Hợp tác xã Nông nghiệp {x}", "HTX Nông nghiệp {x}", "leaf"), ("Ban Quản lý chợ {x}", None, "leaf"),
                 ("Điểm Bưu điện - Văn hóa xã {x}", "Điểm BĐ-VHX {x}", "leaf"), ("Trường THCS {x}", None, "leaf")),
                "places"),
    "edu_office": ((), (("Trường Mầm non {x}", "Trường MN {x}", "leaf"), ("Trường Tiểu học {x}", "Trường TH {x}", "leaf"),
                        ("Trường THCS {x}", None, "leaf")), "places"),
    "office": ((), (("Đội Kiểm tra {x}", None, "leaf"), ("Tổ Công tác {x}", None, "leaf"),
                    ("Điểm Tiếp nhận hồ sơ {x}", None, "leaf"), ("Chi nhánh {x}", None, "leaf")), "places"),
    "school": ((("Tổ Toán - Tin", None, "leaf"), ("Tổ Ngữ văn", None, "leaf"), ("Tổ Ngoại ngữ", None, "leaf"),
                ("Tổ Khoa học tự nhiên", None, "leaf"), ("Tổ Khoa học xã hội", None, "leaf"), ("Tổ Văn phòng", None, "leaf")),
               (("Điểm trường {x}", None, "leaf"),), "places"),
    "health_center": ((), (("Trạm Y tế xã {x}", "TYT xã {x}", "leaf"),
                           ("Phòng khám Đa khoa khu vực {x}", "PKĐKKV {x}", "leaf")), "places"),
    "hospital": ((("Khoa Khám bệnh", None, "leaf"), ("Khoa Nội", None, "leaf"), ("Khoa Ngoại", None, "leaf"),
                  ("Khoa Sản", None, "leaf"), ("Khoa Nhi", None, "leaf"), ("Khoa Hồi sức cấp cứu", None, "leaf"),
                  ("Khoa Dược", None, "leaf"), ("Khoa Xét nghiệm", None, "leaf"), ("Phòng Kế hoạch tổng hợp", None, "leaf")),
                 (("Phòng khám vệ tinh {x}", None, "leaf"),), "places"),
    "party_office": ((), (("Tổ {x}", None, "leaf"),), "party"),
    "party_commune": ((("Chi bộ Trạm Y tế xã {p}", None, "leaf"), ("Chi bộ Trường THCS {p}", None, "leaf")),
                      (("Chi bộ thôn {x}", None, "leaf"), ("Chi bộ Trường Tiểu học {x}", None, "leaf"),
                       ("Chi bộ Trường Mầm non {x}", None, "leaf"), ("Chi bộ Hợp tác xã {x}", None, "leaf")), "places"),
    "mass_district": ((), (("{t4} {x}", None, "leaf"),), "places"),
    "leaf": ((), (("Tổ Công tác {x}", None, "leaf"),), "places"),
}
RULES["town"] = RULES["commune"]  # a town (thị trấn) has the same kinds of units as a commune
# Weights of a parent kind when its level's children are apportioned (districts get most).
WEIGHTS = {"district": 2.0, "party_district": 1.0, "so": 0.8, "so_gd": 1.2, "so_yt": 1.2, "ban": 0.5,
           "party_ban": 0.4, "mass": 0.9, "commune": 1.6, "town": 1.6, "edu_office": 1.4, "health_center": 1.2,
           "hospital": 0.8, "school": 0.4, "party_commune": 1.0, "mass_district": 1.0, "office": 0.5,
           "party_office": 0.3, "leaf": 0.3}

# Level 2: state bodies, Party bodies and mass organisations, districts (name, short, kind, ctx, t3, t4).
STATE_L2 = (
    ("Văn phòng UBND tỉnh", "VP UBND tỉnh", "ban", "vpubnd"), ("Sở Nội vụ", "SNV", "so", "snv"),
    ("Sở Tư pháp", "STP", "so", "stp"), ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "so", "skhdt"),
    ("Sở Tài chính", "STC", "so", "stc"), ("Sở Công Thương", "SCT", "so", "sct"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "so", "snnptnt"),
    ("Sở Giao thông vận tải", "Sở GTVT", "so", "sgtvt"), ("Sở Xây dựng", "SXD", "so", "sxd"),
    ("Sở Tài nguyên và Môi trường", "Sở TN&MT", "so", "stnmt"),
    ("Sở Thông tin và Truyền thông", "Sở TT&TT", "so", "stttt"),
    ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", "so", "sldtbxh"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL", "so", "svhttdl"),
    ("Sở Khoa học và Công nghệ", "Sở KH&CN", "so", "skhcn"), ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "so_gd", "sgddt"),
    ("Sở Y tế", "SYT", "so_yt", "syt"), ("Thanh tra tỉnh", None, "ban", "ttt"), ("Ban Dân tộc tỉnh", None, "ban", "bdt"),
    ("Ban Quản lý các khu công nghiệp tỉnh", "BQL các KCN", "ban", "bqlkcn"),
    ("Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH tỉnh", "ban", "ptth"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", None, "ban", "vpdbqh"),
)
PARTY_L2 = (
    ("Văn phòng Tỉnh ủy", None, "party_ban", "vptu", "", ""),
    ("Ban Tổ chức Tỉnh ủy", "BTC Tỉnh ủy", "party_ban", "btctu", "", ""),
    ("Ban Tuyên giáo Tỉnh ủy", "BTG Tỉnh ủy", "party_ban", "btgtu", "", ""),
    ("Ban Dân vận Tỉnh ủy", "BDV Tỉnh ủy", "party_ban", "bdvtu", "", ""),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKT Tỉnh ủy", "party_ban", "ubkttu", "", ""),
    ("Ban Nội chính Tỉnh ủy", "BNC Tỉnh ủy", "party_ban", "bnctu", "", ""),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQ tỉnh", "mass", "mttq",
     "Ủy ban MTTQ Việt Nam huyện", "Ủy ban MTTQ Việt Nam xã"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "Hội LHPN tỉnh", "mass", "hlhpn", "Hội Liên hiệp Phụ nữ huyện", "Hội Liên hiệp Phụ nữ xã"),
    ("Hội Nông dân tỉnh", None, "mass", "hnd", "Hội Nông dân huyện", "Hội Nông dân xã"),
    ("Hội Cựu chiến binh tỉnh", None, "mass", "hccb", "Hội Cựu chiến binh huyện", "Hội Cựu chiến binh xã"),
    ("Tỉnh đoàn", None, "mass", "tinhdoan", "Huyện đoàn", "Đoàn xã"),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ tỉnh", "mass", "ldld", "Liên đoàn Lao động huyện", "Công đoàn cơ sở xã"),
)

# Decisions: the base list, amendments (units added or re-coded later), closures (number, date,
# closure date).
BASE_DECISION = ("1520/QĐ-UBND", "2021-12-02")
AMENDMENTS = (("412/QĐ-UBND", "2022-03-18"), ("987/QĐ-UBND", "2022-08-09"), ("215/QĐ-UBND", "2023-02-14"),
              ("1106/QĐ-UBND", "2023-09-27"), ("530/QĐ-UBND", "2024-04-05"))
CLOSURES = (("1689/QĐ-UBND", "2024-10-21", "2024-11-01"), ("742/QĐ-UBND", "2025-06-16", "2025-07-01"))

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


_SLUGS: dict[str, str] = {}


def slug(text: str) -> str:
    cached = _SLUGS.get(text)
    if cached is None:
        bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        bare = "".join(c for c in bare if not unicodedata.combining(c)).lower()
        cached = _SLUGS[text] = re.sub(r"[^a-z0-9]+", "-", bare).strip("-")
    return cached


# ------------------------------------------------------------------------------------ the tree


class Node:
    __slots__ = ("parent", "level", "num", "count", "code", "c102", "name", "short", "block", "kind",
                 "ctx", "place", "word", "tpl", "loc", "children", "id", "closed", "history", "decision")

    def __init__(self, parent: Node | None, name: str, short: str | None, kind: str) -> None:
        self.parent, self.name, self.short, self.kind = parent, name, short, kind
        self.level = 1 if parent is None else parent.level + 1
        self.block = "state" if parent is None else parent.block
        self.ctx = "" if parent is None else parent.ctx
        self.place, self.word, self.tpl = None, "", ("", "")
        self.loc = "" if parent is None else parent.loc
        self.children: list[Node] = []
        self.num = self.count = 0
        self.code = LEVEL1
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


def level2_specs(count: int) -> Iterator[tuple[str, str | None, str, str, str, str, str | None]]:
    """(name, short, kind, ctx, t3, t4, place) of the level-2 units, state/district/party in turn."""
    state = iter(STATE_L2)
    party = iter(PARTY_L2)

    def districts() -> Iterator[tuple[str, str | None, str, str, str, str, str | None]]:
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


def build_tree(n: int, rng: random.Random) -> Node:
    root = Node(None, ISSUER_FULL, ISSUER, "root")
    a, b, c = level_sizes(n)
    for name, short, kind, ctx, t3, t4, place in level2_specs(a):
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
    root.c102 = f"000.00.00.{LEVEL1}"
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
    base = slug(node.name)[:44].rstrip("-")
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
            unit.history = f"{unit.parent.code}.{number:0{width}d}"
            history += 1
    closed -= pick_successors(units)
    return closed, history


def pick_successors(units: list[Node]) -> int:
    """Point each closed unit at its nearest active sibling; reopen it if it has none."""
    reopened = 0
    for unit in units:
        if unit.closed is None:
            continue
        siblings = unit.parent.children
        at = unit.num - 1
        candidates = siblings[at - 1::-1] + siblings[at + 1:] if at else siblings[1:]
        successor = next((s for s in candidates if s.closed is None), None)
        if successor is None:
            unit.closed = None
            reopened += 1
        else:
            unit.closed = (successor, unit.closed[1])
    return reopened


# ------------------------------------------------------------------------------------ writing

_DECISIONS: dict[tuple[tuple[str, str], str], str] = {}


def decision_block(decision: tuple[str, str], indent: str) -> str:
    key = (decision, indent)
    text = _DECISIONS.get(key)
    if text is None:
        number, date = decision
        text = _DECISIONS[key] = (f"{indent}decision:\n{indent}  number: {scalar(number)}\n"
                                  f"{indent}  date: '{date}'\n{indent}  issuer: {scalar(ISSUER)}\n")
    return text


def contact_block(unit: Node, rng: random.Random) -> str:
    street = STREETS[rng.randrange(len(STREETS))]
    if unit.loc.startswith(("xã", "thị trấn")):
        address = f"Thôn {PLACES[rng.randrange(len(PLACES))]}, {unit.loc}, tỉnh Mẫu"
    elif unit.loc.startswith("huyện "):
        address = f"Số {rng.randint(1, 250)} đường {street}, thị trấn {unit.loc[6:]}, {unit.loc}, tỉnh Mẫu"
    elif unit.loc:
        address = f"Số {rng.randint(1, 250)} đường {street}, {unit.loc}, tỉnh Mẫu"
    else:
        ward = PLACES[rng.randrange(len(PLACES))]
        address = f"Số {rng.randint(1, 250)} đường {street}, phường {ward}, thành phố Mẫu, tỉnh Mẫu"
    head, tail = rng.randrange(1000), rng.randrange(1000)
    domain = f"{unit.ctx.replace('-', '')}.{DOMAIN}" if unit.ctx else DOMAIN
    lines = ["  contact:\n", f"    address: {scalar(address)}\n", f"    email: {unit.id}@{domain}\n",
             f"    phone: 0204 3{head:03d} {tail:03d}\n"]
    if rng.random() < 0.4:
        lines.append(f"    fax: 0204 3{head:03d} {(tail + 1) % 1000:03d}\n")
    if rng.random() < 0.6:
        host = unit.ctx.replace("-", "") if unit.level == 2 else unit.id.replace("-", "")[:40]
        lines.append(f"    website: https://{host}.{DOMAIN if unit.level == 2 else domain}\n")
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
    parts.append(decision_block(unit.decision, "  "))
    note = None
    if unit.history:
        parts.append(f"  history:\n  - code: {unit.history}\n    until: '{unit.decision[1]}'\n")
        parts.append(decision_block(unit.decision, "    "))
        note = f"Đổi mã từ {unit.history} theo Quyết định số {unit.decision[0]}"
    if unit.closed:
        successor, (number, date, closed_on) = unit.closed
        parts.append(f"  closed:\n    date: '{closed_on}'\n")
        parts.append(decision_block((number, date), "    "))
        parts.append(f"    reason: merged\n    successors: [{successor.id}]\n")
        note = f"Sáp nhập vào {successor.name}"
    if note:
        parts.append(f"  note: {scalar(note)}\n")
    return "".join(parts)


def settings_text(seed: int) -> str:
    note = (f"Dữ liệu tổng hợp do bench/gen_registry.py sinh ra (seed {seed}) để đo hiệu năng và kiểm thử; "
            "mã, tên và địa chỉ không phải của cơ quan thật")
    return (f"settings:\n  province: {scalar(PROVINCE)}\n  level1_code: {LEVEL1}\n  issuer: {scalar(ISSUER_FULL)}\n"
            f"  illustrative: true\n  note: {scalar(note)}\nunits:\n")


def generate(n: int, seed: int) -> tuple[str, dict[str, int]]:
    """The text of units.yaml for ``n`` units, and counts for the summary."""
    if not _IMPLICIT:
        _load_implicit()
    rng = random.Random(seed)
    units = number_tree(build_tree(n, rng))
    units.sort(key=lambda u: qd20_sort_key(u.code))  # already in this order; the sort states the contract
    closed, history = add_events(units, rng)
    text = settings_text(seed) + "".join([unit_text(u, rng) for u in units])
    levels = {f"level{k}": sum(1 for u in units if u.level == k) for k in range(1, 5)}
    return text, {"units": len(units), **levels, "closed": closed, "history": history,
                  "code102": sum(1 for u in units if u.c102)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic madinhdanh registry of N units.")
    parser.add_argument("n", type=int, metavar="N", help="number of units (at least 1)")
    parser.add_argument("--out", required=True, type=Path, help="directory for units.yaml and systems.yaml")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    started = time.perf_counter()
    text, counts = generate(args.n, args.seed)
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
