"""The report's fixture document, and a real headless Chromium driven by Playwright.

The browser is Debian's ``/usr/bin/chromium`` (``MDD_TEST_CHROMIUM`` names another), started
once per session with a fresh profile in a temporary folder and the flags that keep it off the
network; Playwright's own browser downloads are never used. Each test gets a new page that
records its console errors, uncaught exceptions, dialogs and every request it makes.

When Chromium or Playwright is missing the browser tests are skipped with the reason
(``pytest -ra`` lists it), except when the ``CI`` environment variable is set (not empty, ``0``
or ``false``): there they are required and fail instead (``.ci/run`` installs Chromium).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from reportdoc import CHROMIUM, CHROMIUM_ARGS, FIXTURE, unavailable


@pytest.fixture(scope="session")
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return loaded


@dataclass
class Watched:
    """A page and what it did: console errors, uncaught exceptions, dialogs, requested URLs."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One Chromium for the session (a persistent context on a fresh, empty profile)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        unavailable(f"Playwright for Python is not installed ({error}): pip install 'playwright>=1.40,<2'")
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    playwright = sync_playwright().start()
    try:
        try:
            context = playwright.chromium.launch_persistent_context(
                user_data_dir=tmp_path_factory.mktemp("chromium-profile"), executable_path=CHROMIUM,
                headless=True, args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900}, locale="vi-VN",
                timeout=30_000)
        except Error as error:
            unavailable(f"Chromium at {CHROMIUM} did not start under Playwright: {str(error).splitlines()[0]}")
        context.set_default_timeout(10_000)
        yield context
        context.close()
    finally:
        playwright.stop()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = browser.new_page()
    seen = Watched(page)
    page.on("console", lambda message: seen.errors.append(f"console: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(f"uncaught: {error}"))
    page.on("request", lambda request: seen.requests.append(request.url))

    def dialog(opened: Any) -> None:
        seen.dialogs.append(opened.message)
        opened.dismiss()

    page.on("dialog", dialog)
    yield seen
    page.close()
