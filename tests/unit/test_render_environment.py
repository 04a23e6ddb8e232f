"""The hardened Jinja environment (DESIGN.md §6): a value printed without a quoting filter fails
the render with the template's name and line; quoting filters, macros and caller() pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from madinhdanh.render.dialects import dialect
from madinhdanh.render.environment import Quoted, TemplateError, environment, render


def env_with(tmp_path: Path, **templates: str):  # type: ignore[no-untyped-def]
    for name, text in templates.items():
        (tmp_path / "sql").mkdir(exist_ok=True)
        (tmp_path / "sql" / f"{name}.j2").write_text(text, encoding="utf-8")
    sql = dialect("mssql")
    return environment({"lit": sql.lit, "ident": sql.ident, "comment": sql.comment}, root=tmp_path)


def test_quoted_values_macros_and_caller_render(tmp_path: Path) -> None:
    env = env_with(tmp_path, ok="{% macro q(v) %}[{{ v|lit }}]{% endmacro %}"
                               "{% macro box() %}<{{ caller() }}>{% endmacro %}"
                               "{{ t|ident }} {{ name|lit }} {{ 3 }} {{ q(name) }}{% call box() %}{{ none|lit }}{% endcall %}\n")
    text = render(env, "sql/ok.j2", {"t": "dm_donvi", "name": "Nhà 'Văn hóa'", "none": None})
    assert text == "[dm_donvi] N'Nhà ''Văn hóa''' 3 [N'Nhà ''Văn hóa''']<NULL>"  # trim_blocks eats the newline after a tag


@pytest.mark.parametrize(("body", "line"), [
    ("ok\n{{ 1 }}\nUPDATE t SET name = {{ name }};\n", 3),                 # a raw value
    ("{{ table }}\n", 1),                                                    # a raw identifier
    ("x\n{{ (name|lit) ~ ' OR 1=1' }}\n", 2),                                # quoted, then extended
    ("{{ (name|lit).upper() }}\n", 1),                                       # quoted, then changed
    ("{{ name|lower }}\n", 1),                                               # a filter's plain output
    ("{% set x %}{{ name|lit }}{% endset %}{{ x }}\n", 1),                   # a captured block
    ("{{ true }}\n", 1),                                                     # a boolean is no number
])
def test_a_template_printing_an_unquoted_value_fails_at_its_line(tmp_path: Path, body: str, line: int) -> None:
    env = env_with(tmp_path, bad=body)
    with pytest.raises(TemplateError, match=rf"^{tmp_path.name}/sql/bad\.j2:{line}: prints .* unquoted"):
        render(env, "sql/bad.j2", {"name": "Sở Nội vụ", "table": "dm_donvi"})


def test_the_error_names_the_macro_file_where_the_value_is_printed(tmp_path: Path) -> None:
    env = env_with(tmp_path, lib="{% macro m(v) %}\nSELECT {{ v }};\n{% endmacro %}",
                   main="{% import 'sql/lib.j2' as lib %}\n{{ lib.m(name) }}\n")
    with pytest.raises(TemplateError, match=rf"^{tmp_path.name}/sql/lib\.j2:2: prints str 'x' unquoted"):
        render(env, "sql/main.j2", {"name": "x"})


def test_filter_blocks_and_unsafe_filters_are_refused(tmp_path: Path) -> None:
    env = env_with(tmp_path, block="{% filter replace('a', name) %}abc{% endfilter %}\n", safe="{{ name|safe }}\n")
    with pytest.raises(TemplateError, match=r"block\.j2:1: \{% filter %\} blocks are not allowed"):
        render(env, "sql/block.j2", {"name": "x"})
    with pytest.raises(TemplateError, match=r"safe\.j2:1: .*safe"):
        render(env, "sql/safe.j2", {"name": "x"})


def test_undefined_names_and_the_sandbox_fail_at_their_line(tmp_path: Path) -> None:
    env = env_with(tmp_path, undefined="\n{{ nam|lit }}\n", sandbox="{{ name.__class__.__mro__ }}\n")
    with pytest.raises(TemplateError, match=r"undefined\.j2:2: undefined: 'nam' is undefined"):
        render(env, "sql/undefined.j2", {"name": "x"})
    with pytest.raises(TemplateError, match=r"sandbox\.j2:1"):
        render(env, "sql/sandbox.j2", {"name": "x"})


def test_syntax_errors_and_missing_templates_name_the_file(tmp_path: Path) -> None:
    env = env_with(tmp_path, broken="{% for x in %}\n")
    with pytest.raises(TemplateError, match=r"broken\.j2:1: "):
        render(env, "sql/broken.j2", {})
    with pytest.raises(TemplateError, match=r"sql/missing\.j2: template not found"):
        render(env, "sql/missing.j2", {})


def test_quoted_text_loses_its_mark_when_changed() -> None:
    text = Quoted("'x'")
    assert type(text + "y") is str and type(text.upper()) is str and type(text) is Quoted
