"""``run_import`` on real annexes (.xlsx written with openpyxl, .csv with the csv module) and a copy
of the sample registry in ``tmp_path``.

The big one: an annex generated from the sample registry, imported into a copy whose units hold
only their QCVN 102 codes, gives the sample's units.yaml back byte for byte — except the two
``history`` entries. An annex lists each unit's code as the decision issues it; the codes a unit
had before are in no column of it, and a registry before the conversion holds no qd20 code to
retire, so nothing can put them back (a later annex that changes a code does add history: see
test_a_recode_writes_history).
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from madinhdanh import canonical, loader, unitdiff
from madinhdanh.codes import parse_qd20
from madinhdanh.interchange.importer import ImportOutcome, run_import
from madinhdanh.interchange.tables import TableError
from madinhdanh.errors import ConfigError
from madinhdanh.validate import validate_registry

SAMPLE = Path(__file__).resolve().parents[2] / "registry"
TODAY = datetime.date(2025, 6, 1)
HEADER = ["STT", "Tên cơ quan, đơn vị", "Mã QCVN 102", "Mã định danh", "Cơ quan chủ quản", "Số quyết định",
          "Ngày ban hành", "Cơ quan ban hành"]


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample registry; the working folder is tmp_path, so files are named relative to it."""
    shutil.copytree(SAMPLE, tmp_path / "registry")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "registry"


def sample() -> dict[str, Any]:
    doc = canonical.normalize(loader.load_file(SAMPLE / "units.yaml"))
    assert isinstance(doc, dict)
    return doc


def annex_rows(doc: dict[str, Any], *, closed: bool = True, parent_by: str = "code") -> list[list[Any]]:
    """One row per unit in file order: STT, name, code102, code, parent (its code or name), decision."""
    by_code = {unit["code"]: unit for unit in doc["units"]}
    rows: list[list[Any]] = []
    for unit in doc["units"]:
        if unit["status"] == "closed" and not closed:
            continue
        up = parse_qd20(unit["code"]).parent
        parent = "" if up is None else by_code[up.text][parent_by]
        act = unit["decision"]
        rows.append([len(rows) + 1, unit["name"], unit.get("code102", ""), unit["code"], parent, act["number"],
                     act["date"], act.get("issuer", "")])
    return rows


def write_xlsx(path: Path, rows: list[list[Any]], *, header: list[str] = HEADER) -> Path:
    """An annex as a province's office makes one: merged title rows, a blank row, the header, a row
    numbering the columns, then the units with a blank row among them; codes as text, a few with
    Excel's apostrophe, names with trailing spaces or typed decomposed (NFD), dates as date cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    sheet.append(["PHỤ LỤC"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(["Danh sách mã định danh điện tử của các cơ quan, đơn vị (kèm theo Quyết định số 1350/QĐ-UBND)"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
    sheet.append([])
    sheet.append(header)
    sheet.append([f"({number})" for number in range(1, len(header) + 1)])
    for position, row in enumerate(rows):
        cells = list(row)
        if position % 7 == 3:
            cells[1] = unicodedata.normalize("NFD", cells[1]) + "  "
        if position % 5 == 1 and cells[3]:
            cells[3] = "'" + cells[3]
        if len(cells) > 6 and isinstance(cells[6], str) and cells[6]:
            cells[6] = datetime.datetime.fromisoformat(cells[6])
        sheet.append(cells)
        if position == 10:
            sheet.append([])
    book.save(path)
    return path


def formula_for_code(path: Path, row: int, column: str, code: str, cached: Callable[[Path, str, str], None]) -> None:
    """Rewrite one code cell as a formula with the value Excel saves beside it (openpyxl itself
    writes formulas without values, and cannot compute them)."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None and sheet[f"{column}{row}"].value == code
    head, tail = code.split(".", 1)
    sheet[f"{column}{row}"] = f'="{head}"&".{tail}"'
    book.save(path)
    cached(path, f"{column}{row}", code)


def write_csv(path: Path, rows: list[list[Any]], *, delimiter: str = ",", bom: bool = True,
              header: list[str] = HEADER) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8", newline="")
    return path


def strip_codes(registry: Path, *, keep_closed: bool = False) -> None:
    """The registry before the conversion: every unit holds its QCVN 102 code and no qd20 code
    (the closed units keep theirs when ``keep_closed``: an annex of active units does not list them)."""
    doc = sample()
    for unit in doc["units"]:
        unit.pop("history", None)
        if not (keep_closed and unit["status"] == "closed"):
            del unit["code"]
    (registry / "units.yaml").write_text(canonical.dump_units(doc), encoding="utf-8")


def without_history() -> bytes:
    doc = sample()
    for unit in doc["units"]:
        unit.pop("history", None)
    return canonical.dump_units(doc).encode("utf-8")


def texts(outcome: ImportOutcome) -> list[str]:
    return [problem.text() for problem in outcome.problems]


# --- the round trip ---------------------------------------------------------------------------

@pytest.mark.parametrize("keep_closed", [False, True], ids=["all-units-in-annex", "closed-units-keep-codes"])
def test_an_annex_of_the_sample_fills_a_registry_of_qcvn102_codes(
        registry: Path, keep_closed: bool, with_cached_value: Callable[[Path, str, str], None]) -> None:
    strip_codes(registry, keep_closed=keep_closed)
    systems = (registry / "systems.yaml").read_bytes()
    annex = write_xlsx(registry.parent / "annex.xlsx", annex_rows(sample(), closed=not keep_closed))
    formula_for_code(annex, 6 + 9, "D", "H03.05", with_cached_value)  # so-tai-chinh's code: a formula with its saved value
    outcome = run_import(annex, registry, today=TODAY)
    assert texts(outcome) == []
    assert outcome.written
    assert (registry / "units.yaml").read_bytes() == without_history()
    assert (registry / "units.yaml").stat().st_mode == (registry / "systems.yaml").stat().st_mode  # kept
    assert not list(registry.glob(".units.yaml.*"))  # no temporary file left
    assert (registry / "systems.yaml").read_bytes() == systems
    assert validate_registry(registry).problems == []
    changed = 180 - 2 * keep_closed
    assert [(c.kind, c.base_code) for c in outcome.changes] == [("recoded", None)] * changed
    report = unitdiff.REPORTERS["text"](outcome.changes, base=outcome.base, head=outcome.head)
    assert report.splitlines()[0] == "recoded  ubnd-tinh  H03  Ủy ban nhân dân tỉnh Bắc Giang"
    assert report.splitlines()[-1] == (f"{changed} unit changes between registry/units.yaml and"
                                       f" annex.xlsx:Phụ lục (imported): {changed} recoded")


@pytest.mark.parametrize(("delimiter", "bom", "parent_by"), [(",", True, "code"), (";", False, "name"),
                                                              (";", True, "code102")])
def test_the_sample_annex_changes_nothing_in_the_sample(registry: Path, delimiter: str, bom: bool,
                                                        parent_by: str) -> None:
    before = (registry / "units.yaml").read_bytes()
    annex = write_csv(registry.parent / "annex.csv", annex_rows(sample(), parent_by=parent_by),
                      delimiter=delimiter, bom=bom)
    outcome = run_import(annex, registry, today=TODAY)
    assert (texts(outcome), outcome.changes, outcome.written) == ([], [], False)
    assert (registry / "units.yaml").read_bytes() == before
    assert unitdiff.REPORTERS["text"](outcome.changes, base=outcome.base, head=outcome.head) == (
        "no unit changes between registry/units.yaml and annex.csv (imported)\n")


@pytest.mark.parametrize("missing", [("Mã QCVN 102",), ("Mã QCVN 102", "Mã định danh")],
                         ids=["without-code102", "names-and-parents-only"])
def test_an_annex_with_fewer_columns_matches_by_code_or_by_name(registry: Path, missing: tuple[str, ...]) -> None:
    keep = [index for index, title in enumerate(HEADER) if title not in missing]
    # closed units are found by their codes only: an annex of names lists the active units
    rows = [[row[index] for index in keep]
            for row in annex_rows(sample(), parent_by="name", closed="Mã định danh" not in missing)]
    annex = write_csv(registry.parent / "annex.csv", rows, header=[HEADER[index] for index in keep])
    outcome = run_import(annex, registry, today=TODAY)
    assert (texts(outcome), outcome.changes, outcome.written) == ([], [], False)


def test_the_sample_workbook_changes_nothing_in_the_sample(registry: Path) -> None:
    before = (registry / "units.yaml").read_bytes()
    outcome = run_import(write_xlsx(registry.parent / "annex.xlsx", annex_rows(sample())), registry, today=TODAY)
    assert (texts(outcome), outcome.changes, outcome.written) == ([], [], False)
    assert (registry / "units.yaml").read_bytes() == before


# --- changes ----------------------------------------------------------------------------------

RECODE_HEADER = ["Mã QCVN 102", "Mã định danh", "Tên cơ quan, đơn vị", "Email", "Số quyết định", "Ngày ban hành"]
RECODE_ROWS = [["000.00.08.H03", "H03.05", "Sở Tài chính", "stc@bacgiang.gov.vn", "", ""],
               ["000.00.16.H03", "H03.21", "Sở Ngoại vụ", "", "9003/QĐ-UBND", "01/03/2025"]]


def test_a_recode_writes_history(registry: Path) -> None:
    annex = write_csv(registry.parent / "annex.csv", RECODE_ROWS, header=RECODE_HEADER)
    outcome = run_import(annex, registry, today=TODAY)
    assert (texts(outcome), outcome.written) == ([], True)
    report = unitdiff.REPORTERS["text"](outcome.changes, base=outcome.base, head=outcome.head)
    assert report == (
        "contact  so-tai-chinh  H03.05  Sở Tài chính  contact.email: (none) → stc@bacgiang.gov.vn\n"
        "recoded  so-ngoai-vu  H03.17 → H03.21  Sở Ngoại vụ\n"
        "decision so-ngoai-vu  H03.17 → H03.21  Sở Ngoại vụ  decision.number: 1350/QĐ-UBND → 9003/QĐ-UBND;"
        " decision.date: 2021-12-02 → 2025-03-01; decision.issuer: UBND tỉnh Bắc Giang → Ủy ban nhân dân tỉnh"
        " Bắc Giang\n"
        "3 unit changes between registry/units.yaml and annex.csv (imported): 1 recoded, 1 contact, 1 decision\n")
    units = {u["id"]: u for u in loader.load_file(registry / "units.yaml")["units"]}  # type: ignore[index]
    assert units["so-ngoai-vu"]["history"] == [{"code": "H03.17", "until": "2025-03-01", "decision": {
        "number": "9003/QĐ-UBND", "date": "2025-03-01", "issuer": "Ủy ban nhân dân tỉnh Bắc Giang"}}]
    assert validate_registry(registry).problems == []
    again = run_import(annex, registry, today=TODAY)  # the same annex again: nothing more to do
    assert (texts(again), again.changes, again.written) == ([], [], False)


def test_dry_run_writes_nothing(registry: Path) -> None:
    before = (registry / "units.yaml").read_bytes()
    annex = write_csv(registry.parent / "annex.csv", RECODE_ROWS, header=RECODE_HEADER)
    outcome = run_import(annex, registry, dry_run=True, today=TODAY)
    assert (texts(outcome), len(outcome.changes), outcome.written) == ([], 3, False)
    assert (registry / "units.yaml").read_bytes() == before


def test_any_problem_writes_nothing(registry: Path) -> None:
    before = (registry / "units.yaml").read_bytes()
    rows = RECODE_ROWS + [["000.00.07.H03", "H03.4", "Sở Kế hoạch và Đầu tư", "", "", ""],
                          ["000.00.08.H03", "H03.05", "Sở Tài chính", "stc@bacgiang.gov.vn", "", ""]]
    outcome = run_import(write_csv(registry.parent / "annex.csv", rows, header=RECODE_HEADER), registry,
                         today=TODAY)
    assert texts(outcome) == [
        'annex.csv:csv:4:2: import: Mã định danh "H03.4": group 2 "4" does not match the level-2 pattern [0-9]{2}',
        "annex.csv:csv:5:1: import: this row repeats row 2 exactly; delete one of them",
    ]
    assert not outcome.written and (registry / "units.yaml").read_bytes() == before
    assert [c.kind for c in outcome.changes] == ["contact", "recoded", "decision"]  # the preview of the rest


def test_problems_of_the_result_name_the_row(registry: Path) -> None:
    before = (registry / "units.yaml").read_bytes()
    rows = [["000.00.08.H03", "H03.05", "Sở Tài chính", "stc@", "", ""],
            ["", "H03.99.01", "Trung tâm Mới", "", "9003/QĐ-UBND", "01/03/2025"]]
    outcome = run_import(write_csv(registry.parent / "annex.csv", rows, header=RECODE_HEADER), registry,
                         today=TODAY)
    assert texts(outcome) == [
        'registry/units.yaml (after import):126:12: contact-format: email "stc@" is not an e-mail address like'
        " vanthu@bacgiang.gov.vn (row 2 of annex.csv:csv) [$.units[9].contact.email]",
        "registry/units.yaml (after import):1940:9: parent-exists: the parent H03.99 of H03.99.01 is not in the"
        " registry; add it or fix the code (row 3 of annex.csv:csv) [$.units[180].code]",
    ]
    assert (outcome.changes, outcome.written) == ([], False)
    assert (registry / "units.yaml").read_bytes() == before


def test_a_mapping_file_names_other_titles(registry: Path) -> None:
    (registry.parent / "map.yaml").write_text('columns:\n  "Mã ĐDĐT (mới)": code\n  Hộp thư công vụ: contact.email\n',
                                              encoding="utf-8")
    annex = write_csv(registry.parent / "annex.csv", [["H03.05", "stc@bacgiang.gov.vn"]],
                      header=["Mã ĐDĐT (mới)", "Hộp thư công vụ"])
    outcome = run_import(annex, registry, map_file=registry.parent / "map.yaml", dry_run=True, today=TODAY)
    assert [(c.kind, c.unit_id) for c in outcome.changes] == [("contact", "so-tai-chinh")]
    with pytest.raises(TableError):
        run_import(annex, registry, dry_run=True, today=TODAY)  # without the mapping: no header row


# --- what stops an import before it starts ----------------------------------------------------

def test_configuration_errors(registry: Path) -> None:
    annex = write_csv(registry.parent / "annex.csv", RECODE_ROWS, header=RECODE_HEADER)
    with pytest.raises(ConfigError) as error:
        run_import(annex, Path("nowhere"), today=TODAY)
    assert str(error.value) == "registry folder nowhere does not exist; pass --registry DIR"
    with pytest.raises(ConfigError) as error:
        run_import(write_xlsx(registry.parent / "annex.xlsx", []), registry, sheet="Sheet2", today=TODAY)
    assert str(error.value) == "annex.xlsx: no sheet 'Sheet2'; its sheets: 'Phụ lục'"


def test_a_broken_registry_is_reported_not_overwritten(registry: Path) -> None:
    (registry / "units.yaml").write_text("settings:\n  province: x\n  province: y\nunits: []\n", encoding="utf-8")
    annex = write_csv(registry.parent / "annex.csv", RECODE_ROWS, header=RECODE_HEADER)
    outcome = run_import(annex, registry, today=TODAY)
    assert texts(outcome) == ['registry/units.yaml:3:3: yaml-duplicate-key: duplicate key "province" (first at'
                              " line 2); keep one"]
    assert not outcome.written
