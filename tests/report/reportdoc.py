"""Helpers of the report tests: the fixture document's path, the Chromium to drive, the search's
folding in Python, and the skip-or-fail rule for missing tools (skipped locally, required in CI)."""

from __future__ import annotations

import copy
import os
import unicodedata
from pathlib import Path
from typing import Any, NoReturn

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixture.json"
CHROMIUM = os.environ.get("MDD_TEST_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    if in_ci():
        pytest.fail(f"{reason} (CI is set: the browser tests are required)", pytrace=False)
    pytest.skip(reason)


def fold(text: str) -> str:
    """What the page's search does, in Python: NFD, combining marks U+0300–U+036F dropped,
    đ/Đ → d, lower case, runs of spaces as one."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f").replace("đ", "d").replace("Đ", "d")
    return " ".join(bare.lower().split())


# values that would run or break out of their place if the page did not escape them
HOSTILE = '<script>alert("x")</script>'
QUOTES = '" onmouseover="alert(1)" x=\''
IMAGE = "<img src=x onerror=alert(2)>"
CLOSER = "</script><script>alert(3)</script>"


def hostile_document(document: dict[str, Any]) -> dict[str, Any]:
    """The fixture with those values in every kind of place: names, codes, titles, targets,
    errors, discrepancies, the ledger, the exchange, an unknown status."""
    doc = copy.deepcopy(document)
    doc["registry"]["province"] = CLOSER
    system = doc["systems"][0]
    system["title"] = HOSTILE + QUOTES
    system["target"] = IMAGE
    system["discrepancies"][0]["found"] = IMAGE
    system["discrepancies"][0]["key"] = QUOTES
    system["ledger"][0]["reason"] = CLOSER
    system["ledger"][0]["release_name"] = HOSTILE
    doc["systems"][-1]["error"] = HOSTILE
    doc["units"][0]["name"] = HOSTILE + QUOTES
    doc["units"][1]["code"] = QUOTES
    doc["units"][2]["systems"][system["id"]] = IMAGE  # a status the page does not know
    doc["exchange"]["anomalies"][0]["suggested"]["name"] = CLOSER
    doc["exchange"]["anomalies"][1]["counterpart"] = IMAGE
    return doc
