"""Template sets and step plans: what each declared column gets, and the configuration errors a
system that does not fit its template set raises (each naming systems.yaml and set.yaml)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from madinhdanh import loader
from madinhdanh.changes import ChangeSet, Recode, change_set
from madinhdanh.model import Registry, System
from madinhdanh.render import statements, templateset
from madinhdanh.render.environment import TEMPLATES
from madinhdanh.render.sql import Provenance, render_system
from madinhdanh.render.templateset import TemplateSetError

ROOT = Path(__file__).resolve().parents[2]
PROVENANCE = Provenance("t", "head", "none (full sync)", None, "0" * 64)


@pytest.fixture(scope="module")
def head() -> Registry:
    return Registry.from_documents(loader.load_file(ROOT / "registry" / "units.yaml"))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def systems() -> dict[str, System]:
    doc: Any = loader.load_file(ROOT / "registry" / "systems.yaml")
    return {entry["id"]: System.from_document(entry) for entry in doc["systems"]}


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A copy of templates/ to break."""
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    return tmp_path / "templates"


def variant(system: System, **changes: Any) -> System:
    doc = copy.deepcopy(dict(system.document))
    for key, value in changes.items():
        doc[key] = value
    return System.from_document(doc)


def test_each_declared_column_gets_the_recode_that_is_safe_for_it(systems: dict[str, System], head: Registry) -> None:
    def kinds(system_id: str) -> dict[str, str]:
        rendered = render_system(systems[system_id], change_set(systems[system_id], head), head, PROVENANCE)
        return {f"{s.table}.{s.column}": s.kind for s in rendered.steps if s.kind in ("stub", "two_phase", "plain")}

    assert kinds("qlvb_state") == {"lt_donvi.ma_donvi": "stub", "dm_donvi.ma_dinh_danh": "two_phase",
                                   "dm_dungchung.ma": "two_phase"}  # lt_tuyen's columns move with the stubs
    assert kinds("qlvb_party") == {"dm_coquan.ma_coquan": "two_phase", "ds_coquan_ngoai.ma_donvi_so_huu": "two_phase",
                                   "ds_coquan_ngoai.ma_coquan": "two_phase"}
    assert kinds("tthc") == {"coquan.ma_coquan": "stub"}
    assert kinds("portal") == {"portal_units.unit_code": "two_phase", "portal_categories.unit_code": "plain"}


def test_a_template_set_missing_for_the_dialect(systems: dict[str, System], head: Registry, templates: Path) -> None:
    path = templates / "sql" / "portal" / "set.yaml"
    path.write_text(path.read_text().replace("dialects: [sqlite, postgresql, mysql, mssql, oracle]",
                                             "dialects: [mysql]"), encoding="utf-8")
    portal = systems["portal"]
    render_system(portal, change_set(portal, head), head, PROVENANCE, root=templates)  # its own dialect: fine
    with pytest.raises(TemplateSetError, match=r"template set portal has no templates for dialect oracle "
                                               r"\(templates/sql/portal/set.yaml lists: mysql\)"):
        render_system(portal, change_set(portal, head), head, PROVENANCE, dialect="oracle", root=templates)
    (templates / "sql" / "portal" / "up.sql.j2").unlink()
    with pytest.raises(TemplateSetError, match=r"templates/sql/portal/up.sql.j2 is missing"):
        render_system(portal, change_set(portal, head), head, PROVENANCE, root=templates)


def test_an_unknown_template_set(systems: dict[str, System], head: Registry) -> None:
    system = variant(systems["portal"], template_set="cms_v2")
    with pytest.raises(TemplateSetError, match=r"template set cms_v2 not found: templates/sql/cms_v2/set.yaml is missing"):
        render_system(system, change_set(system, head), head, PROVENANCE)


@pytest.mark.parametrize(("changes", "message"), [
    ({"units": {"table": "portal_unit", "key": "unit_code"}},
     r"registry/systems.yaml: system portal: units: table portal_unit is not one template set portal expects "
     r"\(templates/sql/portal/set.yaml has: portal_units, portal_categories\)"),
    ({"units": {"table": "portal_units", "key": "unit_code", "name": "title"}},
     r"system portal: units.name: column portal_units.title is not one template set portal expects"),
    ({"references": [{"table": "portal_categories", "column": "owner_code", "on_close": "repoint"}]},
     r"references portal_categories.owner_code: column portal_categories.owner_code is not one"),
    ({"units": {"table": "portal_units", "key": "unit_name"}},
     r"units.key portal_units.unit_name is not a primary key or UNIQUE column"),
])
def test_a_system_that_does_not_fit_its_template_set(systems: dict[str, System], head: Registry,
                                                      changes: dict[str, Any], message: str) -> None:
    system = variant(systems["portal"], **changes)
    with pytest.raises(TemplateSetError, match=message):
        render_system(system, change_set(system, head), head, PROVENANCE)


def test_a_malformed_set_yaml_names_its_line(systems: dict[str, System], head: Registry, templates: Path) -> None:
    path = templates / "sql" / "portal" / "set.yaml"
    path.write_text(path.read_text().replace("    row_id: id\n    unique: [[unit_code], [slug]]",
                                             "    row_id: 7\n    unique: [[unit_code], [slug]]"), encoding="utf-8")
    with pytest.raises(TemplateSetError, match=r"templates/sql/portal/set.yaml:\d+:\d+: tables/portal_units/row_id: "):
        templateset.load("portal", templates)


def test_a_plain_column_needs_a_row_id(systems: dict[str, System], head: Registry, templates: Path) -> None:
    path = templates / "sql" / "portal" / "set.yaml"
    text = path.read_text()
    path.write_text(text[:text.index("  portal_categories:")] + "  portal_categories:\n"
                    "    columns: [id, unit_code, title, slug, sort_order, is_visible, created_at]\n", encoding="utf-8")
    portal = systems["portal"]
    with pytest.raises(TemplateSetError, match=r"portal_categories.unit_code: the table needs a row_id"):
        render_system(portal, change_set(portal, head), head, PROVENANCE, root=templates)


def many(system: System, head: Registry, n: int) -> ChangeSet:
    """The system's full change set with ``n`` synthetic recodes (old identifiers nobody holds)."""
    full = change_set(system, head)
    extra = tuple(Recode(f"u{i}", (f"{900000 + i:06d}.XX",), f"H03.{i % 90 + 10:02d}.{i % 97:02d}") for i in range(n))
    return ChangeSet(full.system, True, extra, full.adds, full.updates, full.closes, full.repoints)


def test_the_statement_count_does_not_grow_with_the_units(systems: dict[str, System], head: Registry) -> None:
    """Set-based: 1,000 more recodes add one multi-row INSERT per 1,000 rows, nothing else."""
    for system_id in ("qlvb_state", "tthc"):
        system = systems[system_id]
        counts = {}
        for n in (1000, 5000):
            rendered = render_system(system, many(system, head, n), head, PROVENANCE)
            counts[n] = len(statements.split(rendered.up, rendered.dialect))
        assert counts[5000] - counts[1000] == 4, counts


def test_the_attribute_steps_are_written_together(systems: dict[str, System], head: Registry) -> None:
    """The first attribute step carries every attribute: a dialect that merges records them in one
    pass and writes them in one UPDATE (the other steps keep their numbers but print nothing);
    Oracle keeps a record and an UPDATE per step."""
    system = systems["portal"]
    steps = render_system(system, change_set(system, head), head, PROVENANCE).steps
    attributes = [s for s in steps if s.kind == "attribute"]
    assert [a[0] for a in attributes[0].attributes] == [s.number for s in attributes]
    assert all(not s.attributes for s in attributes[1:])
    after = [s.number for s in steps if s.number > attributes[-1].number]
    for dialect, updates in (("postgresql", 1), ("oracle", len(attributes))):
        up = render_system(system, change_set(system, head), head, PROVENANCE, dialect=dialect).up
        body = up[up.index(f"-- step{'s' if updates == 1 else ''} {attributes[0].number}"):]
        body = body[:body.index(f"-- step {after[0]}:") if after else body.index("-- This bundle's mark.")]
        kinds = [next(line for line in s.splitlines() if not line.startswith("--")).split()[0]
                 for s in statements.split(body, dialect)]
        assert kinds == ["INSERT", "UPDATE"] * updates, (dialect, kinds)
