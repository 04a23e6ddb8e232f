"""The words of bench/gen_registry.py: place names, name patterns per kind of unit, the level-1
bodies of a national registry, decisions.

Kept apart from the generator's logic because it is data: the generator only combines it.
Every code, name and number of a level-1 body here is illustrative (see ``CENTRAL`` and
``PROVINCES``), which the generated ``settings.note`` says.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


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

# ------------------------------------------------------------------------------------ national

# The 63 provinces and centrally-run cities before the 2025 mergers, in the alphabetical order that
# gives H01-H63. Illustrative: only H49 Quảng Ninh and H54 Thái Bình are confirmed by a source
# (DOMAIN.md); this order matches both. Cities (thành phố trực thuộc trung ương) are marked.
PROVINCES = _nfc("""An Giang|Bà Rịa - Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|
Bình Dương|Bình Phước|Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|
Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|Hồ Chí Minh|
Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|
Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|
Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Tiền Giang|Trà Vinh|Tuyên Quang|
Vĩnh Long|Vĩnh Phúc|Yên Bái""".replace("\n", "").split("|"))
CITIES = frozenset(_nfc(("Cần Thơ", "Đà Nẵng", "Hà Nội", "Hải Phòng", "Hồ Chí Minh")))

# Ministries, ministry-level and government bodies: (level-1 code, name, abbreviation). Only G17
# (Ministry of Construction) and G22 (Government Office) are confirmed by a source; the other
# numbers are made up. G22 runs the national document axis: a national registry's own code.
CENTRAL = tuple((f"G{i:02d}", unicodedata.normalize("NFC", name), abbr) for i, (name, abbr) in enumerate((
    ("Bộ Quốc phòng", "BQP"), ("Bộ Công an", "BCA"), ("Bộ Ngoại giao", "BNG"), ("Bộ Nội vụ", "BNV"),
    ("Bộ Tư pháp", "BTP"), ("Bộ Kế hoạch và Đầu tư", "BKHDT"), ("Bộ Tài chính", "BTC"),
    ("Bộ Công Thương", "BCT"), ("Bộ Nông nghiệp và Phát triển nông thôn", "BNNPTNT"),
    ("Bộ Giao thông vận tải", "BGTVT"), ("Bộ Tài nguyên và Môi trường", "BTNMT"),
    ("Bộ Thông tin và Truyền thông", "BTTTT"), ("Bộ Lao động - Thương binh và Xã hội", "BLDTBXH"),
    ("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL"), ("Bộ Khoa học và Công nghệ", "BKHCN"),
    ("Bộ Giáo dục và Đào tạo", "BGDDT"), ("Bộ Xây dựng", "BXD"), ("Bộ Y tế", "BYT"), ("Ủy ban Dân tộc", "UBDT"),
    ("Ngân hàng Nhà nước Việt Nam", "NHNN"), ("Thanh tra Chính phủ", "TTCP"), ("Văn phòng Chính phủ", "VPCP"),
    ("Đài Tiếng nói Việt Nam", "VOV"), ("Đài Truyền hình Việt Nam", "VTV"), ("Thông tấn xã Việt Nam", "TTXVN"),
    ("Học viện Chính trị quốc gia Hồ Chí Minh", "HVCTQG"),
    ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "VHLKHCN"),
    ("Viện Hàn lâm Khoa học xã hội Việt Nam", "VHLKHXH"), ("Bảo hiểm xã hội Việt Nam", "BHXH"),
    ("Ban Quản lý Lăng Chủ tịch Hồ Chí Minh", "BQLL")), start=1))
NATIONAL_CODE = "G22"

# Level 2 of a central body: fixed units ({b}: "Bộ" for a ministry, else nothing), then departments,
# institutes and centres named after TOPICS in turn: (name, short name, kind).
CENTRAL_FIXED: tuple[Spec, ...] = (
    ("Văn phòng {b}", None, "vu"), ("Thanh tra {b}", None, "vu"), ("Vụ Tổ chức cán bộ", "Vụ TCCB", "vu"),
    ("Vụ Kế hoạch - Tài chính", "Vụ KHTC", "vu"), ("Vụ Pháp chế", None, "vu"),
    ("Vụ Hợp tác quốc tế", "Vụ HTQT", "vu"))
CENTRAL_HEADS: tuple[Spec, ...] = (("Cục {x}", None, "cuc"), ("Vụ {x}", None, "vu"), ("Viện {x}", None, "vien"),
                                   ("Trung tâm {x}", None, "vien"))
RULES.update({
    "vu": ((), (("Phòng {x}", None, "office"),), "topics"),
    "cuc": ((("Văn phòng Cục", None, "office"), ("Phòng Tổ chức cán bộ", None, "office"),
             ("Phòng Kế hoạch - Tài chính", None, "office")),
            (("Chi cục khu vực {x}", None, "office"), ("Trung tâm {x}", None, "office")), "places"),
    "vien": ((("Phòng Hành chính - Tổng hợp", None, "office"),),
             (("Phòng nghiên cứu {x}", None, "office"), ("Trung tâm {x}", None, "office")), "topics"),
})
WEIGHTS.update({"vu": 0.5, "cuc": 2.0, "vien": 1.0})
