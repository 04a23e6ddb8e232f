"""The column vocabulary shared by import and export.

A decision's annex names its columns in many ways (``Mã định danh``, ``MÃ ĐỊNH DANH``,
``Ma dinh danh``, ``Mã ĐDĐT``…). Headers are compared by :func:`header_key`: NFC, case-folded,
diacritics and ``đ`` removed, punctuation and spaces collapsed. Each registry field has the
title the export writes (Vietnamese) and the other spellings the import accepts; a mapping
file (``--map``) adds more.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    """A registry field as a table column: ``field`` is a dotted path into a unit
    (``contact.email``); ``title`` is what exports write; ``aliases`` what imports also accept."""

    field: str
    title: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("row", "STT", ("so thu tu", "tt", "no")),
    Column("id", "Mã nội bộ (id)", ("id", "ma noi bo", "ma noi bo id")),
    Column("name", "Tên cơ quan, đơn vị", ("ten co quan don vi", "ten don vi", "ten co quan", "ten", "name",
                                           "ten co quan to chuc", "ten to chuc")),
    Column("short_name", "Tên viết tắt", ("ten viet tat", "short name")),
    Column("code", "Mã định danh", ("ma dinh danh", "ma dinh danh dien tu", "ma dddt", "ma qd20",
                                    "ma dinh danh moi", "code")),
    Column("code102", "Mã QCVN 102", ("ma qcvn 102", "ma qcvn102", "ma qcvn 102 2016", "ma cu", "ma dinh danh cu",
                                      "ma theo qcvn 102", "code102")),
    Column("parent", "Cơ quan chủ quản", ("co quan chu quan", "don vi chu quan", "co quan cap tren", "parent")),
    Column("block", "Khối", ("khoi", "block")),
    Column("status", "Trạng thái", ("trang thai", "status")),
    Column("contact.address", "Địa chỉ", ("dia chi", "address")),
    Column("contact.email", "Thư điện tử", ("email", "e mail", "thu dien tu", "hop thu dien tu")),
    Column("contact.phone", "Điện thoại", ("dien thoai", "so dien thoai", "phone", "dt")),
    Column("contact.fax", "Fax", ("fax", "so fax")),
    Column("contact.website", "Trang thông tin điện tử", ("website", "trang thong tin dien tu", "cong thong tin dien tu",
                                                          "trang web")),
    Column("decision.number", "Số quyết định", ("so quyet dinh", "quyet dinh", "so qd", "qd ban hanh")),
    Column("decision.date", "Ngày ban hành", ("ngay ban hanh", "ngay quyet dinh", "ngay qd")),
    Column("decision.issuer", "Cơ quan ban hành", ("co quan ban hanh", "noi ban hanh")),
    Column("note", "Ghi chú", ("ghi chu", "note")),
)
BY_FIELD: Mapping[str, Column] = {column.field: column for column in COLUMNS}

_SEPARATORS = re.compile(r"[\s\-_/.,:;()\[\]]+")


def header_key(text: str) -> str:
    """A header as compared: ``"  MÃ  ĐỊNH-DANH "`` → ``"ma dinh danh"``."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").replace("đ", "d")
    return _SEPARATORS.sub(" ", text).strip()


def vocabulary(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Header key → field, from every title and alias, plus ``extra`` (header text → field)."""
    known: dict[str, str] = {}
    for column in COLUMNS:
        for spelling in (column.title, *column.aliases):
            known[header_key(spelling)] = column.field
    for header, name in (extra or {}).items():
        known[header_key(header)] = name
    return known


def match_headers(headers: Iterable[str], extra: Mapping[str, str] | None = None) -> dict[int, str]:
    """Column index → field for every header the vocabulary knows (unknown headers are left out)."""
    known = vocabulary(extra)
    return {index: known[header_key(h)] for index, h in enumerate(headers) if h and header_key(h) in known}
