"""The report in a real headless Chromium (Debian's, driven by Playwright), loaded from a file://
URL: no console error, no request but the page itself, the progress numbers of the document, the
filters and the diacritic-insensitive search, a phone-sized layout, print, and no script run
from a hostile name. Screenshots go to the test's tmp_path."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from madinhdanh.report import render
from reportdoc import HOSTILE, fold, hostile_document

ROWS = "#matrix tbody tr"


def open_report(watched: Any, tmp_path: Path, document: dict[str, Any]) -> str:
    path = tmp_path / "report.html"
    path.write_text(render(document), encoding="utf-8")
    url = path.as_uri()
    watched.page.goto(url, wait_until="load")
    return url


def shown_units(page: Any) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        ROWS, "rows => rows.filter(r => !r.hidden && getComputedStyle(r).display !== 'none')"
              ".map(r => r.dataset.unit)")
    return ids


def expect_rows(page: Any, wanted: list[str]) -> None:
    assert shown_units(page) == wanted
    assert page.inner_text("#shown-count") == str(len(wanted))
    assert page.is_visible("#no-match") == (not wanted)


def units_where(document: dict[str, Any], keep: Callable[[dict[str, Any]], bool]) -> list[str]:
    return [u["id"] for u in document["units"] if keep(u)]


def test_loads_offline_with_no_error(watched: Any, tmp_path: Path, document: dict[str, Any]) -> None:
    page = watched.page
    url = open_report(watched, tmp_path, document)
    assert watched.requests == [url], "nothing but the file itself is requested"
    assert watched.errors == [] and watched.dialogs == []
    assert page.title() == "Báo cáo chuyển đổi mã định danh — Bắc Giang"
    assert page.inner_text("#generated-at") == "27/11/2026 15:40:00 UTC"
    assert page.inner_text("#registry-units") == str(document["registry"]["units"])
    expect_rows(page, [u["id"] for u in document["units"]])
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_progress_numbers_are_the_documents(watched: Any, tmp_path: Path, document: dict[str, Any]) -> None:
    page = watched.page
    open_report(watched, tmp_path, document)
    for system in document["systems"]:
        card = page.locator(f'article.system-progress[data-system="{system["id"]}"]')
        assert card.locator(".in-scope").inner_text() == str(system["in_scope"])
        converted = card.locator(".converted").inner_text()
        bar = card.locator(".bar > span").bounding_box()
        track = card.locator(".bar").bounding_box()
        assert bar is not None and track is not None
        if system["error"]:
            assert converted == "?" and card.locator(".error").is_visible()
            assert bar["width"] == 0
        else:
            assert converted == str(system["converted"])
            assert card.locator(".pending").inner_text() == str(system["pending"])
            assert card.locator(".missing").inner_text() == str(system["missing"])
            share = system["converted"] / system["in_scope"]
            assert abs(bar["width"] / (track["width"] - 2) - share) < 0.01, "the bar's length is the share"
            per_mille = system["converted"] * 1000 // system["in_scope"]
            tenths = f",{per_mille % 10}" if per_mille % 10 else ""
            assert card.locator(".percent").inner_text() == f"{per_mille // 10}{tenths}%"


def test_filters_by_system_status_and_level(watched: Any, tmp_path: Path, document: dict[str, Any]) -> None:
    page = watched.page
    open_report(watched, tmp_path, document)
    page.select_option("#filter-system", "qlvb_state")
    expect_rows(page, [u["id"] for u in document["units"]])
    assert page.is_visible('#matrix th[data-system="qlvb_state"]')
    assert not page.is_visible('#matrix th[data-system="qlvb_party"]'), "only the chosen system's column"
    assert page.locator('#matrix td[data-system="tthc"]:visible').count() == 0

    page.select_option("#filter-status", "pending")
    expect_rows(page, units_where(document, lambda u: u["systems"]["qlvb_state"] == "pending"))
    assert len(shown_units(page)) == 2

    page.select_option("#filter-system", "")  # pending in any system
    pending = units_where(document, lambda u: "pending" in u["systems"].values())
    expect_rows(page, pending)
    assert len(pending) == 3 and page.locator('#matrix th[data-system="qlvb_party"]').is_visible()

    page.select_option("#filter-status", "unknown")
    page.select_option("#filter-level", "2")
    expect_rows(page, units_where(document, lambda u: u["level"] == 2 and "unknown" in u["systems"].values()))

    page.select_option("#filter-system", "qlvb_party")  # no party unit is unreadable
    expect_rows(page, [])
    assert "Không có đơn vị nào khớp bộ lọc." in page.inner_text("#no-match")

    page.click("#filter-reset")
    expect_rows(page, [u["id"] for u in document["units"]])
    assert page.input_value("#filter-system") == "" and page.input_value("#filter-level") == ""
    assert watched.errors == []


@pytest.mark.parametrize(("typed", "expected"), [
    ("so noi vu", ["so-noi-vu"]),
    ("SỞ NỘI VỤ", ["so-noi-vu"]),
    ("dai son", ["son-dong-xa-dai-son"]),
    (unicodedata.normalize("NFD", "xã Đại Sơn"), ["son-dong-xa-dai-son"]),
    ("h03.45.", None),  # by code
    ("  son   dong ", None),  # spaces collapse, case and marks ignored
    ("khong co don vi nay", []),
])
def test_search_ignores_case_and_diacritics(watched: Any, tmp_path: Path, document: dict[str, Any], typed: str,
                                            expected: list[str] | None) -> None:
    page = watched.page
    open_report(watched, tmp_path, document)
    page.click("#filter-search")
    page.keyboard.type(typed)
    assert page.input_value("#filter-search") == typed, "typed as given (NFD stays NFD in the box)"
    wanted = units_where(document, lambda u: fold(typed) in fold(f"{u['name']} {u['code']}"))
    if expected is not None:
        assert wanted == expected, "the Python fold agrees with the test's expectation"
    else:
        assert 1 < len(wanted) < len(document["units"])
    expect_rows(page, wanted)
    page.select_option("#filter-level", "3")  # search and filters together
    expect_rows(page, [i for i in wanted if next(u for u in document["units"] if u["id"] == i)["level"] == 3])
    assert watched.errors == []


def test_readable_on_a_phone(watched: Any, tmp_path: Path, document: dict[str, Any]) -> None:
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    open_report(watched, tmp_path, document)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing wider than the screen"
    assert not page.is_visible("#matrix thead"), "the matrix is one card per unit"
    cell = page.locator('#matrix tr[data-unit="so-noi-vu"] td[data-system="qlvb_state"]')
    assert cell.is_visible() and (cell.bounding_box() or {"x": 999})["x"] < 390
    shot = tmp_path / "phone.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_print_hides_the_filters(watched: Any, tmp_path: Path, document: dict[str, Any]) -> None:
    page = watched.page
    page.set_viewport_size({"width": 700, "height": 1000})  # about A4's width inside the margins
    open_report(watched, tmp_path, document)
    page.select_option("#filter-status", "missing")
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= 700, "no table runs off the paper"
    assert not page.is_visible("#filters") and not page.is_visible("nav.toc")
    assert page.is_visible("#matrix") and "lọc: Thiếu" in page.inner_text("p.shown"), "what is printed says why"
    assert page.evaluate("getComputedStyle(document.querySelector('#matrix thead')).display") == "table-header-group"
    page.emulate_media(media="screen")
    assert page.is_visible("#filters")


def test_a_hostile_name_stays_text(watched: Any, tmp_path: Path, document: dict[str, Any]) -> None:
    hostile = hostile_document(document)
    page = watched.page
    open_report(watched, tmp_path, hostile)
    assert watched.dialogs == [] and watched.errors == []
    assert page.locator("script").count() == 1
    name = page.locator(f'#matrix tr[data-unit="{document["units"][0]["id"]}"] td.name').inner_text()
    assert name.startswith(HOSTILE)
    page.click("#filter-search")
    page.keyboard.type("<script>")
    expect_rows(page, [document["units"][0]["id"]])
    assert watched.dialogs == []


def test_the_page_shows_what_mdd_verify_found(watched: Any, tmp_path: Path) -> None:
    """The real pipeline: SQLite replicas of the example systems, one half-converted (portal deployed,
    the others not), mdd verify --format json, mdd report --from, the page in Chromium."""
    import json

    from click.testing import CliRunner

    from madinhdanh import demo
    from madinhdanh.cli import cli

    root = Path(__file__).resolve().parents[2]
    replicas = demo.build_replicas(root / "registry", root / "examples" / "targets", tmp_path / "db", lambda _: None)
    env = {r.dsn_env: r.url for r in replicas}
    runner = CliRunner()
    registry = ["--registry", str(root / "registry")]
    done = runner.invoke(cli, ["render", "--full", "--dialect", "sqlite", "--system", "portal", "--out",
                               str(tmp_path / "b"), *registry], env=env)
    assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["apply", "portal", "--bundle", str(tmp_path / "b"), "--yes", "--force",
                               "--ignore-window", "--reason", "test"], env=env)
    assert done.exit_code == 0, done.output
    verified = runner.invoke(cli, ["verify", "--all", "--format", "json", *registry], env=env)
    assert verified.exit_code == 1  # four systems still pending
    (tmp_path / "verify.json").write_text(verified.stdout, encoding="utf-8")
    document = json.loads(verified.stdout)
    done = runner.invoke(cli, ["report", "--from", str(tmp_path / "verify.json"), "--out", str(tmp_path / "r.html")])
    assert done.exit_code == 0, done.output
    url = (tmp_path / "r.html").as_uri()
    page = watched.page
    page.goto(url, wait_until="load")
    assert watched.requests == [url] and watched.errors == []
    for system in document["systems"]:
        card = page.locator(f'article.system-progress[data-system="{system["id"]}"]')
        assert card.locator(".converted").inner_text() == str(system["converted"])
        assert card.locator(".in-scope").inner_text() == str(system["in_scope"])
        assert card.locator(".pending").inner_text() == str(system["pending"])
    assert [s["converted"] == s["in_scope"] for s in document["systems"]] == [False, False, False, False, True]
    page.screenshot(path=str(tmp_path / "verify-report.png"), full_page=True)
    assert (tmp_path / "verify-report.png").stat().st_size > 10_000
