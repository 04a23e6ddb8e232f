"""The example targets on real engines (SQLite, PostgreSQL, MariaDB): each system's DDL creates,
its legacy seed loads and reads back exactly, and its constraints hold: the UNIQUE codes, and the
foreign keys without ON UPDATE CASCADE that a conversion must work around."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from dbtargets import (SYSTEMS, Database, bag, count, legacy_rows, load_target, run_sql, sample,
                       sample_tables, select, seed)


@pytest.mark.parametrize("system", SYSTEMS)
def test_schema_creates_and_seed_reads_back_exactly(system: str, database: Database) -> None:
    tables = load_target(database, system)
    assert {t.name: count(database, t.name) for t in tables} == seed.row_counts(tables)
    for table in tables:
        assert bag(select(database, table.name, table.columns)) == bag(table.rows), table.name


@pytest.mark.parametrize("system", SYSTEMS)
def test_units_rows_hold_the_legacy_identifiers_and_exact_names(system: str, database: Database) -> None:
    load_target(database, system)
    entry = sample().system(system)
    units = entry["units"]
    columns = [units[key] for key in ("key", "name", "parent", "status", "level") if key in units]
    read = {row[0]: dict(zip(columns, row)) for row in select(database, units["table"], columns)}
    held = seed.held(sample(), system)
    assert sorted(read) == sorted(h.key for h in held)
    for h in held:
        row = read[h.key]
        assert h.key == legacy_rows.identifier_of(h.unit, str(entry["identifier"]))
        name = row[units["name"]]
        assert name.encode("utf-8") == h.unit.name.encode("utf-8") and unicodedata.is_normalized("NFC", name)
        expected = {"parent": h.parent_key, "status": h.unit.status, "level": h.unit.level}
        assert {k: row[units[k]] for k in expected if k in units} == {k: v for k, v in expected.items() if k in units}
    texts = {value for table in sample_tables(system)
             for row in select(database, table.name, table.columns) for value in row if isinstance(value, str)}
    for tricky in legacy_rows.TRICKY_TEXTS:  # read back byte for byte: quotes, ;, --, /* */, \ and %
        assert tricky in texts


FOREIGN_KEYS = [  # (system, referenced table, column, referencing table, column)
    ("qlvb_state", "lt_donvi", "ma_donvi", "lt_tuyen", "ma_donvi_nhan"),
    ("qlvb_state", "lt_donvi", "ma_donvi", "lt_tuyen", "ma_donvi_gui"),
    ("tthc", "coquan", "ma_coquan", "thutuc", "ma_coquan_thuchien"),
]


@pytest.mark.parametrize(("system", "parent", "key", "child", "column"), FOREIGN_KEYS)
def test_foreign_key_without_cascade_refuses_a_recode(database: Database, system: str, parent: str, key: str,
                                                      child: str, column: str) -> None:
    load_target(database, system)
    (referenced,) = select(database, child, [column], f"ORDER BY {column}")[0]
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE {parent} SET {key} = 'MDD.TAM.1' WHERE {key} = '{referenced}'")
    assert select(database, child, [column], f"WHERE {column} = '{referenced}'")  # nothing cascaded
    with pytest.raises(IntegrityError), database.engine.begin() as connection:  # nor a dangling reference
        connection.exec_driver_sql(f"UPDATE {child} SET {column} = 'MDD.TAM.2' WHERE {column} = '{referenced}'")
    template = _row_with_fresh_values(database, system, parent, {})  # an unreferenced key can change
    with database.engine.begin() as connection:
        _insert(connection, database.dialect, parent, template)
        connection.exec_driver_sql(f"UPDATE {parent} SET {key} = 'MDD.TAM.3' WHERE {key} = '{template[key]}'")
    assert count(database, parent) == seed.row_counts(sample_tables(system))[parent] + 1


UNIQUE: dict[str, list[tuple[str, tuple[str, ...]]]] = {  # per system: (table, the columns of one UNIQUE or PRIMARY KEY constraint)
    "qlvb_state": [("dm_donvi", ("ma_dinh_danh",)), ("dm_dungchung", ("loai", "ma")), ("lt_donvi", ("ma_donvi",))],
    "qlvb_party": [("dm_coquan", ("ma_coquan",)), ("ds_coquan_ngoai", ("ma_donvi_so_huu", "ma_coquan"))],
    "tthc": [("coquan", ("ma_coquan",)), ("thutuc", ("ma_thutuc",))],
    "reporting": [("cauhinh_donvi", ("ma_donvi",))],
    "portal": [("portal_units", ("unit_code",)), ("portal_units", ("slug",))],
}
FRESH = {"loai": "THU", "ma": "MDD.MOI", "ma_dinh_danh": "MDD.MOI", "ma_donvi": "MDD.MOI", "ma_coquan": "MDD.MOI",
         "ma_donvi_so_huu": "MDD.MOI", "ma_thutuc": "MDD.MOI", "unit_code": "MDD.MOI", "slug": "mdd-moi"}


@pytest.mark.parametrize("system", SYSTEMS)
def test_unique_constraints_refuse_a_duplicate(system: str, database: Database) -> None:
    load_target(database, system)
    for table, columns in UNIQUE[system]:
        seeded = next(t for t in sample_tables(system) if t.name == table)
        first = dict(zip(seeded.columns, seeded.rows[0]))
        fresh = _row_with_fresh_values(database, system, table, {})
        with pytest.raises(IntegrityError), database.engine.begin() as connection:
            _insert(connection, database.dialect, table, fresh | {column: first[column] for column in columns})
        with database.engine.begin() as connection:  # the same row with fresh values goes in
            _insert(connection, database.dialect, table, fresh)
        with database.engine.begin() as connection:
            connection.exec_driver_sql(f"DELETE FROM {table} WHERE {columns[0]} = '{fresh[columns[0]]}'")


def test_reporting_holds_levels_2_and_3_only(database: Database) -> None:
    load_target(database, "reporting")
    row = _row_with_fresh_values(database, "reporting", "cauhinh_donvi", {"cap": 4})
    # MariaDB reports a failed CHECK as error 4025, which PyMySQL maps to OperationalError
    with pytest.raises((IntegrityError, OperationalError)), database.engine.begin() as connection:
        _insert(connection, database.dialect, "cauhinh_donvi", row)
    assert {cap for (cap,) in select(database, "cauhinh_donvi", ["cap"])} == {2, 3}


def _row_with_fresh_values(database: Database, system: str, table: str, changes: dict[str, Any]) -> dict[str, Any]:
    """The table's first seeded row with every unique column given a value nobody holds."""
    seeded = next(t for t in sample_tables(system) if t.name == table)
    row = dict(zip(seeded.columns, seeded.rows[0]))
    return row | {column: value for column, value in FRESH.items() if column in row} | changes


def _insert(connection: Any, dialect: str, table: str, row: dict[str, Any]) -> None:
    values = ", ".join(seed.literal(value, dialect) for value in row.values())
    connection.exec_driver_sql(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({values})")


def test_the_text_survives_a_percent_sign_through_every_driver(database: Database) -> None:
    run_sql(database, "CREATE TABLE t (x VARCHAR(50));\nINSERT INTO t (x) VALUES ('100% -- ;');")
    assert select(database, "t", ["x"]) == [("100% -- ;",)]
