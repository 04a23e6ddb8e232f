"""Writes base/units.yaml and head/units.yaml, the fixed registry of the golden SQL files: a few
units; the head rotates three codes (a cycle), shifts two along (a chain onto a free code), closes
one into another, renames two (one name with quotes) and adds one. Run it only to change the
fixture, then scripts/regen-golden; systems.yaml is a copy of registry/systems.yaml."""

import copy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "tools"))
from madinhdanh import canonical  # noqa: E402

D = {"number": "1350/QĐ-UBND", "date": "2021-12-02", "issuer": "UBND tỉnh Bắc Giang"}
N = {"number": "15/QĐ-UBND", "date": "2025-03-01", "issuer": "UBND tỉnh Bắc Giang"}
def u(id, code, code102, name, block="state", **kw):
    d = {"id": id, "code": code, "name": name, "block": block, "status": "active", "decision": D}
    if code102: d["code102"] = code102
    d.update(kw); return d
base = {"settings": {"province": "Bắc Giang", "level1_code": "H03", "issuer": "Ủy ban nhân dân tỉnh Bắc Giang", "illustrative": True,
        "note": "Golden-file fixture: a few units of an illustrative registry, the codes made up.",
        "scheme": {"qd20": {"groups": {"level2": "[0-9]{2}", "level3": "[0-9]{2}", "level4": "[0-9]{2}"}}}},
  "units": [
    u("ubnd-tinh", "H03", "000.00.00.H03", "Ủy ban nhân dân tỉnh Bắc Giang"),
    u("so-noi-vu", "H03.01", "000.00.06.H03", "Sở Nội vụ"),
    u("ban-thi-dua", "H03.01.01", "000.01.06.H03", "Ban Thi đua - Khen thưởng"),
    u("so-tu-phap", "H03.02", "000.00.07.H03", "Sở Tư pháp"),
    u("so-khdt", "H03.03", "000.00.08.H03", "Sở Kế hoạch và Đầu tư"),
    u("so-tttt", "H03.04", "000.00.09.H03", "Sở Thông tin và Truyền thông"),
    u("so-khcn", "H03.05", "000.00.10.H03", "Sở Khoa học và Công nghệ"),
    u("ubnd-yen-the", "H03.06", "000.00.27.H03", "Ủy ban nhân dân huyện Yên Thế"),
    u("xa-dong-tam", "H03.06.01", "000.01.27.H03", "Ủy ban nhân dân xã Đồng Tâm"),
    u("xa-tam-tien", "H03.06.02", "000.02.27.H03", "Ủy ban nhân dân xã Tam Tiến"),
    u("nha-van-hoa", "H03.06.03", "000.03.27.H03", "Nhà Văn hóa Thiếu nhi huyện Yên Thế"),
    u("tinh-uy", "H03.70", "000.00.50.H03", "Tỉnh ủy Bắc Giang", "party"),
    u("ban-to-chuc-tu", "H03.70.01", "000.01.50.H03", "Ban Tổ chức Tỉnh ủy", "party"),
  ]}
head = copy.deepcopy(base)
by = {x["id"]: x for x in head["units"]}
by["so-tu-phap"]["code"], by["so-khdt"]["code"], by["so-khcn"]["code"] = "H03.03", "H03.05", "H03.02"  # cycle
by["xa-dong-tam"]["code"], by["xa-tam-tien"]["code"] = "H03.06.02", "H03.06.04"  # chain onto a free code
by["so-tttt"].update(status="closed", closed={"date": "2025-03-01", "decision": N, "reason": "merged", "successors": ["so-khcn"]})
by["ubnd-yen-the"]["name"] = "Ủy ban nhân dân huyện Yên Thế (mới)"
by["nha-van-hoa"]["name"] = "Nhà Văn hóa 'Thiếu nhi' huyện Yên Thế"
head["units"].append(u("so-du-lich", "H03.07", None, "Sở Du lịch", decision=N))
(HERE / "base" / "units.yaml").write_text(canonical.dump_units(base), encoding="utf-8")
(HERE / "head" / "units.yaml").write_text(canonical.dump_units(head), encoding="utf-8")
