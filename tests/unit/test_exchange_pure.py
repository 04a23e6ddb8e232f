"""The exchange monitor's pure part (madinhdanh/exchange.py): classifying exchange-log messages into
closed / old / unknown anomalies, grouping, the cutover filter, suggestions, the JSON form, the fix
list, and the SQL it would send (built from a dialect, no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
import sqlglot

from madinhdanh import exchange
from madinhdanh.exchange import Anomaly, Suggestion, as_json, classify, cutover, fix_list, local_time
from madinhdanh.model import Registry, System
from madinhdanh.render.dialects import dialect as make_dialect
from madinhdanh.targets import exchangelog

SEVEN = timezone(timedelta(hours=7))
ACT = {"number": "1350/QĐ-UBND", "date": "2021-12-02", "issuer": "UBND tỉnh Bắc Giang"}
CLOSE = {"number": "9001/QĐ-UBND", "date": "2024-11-01"}


def unit(unit_id: str, code: str, **extra: Any) -> dict[str, Any]:
    return {"id": unit_id, "code": code, "name": extra.pop("name", unit_id), "block": "state",
            "status": extra.pop("status", "active"), "decision": ACT, **extra}


def closed(unit_id: str, code: str, reason: str, *successors: str, **extra: Any) -> dict[str, Any]:
    return unit(unit_id, code, status="closed",
                closed={"date": "2024-11-01", "decision": CLOSE, "reason": reason, "successors": list(successors)},
                **extra)


REGISTRY = Registry.from_documents({
    "settings": {"province": "Bắc Giang", "level1_code": "H03"},
    "units": [
        unit("ubnd-tinh", "H03", name="UBND tỉnh Bắc Giang", code102="000.00.00.H03"),
        unit("so-noi-vu", "H03.01", name="Sở Nội vụ", code102="000.00.03.H03",
             history=[{"code": "H03.35", "until": "2021-12-02", "decision": ACT}],
             legacy={"qlvb_state": "SNV", "portal": "so-noi-vu-portal"}),
        unit("so-tai-chinh", "H03.02", name="Sở Tài chính", code102="000.00.04.H03"),
        unit("huyen-son-dong", "H03.45", name="UBND huyện Sơn Động", code102="000.00.33.H03"),
        closed("xa-a", "H03.45.33", "merged", "xa-b", name="UBND xã A", code102="000.13.33.H03"),
        closed("xa-b", "H03.45.34", "merged", "xa-c", name="UBND xã B"),
        unit("xa-c", "H03.45.35", name="UBND xã C"),
        closed("phong-y-te", "H03.45.09", "dissolved", name="Phòng Y tế huyện Sơn Động", code102="000.49.33.H03"),
        closed("phong-noi-vu", "H03.45.10", "merged", "so-noi-vu", name="Phòng Nội vụ"),
    ],
})
SYSTEM = "qlvb_state"
SNV = Suggestion("so-noi-vu", "H03.01", "Sở Nội vụ")
XA_C = Suggestion("xa-c", "H03.45.35", "UBND xã C")


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A local (naive) time on day ``day`` of December 2025, as a log holds it."""
    return datetime(2025, 12, day, hour, minute)


def local(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return at(day, hour, minute).replace(tzinfo=SEVEN)


def only(anomalies: list[Anomaly], code: str, direction: str = "received") -> Anomaly:
    (found,) = [a for a in anomalies if a.code == code and a.direction == direction]
    return found


# --- kinds -----------------------------------------------------------------------------------------

def test_current_codes_of_active_units_are_not_reported() -> None:
    assert classify(REGISTRY, SYSTEM, [("H03", "H03.01", at(1), "DA_NHAN"), ("H03.45", "H03.45.35", at(2), "DA_GUI")],
                    None) == []


@pytest.mark.parametrize(("code", "kind", "suggested"), [
    ("H03.45.33", "closed", XA_C),  # merged into xa-b, itself merged into xa-c: the chain ends at xa-c
    ("H03.45.34", "closed", XA_C),
    ("H03.45.10", "closed", SNV),
    ("H03.45.09", "closed", Suggestion("phong-y-te", "H03.45.09", "Phòng Y tế huyện Sơn Động")),  # dissolved
    ("000.00.03.H03", "old", SNV),  # QCVN 102
    ("H03.35", "old", SNV),  # history
    ("SNV", "old", SNV),  # legacy identifier in this system
    ("000.13.33.H03", "old", XA_C),  # the QCVN 102 code of a closed unit: old, meant its successor
    ("000.49.33.H03", "old", Suggestion("phong-y-te", "H03.45.09", "Phòng Y tế huyện Sơn Động")),
    ("so-noi-vu-portal", "unknown", None),  # another system's legacy identifier means nothing here
    ("H03.99.99", "unknown", None),
    ("000.99.99.H03", "unknown", None),
    ("H03.01.", "unknown", None),  # not a code at all
    ("h03.01", "unknown", None),  # compared exactly (codes are upper case)
])
def test_each_kind_and_its_suggestion(code: str, kind: str, suggested: Suggestion | None) -> None:
    (anomaly,) = classify(REGISTRY, SYSTEM, [("H03", code, at(3), "LOI")], None)
    assert anomaly == Anomaly(system=SYSTEM, code=code, kind=kind, direction="received", counterpart="H03",
                              count=1, first=local(3), last=local(3), suggested=suggested,
                              statuses=(("LOI", 1),))


def test_legacy_identifiers_of_the_scanned_system_only() -> None:
    portal = classify(REGISTRY, "portal", [("so-noi-vu-portal", "SNV", at(1), None)], None)
    assert [(a.code, a.kind, a.direction, a.suggested) for a in portal] == [
        ("SNV", "unknown", "received", None), ("so-noi-vu-portal", "old", "sent", SNV)]


def test_a_system_value_works_like_its_id() -> None:
    system = System.from_document({"id": "qlvb_state", "title": "QLVB", "dialect": "sqlite", "identifier": "code102",
                                   "scope": {"blocks": ["state"], "levels": [1, 2], "statuses": ["active"]}})
    rows = [("SNV", "H03", at(1), "DA_GUI")]
    assert classify(REGISTRY, system, rows) == classify(REGISTRY, SYSTEM, rows)


def test_agencies_outside_the_province_are_not_reported() -> None:
    rows = [("H03", "000.00.00.G22", at(1), "DA_GUI"), ("G22", "H03", at(1), "DA_NHAN"),
            ("H03.01", "G17.05", at(2), "DA_GUI")]
    assert classify(REGISTRY, SYSTEM, rows, None) == []


def test_blank_ends_and_padding() -> None:
    rows = [("H03   ", " 000.00.03.H03 ", at(1), "DA_NHAN "), (None, "", at(1), "LOI")]
    (anomaly,) = classify(REGISTRY, SYSTEM, rows, None)
    assert (anomaly.code, anomaly.counterpart, anomaly.statuses) == ("000.00.03.H03", "H03", (("DA_NHAN", 1),))


def test_both_ends_of_one_message_are_judged() -> None:
    anomalies = classify(REGISTRY, SYSTEM, [("000.00.03.H03", "H03.45.33", at(1), "LOI")], None)
    assert [(a.code, a.kind, a.direction, a.counterpart) for a in anomalies] == [
        ("000.00.03.H03", "old", "sent", "H03.45.33"), ("H03.45.33", "closed", "received", "000.00.03.H03")]


# --- grouping, counts, times ------------------------------------------------------------------------

def test_grouped_by_code_kind_direction_and_counterpart() -> None:
    rows = [
        ("H03", "000.00.03.H03", at(5, 10), "DA_NHAN"),
        ("H03", "000.00.03.H03", at(2, 8), "LOI"),
        ("H03", "000.00.03.H03", at(9, 17, 30), "DA_NHAN"),
        ("H03.02", "000.00.03.H03", at(4), "DA_NHAN"),  # another counterpart: another group
        ("000.00.03.H03", "H03", at(6), "DA_GUI"),  # sent by the old code: another direction
        ("H03", "H03.45.33", at(7), "LOI"),
    ]
    anomalies = classify(REGISTRY, SYSTEM, rows, None)
    assert [(a.code, a.direction, a.counterpart, a.count) for a in anomalies] == [
        ("000.00.03.H03", "received", "H03", 3),
        ("000.00.03.H03", "received", "H03.02", 1),
        ("000.00.03.H03", "sent", "H03", 1),
        ("H03.45.33", "received", "H03", 1),
    ]
    main = anomalies[0]
    assert (main.first, main.last) == (local(2, 8), local(9, 17, 30))
    assert main.statuses == (("DA_NHAN", 2), ("LOI", 1))


def test_order_is_count_descending_then_code() -> None:
    rows = [("H03", "H03.99.01", at(1), None)] + [("H03", "H03.99.02", at(1), None)] * 2 + [
        ("H03", "000.00.03.H03", at(1), None)]
    assert [(a.code, a.count) for a in classify(REGISTRY, SYSTEM, rows, None)] == [
        ("H03.99.02", 2), ("000.00.03.H03", 1), ("H03.99.01", 1)]
    assert [a.code for a in exchange.sort([*classify(REGISTRY, "zeta", rows[:1]),
                                           *classify(REGISTRY, "alpha", rows[3:])])] == ["000.00.03.H03", "H03.99.01"]


def test_times_as_text_or_aware_values() -> None:
    rows = [("H03", "H03.99.01", "2025-12-01 09:00:00", None),
            ("H03", "H03.99.01", "2025-12-03T09:00:00", None),
            ("H03", "H03.99.01", datetime(2025, 12, 4, 2, 0, tzinfo=UTC), None),  # 09:00 in Bắc Giang
            ("H03", "H03.99.01", "2025-12-02T02:00:00+00:00", None)]
    (anomaly,) = classify(REGISTRY, SYSTEM, rows, None)
    assert (anomaly.count, anomaly.first, anomaly.last) == (4, local(1), local(4))
    with pytest.raises(ValueError, match="not an ISO 8601 time"):
        classify(REGISTRY, SYSTEM, [("H03", "H03.99.01", "hôm qua", None)], None)
    with pytest.raises(ValueError, match="not a time"):
        classify(REGISTRY, SYSTEM, [("H03", "H03.99.01", 1733000000, None)], None)


# --- since -----------------------------------------------------------------------------------------

ROWS = [("H03", "000.00.03.H03", at(1, 22, 30), "DA_NHAN"),  # before the cutover
        ("H03", "000.00.03.H03", at(1, 23, 0), "DA_NHAN"),  # at it: reported
        ("H03", "000.00.03.H03", at(2), "LOI"),
        ("H03", "H03.45.33", at(1, 12), "LOI")]  # before it: not reported


@pytest.mark.parametrize("since", [at(1, 23), local(1, 23), datetime(2025, 12, 1, 16, 0, tzinfo=UTC),
                                   "2025-12-01T23:00:00", "2025-12-01 23:00", "2025-12-01T16:00:00+00:00"])
def test_messages_before_since_are_not_reported(since: datetime | str) -> None:
    (anomaly,) = classify(REGISTRY, SYSTEM, ROWS, since)
    assert (anomaly.code, anomaly.count, anomaly.first, anomaly.last) == ("000.00.03.H03", 2, local(1, 23), local(2))


def test_without_since_every_message_counts() -> None:
    anomalies = classify(REGISTRY, SYSTEM, ROWS, None)
    assert [(a.code, a.count) for a in anomalies] == [("000.00.03.H03", 3), ("H03.45.33", 1)]
    assert classify(REGISTRY, SYSTEM, ROWS, "2025-12-03") == []


def entry(entry_id: int, started_at: str, action: str = "apply", outcome: str = "applied") -> Any:
    return SimpleNamespace(id=entry_id, started_at=started_at, action=action, outcome=outcome)


def test_cutover_is_the_newest_applied_apply_in_local_time() -> None:
    assert cutover([]) is None
    assert cutover([entry(1, "2025-01-04T16:00:00+00:00", outcome="refused")]) is None
    entries = [entry(1, "2025-01-04T16:00:00+00:00"), entry(2, "2025-01-11T15:30:00+00:00"),
               entry(3, "2025-01-12T01:00:00+00:00", "rollback", "rolled back"),
               entry(4, "2025-01-18T16:00:00+00:00", outcome="failed")]
    assert cutover(entries) == datetime(2025, 1, 11, 22, 30, tzinfo=SEVEN)
    assert exchange.iso(cutover(entries)) == "2025-01-11T22:30:00+07:00"
    assert cutover([entry(1, "2025-01-04T16:00:00")]) == datetime(2025, 1, 4, 23, 0, tzinfo=SEVEN)  # naive: UTC


def test_local_time() -> None:
    assert local_time("2025-12-01") == datetime(2025, 12, 1, tzinfo=SEVEN)
    assert local_time(datetime(2025, 12, 1).date()) == datetime(2025, 12, 1, tzinfo=SEVEN)
    assert local_time("2025-11-30T17:00:00Z") == datetime(2025, 12, 1, tzinfo=SEVEN)


# --- output ----------------------------------------------------------------------------------------

def test_as_json_is_the_contract_entry() -> None:
    anomalies = classify(REGISTRY, SYSTEM, [("H03", "000.00.03.H03", at(1, 8), "LOI"),
                                            ("H03", "000.00.03.H03", at(2, 9, 30), "DA_NHAN"),
                                            ("H03", "H03.99.99", at(3), "LOI")], None)
    assert [as_json(a) for a in anomalies] == [
        {"system": "qlvb_state", "code": "000.00.03.H03", "kind": "old", "direction": "received",
         "counterpart": "H03", "count": 2, "first": "2025-12-01T08:00:00+07:00",
         "last": "2025-12-02T09:30:00+07:00", "suggested": {"id": "so-noi-vu", "code": "H03.01", "name": "Sở Nội vụ"},
         "statuses": {"DA_NHAN": 1, "LOI": 1}},
        {"system": "qlvb_state", "code": "H03.99.99", "kind": "unknown", "direction": "received",
         "counterpart": "H03", "count": 1, "first": "2025-12-03T09:00:00+07:00",
         "last": "2025-12-03T09:00:00+07:00", "suggested": None, "statuses": {"LOI": 1}},
    ]


def test_fix_list() -> None:
    anomalies = classify(REGISTRY, SYSTEM, [("H03", "000.00.03.H03", at(1, 8), "LOI"),
                                            ("H03", "000.00.03.H03", at(2, 9, 30), "DA_NHAN"),
                                            ("H03.45.33", "H03", at(3), None),
                                            ("H03", "H03.99.99", at(3), "LOI")], "2025-11-29T15:00:00+00:00")
    result = {"since": "2025-11-29T22:00:00+07:00", "since_by_system": {"qlvb_state": "2025-11-29T22:00:00+07:00",
                                                                        "other": None},
              "anomalies": [as_json(a) for a in anomalies], "errors": {"portal": "MDD_PORTAL_DSN is not set"}}
    assert fix_list(result) == (
        "other (all messages, Asia/Ho_Chi_Minh time): no exchange anomalies\n"
        "qlvb_state (since 2025-11-29 22:00, Asia/Ho_Chi_Minh time): 3 exchange anomalies\n"
        "  000.00.03.H03  old, received from H03, 2 messages (DA_NHAN 1, LOI 1), 2025-12-01 08:00 – 2025-12-02 09:30"
        " → H03.01 Sở Nội vụ\n"
        "  H03.45.33  closed, sent to H03, 1 message, 2025-12-03 09:00 → H03.45.35 UBND xã C\n"
        "  H03.99.99  unknown, received from H03, 1 message (LOI 1), 2025-12-03 09:00"
        " → no suggestion: check the address\n"
        "portal: not read: MDD_PORTAL_DSN is not set\n")
    assert fix_list({"since": None, "anomalies": [], "errors": {}}) == "no exchange log to scan\n"


# --- the SQL (built from the dialect alone) ------------------------------------------------------------

LOG = {"table": "lt_nhatky", "sender": "ma_noi_gui", "receiver": "ma_noi_nhan", "time": "thoi_gian",
       "status": "trang_thai"}
SQLGLOT = {"sqlite": "sqlite", "postgresql": "postgres", "mysql": "mysql", "mssql": "tsql", "oracle": "oracle"}


@pytest.mark.parametrize("name", sorted(SQLGLOT))
def test_one_select_with_a_day_early_time_filter(name: str) -> None:
    target: Any = SimpleNamespace(sql=make_dialect(name))
    statement = exchangelog.select_log(target, LOG, local(2, 23, 0))
    sqlglot.parse_one(statement, read=SQLGLOT[name])  # valid in the dialect
    assert "2025-12-01" in statement and "2025-12-02" not in statement
    assert statement.count("SELECT") == 1 and "lt_nhatky" in statement.lower().replace('"', "")
    if name == "sqlite":
        assert statement.endswith(""""thoi_gian" >= '2025-12-01'""")
    everything = exchangelog.select_log(target, {**LOG, "status": None}, None)
    assert "WHERE" not in everything and ", NULL FROM" in everything
