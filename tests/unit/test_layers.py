"""The core stays pure: codes, model, changes and render never import targets or cli (DESIGN.md §1)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "madinhdanh"
CORE = ["codes.py", "model.py", "changes.py", "render", "canonical.py", "rules", "unitdiff.py"]
FORBIDDEN = {"targets", "cli"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[-1] if node.level else (node.module or ""))
            names.update(alias.name for alias in node.names if node.level and not node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_core_modules_do_not_import_targets_or_cli() -> None:
    files = [f for entry in CORE for f in ((PACKAGE / entry).rglob("*.py") if (PACKAGE / entry).is_dir()
                                            else [PACKAGE / entry]) if f.is_file()]
    assert files
    for path in files:
        bad = {name for name in imported_modules(path)
               if name.split(".")[-1] in FORBIDDEN or name.startswith(("madinhdanh.targets", "madinhdanh.cli"))}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"
