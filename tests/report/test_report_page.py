"""``madinhdanh.report.render`` without a browser: the page is self-contained, escapes every
value, is the same for the same document, shows every system and unit with the document's
numbers; and the fixture document follows docs/verify-format.md."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

import pytest

from madinhdanh.report import document_problems, render
from madinhdanh.report.page import STATUSES
from reportdoc import CLOSER, FIXTURE, HOSTILE, IMAGE, QUOTES, hostile_document

class Elements(HTMLParser):
    """Every start tag with its attributes, the text of <script> elements, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def parse(page: str) -> Elements:
    elements = Elements()
    elements.feed(page)
    elements.close()
    return elements


@pytest.fixture
def page(document: dict[str, Any]) -> str:
    return render(document)


# --- the fixture follows the contract -------------------------------------------------------------

def test_fixture_follows_the_contract(document: dict[str, Any]) -> None:
    assert document_problems(document) == []
    assert FIXTURE.read_text(encoding="utf-8") == json.dumps(document, ensure_ascii=False, indent=2,
                                                             sort_keys=True) + "\n", "keys sorted, as verify writes"
    assert set(document) == {"format", "generated_at", "registry", "systems", "units", "exchange"}
    assert document["format"] == 1 and document["generated_at"].endswith("+00:00")
    assert set(document["registry"]) == {"units", "sha256", "province"}
    assert 2 <= len(document["systems"]) <= 3 and 25 <= len(document["units"]) <= 35
    ids = [s["id"] for s in document["systems"]]
    for system in document["systems"]:
        assert set(system) == {"id", "title", "dialect", "target", "error", "in_scope", "converted", "pending",
                               "missing", "discrepancies", "ledger"}
        states = [u["systems"][system["id"]] for u in document["units"]]
        assert system["in_scope"] == sum(s != "out of scope" for s in states)
        if system["error"] is None:
            assert system["converted"] == sum(s in ("ok", "wrong", "stale") for s in states)
            assert system["pending"] == states.count("pending") and system["missing"] == states.count("missing")
        else:
            assert set(states) <= {"unknown", "out of scope"} and system["converted"] == 0
        for found in system["discrepancies"]:
            assert set(found) == {"kind", "table", "column", "key", "found", "expected", "unit"}
            assert found["kind"] in ("missing", "extra", "stale", "name", "parent", "status", "level")
        for entry in system["ledger"]:
            assert set(entry) == {"id", "started_at", "action", "release_name", "outcome", "codes", "deployer",
                                  "host", "reason"}
    for unit in document["units"]:
        assert set(unit) == {"id", "code", "name", "level", "block", "status", "systems"}
        assert list(unit["systems"]) == sorted(ids) and set(unit["systems"].values()) <= set(STATUSES)
        assert unicodedata.is_normalized("NFC", unit["name"])
    every = {s for u in document["units"] for s in u["systems"].values()}
    assert every == set(STATUSES), "every kind of status appears"
    assert any(ord(c) > 0x7F for u in document["units"] for c in u["name"])
    assert {"closed", "active"} == {u["status"] for u in document["units"]}
    for anomaly in document["exchange"]["anomalies"]:
        assert set(anomaly) == {"system", "code", "kind", "direction", "counterpart", "count", "first", "last",
                                "suggested"}
        assert anomaly["kind"] in ("closed", "old", "unknown") and anomaly["direction"] in ("sent", "received")
    assert {a["kind"] for a in document["exchange"]["anomalies"]} == {"closed", "old", "unknown"}


# --- self-contained, deterministic ------------------------------------------------------------------

def test_the_page_is_self_contained(page: str) -> None:
    lowered = page.lower()
    for needle in ("http://", "https://", "<link", "src=", "@import", "url(", "<iframe", "<img", "//cdn"):
        assert needle not in lowered, needle
    elements = parse(page)
    assert [a for t, a in elements.tags if t == "script" and a] == [], "no script with attributes (no src=)"
    assert len(elements.scripts) == 1
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"vi\">") and '<meta charset="utf-8">' in page
    assert "@media print" in page and "@media (max-width: 640px)" in page


def test_the_same_document_gives_the_same_page(document: dict[str, Any]) -> None:
    first = render(document)
    assert render(copy.deepcopy(document)) == first
    reordered = json.loads(json.dumps(document, sort_keys=True))
    reordered["units"] = [dict(reversed(list(u.items()))) for u in reordered["units"]]
    for unit in reordered["units"]:
        unit["systems"] = dict(reversed(list(unit["systems"].items())))
    assert render(reordered) == first, "the order of a mapping's keys changes nothing"


# --- what it shows -------------------------------------------------------------------------------------

def test_every_system_and_unit_is_shown(document: dict[str, Any], page: str) -> None:
    elements = parse(page)
    text = "".join(elements.text)
    for system in document["systems"]:
        assert system["title"] in text
        assert elements.find("th", data_system=system["id"]), system["id"]
        assert elements.find("option", value=system["id"])
    rows = [a for t, a in elements.tags if t == "tr" and a.get("data-unit")]
    assert [r["data-unit"] for r in rows] == [u["id"] for u in document["units"]]
    cells = [a for t, a in elements.tags if t == "td" and a.get("data-status")]
    expected = [(s["id"], u["systems"][s["id"]]) for u in document["units"] for s in document["systems"]]
    assert [(c["data-system"], c["data-status"]) for c in cells] == expected
    for unit in document["units"]:
        assert unit["name"] in text and unit["code"] in text
    assert f'<strong id="shown-count">{len(document["units"])}</strong>' in page


def test_progress_shows_converted_over_in_scope(document: dict[str, Any], page: str) -> None:
    for system in document["systems"]:
        card = page[page.index(f'<article class="system-progress" data-system="{system["id"]}">'):]
        card = card[:card.index("</article>")]
        assert f'<span class="in-scope">{system["in_scope"]}</span>' in card
        if system["error"]:
            assert '<span class="converted">?</span>' in card and "Không đọc được hệ thống" in card
            assert "bar-unknown" in card
        else:
            assert f'<span class="converted">{system["converted"]}</span>' in card
            per_mille = system["converted"] * 1000 // system["in_scope"]
            percent = f"{per_mille // 10}%" if per_mille % 10 == 0 else f"{per_mille // 10},{per_mille % 10}%"
            assert f'<span class="percent">{percent}</span>' in card
            assert f'width: {per_mille / 10:.1f}%' in card
            assert f'<strong class="pending">{system["pending"]}</strong>' in card
            assert f'<strong class="missing">{system["missing"]}</strong>' in card
            assert html_escape(system["target"]) in card


def test_percent_is_rounded_down_and_numbers_grouped() -> None:
    document = _minimal(systems=[{"id": "big", "title": "Lớn", "in_scope": 12000, "converted": 11999, "pending": 1,
                                  "missing": 0, "target": None, "error": None, "discrepancies": [], "ledger": []}])
    page = render(document)
    assert '<span class="percent">99,9%</span>' in page, "99.99 % is not shown as 100 %"
    assert '<span class="converted">11.999</span> / <span class="in-scope">12.000</span>' in page
    assert "chưa cấu hình" in page


def test_labels_legend_and_sections(document: dict[str, Any], page: str) -> None:
    for _, symbol, label, meaning in STATUSES.values():
        assert label in page and meaning in page
    for heading in ("Tiến độ chuyển đổi theo hệ thống", "Ma trận đơn vị × hệ thống", "Sai lệch theo hệ thống",
                    "Lịch sử triển khai (sổ nhật ký)", "Bất thường trong trao đổi văn bản"):
        assert f">{heading}</h2>" in page
    assert "Bắc Giang" in page and "27/11/2026 15:40:00 UTC" in page
    assert '<time datetime="2026-11-27T15:40:00+00:00">' in page
    for system in document["systems"]:
        for entry in system["ledger"]:
            assert entry["release_name"] in page and entry["deployer"] in page
        for found in system["discrepancies"]:
            assert html_escape(found["key"]) in page
    for anomaly in document["exchange"]["anomalies"]:
        assert anomaly["code"] in page
    assert "Bị từ chối" in page and "Đã hoàn tác" in page and "Thất bại" in page and "Mã không xác định" in page


# --- escaping ------------------------------------------------------------------------------------------

def test_every_value_is_escaped(document: dict[str, Any]) -> None:
    page = render(hostile_document(document))
    for raw in (HOSTILE, IMAGE, CLOSER, QUOTES, "<img", "<script>alert"):
        assert raw not in page, raw
    assert page.count("<script") == 1 and page.count("</script>") == 1
    elements = parse(page)
    assert len(elements.scripts) == 1 and "alert" not in elements.scripts[0]
    handlers = [(t, k) for t, a in elements.tags for k in a if k.startswith("on")]
    assert handlers == [], "no attribute injected"
    text = "".join(elements.text)
    assert HOSTILE + QUOTES in text and CLOSER in text, "shown as text"
    assert str(elements.find("tr", data_unit=document["units"][0]["id"])[0]["data-search"]).startswith(HOSTILE)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'data-status="&lt;img src=x onerror=alert(2)&gt;"' in page and "st-other" in page


# --- odd and invalid documents ---------------------------------------------------------------------------

def _minimal(**changes: Any) -> dict[str, Any]:
    return {"format": 1, "generated_at": "2026-01-02T03:04:05+07:00", "registry": {"units": 0, "sha256": None,
            "province": None}, "systems": [], "units": [], **changes}


def test_an_empty_document_renders() -> None:
    page = render(_minimal())
    assert "Không có hệ thống nào trong báo cáo." in page and "02/01/2026 03:04:05 UTC+07:00" in page
    assert '<strong id="shown-count">0</strong>' in page and "Không có bất thường." in page
    assert "Chưa biết thời điểm chuyển đổi" in page


def test_missing_values_and_unknown_words_render() -> None:
    system: dict[str, Any] = {"id": "s", "title": None, "in_scope": 0, "converted": 0, "error": None, "target": "sqlite:///x.db",
              "discrepancies": [{"kind": "novel", "found": "", "expected": None}],
              "ledger": [{"id": 1, "action": "teleport", "outcome": "maybe", "started_at": "yesterday"}]}
    unit: dict[str, Any] = {"id": "u", "code": None, "name": "Đơn vị", "level": None, "block": "other", "status": "frozen",
            "systems": {}}
    page = render(_minimal(systems=[system], units=[unit],
                           exchange={"since": None, "anomalies": [{"system": "s", "kind": "odd", "suggested": None}]}))
    assert "novel" in page and "(trống)" in page and "teleport" in page and "maybe" in page and "yesterday" in page
    assert 'data-status="unknown"' in page, "a system missing from a unit's map is shown as unknown"
    assert "frozen" in page and "odd" in page and '<span class="percent"><span class="none">—</span></span>' in page


@pytest.mark.parametrize(("document", "message"), [
    ([], "a JSON object was expected, not list"),
    ({"format": 2, "registry": {}, "systems": [], "units": []}, "format 2 is not supported"),
    ({"format": 1, "systems": [], "units": []}, '"registry" must be an object'),
    ({"format": 1, "registry": {}, "systems": {}, "units": []}, '"systems" must be a list'),
    ({"format": 1, "registry": {}, "systems": [{"title": "x"}], "units": []}, '"systems"[0] must be an object'),
    ({"format": 1, "registry": {}, "systems": [{"id": "a", "ledger": {}}], "units": []}, '"systems"[0].ledger'),
    ({"format": 1, "registry": {}, "systems": [], "units": [{"systems": []}]}, '"units"[0]'),
    ({"format": 1, "registry": {}, "systems": [], "units": [], "exchange": []}, '"exchange" must be an object'),
])
def test_document_problems(document: Any, message: str) -> None:
    problems = document_problems(document)
    assert problems and message in problems[0]


def html_escape(value: str) -> str:
    return re.sub(r"[&<>\"']", lambda m: {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                         "'": "&#x27;"}[m[0]], value)
