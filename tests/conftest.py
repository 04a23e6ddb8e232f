"""Shared test helpers, and the Hypothesis settings."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: a loaded machine must not turn a correct property into a failure
# (speed is measured in bench/, never by tests). Under CI the examples are derandomized, so a
# submission's CI run is repeatable; locally each run explores new examples.
settings.register_profile("local", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")


def _with_cached_value(path: Path, cell: str, value: str) -> None:
    """Give the formula in ``cell`` of the first sheet the value Excel would have saved with it
    (openpyxl writes formulas without one, and cannot compute them)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                start = text.index(f'<c r="{cell}"')
                end = text.index("</c>", start)
                formula = text[text.index("<f>", start):text.index("</f>", start) + 4]
                content = (text[:start] + f'<c r="{cell}" t="str">{formula}<v>{value}</v>' + text[end:]).encode()
            target.writestr(info, content)
    path.write_bytes(out.getvalue())


@pytest.fixture
def with_cached_value() -> Callable[[Path, str, str], None]:
    """A workbook formula cell given the value Excel saves beside it: ``with_cached_value(path, "B2", "H03.05")``."""
    return _with_cached_value
