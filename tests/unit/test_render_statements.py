"""The statement splitter that counts, parses and (later) executes rendered scripts."""

from __future__ import annotations

import pytest

from madinhdanh.render.statements import split


def test_semicolons_inside_quotes_and_comments_do_not_end_a_statement() -> None:
    text = ("-- a header; with a semicolon\n"
            "INSERT INTO t VALUES ('a;b', 'it''s; ok');\n"
            "/* a; block */ UPDATE \"x;y\" SET c = 1;\n"
            "-- only a comment;\n")
    assert split(text) == ["-- a header; with a semicolon\nINSERT INTO t VALUES ('a;b', 'it''s; ok')",
                           '/* a; block */ UPDATE "x;y" SET c = 1']  # comments before a statement stay with it


def test_dialect_quoting() -> None:
    assert split("SELECT 'a\\';b';SELECT 2;", "mysql") == ["SELECT 'a\\';b'", "SELECT 2"]
    assert split("SELECT [a;b] FROM t;SELECT 2", "mssql") == ["SELECT [a;b] FROM t", "SELECT 2"]
    assert split("SELECT a[1] FROM t; SELECT 2", "postgresql") == ["SELECT a[1] FROM t", "SELECT 2"]


def test_an_unterminated_quote_is_refused() -> None:
    with pytest.raises(ValueError, match="unterminated"):
        split("SELECT 'abc;")


def test_a_copy_is_one_statement_with_its_rows_as_they_are() -> None:
    rows = "".join(f"A{i}\t--not a comment; {i}\n" for i in range(3))
    text = f"-- step\nCOPY t (a, b) FROM STDIN;\n{rows}\\.\n-- next\nSELECT 1;\n-- only a comment\n"
    assert split(text, "postgresql") == [f"-- step\nCOPY t (a, b) FROM STDIN;\n{rows}\\.", "-- next\nSELECT 1"]


def test_a_copy_ends_at_its_line_of_backslash_dot_wherever_it_stands() -> None:
    # no rows; the last statement of the text without a newline after it; a row holding "\." in
    # a value (a backslash is written doubled, so "\\." is a row and not the end)
    assert split("COPY t (a) FROM STDIN;\n\\.\nSELECT 1;", "postgresql") == ["COPY t (a) FROM STDIN;\n\\.", "SELECT 1"]
    assert split("COPY t (a) FROM STDIN;\nx;y\n\\.", "postgresql") == ["COPY t (a) FROM STDIN;\nx;y\n\\."]
    assert split("COPY t (a) FROM STDIN;\n\\\\.\nb\n\\.\n", "postgresql") == ["COPY t (a) FROM STDIN;\n\\\\.\nb\n\\."]


def test_a_copy_without_its_end_line_is_refused() -> None:
    with pytest.raises(ValueError, match=r"no end line"):
        split("COPY t (a) FROM STDIN;\nx\n\\.y\n", "postgresql")
