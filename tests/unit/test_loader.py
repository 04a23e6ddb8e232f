"""loader.py: the strict YAML subset, its positions, and what it refuses (rule, line, column)."""

from __future__ import annotations

import pytest

from madinhdanh import loader
from madinhdanh.loader import LoadError, LoadProblem, Map, Seq, load_bytes, position


def load(text: str) -> object:
    return load_bytes(text.encode("utf-8"))


def refusals(data: str | bytes) -> list[tuple[int, int, str, str]]:
    """The (line, column, rule, message) of every problem the loader reports for ``data``."""
    with pytest.raises(LoadError) as caught:
        load_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    problems = caught.value.problems
    assert problems, "a LoadError carries at least one problem"
    assert all(isinstance(p, LoadProblem) for p in problems)
    return [(p.line, p.column, p.rule, p.message) for p in problems]


# --- scalars ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        ("'12'", "12"),
        ('"12"', "12"),
        ("'true'", "true"),
        ('"null"', "null"),
        ("''", ""),
        ("'~'", "~"),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("", None),
        ("true", True),
        ("True", True),
        ("false", False),
        ("FALSE", False),
        ("12", 12),
        ("-3", -3),
        ("0", 0),
        ("0204", "0204"),
        ("007", "007"),
        ("2021-12-02", "2021-12-02"),
        ("1.5", 1.5),  # a decimal is a float (max_change_share: 0.8)
        ("1.5.2", "1.5.2"),
        ("01.5", "01.5"),
        ("1e3", "1e3"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("22:00", "22:00"),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("H03.12", "H03.12"),
        ("0204 3854 357", "0204 3854 357"),
        ("!!str 5", "5"),
        ("!!str true", "true"),
        ("!!str", ""),
        ("! 12", "12"),
        ("|\n  12\n", "12\n"),
        (">-\n  a\n  b\n", "a b"),
    ],
)
def test_scalar_resolution(yaml_value, expected):
    doc = load(f"k: {yaml_value}")
    assert doc == {"k": expected}
    assert type(doc["k"]) is type(expected)  # bool is not int, str is not int


@pytest.mark.parametrize("key", ["2", "null", "true", "0204", "~", "1.5", "-3"])
def test_keys_are_always_strings(key):
    doc = load(f"{key}: x")
    assert list(doc) == [key]
    assert type(next(iter(doc))) is str


def test_flow_and_block_collections_become_map_and_seq():
    doc = load("a: [1, '2', x, ~]\nb: {c: true}\nd:\n- e\n- f: 0\n")
    assert doc == {"a": [1, "2", "x", None], "b": {"c": True}, "d": ["e", {"f": 0}]}
    assert isinstance(doc, Map) and isinstance(doc["a"], Seq) and isinstance(doc["b"], Map)
    assert isinstance(doc["d"][1], Map)


def test_top_level_may_be_any_node():
    assert load("- 1\n- ~\n") == [1, None]
    assert load("x") == "x"
    assert load("12") == 12


def test_keys_keep_file_order():
    assert list(load("z: 1\na: 2\nm: 3\n")) == ["z", "a", "m"]


def test_explicit_document_markers_are_accepted():
    assert load("---\na: 1\n...\n") == {"a": 1}


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n", "---\n"])
def test_an_empty_file_loads_as_none(text):
    assert load(text) is None


def test_a_utf8_bom_is_accepted():
    assert load_bytes(b"\xef\xbb\xbfname: S\xe1\xbb\x9f\n") == {"name": "Sở"}


def test_an_sql_injection_name_loads_unchanged():
    name = "'; DROP TABLE x; --"
    assert load('name: "\'; DROP TABLE x; --"\n') == {"name": name}
    assert load("name: '''; DROP TABLE x; --'\n") == {"name": name}


def test_load_file_reads_bytes(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_bytes("name: Sở Nội vụ\n".encode())
    assert loader.load_file(path) == {"name": "Sở Nội vụ"}


# --- positions --------------------------------------------------------------------------------

POSITIONS = """\
settings:
  province: X
units:
- id: a
  code: H03
  contact:
    email: x@y.vn
  tags: [p, q]
- id: b
  code:   H03.01
"""


@pytest.mark.parametrize(
    ("path", "line_column"),
    [
        ((), (1, 1)),
        (("settings",), (1, 1)),  # a container value: the key's position
        (("settings", "province"), (2, 13)),  # a scalar value: the value's position
        (("units",), (3, 1)),
        (("units", 0), (4, 3)),  # a sequence item: the item's position
        (("units", 0, "id"), (4, 7)),
        (("units", 0, "contact"), (6, 3)),
        (("units", 0, "contact", "email"), (7, 12)),
        (("units", 0, "tags"), (8, 3)),
        (("units", 0, "tags", 1), (8, 13)),
        (("units", 1, "code"), (10, 11)),
        # a missing path points at the nearest ancestor that exists
        (("units", 1, "missing"), (9, 3)),
        (("units", 5), (3, 1)),
        (("units", 0, "contact", "phone"), (6, 3)),
        (("units", 0, "contact", "email", "deeper"), (7, 12)),
        (("nope",), (1, 1)),
        (("units", "x"), (3, 1)),
        (("settings", 0), (1, 1)),
    ],
)
def test_position_of_paths(path, line_column):
    assert position(load(POSITIONS), path) == line_column


def test_marks_are_zero_based_on_the_containers():
    doc = load(POSITIONS)
    unit = doc["units"][0]
    assert unit.key_position("code") == (4, 2)
    assert unit.value_position("code") == (4, 8)
    assert doc["units"].item_position(1) == (8, 2)
    with pytest.raises(KeyError):
        unit.key_position("missing")


def test_position_of_a_scalar_document_or_nothing():
    assert position(load("12"), ()) == (1, 1)
    assert position(None, ("a",)) == (1, 1)


def test_positions_count_characters_not_bytes():
    doc = load("tên: Sở\nđịa_chỉ: Hà Nội\n")
    assert position(doc, ("địa_chỉ",)) == (2, 10)  # 12 if it counted bytes


def test_walk_paths_visits_every_path_depth_first():
    assert list(loader.walk_paths(load("a: [1, {b: 2}]\nc: x\n"))) == [
        (), ("a",), ("a", 0), ("a", 1), ("a", 1, "b"), ("c",)]


# --- refusals ---------------------------------------------------------------------------------


def test_duplicate_keys_are_all_collected_naming_the_first():
    assert refusals("a: 1\na: 2\nb: 3\na: 4\n") == [
        (2, 1, "yaml-duplicate-key", 'duplicate key "a" (first at line 1); keep one'),
        (4, 1, "yaml-duplicate-key", 'duplicate key "a" (first at line 1); keep one'),
    ]


def test_duplicate_keys_in_nested_and_flow_mappings():
    assert refusals("units:\n- id: x\n  name: A\n  code: H03\n  name: B\nother: {k: 1, k: 2}\n") == [
        (5, 3, "yaml-duplicate-key", 'duplicate key "name" (first at line 3); keep one'),
        (6, 15, "yaml-duplicate-key", 'duplicate key "k" (first at line 6); keep one'),
    ]


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused_at_the_first_anchor_without_expansion():
    found = refusals(BILLION_LAUGHS)
    assert found[0] == (1, 4, "yaml-anchor", "an anchor (&a); anchors and aliases are not allowed")
    assert {rule for _, _, rule, _ in found} <= {"yaml-anchor", "yaml-alias"}
    # at most one problem per anchor or alias written in the file: nothing was expanded
    assert len(found) <= BILLION_LAUGHS.count("&") + BILLION_LAUGHS.count("*")


def test_an_anchor_and_an_alias_are_refused():
    assert refusals("a: &x 1\nb: *x\n") == [
        (1, 4, "yaml-anchor", "an anchor (&x); anchors and aliases are not allowed"),
        (2, 4, "yaml-alias", "an alias (*x); anchors and aliases are not allowed"),
    ]


def test_an_anchor_on_a_mapping_is_refused():
    assert refusals("base: &b {x: 1}\n") == [
        (1, 7, "yaml-anchor", "an anchor (&b); anchors and aliases are not allowed")]


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object:os.system x", "tag:yaml.org,2002:python/object:os.system"),
        ("!!python/object/apply:os.system ['ls']", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!custom x", "!custom"),
        ("!!int 5", "tag:yaml.org,2002:int"),
        ("!!bool 'true'", "tag:yaml.org,2002:bool"),
        ("!!null ''", "tag:yaml.org,2002:null"),
        ("!!timestamp 2021-12-02", "tag:yaml.org,2002:timestamp"),
    ],
)
def test_non_standard_tags_are_refused(value, tag):
    assert refusals(f"a: {value}\n") == [
        (1, 4, "yaml-tag", f"the tag {tag} is not allowed; write plain values")]


def test_standard_tags_are_allowed():
    assert load("a: !!str 5\nb: !!map {c: 1}\nd: !!seq [1]\n") == {"a": "5", "b": {"c": 1}, "d": [1]}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a:\n\tb: 1\n", 2),
        ("a: 1\n\tb: 2\n", 2),
        ("units:\n- id: x\n\tname: y\n", 3),
    ],
)
def test_tab_indentation_is_refused(text, line):
    assert refusals(text) == [(line, 1, "yaml-syntax", "a tab character here; YAML indents with spaces only")]


def test_a_tab_inside_a_value_is_text():
    assert load("a: x\ty\n") == {"a": "x\ty"}


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        (b"a: 1\nb: x\xff\n", 2, 5, "ff"),
        ("a: 1\nb: é".encode() + b"\xff\n", 2, 5, "ff"),  # é is one column, two bytes
        ("name: Ban T".encode() + b"\xf4n gi\xe1o\n", 1, 12, "f4"),  # Latin-1 saved as if UTF-8
        (b"\xc3", 1, 1, "c3"),  # truncated sequence at the very start
        (b"a: 1\n\n\n  \x80\n", 4, 3, "80"),
    ],
)
def test_invalid_utf8_is_refused_with_its_position(data, line, column, byte):
    assert refusals(data) == [
        (line, column, "yaml-encoding", f"invalid UTF-8 (byte 0x{byte}); save the file as UTF-8")]


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"a: \x01\n", 1, 4),
        (b"a: x\x7fy\n", 1, 5),
        (b"a: 1\nb: 'x\x00'\n", 2, 6),
        ("a: 1\nb: \ufffe\n".encode(), 2, 4),
    ],
)
def test_control_characters_are_refused_as_a_load_problem(data, line, column):
    """Characters YAML does not allow are a LoadError with a position, not a PyYAML crash."""
    with pytest.raises(LoadError) as caught:
        load_bytes(data)
    (problem,) = caught.value.problems
    assert problem.rule.startswith("yaml-")
    assert (problem.line, problem.column) == (line, column)


def test_a_second_document_is_refused():
    assert refusals("a: 1\n---\nb: 2\n") == [
        (2, 1, "yaml-documents", "a second YAML document; the file holds exactly one")]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("? [a]\n: 1\n", 1, 3),
        ("? {a: 1}\n: 1\nb: 2\n", 1, 3),
        ("x: 1\n? - a\n  - b\n: 2\n", 2, 3),
    ],
)
def test_a_non_scalar_key_is_refused(text, line, column):
    assert refusals(text) == [(line, column, "yaml-key", "a mapping key must be a plain string")]


def test_problems_of_different_kinds_are_all_collected():
    found = refusals("a: &x 1\nb: *x\na: !custom 2\n")
    assert [(line, rule) for line, _, rule, _ in found] == [
        (1, "yaml-anchor"), (2, "yaml-alias"), (3, "yaml-tag"), (3, "yaml-duplicate-key")]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: 'x", 1, 6, "found unexpected end of stream while scanning a quoted scalar"),
        ("a: b: c\n", 1, 5, "mapping values are not allowed in this context"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "did not find expected key while parsing a block mapping"),
    ],
)
def test_syntax_errors_have_a_position(text, line, column, message):
    assert refusals(text) == [(line, column, "yaml-syntax", message)]


def test_load_error_text_lists_every_problem():
    with pytest.raises(LoadError) as caught:
        load("a: &x 1\nb: *x\n")
    assert str(caught.value) == ("1:4: an anchor (&x); anchors and aliases are not allowed; "
                                 "2:4: an alias (*x); anchors and aliases are not allowed")
