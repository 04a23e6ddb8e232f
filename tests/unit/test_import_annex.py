"""Applying an annex to a units document (interchange/annex.py, rows.py, matching.py). Pure: the
tables are built from rows of text with tables.table_from_grid, the reader's own path from the
cells of a file to a table; tests/e2e/test_import_files.py reads real files."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest

from madinhdanh.interchange.annex import apply_rows, slug, unique_id
from madinhdanh.interchange.tables import Table, TableError, table_from_grid
from madinhdanh.problems import Problem

TODAY = datetime.date(2025, 6, 1)
ACT = {"number": "1350/QĐ-UBND", "date": "2021-12-02", "issuer": "UBND tỉnh Bắc Giang"}
NEW_ACT = {"number": "9003/QĐ-UBND", "date": "2025-03-01", "issuer": "UBND tỉnh Bắc Giang"}
ISSUER = "Ủy ban nhân dân tỉnh Bắc Giang"


def unit(unit_id: str, code: str, code102: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"id": unit_id, "code": code, "code102": code102, "name": name, "block": "state", "status": "active",
            "decision": dict(ACT), **extra}


CLOSURE = {"date": "2025-03-01", "decision": NEW_ACT, "reason": "dissolved", "successors": []}
REGISTRY: dict[str, Any] = {
    "settings": {"province": "Bắc Giang", "level1_code": "H03", "issuer": ISSUER,
                 "scheme": {"qd20": {"groups": {"level2": "[0-9]{2}", "level3": "[0-9]{2}"}}}},
    "units": [
        unit("ubnd-tinh", "H03", "000.00.00.H03", "Ủy ban nhân dân tỉnh Bắc Giang"),
        unit("so-noi-vu", "H03.02", "000.00.06.H03", "Sở Nội vụ"),
        unit("ban-ton-giao", "H03.02.02", "000.01.06.H03", "Ban Tôn giáo",
             history=[{"code": "H03.02.09", "until": "2020-01-01", "decision": dict(ACT, date="2020-01-01")}]),
        unit("so-tai-chinh", "H03.05", "000.00.05.H03", "Sở Tài chính", short_name="STC",
             contact={"email": "stc@bacgiang.gov.vn", "phone": "0204 3854 111"}),
        unit("ubnd-son-dong", "H03.45", "000.00.33.H03", "Ủy ban nhân dân huyện Sơn Động"),
        unit("ubnd-xa-an-ba", "H03.45.01", "000.01.33.H03", "Ủy ban nhân dân xã An Bá"),
        unit("son-dong-tu-phap", "H03.45.05", "000.05.33.H03", "Phòng Tư pháp"),
        unit("son-dong-y-te", "H03.45.09", "000.09.33.H03", "Phòng Y tế", status="closed", closed=CLOSURE),
        unit("ubnd-luc-nam", "H03.46", "000.00.34.H03", "Ủy ban nhân dân huyện Lục Nam"),
        unit("luc-nam-tu-phap", "H03.46.05", "000.05.34.H03", "Phòng Tư pháp"),
    ],
}
NAME, CODE, CODE102, PARENT = "Tên cơ quan, đơn vị", "Mã định danh", "Mã QCVN 102", "Cơ quan chủ quản"
NUMBER, DATE, ISSUED_BY = "Số quyết định", "Ngày ban hành", "Cơ quan ban hành"


def table(header: list[str], *rows: list[str]) -> Table:
    """A table whose header is row 1 and whose rows follow from row 2."""
    grid = [(1, header)] + [(number, row) for number, row in enumerate(rows, start=2)]
    return table_from_grid(grid, display="annex.xlsx", sheet="Sheet1", mapping=None)


def run(header: list[str], *rows: list[str], doc: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[str]]:
    new, problems = apply_rows(table(header, *rows), doc if doc is not None else REGISTRY, today=TODAY)
    assert all(isinstance(p, Problem) for p in problems)
    return new, [p.text() for p in problems]


def by_id(doc: dict[str, Any], unit_id: str) -> dict[str, Any]:
    return next(u for u in doc["units"] if u["id"] == unit_id)


def changed(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The units of ``doc`` that differ from REGISTRY's, by id."""
    before = {u["id"]: u for u in REGISTRY["units"]}
    return {u["id"]: u for u in doc["units"] if before.get(u["id"]) != u}


# --- matching -------------------------------------------------------------------------------

def test_rows_match_by_code102_then_code_then_name() -> None:
    doc, problems = run([CODE102, CODE, NAME, "Email"],
                        ["000.00.05.H03", "", "", "taichinh@bacgiang.gov.vn"],
                        ["", "H03.02", "", "snv@bacgiang.gov.vn"],
                        ["", "", "Ban  Tôn giáo", "btg@bacgiang.gov.vn"])
    assert problems == []
    assert {k: v.get("contact") for k, v in changed(doc).items()} == {
        "so-tai-chinh": {"email": "taichinh@bacgiang.gov.vn", "phone": "0204 3854 111"},
        "so-noi-vu": {"email": "snv@bacgiang.gov.vn"},
        "ban-ton-giao": {"email": "btg@bacgiang.gov.vn"},
    }


def test_names_match_under_the_same_parent_only() -> None:
    # two "Phòng Tư pháp": the parent column or the code tells which; nothing tells: a problem
    doc, problems = run([NAME, PARENT, "Điện thoại"],
                        ["Phòng Tư pháp", "Ủy ban nhân dân huyện Lục Nam", "0204 1"],
                        ["Phòng Tư pháp", "H03.45", "0204 2"],
                        ["Phòng Tư pháp", "", "0204 3"])
    assert {k: v["contact"]["phone"] for k, v in changed(doc).items()} == {"luc-nam-tu-phap": "0204 1",
                                                                          "son-dong-tu-phap": "0204 2"}
    assert problems == ["annex.xlsx:Sheet1:4:1: import: the name fits 2 units (son-dong-tu-phap, luc-nam-tu-phap);"
                        " add Mã định danh, Mã QCVN 102 or Cơ quan chủ quản to tell which"]


def test_an_nfd_name_matches_its_nfc_spelling() -> None:
    import unicodedata

    doc, problems = run([NAME, "Website"], [unicodedata.normalize("NFD", "SỞ TÀI CHÍNH"), "https://stc.vn"])
    assert problems == []
    assert by_id(doc, "so-tai-chinh")["contact"]["website"] == "https://stc.vn"
    assert by_id(doc, "so-tai-chinh")["name"] == "SỞ TÀI CHÍNH"  # the annex's spelling wins, as its column says


def test_a_closed_unit_is_not_found_by_name() -> None:
    doc, problems = run([NAME, CODE, NUMBER, DATE], ["Phòng Y tế", "H03.45.10", "9003/QĐ-UBND", "01/03/2025"])
    assert problems == []
    assert changed(doc) == {"phong-y-te": {"id": "phong-y-te", "code": "H03.45.10", "name": "Phòng Y tế",
                                           "block": "state", "status": "active",
                                           "decision": {"number": "9003/QĐ-UBND", "date": "2025-03-01",
                                                        "issuer": ISSUER}}}


def test_a_row_naming_two_units_matches_neither() -> None:
    doc, problems = run([CODE102, CODE], ["000.00.05.H03", "H03.02"])
    assert doc == REGISTRY
    assert problems == ['annex.xlsx:Sheet1:2:2: import: Mã QCVN 102 000.00.05.H03 is the code102 of "Sở Tài chính"'
                        ' (id so-tai-chinh) but Mã định danh H03.02 is the code of "Sở Nội vụ" (id so-noi-vu); a row'
                        " describes one unit, and a code is never given to another unit"]


# --- updates --------------------------------------------------------------------------------

def test_only_the_columns_present_and_the_cells_filled_change_a_unit() -> None:
    doc, problems = run([CODE, "Tên viết tắt", "Điện thoại", "Email", "Ghi chú"],
                        ["H03.05", "Sở TC", "", "", "đổi tên viết tắt\n(theo đề nghị)"])
    assert problems == []
    assert changed(doc) == {"so-tai-chinh": {**by_id(REGISTRY, "so-tai-chinh"), "short_name": "Sở TC",
                                             "note": "đổi tên viết tắt\n(theo đề nghị)"}}


def test_the_input_document_is_not_changed() -> None:
    before = copy.deepcopy(REGISTRY)
    run([CODE, NAME, NUMBER, DATE], ["H03.50", "Sở Tài chính", "9003/QĐ-UBND", "01/03/2025"])
    assert REGISTRY == before


def test_a_changed_code_is_a_recode_with_the_old_code_in_history() -> None:
    doc, problems = run([CODE102, CODE, NUMBER, DATE], ["000.00.05.H03", "H03.50", "9003/QĐ-UBND", "2025-03-01"])
    assert problems == []
    assert changed(doc) == {"so-tai-chinh": {
        **by_id(REGISTRY, "so-tai-chinh"), "code": "H03.50",
        "decision": {"number": "9003/QĐ-UBND", "date": "2025-03-01", "issuer": ISSUER},
        "history": [{"code": "H03.05", "until": "2025-03-01",
                     "decision": {"number": "9003/QĐ-UBND", "date": "2025-03-01", "issuer": ISSUER}}]}}


def test_a_recode_found_by_name_appends_to_history_with_the_issuer_column() -> None:
    doc, problems = run([NAME, CODE, NUMBER, ISSUED_BY], ["Ban Tôn giáo", "H03.02.03", "9003/QĐ-UBND ngày 01/03/2025",
                                                          "Chủ tịch UBND tỉnh"])
    assert problems == []
    act = {"number": "9003/QĐ-UBND", "date": "2025-03-01", "issuer": "Chủ tịch UBND tỉnh"}
    assert by_id(doc, "ban-ton-giao")["history"] == [by_id(REGISTRY, "ban-ton-giao")["history"][0],
                                                     {"code": "H03.02.02", "until": "2025-03-01", "decision": act}]
    assert by_id(doc, "ban-ton-giao")["decision"] == act


def test_the_same_act_keeps_its_issuer() -> None:
    doc, problems = run([CODE, NUMBER, DATE], ["H03.05", "1350/QĐ-UBND", "02/12/2021"])
    assert (problems, changed(doc)) == ([], {})


def test_a_unit_without_a_code_yet_gets_one_without_history() -> None:
    before = copy.deepcopy(REGISTRY)
    for entry in before["units"]:
        del entry["code"]
    doc, problems = run([CODE102, CODE], ["000.00.05.H03", "H03.05"], doc=before)
    assert problems == []
    assert by_id(doc, "so-tai-chinh") == by_id(REGISTRY, "so-tai-chinh")


# --- new units ------------------------------------------------------------------------------

def test_a_row_matching_nothing_is_a_new_unit() -> None:
    doc, problems = run([NAME, CODE, CODE102, "Khối", "Số điện thoại", NUMBER, DATE],
                        ["Ủy ban nhân dân xã An Bá", "H03.46.01", "000.01.34.H03", "", "0204 5", "9003/QĐ-UBND",
                         "01/03/2025"],
                        ["Ban Dân vận Huyện ủy Lục Nam", "H03.46.70", "", "Khối Đảng, đoàn thể", "", "9003/QĐ-UBND",
                         "01/03/2025"])
    assert problems == []
    act = {"number": "9003/QĐ-UBND", "date": "2025-03-01", "issuer": ISSUER}
    assert changed(doc) == {
        "ubnd-xa-an-ba-2": {"id": "ubnd-xa-an-ba-2", "code": "H03.46.01", "code102": "000.01.34.H03",
                            "name": "Ủy ban nhân dân xã An Bá", "block": "state", "status": "active",
                            "contact": {"phone": "0204 5"}, "decision": act},
        "ban-dan-van-huyen-uy-luc-nam": {"id": "ban-dan-van-huyen-uy-luc-nam", "code": "H03.46.70",
                                         "name": "Ban Dân vận Huyện ủy Lục Nam", "block": "party",
                                         "status": "active", "decision": act},
    }


def test_ids_are_ascii_slugs_made_unique() -> None:
    assert slug("Sở Tài chính") == "so-tai-chinh"
    assert slug("Uỷ ban nhân dân xã Đồng Tâm") == "ubnd-xa-dong-tam"
    assert slug("Hội đồng nhân dân tỉnh") == "hdnd-tinh"
    assert slug("Sở TT&TT (cũ)") == "so-tt-tt-cu"
    assert slug("—") == "unit"
    assert len(slug("Trung tâm " * 20)) <= 56
    assert unique_id("Sở Tài chính", {"so-tai-chinh", "so-tai-chinh-2"}) == "so-tai-chinh-3"


def test_a_new_unit_needs_a_name_a_code_and_a_decision() -> None:
    doc, problems = run([NAME, CODE, "Email"], ["Sở Mới", "", "a@b.vn"], ["", "H03.60", "c@d.vn"],
                        ["Sở Khác", "H03.61", ""])
    assert doc == REGISTRY
    assert problems == [
        "annex.xlsx:Sheet1:2:2: import: a new unit needs a Mã định danh (no unit has this row's codes or, under this"
        " parent, its name; a section heading? delete the row)",
        "annex.xlsx:Sheet1:3:1: import: a new unit needs a name (Tên cơ quan, đơn vị)",
        "annex.xlsx:Sheet1:4:1: import: a new unit needs the decision that issued its code: fill Số quyết định and"
        " Ngày ban hành",
    ]


def test_an_id_column_names_a_new_unit_and_must_agree_with_a_matched_one() -> None:
    doc, problems = run(["Mã nội bộ (id)", NAME, CODE, NUMBER, DATE],
                        ["so-moi", "Sở Mới", "H03.60", "9003/QĐ-UBND", "01/03/2025"],
                        ["stc", "Sở Tài chính", "H03.05", "", ""],
                        ["so-noi-vu", "Sở Khác", "H03.61", "9003/QĐ-UBND", "01/03/2025"],
                        ["Sở X", "Sở X", "H03.62", "9003/QĐ-UBND", "01/03/2025"])
    assert list(changed(doc)) == ["so-moi"]
    assert problems == [
        "annex.xlsx:Sheet1:3:1: import: the row's id stc is not the id of the unit it matches, so-tai-chinh; ids"
        " never change",
        "annex.xlsx:Sheet1:4:1: import: the id so-noi-vu is another unit's",
        'annex.xlsx:Sheet1:5:1: import: Mã nội bộ (id) "Sở X": is not an id: lower-case ASCII letters and digits'
        " joined by single hyphens, at most 64",
    ]


# --- codes are never reused -----------------------------------------------------------------

def test_codes_another_unit_holds_or_held_are_refused() -> None:
    doc, problems = run([CODE102, CODE, NUMBER, DATE],
                        ["000.00.05.H03", "H03.02.09", "9003/QĐ-UBND", "01/03/2025"],  # ban-ton-giao's former code
                        ["000.01.06.H03", "H03.02.09", "9003/QĐ-UBND", "01/03/2025"],  # its own former code
                        ["", "H03.02.09", "9003/QĐ-UBND", "01/03/2025"])  # a new unit
    assert doc == REGISTRY
    assert problems == [
        'annex.xlsx:Sheet1:2:2: import: H03.02.09 was the code of "Ban Tôn giáo" (id ban-ton-giao) until 2020-01-01;'
        " a code is never reused",
        "annex.xlsx:Sheet1:3:2: import: H03.02.09 is this unit's former code until 2020-01-01; a code is never reused",
        "annex.xlsx:Sheet1:4:1: import: a new unit needs a name (Tên cơ quan, đơn vị)",
        'annex.xlsx:Sheet1:4:2: import: H03.02.09 was the code of "Ban Tôn giáo" (id ban-ton-giao) until 2020-01-01;'
        " a code is never reused",
    ]
    # a code another unit holds now (a closed unit's too) matches that unit: a row that also names
    # another unit by its QCVN 102 code is refused (test_a_row_naming_two_units_matches_neither)


def test_a_code_given_by_two_rows() -> None:
    _, problems = run([CODE102, CODE, NUMBER, DATE],
                      ["000.00.05.H03", "H03.50", "9003/QĐ-UBND", "01/03/2025"],
                      ["000.00.06.H03", "H03.50", "9003/QĐ-UBND", "01/03/2025"])
    assert problems == ["annex.xlsx:Sheet1:3:2: import: row 2 gives the same Mã định danh H03.50"]


def test_a_recode_needs_its_decision_and_a_closed_unit_keeps_its_code() -> None:
    _, problems = run([CODE102, CODE, NUMBER], ["000.00.05.H03", "H03.50", ""], ["000.09.33.H03", "H03.45.19", "9/X"],
                      ["000.00.06.H03", "H03.20", "9/X"])
    assert problems == [
        "annex.xlsx:Sheet1:2:2: import: the code changes from H03.05 to H03.50, which needs the decision that changed"
        " it: fill Số quyết định and Ngày ban hành",
        "annex.xlsx:Sheet1:3:2: import: the unit is closed; its code H03.45.09 stays reserved and does not change",
        "annex.xlsx:Sheet1:3:3: import: the decision 9/X has no date: fill Ngày ban hành, or write it after the number"
        " (1350/QĐ-UBND ngày 02/12/2021)",
        "annex.xlsx:Sheet1:4:3: import: the decision 9/X has no date: fill Ngày ban hành, or write it after the number"
        " (1350/QĐ-UBND ngày 02/12/2021)",
    ]


def test_a_closed_unit_keeps_its_qcvn102_code_too() -> None:
    doc, problems = run([CODE, CODE102], ["H03.45.09", "000.19.33.H03"])
    assert doc == REGISTRY
    assert problems == ["annex.xlsx:Sheet1:2:2: import: the unit is closed; its code102 000.09.33.H03 stays reserved"
                        " and does not change"]


# --- duplicated rows ------------------------------------------------------------------------

def test_duplicated_rows_are_problems_even_when_identical() -> None:
    doc, problems = run([CODE102, NAME, "Email"],
                        ["000.00.05.H03", "Sở Tài chính", "a@stc.vn"],
                        ["000.00.05.H03", "Sở Tài chính", "a@stc.vn"],
                        ["000.00.05.H03", "Sở Tài chính", "b@stc.vn"])
    assert problems == [
        "annex.xlsx:Sheet1:3:1: import: this row repeats row 2 exactly; delete one of them",
        'annex.xlsx:Sheet1:4:1: import: this row and row 2 both describe "Sở Tài chính" (id so-tai-chinh); keep one'
        " row per unit",
    ]
    assert by_id(doc, "so-tai-chinh")["contact"]["email"] == "a@stc.vn"  # the preview keeps the first row


# --- cells ----------------------------------------------------------------------------------

def test_bad_cells_say_what_is_wrong() -> None:
    doc, problems = run([CODE, CODE102, NAME, "Khối", "Trạng thái", DATE, NUMBER],
                        ["h03.05", "000.00.05.H03", "a", "", "", "", ""],
                        ["H03.5", "", "b", "", "", "", ""],
                        ["H04.05", "000.0.05.H03", "c", "", "", "", ""],
                        ["", "001.00.05.H03", "d", "", "", "", ""],
                        ["H03.05", "", "e", "công ty", "tạm dừng", "31/02/2021", ""],
                        ["H03.05", "", "f", "", "", "2026-01-01", "1/X ngày 32/01/2021"])
    assert doc == REGISTRY
    assert problems == [
        'annex.xlsx:Sheet1:2:1: import: Mã định danh "h03.05": group 1 "h03" has a character outside 0-9 A-Z:'
        " 'h' (codes use capital letters)",
        'annex.xlsx:Sheet1:3:1: import: Mã định danh "H03.5": group 2 "5" does not match the level-2 pattern [0-9]{2}',
        'annex.xlsx:Sheet1:4:1: import: Mã định danh "H04.05": is not under the registry\'s level-1 code H03',
        'annex.xlsx:Sheet1:4:2: import: Mã QCVN 102 "000.0.05.H03": group 2 "0" must be 2 digits',
        'annex.xlsx:Sheet1:5:2: import: Mã QCVN 102 "001.00.05.H03": the level-4 group "001" is not zero but the'
        ' level-3 group "00" is: a unit cannot sit below a missing level',
        'annex.xlsx:Sheet1:6:4: import: Khối "công ty": is not a block: write state (nhà nước) or party (Đảng,'
        " đoàn thể)",
        'annex.xlsx:Sheet1:6:5: import: Trạng thái "tạm dừng": is not a status: write active (hoạt động) or closed'
        " (đã đóng)",
        'annex.xlsx:Sheet1:6:6: import: Ngày ban hành "31/02/2021": is not a date on the calendar',
        'annex.xlsx:Sheet1:7:6: import: Ngày ban hành "2026-01-01": is after today (2025-06-01); a decision is dated'
        " when it is signed",
        'annex.xlsx:Sheet1:7:7: import: Số quyết định "1/X ngày 32/01/2021": is not a date on the calendar',
    ]


def test_a_decision_number_with_its_date() -> None:
    doc, problems = run([CODE, NUMBER, DATE], ["H03.05", "9003/QĐ-UBND ngày 01 tháng 3 năm 2025", ""],
                        ["H03.02", "9003/QĐ-UBND, ngày 1/3/2025", "02/03/2025"])
    assert problems == ["annex.xlsx:Sheet1:3:3: import: the decision number says ngày 2025-03-01 but Ngày ban hành"
                        " says 2025-03-02"]
    assert by_id(doc, "so-tai-chinh")["decision"] == {"number": "9003/QĐ-UBND", "date": "2025-03-01", "issuer": ISSUER}


def test_status_is_checked_never_changed() -> None:
    doc, problems = run([CODE, "Trạng thái"], ["H03.05", "Hoạt động"], ["H03.02", "Đã đóng"], ["H03.45.09", "closed"])
    assert changed(doc) == {}
    assert problems == ["annex.xlsx:Sheet1:3:2: import: the row says closed but the unit is active; close or reopen a"
                        " unit in units.yaml (status and a closed block: date, decision, reason, successors)"]


def test_the_parent_column_must_be_the_parent_the_code_gives() -> None:
    _, problems = run([CODE, PARENT], ["H03.05", "Ủy ban nhân dân tỉnh Bắc Giang"], ["H03.02.02", "000.00.06.H03"],
                      ["H03.45.01", "Sở Nội vụ"], ["H03", "Bộ Nội vụ"])
    assert problems == [
        'annex.xlsx:Sheet1:4:2: import: Cơ quan chủ quản says "Sở Nội vụ" but the code H03.45.01 puts the unit under'
        " H03.45 Ủy ban nhân dân huyện Sơn Động",
        'annex.xlsx:Sheet1:5:2: import: Cơ quan chủ quản says "Bộ Nội vụ" but the code H03 puts the unit under nothing'
        " (level 1)",
    ]


def test_a_table_without_a_name_or_code_column() -> None:
    grid = [(1, ["Email", "Điện thoại"]), (2, ["a@b.vn", "1"])]
    bare = Table("annex.xlsx", "Sheet1", 1, {"contact.email": 1, "contact.phone": 2},
                 {"contact.email": "Email", "contact.phone": "Điện thoại"}, ())
    with pytest.raises(TableError) as error:
        apply_rows(bare, REGISTRY, today=TODAY)
    assert str(error.value) == ("annex.xlsx:Sheet1: the table has none of the columns Tên cơ quan, đơn vị, Mã định"
                                " danh, Mã QCVN 102; a row cannot be matched to a unit")
    with pytest.raises(TableError):
        table_from_grid(grid, display="annex.xlsx", sheet="Sheet1", mapping=None)
