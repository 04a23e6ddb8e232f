"""Dialect quoting (DESIGN.md §6, DOMAIN.md "Vietnamese text"): every value through the literal
filter, every name through the identifier filter, the non-portable forms per engine."""

from __future__ import annotations

import pytest

from madinhdanh.render.dialects import DIALECTS, Expr, Where, dialect

NAME = "Nhà Văn hóa 'Thiếu nhi'"


@pytest.mark.parametrize(("name", "expected"), [
    ("sqlite", "'Nhà Văn hóa ''Thiếu nhi'''"),
    ("postgresql", "'Nhà Văn hóa ''Thiếu nhi'''"),
    ("mysql", "'Nhà Văn hóa ''Thiếu nhi'''"),
    ("mssql", "N'Nhà Văn hóa ''Thiếu nhi'''"),
    ("oracle", "N'Nhà Văn hóa ''Thiếu nhi'''"),
])
def test_text_literals_double_quotes_and_use_national_literals_where_needed(name: str, expected: str) -> None:
    assert dialect(name).lit(NAME) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("sqlite", "'C:\\dir\\'"), ("postgresql", "E'C:\\\\dir\\\\'"), ("mysql", "'C:\\\\dir\\\\'"),
    ("mssql", "N'C:\\dir\\'"), ("oracle", "N'C:\\dir\\'"),
])
def test_backslashes_read_back_as_written(name: str, expected: str) -> None:
    assert dialect(name).lit("C:\\dir\\") == expected


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_other_values(name: str) -> None:
    sql = dialect(name)
    assert sql.lit(None) == "NULL" and sql.lit(42) == "42"
    assert sql.lit(True) == ("TRUE" if name == "postgresql" else "1")
    with pytest.raises(ValueError, match="NUL"):
        sql.lit("a\x00b")
    with pytest.raises(TypeError):
        sql.lit(1.5)


@pytest.mark.parametrize(("name", "expected"), [
    ("sqlite", '"dm_donvi"'), ("postgresql", '"dm_donvi"'), ("mysql", "`dm_donvi`"), ("mssql", "[dm_donvi]"),
    ("oracle", '"DM_DONVI"'),
])
def test_identifiers(name: str, expected: str) -> None:
    sql = dialect(name)
    assert sql.ident("dm_donvi") == expected
    assert sql.ident("qlvb.dm_donvi").count(".") == 1
    for bad in ("dm donvi", "x;DROP", "a.b.c", ""):
        with pytest.raises(ValueError):
            sql.ident(bad)


def test_oracle_names_are_upper_case_so_level_matches_its_quoted_column() -> None:
    assert dialect("oracle").ident("level") == '"LEVEL"'


@pytest.mark.parametrize(("name", "start"), [
    ("sqlite", 'UPDATE "t" AS t\n   SET "c" = s.new_code\n  FROM mdd_tmp_map AS s\n WHERE t."c" = s.old_code'),
    ("postgresql", 'UPDATE "t" AS t\n   SET "c" = s.new_code\n  FROM mdd_tmp_map AS s\n WHERE t."c" = s.old_code'),
    ("mysql", "UPDATE `t` AS t\n  JOIN mdd_tmp_map AS s ON t.`c` = s.old_code\n   SET t.`c` = s.new_code"),
    ("mssql", "UPDATE t\n   SET [c] = s.new_code\n  FROM [t] AS t\n  JOIN #mdd_tmp_map AS s ON t.[c] = s.old_code"),
    ("oracle", 'UPDATE "T" t\n   SET "C" = (SELECT s.new_code FROM mdd_tmp_map s\n   WHERE t."C" = s.old_code)'),
])
def test_update_from_another_table_per_engine(name: str, start: str) -> None:
    sql = dialect(name)
    text = sql.update_join("t", "c", source="mdd_tmp_map", value="new_code", on=[sql.on("c", "old_code")],
                           where=Where("k", "DONVI"))
    assert text.startswith(start) and text.endswith(";")
    assert sql.lit("DONVI") in text


@pytest.mark.parametrize(("name", "start"), [
    ("sqlite", 'UPDATE "u" AS t\n   SET "n" = s.unit_name,\n       "s" = CASE s.unit_status WHEN '),
    ("postgresql", 'UPDATE "u" AS t\n   SET "n" = s.unit_name,\n       "s" = CASE s.unit_status WHEN '),
    ("mysql", "UPDATE `u` AS t\n  JOIN mdd_tmp_rows AS s ON t.`k` = s.code\n   SET t.`n` = s.unit_name,\n       t.`s` = "),
    ("mssql", "UPDATE t\n   SET [n] = s.unit_name,\n       [s] = CASE s.unit_status WHEN "),
    ("oracle", 'UPDATE "U" t\n   SET ("N", "S") = (SELECT s.unit_name, CASE s.unit_status WHEN '),
])
def test_one_update_writes_every_attribute_of_a_row(name: str, start: str) -> None:
    sql = dialect(name)
    text = sql.update_rows("u", "k", [(4, "n", "unit_name", False, ()), (5, "s", "unit_status", False,
                                                                          (("active", "A"),))])
    assert text.startswith(start) and text.endswith(";")
    assert text.count(" OR ") >= 1 and sql.lit("A") in text  # rows where either differs, the status mapped


def test_exact_compares_bytes_where_the_collation_would_not() -> None:
    assert dialect("postgresql").exact("old_value") == 'old_value COLLATE "C"'
    assert dialect("mysql").exact("old_value") == "CAST(old_value AS BINARY)"
    assert dialect("sqlite").exact("old_value") == "old_value"
    with pytest.raises(ValueError, match="internal name"):
        dialect("postgresql").exact("x; DROP TABLE t")


def test_builders_take_names_and_values_never_sql() -> None:
    sql = dialect("postgresql")
    with pytest.raises(ValueError, match="internal name"):
        sql.update_join("t", "c", source="mdd_tmp_map", value="new_code; DROP TABLE t", on=[sql.on("c", "old_code")])
    with pytest.raises(ValueError, match="table or column"):
        sql.update_join("t", "c = 1 --", source="mdd_tmp_map", value="new_code", on=[sql.on("c", "old_code")])
    assert sql.expr("r", Expr("block", (("party", "DANG"), ("state", "CHINHQUYEN")))) == \
        "CASE r.block WHEN 'party' THEN 'DANG' WHEN 'state' THEN 'CHINHQUYEN' END"
    assert sql.expr("r", Expr(value="x'y")) == "'x''y'"
