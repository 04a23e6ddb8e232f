"""codes.py: the two code schemes, their error messages, and a property over every valid code."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from madinhdanh.codes import (
    QD20_MAX_LENGTH,
    Code,
    CodeError,
    parse,
    parse_qcvn102,
    parse_qd20,
    qd20_sort_key,
)

# --- qd20 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "groups", "level", "parent"),
    [
        ("H03", ("H03",), 1, None),
        ("H03.12", ("H03", "12"), 2, "H03"),
        ("H03.12.05", ("H03", "12", "05"), 3, "H03.12"),
        ("H03.12.05.01", ("H03", "12", "05", "01"), 4, "H03.12.05"),
        ("A00.ZZ.0A9", ("A00", "ZZ", "0A9"), 3, "A00.ZZ"),
        ("Y99.1", ("Y99", "1"), 2, "Y99"),
    ],
)
def test_parse_qd20_levels_groups_and_parent(text, groups, level, parent):
    code = parse_qd20(text)
    assert code == Code("qd20", groups)
    assert code.level == level
    assert code.level1 == groups[0]
    assert code.text == text
    assert str(code) == text
    assert (code.parent.text if code.parent else None) == parent


def test_parent_chain_of_qd20_reaches_level_1():
    code = parse_qd20("H03.12.05.01")
    chain = []
    while code is not None:
        chain.append(code.text)
        code = code.parent
    assert chain == ["H03.12.05.01", "H03.12.05", "H03.12", "H03"]


def test_qd20_of_exactly_35_characters_is_valid():
    text = "H03." + "1" * (QD20_MAX_LENGTH - 4)
    assert len(text) == 35
    assert parse_qd20(text).text == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("h03", 'group 1 "h03" has a character outside 0-9 A-Z: \'h\' (codes use capital letters)'),
        ("H03.ab", 'group 2 "ab" has a character outside 0-9 A-Z: \'a\' (codes use capital letters)'),
        ("H03.1A?", 'group 2 "1A?" has a character outside 0-9 A-Z: \'?\''),
        ("H03.1-2", 'group 2 "1-2" has a character outside 0-9 A-Z: \'-\''),
        ("H03. 1", 'group 2 " 1" has a character outside 0-9 A-Z: \' \''),
        ("H03.12.Ă", 'group 3 "Ă" has a character outside 0-9 A-Z: \'Ă\''),
        ("", "the code is empty"),
        ("H03..1", "group 2 is empty (two dots in a row, or a dot at an end)"),
        ("H03.", "group 2 is empty (two dots in a row, or a dot at an end)"),
        (".H03", "group 1 is empty (two dots in a row, or a dot at an end)"),
        ("H03." + "1" * 32, "the code has 36 characters; at most 35 are allowed"),
        ("Z03", 'group 1 "Z03" is not a level-1 code: a letter A-Y and two digits, like H03'),
        ("H3", 'group 1 "H3" is not a level-1 code: a letter A-Y and two digits, like H03'),
        ("H003.1", 'group 1 "H003" is not a level-1 code: a letter A-Y and two digits, like H03'),
        ("03H", 'group 1 "03H" is not a level-1 code: a letter A-Y and two digits, like H03'),
    ],
)
def test_parse_qd20_error_messages(text, message):
    with pytest.raises(CodeError) as caught:
        parse_qd20(text)
    assert str(caught.value) == message


def test_parse_qd20_refuses_a_non_string():
    with pytest.raises(CodeError) as caught:
        parse_qd20(12)  # type: ignore[arg-type]
    assert str(caught.value) == "a code must be a string, not int"


def test_parse_qd20_group_patterns_narrow_a_level():
    patterns = {2: re.compile("[0-9]{2}"), 3: re.compile("[0-9]{2}")}
    assert parse_qd20("H03.12.05", group_patterns=patterns).level == 3
    assert parse_qd20("H03.12.05.A", group_patterns=patterns).level == 4  # level 4 not narrowed
    with pytest.raises(CodeError) as caught:
        parse_qd20("H03.1", group_patterns=patterns)
    assert str(caught.value) == 'group 2 "1" does not match the level-2 pattern [0-9]{2}'
    with pytest.raises(CodeError) as caught:
        parse_qd20("H03.12.5A", group_patterns=patterns)
    assert str(caught.value) == 'group 3 "5A" does not match the level-3 pattern [0-9]{2}'


# --- QCVN 102 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "groups", "level", "parent"),
    [
        ("000.00.00.H03", ("H03",), 1, None),
        ("000.00.12.H03", ("H03", "12"), 2, "000.00.00.H03"),
        ("000.05.12.H03", ("H03", "12", "05"), 3, "000.00.12.H03"),
        ("001.05.12.H03", ("H03", "12", "05", "001"), 4, "000.05.12.H03"),
        ("999.99.99.Y99", ("Y99", "99", "99", "999"), 4, "000.99.99.Y99"),
    ],
)
def test_parse_qcvn102_groups_are_top_down(text, groups, level, parent):
    code = parse_qcvn102(text)
    assert code == Code("qcvn102", groups)
    assert code.level == level
    assert code.level1 == groups[0]
    assert code.text == text
    assert (code.parent.text if code.parent else None) == parent


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the code is empty"),
        ("000.00.H03", "a QCVN 102 code has 4 dot-separated groups (NNN.NN.NN.XNN), this one has 3"),
        ("000.00.00.00.H03", "a QCVN 102 code has 4 dot-separated groups (NNN.NN.NN.XNN), this one has 5"),
        ("H03", "a QCVN 102 code has 4 dot-separated groups (NNN.NN.NN.XNN), this one has 1"),
        ("00.00.00.H03", 'group 1 "00" must be 3 digits'),
        ("0000.00.00.H03", 'group 1 "0000" must be 3 digits'),
        ("000.0A.00.H03", 'group 2 "0A" must be 2 digits'),
        ("000.00.1.H03", 'group 3 "1" must be 2 digits'),
        ("000.00.٠٠.H03", 'group 3 "٠٠" must be 2 digits'),  # Arabic-Indic digits are not 0-9
        ("000.00.00.h03", 'the last group "h03" is not a level-1 code: a letter A-Y and two digits, like H03'
                          ' (codes use capital letters)'),
        ("000.00.00.Z03", 'the last group "Z03" is not a level-1 code: a letter A-Y and two digits, like H03'),
        ("001.00.12.H03",
         'the level-4 group "001" is not zero but the level-3 group "00" is: a unit cannot sit below a missing level'),
        ("000.05.00.H03",
         'the level-3 group "05" is not zero but the level-2 group "00" is: a unit cannot sit below a missing level'),
        ("001.00.00.H03",
         'the level-4 group "001" is not zero but the level-2 group "00" is: a unit cannot sit below a missing level'),
        ("001.05.00.H03",
         'the level-3 group "05" is not zero but the level-2 group "00" is: a unit cannot sit below a missing level'),
    ],
)
def test_parse_qcvn102_error_messages(text, message):
    with pytest.raises(CodeError) as caught:
        parse_qcvn102(text)
    assert str(caught.value) == message


def test_parse_qcvn102_refuses_a_non_string():
    with pytest.raises(CodeError) as caught:
        parse_qcvn102(None)  # type: ignore[arg-type]
    assert str(caught.value) == "a code must be a string, not NoneType"


def test_parse_dispatches_on_the_scheme():
    assert parse("H03.12", "qd20") == Code("qd20", ("H03", "12"))
    assert parse("000.00.12.H03", "qcvn102") == Code("qcvn102", ("H03", "12"))
    with pytest.raises(ValueError) as caught:
        parse("H03", "qd21")  # type: ignore[arg-type]
    assert str(caught.value) == "unknown code scheme 'qd21'; known: qd20, qcvn102"


def test_code_error_is_a_value_error():
    assert issubclass(CodeError, ValueError)


# --- ordering ---------------------------------------------------------------------------------


def test_qd20_sort_key_orders_numbers_numerically_group_by_group():
    codes = ["H03.A", "H03.10.1", "H03.10", "H03", "H03.2", "H03.2.10", "H03.2.9", "H03.02.1X"]
    assert sorted(codes, key=qd20_sort_key) == [
        "H03", "H03.2", "H03.2.9", "H03.2.10", "H03.02.1X", "H03.10", "H03.10.1", "H03.A"]
    assert qd20_sort_key("H03.2") < qd20_sort_key("H03.10")
    assert qd20_sort_key("H03.10") < qd20_sort_key("H03.10.1") < qd20_sort_key("H03.A")
    assert qd20_sort_key("H03.99") < qd20_sort_key("H03.1A")  # numbers before letters in a group


def test_qd20_sort_key_never_fails_on_text_that_merely_looks_like_digits():
    # "²" and "①" are str.isdigit() but not int(); a sort key must not raise on any string
    # (mdd fmt sorts units of files that have not been validated yet).
    for text in ("H03.²", "H03.①", "H03.٣"):
        qd20_sort_key(text)


# --- property: every valid code parses, prints back, and has a consistent parent ---------------

_DIGIT = "0123456789"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@st.composite
def qd20_codes(draw: st.DrawFn) -> str:
    level1 = draw(st.sampled_from(_UPPER[:-1])) + draw(st.text(_DIGIT, min_size=2, max_size=2))
    groups = [level1]
    length = len(level1)
    for _ in range(draw(st.integers(0, 12))):
        room = QD20_MAX_LENGTH - length - 1
        if room < 1:
            break
        group = draw(st.text(_DIGIT + _UPPER, min_size=1, max_size=room))
        groups.append(group)
        length += 1 + len(group)
    return ".".join(groups)


@st.composite
def qcvn102_codes(draw: st.DrawFn) -> str:
    level = draw(st.integers(1, 4))
    level1 = draw(st.sampled_from(_UPPER[:-1])) + draw(st.text(_DIGIT, min_size=2, max_size=2))
    written = []  # level 2, 3, 4 with widths 2, 2, 3
    for below_level, width in ((2, 2), (3, 2), (4, 3)):
        if below_level <= level:
            written.append(draw(st.text(_DIGIT, min_size=width, max_size=width).filter(lambda g: g.strip("0"))))
        else:
            written.append("0" * width)
    return f"{written[2]}.{written[1]}.{written[0]}.{level1}"


@given(st.one_of(qd20_codes().map(lambda t: ("qd20", t)), qcvn102_codes().map(lambda t: ("qcvn102", t))))
def test_every_valid_code_round_trips_with_a_consistent_parent(scheme_and_text):
    scheme, text = scheme_and_text
    code = parse(text, scheme)  # type: ignore[arg-type]
    assert code.scheme == scheme
    assert code.text == text
    assert parse(code.text, scheme) == code  # type: ignore[arg-type]
    if scheme == "qd20":
        assert code.groups == tuple(text.split("."))
    parent = code.parent
    if code.level == 1:
        assert parent is None
        return
    assert parent is not None
    assert parent.level == code.level - 1
    assert parent.groups == code.groups[:-1]
    assert parent.level1 == code.level1
    assert parse(parent.text, scheme) == parent  # type: ignore[arg-type]


@given(qcvn102_codes())
def test_qcvn102_level_is_the_number_of_non_zero_groups(text):
    written = text.split(".")
    assert parse_qcvn102(text).level == 1 + sum(1 for g in written[:3] if g.strip("0"))


@given(qd20_codes(), st.sampled_from(list("abcxyz?-_ /éĂ")), st.data())
def test_one_bad_character_is_named_with_its_group(text, bad, data):
    groups = text.split(".")
    index = data.draw(st.integers(0, len(groups) - 1))
    position = data.draw(st.integers(0, len(groups[index])))
    groups[index] = groups[index][:position] + bad + groups[index][position:]
    broken = ".".join(groups)
    if len(broken) > QD20_MAX_LENGTH:
        return
    with pytest.raises(CodeError) as caught:
        parse_qd20(broken)
    message = str(caught.value)
    assert message.startswith(f'group {index + 1} "{groups[index]}" has a character outside 0-9 A-Z: {bad!r}')
