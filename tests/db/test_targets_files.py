"""The example targets' files, without a server: every DDL and seed file parses with sqlglot in
its dialect (the only check SQL Server and Oracle get here), the seeds carry exactly the rows the
generator made, the schemas hold every table and column systems.yaml names, and the seed
generator is deterministic, keyed as systems.yaml says and honest about what it puts in."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlglot
from sqlglot import exp

from dbtargets import REPO, SQLGLOT_DIALECT, SYSTEMS, TARGETS, legacy_rows, sample, sample_tables, seed
from madinhdanh import canonical, loader

ALL_DIALECTS = seed.DIALECTS


def parse(text: str, dialect: str) -> list[Any]:
    statements = [s for s in sqlglot.parse(text, read=SQLGLOT_DIALECT[dialect]) if s is not None]
    fallbacks = [s.sql() for s in statements if isinstance(s, exp.Command)]
    assert not fallbacks, f"sqlglot did not understand: {fallbacks}"
    return statements


def schema(system: str, dialect: str) -> dict[str, list[str]]:
    """{table: [column, ...]} of the system's DDL in the dialect (names in lower case)."""
    tables: dict[str, list[str]] = {}
    for statement in parse(seed.schema_path(system, dialect).read_text(encoding="utf-8"), dialect):
        if isinstance(statement, exp.Create) and statement.kind == "TABLE":
            body = statement.this
            tables[body.this.name.lower()] = [c.name.lower() for c in body.expressions if isinstance(c, exp.ColumnDef)]
    return tables


def column_types(system: str, dialect: str) -> dict[tuple[str, str], exp.DataType]:
    types = {}
    for statement in parse(seed.schema_path(system, dialect).read_text(encoding="utf-8"), dialect):
        if isinstance(statement, exp.Create) and statement.kind == "TABLE":
            for column in statement.this.expressions:
                if isinstance(column, exp.ColumnDef):
                    types[(statement.this.this.name.lower(), column.name.lower())] = column.args["kind"]
    return types


def declared_columns(system: str) -> Iterator[tuple[str, str, bool]]:
    """(table, column, holds a code) for every table.column systems.yaml names for the system."""
    entry = sample().system(system)
    units = entry["units"]
    for key in ("key", "name", "parent", "status", "level"):
        if key in units:
            yield units["table"], units[key], key in ("key", "parent")
    for reference in entry.get("references", ()):
        yield reference["table"], reference["column"], True
        if "where" in reference:
            yield reference["table"], reference["where"]["column"], False
    log = entry.get("exchange_log")
    if log:
        for key in ("sender", "receiver", "time", "status"):
            yield log["table"], log[key], key in ("sender", "receiver")


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
@pytest.mark.parametrize("system", SYSTEMS)
def test_schema_parses_and_holds_every_column_systems_yaml_names(system: str, dialect: str) -> None:
    tables = schema(system, dialect)
    assert tables
    for table, column, _ in declared_columns(system):
        assert column in tables.get(table, []), f"{system}: {table}.{column} missing from schema.{dialect}.sql"


@pytest.mark.parametrize("system", SYSTEMS)
def test_the_five_dialects_have_the_same_tables_and_columns(system: str) -> None:
    variants = {dialect: schema(system, dialect) for dialect in ALL_DIALECTS}
    assert all(v == variants["sqlite"] for v in variants.values()), variants
    assert sorted(p.name for p in (TARGETS / system).iterdir()) == sorted(f"schema.{d}.sql" for d in ALL_DIALECTS)


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
@pytest.mark.parametrize("system", SYSTEMS)
def test_code_columns_fit_a_qd20_code_and_a_placeholder(system: str, dialect: str) -> None:
    """Every column that holds a code is declared at least 40 characters wide (35 + room)."""
    types = column_types(system, dialect)
    for table, column, holds_code in declared_columns(system):
        if holds_code:
            params = types[(table, column)].expressions
            assert params and int(params[0].this.name) >= 40, f"{table}.{column} in {dialect}: {types[(table, column)]}"


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
def test_foreign_keys_are_declared_without_cascade(dialect: str) -> None:
    found = []
    for system in SYSTEMS:
        for statement in parse(seed.schema_path(system, dialect).read_text(encoding="utf-8"), dialect):
            for key in statement.find_all(exp.ForeignKey):
                assert not key.args.get("options"), f"{system} {dialect}: {key.sql()}"
                found.append((statement.this.this.name, key.expressions[0].name))
    assert sorted(found) == [("lt_tuyen", "ma_donvi_gui"), ("lt_tuyen", "ma_donvi_nhan"),
                             ("thutuc", "ma_coquan_thuchien")]


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
@pytest.mark.parametrize("system", SYSTEMS)
def test_seed_parses_and_carries_exactly_the_generated_rows(system: str, dialect: str) -> None:
    tables = sample_tables(system)
    columns = schema(system, dialect)
    read: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in tables}
    for statement in parse(seed.seed_sql(sample(), system, dialect), dialect):
        if isinstance(statement, exp.Set):
            continue
        assert isinstance(statement, exp.Insert)
        target = statement.this
        names = [c.name.lower() for c in target.expressions]
        table = next(t for t in tables if t.name == target.this.name)
        assert tuple(names) == table.columns and set(names) <= set(columns[table.name])
        rows = statement.expression.expressions
        assert len(rows) <= seed.ROWS_PER_INSERT[dialect]
        read[table.name] += [tuple(_value(v) for v in row.expressions) for row in rows]
    for table in tables:
        assert read[table.name] == [tuple(_written(v, dialect) for v in row) for row in table.rows], table.name
    assert set(read) == set(columns), "every table of the schema is seeded"


def _value(node: exp.Expression) -> Any:
    """A literal as sqlglot read it: text (also N'…'), a number, NULL, a boolean, a time's text."""
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, exp.Boolean):
        return node.this
    if isinstance(node, exp.National):
        return node.this
    if isinstance(node, exp.ByteString):  # PostgreSQL's E'…', written only for a text with a backslash
        return node.this.replace("\\\\", "\\")
    if isinstance(node, exp.Literal):
        return node.this if node.is_string else int(node.this)
    inner = node.find(exp.Literal)  # TIMESTAMP '…' comes back as a cast or a TO_TIMESTAMP call
    assert inner is not None, node.sql()
    return inner.this


def _written(value: Any, dialect: str) -> Any:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%dT%H:%M:%S}" if dialect == "mssql" else f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, bool) and dialect != "postgresql":
        return int(value)
    return value


LITERALS = [  # value, sqlite, postgresql, mysql, mssql, oracle
    ("Sở Nội vụ", "'Sở Nội vụ'", "'Sở Nội vụ'", "'Sở Nội vụ'", "N'Sở Nội vụ'", "N'Sở Nội vụ'"),
    ("a'b", "'a''b'", "'a''b'", "'a''b'", "N'a''b'", "N'a''b'"),
    ("C:\\x\\", "'C:\\x\\'", "E'C:\\\\x\\\\'", "'C:\\\\x\\\\'", "N'C:\\x\\'", "N'C:\\x\\'"),
    (None, "NULL", "NULL", "NULL", "NULL", "NULL"),
    (True, "1", "TRUE", "1", "1", "1"),
    (7, "7", "7", "7", "7", "7"),
    (datetime(2024, 3, 5, 8, 30), "'2024-03-05 08:30:00'", "TIMESTAMP '2024-03-05 08:30:00'",
     "'2024-03-05 08:30:00'", "'2024-03-05T08:30:00'", "TIMESTAMP '2024-03-05 08:30:00'"),
]


@pytest.mark.parametrize("case", LITERALS, ids=lambda case: repr(case[0]))
def test_literals_per_dialect(case: tuple[Any, ...]) -> None:
    assert tuple(seed.literal(case[0], d) for d in ALL_DIALECTS) == case[1:]
    assert seed.identifier("level", "oracle") == '"LEVEL"' and seed.identifier("level", "mysql") == "level"


def test_inserts_hold_at_most_the_dialects_row_limit() -> None:
    table = legacy_rows.Table("t", ("a",), tuple((i,) for i in range(2300)))
    assert [s.count("\n(") + (s.count("\n") == 0) for s in seed.insert_statements(table, "mssql")] == [1000, 1000, 300]
    assert len(seed.insert_statements(table, "sqlite")) == 5
    assert len(seed.insert_statements(table, "oracle")) == 2300


def test_seed_is_deterministic_and_the_command_prints_it() -> None:
    for system in SYSTEMS:
        dialect = str(sample().system(system)["dialect"])
        expected = seed.seed_sql(sample(), system, dialect)
        assert seed.seed_sql(seed.load_source(REPO / "registry"), system, dialect) == expected
        out = subprocess.run([sys.executable, str(TARGETS / "seed.py"), system], capture_output=True, check=True)
        assert out.stdout.decode("utf-8") == expected  # the system's own dialect by default
    out = subprocess.run([sys.executable, str(TARGETS / "seed.py"), "tthc", "--dialect", "mysql", "--registry",
                          str(REPO / "registry")], capture_output=True, check=True)
    assert out.stdout.decode("utf-8") == seed.seed_sql(sample(), "tthc", "mysql")


def test_the_command_refuses_an_unknown_system_or_a_registry_with_problems(tmp_path: Path) -> None:
    unknown = subprocess.run([sys.executable, str(TARGETS / "seed.py"), "nope"], capture_output=True, text=True)
    assert unknown.returncode == 2 and 'unknown system "nope"' in unknown.stderr and not unknown.stdout
    registry = _registry_copy(tmp_path, lambda units: units[1].__setitem__("code", "H03.1X"))
    broken = subprocess.run([sys.executable, str(TARGETS / "seed.py"), "portal", "--registry", str(registry)],
                            capture_output=True, text=True)
    assert broken.returncode == 1 and "code-syntax" in broken.stderr and not broken.stdout


@pytest.mark.parametrize("system", SYSTEMS)
def test_units_are_those_in_scope_keyed_by_the_systems_identifier(system: str) -> None:
    entry = sample().system(system)
    scope = entry["scope"]
    expected = [u for u in sample().registry.units if u.block in scope["blocks"] and u.level in scope["levels"]
                and u.status in scope["statuses"]]
    units = next(t for t in sample_tables(system) if t.name == entry["units"]["table"])
    keys = [row[units.columns.index(entry["units"]["key"])] for row in units.rows]
    assert keys == [u.code102 for u in expected]  # the sample's systems all key on code102 today
    assert any(not u.active for u in expected), "the closed units are in every system's legacy state"


@pytest.mark.parametrize("system", SYSTEMS)
def test_every_repointed_column_references_a_closed_unit(system: str) -> None:
    closed = {h.key for h in seed.held(sample(), system) if not h.unit.active}
    tables = {t.name: t for t in sample_tables(system)}
    for reference in sample().system(system).get("references", ()):
        if reference["on_close"] != "repoint":
            continue
        table = tables[reference["table"]]
        values = {row[table.columns.index(reference["column"])] for row in table.rows}
        assert values & closed, f"{reference['table']}.{reference['column']} holds no closed unit"


def test_dictionary_rows_of_other_kinds_sit_next_to_unit_codes() -> None:
    """A careless UPDATE without ``loai = 'DONVI'`` (or by LIKE) would change rows it must not."""
    rows = next(t for t in sample_tables("qlvb_state") if t.name == "dm_dungchung").rows
    codes = {ma for loai, ma, *_ in rows if loai == "DONVI"}
    others = [ma for loai, ma, *_ in rows if loai != "DONVI"]
    assert any(ma in codes for ma in others) and any(str(ma).rsplit(".", 1)[0] in codes for ma in others)
    procedures = next(t for t in sample_tables("tthc") if t.name == "thutuc").rows
    assert all(str(ma_thutuc).endswith(f".{agency}") for ma_thutuc, _, agency, *_ in procedures)


def test_outside_lists_meet_the_unique_pair_when_a_closed_unit_is_repointed() -> None:
    """One owner lists a merged commune and its successor: a plain repoint would collide."""
    held = seed.held(sample(), "qlvb_party")
    merged = [(h.key, s.key) for h in held if h.unit.closed and h.unit.closed.successors
              for s in held if s.unit.id in h.unit.closed.successors]
    rows = next(t for t in sample_tables("qlvb_party") if t.name == "ds_coquan_ngoai").rows
    pairs = {(owner, agency) for owner, agency, *_ in rows}
    assert merged and any((o, old) in pairs and (o, new) in pairs for o, _ in pairs for old, new in merged)


@pytest.mark.parametrize("system", SYSTEMS)
def test_all_text_is_nfc_and_the_exchange_log_is_2024(system: str) -> None:
    for table in sample_tables(system):
        for row in table.rows:
            assert all(unicodedata.is_normalized("NFC", v) for v in row if isinstance(v, str))
    log = sample().system(system).get("exchange_log")
    if log:
        table = next(t for t in sample_tables(system) if t.name == log["table"])
        times = [row[table.columns.index(log["time"])] for row in table.rows]
        assert all(isinstance(t, datetime) and t.year == 2024 for t in times)


def test_a_system_keyed_on_legacy_identifiers(tmp_path: Path) -> None:
    """``identifier: legacy.portal``: units keyed by their ``legacy.portal`` value; a unit in scope
    without one is not in the legacy system (the conversion adds it); parents likewise."""
    legacy = {"ubnd-tinh": "UBND", "so-noi-vu": "SNV", "ban-ton-giao": "SNV-BTG", "so-tu-phap": "STP"}

    def add_legacy(units: list[Any]) -> None:
        for unit in units:
            if unit["id"] in legacy:
                unit["legacy"] = {"portal": legacy[unit["id"]]}

    registry = _registry_copy(tmp_path, add_legacy, identifier="legacy.portal")
    source = seed.load_source(registry)
    units = next(t for t in seed.seed_tables(source, "portal") if t.name == "portal_units")
    keyed = {row[0]: row[2] for row in units.rows}
    assert keyed == {"UBND": None, "SNV": "UBND", "SNV-BTG": "SNV", "STP": "UBND"}
    assert "-- Dialect mysql; units keyed by legacy.portal;" in seed.seed_sql(source, "portal", "mysql")


def _registry_copy(tmp_path: Path, edit: Any, *, identifier: str | None = None) -> Path:
    """A copy of the sample registry with ``edit(units)`` applied (and portal's identifier set)."""
    units_doc: Any = loader.load_file(REPO / "registry" / "units.yaml")
    edit(units_doc["units"])
    systems_doc: Any = loader.load_file(REPO / "registry" / "systems.yaml")
    if identifier:
        next(s for s in systems_doc["systems"] if s["id"] == "portal")["identifier"] = identifier
    folder = tmp_path / "registry"
    folder.mkdir()
    (folder / "units.yaml").write_text(canonical.dump_units(units_doc), encoding="utf-8")
    (folder / "systems.yaml").write_text(canonical.dump_systems(systems_doc), encoding="utf-8")
    return folder
