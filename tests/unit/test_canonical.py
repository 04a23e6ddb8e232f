"""canonical.py and fmt.py: one canonical text, idempotent, that loads back to the same data."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from madinhdanh import canonical, fmt, loader

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [("units", ROOT / "registry" / "units.yaml"), ("systems", ROOT / "registry" / "systems.yaml")]
FIXTURE = ROOT / "tests" / "fixtures" / "registry"


def nfc(value: object) -> object:
    return canonical.normalize(value)


def plain(value: object) -> object:
    """Map/Seq → dict/list, for comparisons that should not depend on the loader's types."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def round_trip(value: str) -> object:
    """``value`` dumped as a mapping value and loaded back with our loader."""
    return loader.load_bytes(canonical.dump_units({"k": value}).encode("utf-8"))["k"]


# --- the sample registry ------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "path"), SAMPLES + [
    ("units", FIXTURE / "good" / "units.yaml"), ("systems", FIXTURE / "good" / "systems.yaml")])
def test_registry_files_are_already_canonical(key, path):
    data = path.read_bytes()
    assert fmt.canonical_text(key, data) == data.decode("utf-8")


@pytest.mark.parametrize(("key", "path"), SAMPLES)
def test_canonical_text_is_idempotent_and_keeps_the_data(key, path):
    data = path.read_bytes()
    once = fmt.canonical_text(key, data)
    assert fmt.canonical_text(key, once.encode("utf-8")) == once
    assert plain(loader.load_bytes(once.encode("utf-8"))) == plain(nfc(loader.load_bytes(data)))
    assert once.endswith("\n") and not once.endswith("\n\n")
    assert "\r" not in once and "\t" not in once


@pytest.mark.parametrize(("key", "path"), SAMPLES)
def test_pyyaml_reads_the_canonical_registry_as_our_loader_does(key, path):
    """Canonical output is portable: a YAML 1.1 reader sees the same values (dates stay strings)."""
    text = fmt.canonical_text(key, path.read_bytes())
    ours = plain(loader.load_bytes(text.encode("utf-8")))
    assert yaml.safe_load(text) == ours
    if key == "units":
        assert all(isinstance(unit["decision"]["date"], str) for unit in ours["units"])


# --- messy inputs -------------------------------------------------------------------------------

MESSY_UNITS = """\
units:
- name: "Sở Nội vụ"
  zeta: 1
  code: H03.10
  alpha: {b: 2, a: 1}
  id: b
  block: state
- {id: a, code: H03.2, name: "So\u0302\u0300 X", status: active, block: state,
   decision: {date: '2021-01-01', number: "1/QĐ"}}
- id: c
  code: H03
  history:
  - {decision: {number: x, date: '2020-01-01'}, until: '2020-01-01', code: H03.9}
  contact: {website: 'https://a.vn', email: a@b.vn}
- id: d
  code: H03.2.10
  name: "x"
- id: e
  code: H03.2.9
  name: y
settings: {level1_code: H03, province: "Ba\u0306\u0301c Giang", scheme: {qd20: {groups: {level2: '[0-9]{2}'}}}}
"""

MESSY_UNITS_CANONICAL = """\
settings:
  province: Bắc Giang
  level1_code: H03
  scheme:
    qd20:
      groups:
        level2: '[0-9]{2}'
units:
- id: c
  code: H03
  contact:
    email: a@b.vn
    website: https://a.vn
  history:
  - code: H03.9
    until: '2020-01-01'
    decision:
      number: x
      date: '2020-01-01'
- id: a
  code: H03.2
  name: Sồ X
  block: state
  status: active
  decision:
    number: 1/QĐ
    date: '2021-01-01'
- id: e
  code: H03.2.9
  name: y
- id: d
  code: H03.2.10
  name: x
- id: b
  code: H03.10
  name: Sở Nội vụ
  block: state
  alpha:
    a: 1
    b: 2
  zeta: 1
"""

MESSY_SYSTEMS = """\
systems:
- units: {key: unit_code, table: portal_units}
  id: portal
  window: {end: '05:00', start: '22:00', days: [sat, sun]}
  scope: {statuses: [active], levels: [1, 2], blocks: [state]}
  title: Cổng
  references:
  - {on_close: keep, column: c, table: t, where: {equals: 12, column: kind}}
- id: qlvb
  title: "Q"
"""

MESSY_SYSTEMS_CANONICAL = """\
systems:
- id: portal
  title: Cổng
  scope:
    blocks: [state]
    levels: [1, 2]
    statuses: [active]
  units:
    table: portal_units
    key: unit_code
  references:
  - table: t
    column: c
    where:
      column: kind
      equals: 12
    on_close: keep
  window:
    days: [sat, sun]
    start: '22:00'
    end: '05:00'
- id: qlvb
  title: Q
"""


def test_messy_units_get_sorted_ordered_and_normalised():
    assert fmt.canonical_text("units", MESSY_UNITS.encode()) == MESSY_UNITS_CANONICAL


def test_messy_systems_keep_their_order_and_get_fixed_key_order():
    assert fmt.canonical_text("systems", MESSY_SYSTEMS.encode()) == MESSY_SYSTEMS_CANONICAL


@pytest.mark.parametrize(("key", "text"), [("units", MESSY_UNITS), ("systems", MESSY_SYSTEMS)])
def test_canonical_of_messy_input_is_idempotent_and_keeps_the_data(key, text):
    once = fmt.canonical_text(key, text.encode())
    assert fmt.canonical_text(key, once.encode()) == once
    original = plain(nfc(loader.load_bytes(text.encode())))
    again = plain(loader.load_bytes(once.encode()))
    if key == "units":  # units are re-sorted; compare them by id
        assert again["settings"] == original["settings"]
        assert sorted(again["units"], key=lambda u: u["id"]) == sorted(original["units"], key=lambda u: u["id"])
    else:
        assert again == original


def test_unknown_keys_follow_the_known_keys_in_sorted_order():
    text = "units:\n- zz: 1\n  id: a\n  mm: 2\n  code: H03\n  aa: 3\n"
    out = fmt.canonical_text("units", text.encode())
    assert out == "units:\n- id: a\n  code: H03\n  aa: 3\n  mm: 2\n  zz: 1\n"


def test_nfd_keys_and_values_are_normalised():
    text = "units:\n- id: a\n  code: H03\n  note: Nga\u0300y\n  ghi_chu\u0301: x\n"
    out = fmt.canonical_text("units", text.encode())
    assert "Ngày" in out and "ghi_chú" in out
    assert unicodedata.is_normalized("NFC", out)


def test_units_without_a_code_go_last_by_id():
    text = "units:\n- {id: z}\n- {id: b, code: 12}\n- {id: a, code: H03}\n"
    out = fmt.canonical_text("units", text.encode())
    assert out == "units:\n- id: a\n  code: H03\n- id: b\n  code: 12\n- id: z\n"


def test_units_whose_code_looks_like_digits_do_not_break_fmt():
    # "²" is str.isdigit() but not int(): fmt of an unvalidated file must still give a text
    text = "units:\n- {id: a, code: 'H03.\u00b2'}\n- {id: b, code: H03.1}\n"
    out = fmt.canonical_text("units", text.encode())
    assert plain(loader.load_bytes(out.encode()))["units"][0]["id"] in ("a", "b")


def test_empty_containers_are_written_inline():
    assert fmt.canonical_text("units", b"units: []\nsettings: {}\n") == "settings: {}\nunits: []\n"


def test_a_file_that_is_not_a_mapping_is_a_load_error():
    with pytest.raises(loader.LoadError) as caught:
        fmt.canonical_text("units", b"- 1\n")
    assert [(p.line, p.column, p.rule, p.message) for p in caught.value.problems] == [
        (1, 1, "yaml-structure", "the file must hold a mapping")]


def test_unloadable_input_raises_load_error():
    with pytest.raises(loader.LoadError):
        fmt.canonical_text("units", b"a: 1\na: 2\n")


# --- scalars --------------------------------------------------------------------------------------

NASTY = [
    "'; DROP TABLE x; --",
    'Trường "Hy Vọng": cơ sở #2',
    " leading space",
    "trailing space ",
    "line\nbreak",
    "line\r\nbreak",
    "yes", "no", "on", "off", "y", "n", "Yes", "NO",
    "null", "Null", "~", "true", "False",
    "0204", "12", "-3", "+5", "0", "1.5", "1e3", ".inf", ".NaN", "0x1F", "0o17", "1_000",
    "2021-12-02", "22:00", "12:30:45", "190:20:30",
    "back\\slash", "\\", '"', "'", "it's", 'say "hi"',
    "", " ", "  ",
    "#hash", "x #y", "x# y", "a: b", "a:", ":a", "- item", "-", "--", "---", "...",
    "? q", "?", "[x]", "{x}", "a,b", "!tag", "&anchor", "*alias", "|", ">", "%x", "@x", "`x",
    "<<", "=",
    "tab\there", "\t",
    "Sở Nội vụ", "So\u0302\u0300 No\u0323i vu\u0323",
    "\u00a0nbsp", "zero\u200bwidth", "\u2028", "\ufeffbom",
    "emoji \U0001F600",
    "postgresql://user:secret@db/x",
    "https://stttt.bacgiang.gov.vn",
]


@pytest.mark.parametrize("value", NASTY)
def test_strings_round_trip_through_dump_and_load(value):
    assert round_trip(value) == unicodedata.normalize("NFC", value)


@pytest.mark.parametrize("value", NASTY)
def test_strings_round_trip_in_flow_lists(value):
    text = canonical.dump_systems({"systems": [{"scope": {"blocks": [value, "x"]}}]})
    assert loader.load_bytes(text.encode())["systems"][0]["scope"]["blocks"] == [
        unicodedata.normalize("NFC", value), "x"]


@pytest.mark.parametrize("value", NASTY)
def test_pyyaml_safe_load_reads_canonical_output_as_the_same_strings(value):
    assert yaml.safe_load(canonical.dump_units({"k": value}))["k"] == unicodedata.normalize("NFC", value)


@pytest.mark.parametrize("value", ["\x7f", "\x85", "\x80", "\x9f", "a\x8cb", "\x01", "\x00", "\x1b[0m", "\ufffe"])
def test_control_characters_round_trip(value):
    """json.dumps leaves DEL and C1 controls raw, which YAML readers refuse; they must be escaped."""
    assert round_trip(value) == value
    assert yaml.safe_load(canonical.dump_units({"k": value}))["k"] == value


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Sở Nội vụ", "Sở Nội vụ"),
        ("H03.12", "H03.12"),
        ("0204", "'0204'"),
        ("12", "'12'"),
        ("2021-12-02", "'2021-12-02'"),
        ("22:00", "'22:00'"),
        ("yes", "'yes'"),
        ("null", "'null'"),
        ("", '""'),
        ("'; DROP TABLE x; --", "\"'; DROP TABLE x; --\""),
        (" x", '" x"'),
        ("a\nb", '"a\\nb"'),
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (12, "12"),
        (-3, "-3"),
    ],
)
def test_scalar_forms(value, written):
    assert canonical.scalar(value) == written


def test_flow_scalars_quote_flow_indicators():
    assert canonical.scalar("a,b") == "a,b"
    assert canonical.scalar("a,b", flow=True) == "'a,b'"
    assert canonical.scalar("[x]", flow=True) == "'[x]'"


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_any_string_round_trips_as_nfc(value):
    assert round_trip(value) == unicodedata.normalize("NFC", value)


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_pyyaml_reads_any_canonical_string_the_same(value):
    assert yaml.safe_load(canonical.dump_units({"k": value}))["k"] == unicodedata.normalize("NFC", value)


@given(st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
                       st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                                 st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)),
                       max_size=5))
def test_any_flat_mapping_round_trips(mapping):
    text = canonical.dump_units({"units": [{"id": "a", **{f"x_{k}": v for k, v in mapping.items()}}]})
    loaded = loader.load_bytes(text.encode())["units"][0]
    assert plain(loaded) == nfc({"id": "a", **{f"x_{k}": v for k, v in mapping.items()}})


# --- mdd fmt on files -----------------------------------------------------------------------------

INJECTION = FIXTURE / "valid" / "injection-name"


def test_the_injection_fixture_is_byte_identical_after_fmt(tmp_path, monkeypatch):
    for name in ("units.yaml", "systems.yaml"):
        (tmp_path / name).write_bytes((INJECTION / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    outcome = fmt.format_registry(Path("."), write=True)
    assert outcome.changed == [] and outcome.problems == []
    for name in ("units.yaml", "systems.yaml"):
        assert (tmp_path / name).read_bytes() == (INJECTION / name).read_bytes()
    assert "name: \"'; DROP TABLE x; --\"\n" in (tmp_path / "units.yaml").read_text(encoding="utf-8")


def test_fmt_rewrites_then_check_passes(tmp_path, monkeypatch):
    (tmp_path / "units.yaml").write_text(MESSY_UNITS, encoding="utf-8")
    (tmp_path / "systems.yaml").write_text(MESSY_SYSTEMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check = fmt.format_registry(Path("."), write=False)
    assert [(p.file, p.line, p.rule) for p in check.problems] == [("units.yaml", 1, "fmt"), ("systems.yaml", 2, "fmt")]
    assert check.problems[0].message == (
        "not in canonical form (run mdd fmt): line 1 is 'units:', expected 'settings:'")
    written = fmt.format_registry(Path("."), write=True)
    assert written.changed == ["units.yaml", "systems.yaml"]
    assert (tmp_path / "units.yaml").read_text(encoding="utf-8") == MESSY_UNITS_CANONICAL
    assert fmt.format_registry(Path("."), write=False).problems == []


def test_fmt_never_rewrites_a_file_that_does_not_load(tmp_path, monkeypatch):
    broken = b"settings:\n  a: 1\n  a: 2\n"
    (tmp_path / "units.yaml").write_bytes(broken)
    monkeypatch.chdir(tmp_path)
    outcome = fmt.format_registry(Path("."), write=True)
    assert [p.text() for p in outcome.problems] == [
        'units.yaml:3:3: yaml-duplicate-key: duplicate key "a" (first at line 2); keep one']
    assert outcome.changed == []
    assert (tmp_path / "units.yaml").read_bytes() == broken


def test_first_difference_names_the_line():
    assert fmt.first_difference("a\nb\nc\n", "a\nB\nc\n") == (2, "b", "B")
    assert fmt.first_difference("a\n", "a\nb\n") == (2, "", "b")
