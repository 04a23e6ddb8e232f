"""The verify document (docs/verify-format.md) as one self-contained HTML page.

:func:`render` is pure: the same document gives the same bytes (no clock, no locale, no random
ids). Everything is rendered here, server-side, every value through :func:`html.escape`; the
inline script only shows and hides rows and columns that are already in the page (it reads the
``data-*`` attributes, never the document), so a name holding ``<script>`` or quotes stays text.
No network: inline CSS and JavaScript only, system fonts, no ``<link>``, no ``src=``.

Labels are Vietnamese (:mod:`.labels`; the README gives their English); :mod:`.document` says why a
document cannot be drawn (``mdd report --from`` refuses such a file).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from .assets import CSS, SCRIPT
from .labels import ACTIONS, BLOCKS, DIRECTIONS, EXCHANGE_KINDS, KINDS, OUTCOMES, STATUSES, UNIT_STATUSES

NONE = '<span class="none">—</span>'


# --- small pieces ------------------------------------------------------------------------------------

def _e(value: Any) -> str:
    """HTML-escaped text (quotes too: safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _text(value: Any) -> str:
    """A value as cell content: ``—`` for null, ``(trống)`` for an empty text."""
    if value is None:
        return NONE
    if value == "":
        return '<span class="none">(trống)</span>'
    return _e(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: Any) -> str:
    """An integer with Vietnamese digit grouping (12.345); anything else as text."""
    number = _int(value)
    if number is None:
        return _text(value)
    return f"{number:,}".replace(",", ".")


def _code(value: Any) -> str:
    return NONE if value in (None, "") else f"<code>{_e(value)}</code>"


def _when(value: Any) -> str:
    """An ISO 8601 time as dd/mm/yyyy hh:mm:ss with its offset, in a <time> element."""
    if value in (None, ""):
        return NONE
    text = str(value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _e(text)
    offset = moment.utcoffset()
    zone = ""
    if offset is not None:
        minutes = int(offset / timedelta(minutes=1))
        sign = "+" if minutes >= 0 else "-"
        zone = " UTC" if minutes == 0 else f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f'<time datetime="{_e(text)}">{_e(moment.strftime("%d/%m/%Y %H:%M:%S") + zone)}</time>'


def _label(labels: Mapping[str, str], value: Any) -> str:
    """The Vietnamese label of a known value; an unknown one as it is."""
    return _e(labels.get(value, value)) if isinstance(value, str) else _text(value)


def _status_badge(status: Any) -> tuple[str, str]:
    """(CSS class, inner HTML) of a unit's status in a system."""
    known = STATUSES.get(status) if isinstance(status, str) else None
    if known is None:
        return "st-other", f'<span class="st"><span class="sym" aria-hidden="true">·</span> {_text(status)}</span>'
    css, symbol, label, _ = known
    return css, f'<span class="st"><span class="sym" aria-hidden="true">{symbol}</span> {_e(label)}</span>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, css: str = "") -> str:
    """A table in a horizontally scrolling wrapper; ``headers`` are plain text, cells are HTML."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (f'<div class="scroll"><table class="{_e(css)}"><thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody></table></div>")


def _system_heading(system: Mapping[str, Any], level: int, anchor: str, extra: str = "") -> str:
    title = system.get("title") or system.get("id")
    return (f'<h{level} id="{_e(anchor)}-{_e(system.get("id"))}">{_e(title)} '
            f'<span class="sys-id">{_e(system.get("id"))}</span>{extra}</h{level}>')


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


# --- sections ----------------------------------------------------------------------------------------

def _header(document: Mapping[str, Any]) -> str:
    registry = _mapping(document.get("registry"))
    province = registry.get("province")
    sha = registry.get("sha256")
    sha_html = NONE if not sha else f'<code title="{_e(sha)}">{_e(str(sha)[:12])}…</code>'
    return f"""<header class="page-head">
<h1>Báo cáo chuyển đổi mã định danh điện tử</h1>
<p class="province">{_e(province) if province else NONE}</p>
<dl class="facts">
<div><dt>Thời điểm lập báo cáo</dt><dd id="generated-at">{_when(document.get("generated_at"))}</dd></div>
<div><dt>Số đơn vị trong sổ đăng ký</dt><dd id="registry-units">{_number(registry.get("units"))}</dd></div>
<div><dt>Số hệ thống</dt><dd>{_number(len(_systems(document)))}</dd></div>
<div><dt>Dấu kiểm sổ đăng ký (sha256)</dt><dd>{sha_html}</dd></div>
</dl>
<nav class="toc" aria-label="Mục lục"><a href="#tien-do">Tiến độ</a> <a href="#ma-tran">Ma trận đơn vị</a>
<a href="#sai-lech">Sai lệch</a> <a href="#nhat-ky">Lịch sử triển khai</a> <a href="#trao-doi">Trao đổi văn bản</a></nav>
</header>"""


def _progress(document: Mapping[str, Any]) -> str:
    cards = []
    for system in _systems(document):
        in_scope, converted = _int(system.get("in_scope")), _int(system.get("converted"))
        error = system.get("error")
        readable = not error and converted is not None
        per_mille = None
        if readable and in_scope and converted is not None:
            per_mille = min(1000, max(0, converted * 1000 // in_scope))  # floor: 99,9 % is not 100 %
        percent = NONE if per_mille is None else _e(
            f"{per_mille // 10}%" if per_mille % 10 == 0 else f"{per_mille // 10},{per_mille % 10}%")
        width = 0.0 if per_mille is None else per_mille / 10
        bar_css = "bar" + ("" if readable else " bar-unknown") + (" bar-done" if per_mille == 1000 else "")
        label = f"{system.get('id')}: {converted if readable else '?'} / {in_scope}"

        def shown(value: Any) -> str:
            return _number(value) if readable else "?"

        numbers = (f'<span class="converted">{shown(converted)}</span> / '
                   f'<span class="in-scope">{_number(in_scope)}</span> đơn vị đã chuyển đổi '
                   f'(<span class="percent">{percent}</span>)')
        counts = "".join(f'<li>{name}: <strong class="{css}">{shown(value)}</strong></li>' for name, css, value in (
            ("Chưa chuyển đổi", "pending", system.get("pending")), ("Thiếu", "missing", system.get("missing")),
            ("Sai lệch", "discrepancies", len(_list(system, "discrepancies")))))
        if error:
            where = f'<p class="error"><strong>Không đọc được hệ thống:</strong> {_e(error)}</p>'
        elif system.get("target"):
            where = f'<p class="target">Đích: <code>{_e(system.get("target"))}</code></p>'
        else:
            where = '<p class="target">Đích: <span class="none">chưa cấu hình</span></p>'
        dialect = system.get("dialect")
        dialect_html = f' <span class="dialect">{_e(dialect)}</span>' if dialect else ""
        cards.append(f"""<article class="system-progress" data-system="{_e(system.get("id"))}">
{_system_heading(system, 3, "tien-do", dialect_html)}
<div class="{bar_css}" role="progressbar" aria-label="{_e(label)}" aria-valuemin="0" \
aria-valuemax="{_e(in_scope)}" aria-valuenow="{_e(converted if readable else '')}"><span style="width: {width:.1f}%"></span></div>
<p class="numbers">{numbers}</p>
<ul class="counts">{counts}</ul>
{where}
</article>""")
    body = "\n".join(cards) or '<p class="empty">Không có hệ thống nào trong báo cáo.</p>'
    return f"""<section id="tien-do">
<h2>Tiến độ chuyển đổi theo hệ thống</h2>
<p class="hint">Đã chuyển đổi / thuộc phạm vi: số đơn vị mà hệ thống đang giữ theo mã hiện hành, trên số đơn vị hệ thống phải quản lý.</p>
<div class="cards">
{body}
</div>
</section>"""


def _matrix(document: Mapping[str, Any]) -> str:
    systems = _systems(document)
    units = [u for u in document.get("units") or () if isinstance(u, Mapping)]
    ids = [str(s.get("id")) for s in systems]
    legend = "\n".join(
        f'<li><span class="badge {css}"><span class="sym" aria-hidden="true">{symbol}</span> {_e(label)}</span> '
        f"{_e(meaning)}</li>" for css, symbol, label, meaning in STATUSES.values())
    system_options = "".join(f'<option value="{_e(s.get("id"))}">{_e(s.get("id"))} — {_e(s.get("title") or "")}'
                             "</option>" for s in systems)
    status_options = "".join(f'<option value="{_e(status)}">{_e(label)}</option>'
                             for status, (_, _, label, _) in STATUSES.items())
    levels = sorted({str(u.get("level")) for u in units if u.get("level") is not None},
                    key=lambda level: (not level.isdigit(), int(level) if level.isdigit() else 0, level))
    level_options = "".join(f'<option value="{_e(level)}">Cấp {_e(level)}</option>' for level in levels)
    heads = "".join(f'<th scope="col" class="sys" data-system="{_e(s.get("id"))}" title="{_e(s.get("title"))}">'
                    f'{_e(s.get("id"))}</th>' for s in systems)
    rows = []
    for unit in units:
        held = _mapping(unit.get("systems"))
        cells = []
        for system_id in ids:
            status = held.get(system_id, "unknown")
            css, inner = _status_badge(status)
            cells.append(f'<td class="cell {css}" data-system="{_e(system_id)}" data-status="{_e(status)}">'
                         f"{inner}</td>")
        search = f"{unit.get('name') or ''} {unit.get('code') or ''}"
        level = unit.get("level")
        unit_status = unit.get("status")
        rows.append(
            f'<tr data-unit="{_e(unit.get("id"))}" data-level="{_e(level)}" data-search="{_e(search)}">'
            f'<th scope="row" class="code">{_code(unit.get("code"))}</th><td class="name">{_text(unit.get("name"))}</td>'
            f'<td class="level">{_text(level)}</td><td class="block">{_label(BLOCKS, unit.get("block"))}</td>'
            f'<td class="unit-status us-{_e(unit_status) if unit_status in UNIT_STATUSES else "other"}">'
            f"{_label(UNIT_STATUSES, unit_status)}</td>" + "".join(cells) + "</tr>")
    total = len(units)
    return f"""<section id="ma-tran">
<h2>Ma trận đơn vị × hệ thống</h2>
<ul class="legend" aria-label="Chú giải">
{legend}
</ul>
<form class="filters" id="filters" role="search" aria-label="Lọc đơn vị">
<label>Hệ thống <select id="filter-system"><option value="">Tất cả hệ thống</option>{system_options}</select></label>
<label>Trạng thái <select id="filter-status"><option value="">Mọi trạng thái</option>{status_options}</select></label>
<label>Cấp <select id="filter-level"><option value="">Mọi cấp</option>{level_options}</select></label>
<label class="grow">Tìm kiếm <input id="filter-search" type="search" placeholder="Tên hoặc mã, có dấu hay không dấu" autocomplete="off" spellcheck="false"></label>
<button type="button" id="filter-reset">Xóa bộ lọc</button>
</form>
<p class="shown" aria-live="polite">Đang hiển thị <strong id="shown-count">{total}</strong> / <span id="total-count">{total}</span> đơn vị<span id="filter-note"></span></p>
<div class="scroll matrix-wrap"><table id="matrix" class="matrix">
<thead><tr><th scope="col" class="code">Mã định danh</th><th scope="col">Tên cơ quan, đơn vị</th><th scope="col">Cấp</th><th scope="col">Khối</th><th scope="col">Trạng thái</th>{heads}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
<tfoot><tr id="no-match" hidden><td colspan="{5 + len(systems)}">Không có đơn vị nào khớp bộ lọc.</td></tr></tfoot>
</table></div>
</section>"""


def _discrepancies(document: Mapping[str, Any]) -> str:
    parts = []
    for system in _systems(document):
        found = [d for d in _list(system, "discrepancies") if isinstance(d, Mapping)]
        count = "?" if system.get("error") else _number(len(found))
        heading = _system_heading(system, 4, "sai-lech", f' <span class="count">{count} sai lệch</span>')
        if system.get("error"):
            body = f'<p class="error">Không đọc được hệ thống: {_e(system.get("error"))}</p>'
        elif not found:
            body = '<p class="empty">Không có sai lệch.</p>'
        else:
            body = _table(
                ("Loại", "Bảng", "Cột", "Khóa", "Giá trị hiện có", "Giá trị đúng", "Đơn vị"),
                ((f'<span class="kind kind-{_e(d.get("kind")) if d.get("kind") in KINDS else "other"}">'
                  f'{_label(KINDS, d.get("kind"))}</span>',
                  _code(d.get("table")), _code(d.get("column")), _code(d.get("key")),
                  _text(d.get("found")), _text(d.get("expected")), _text(d.get("unit"))) for d in found),
                css="discrepancies")
        parts.append(f'<div class="per-system" data-system="{_e(system.get("id"))}">\n{heading}\n{body}\n</div>')
    return ('<section id="sai-lech">\n<h2>Sai lệch theo hệ thống</h2>\n'
            + ("\n".join(parts) or '<p class="empty">Không có hệ thống nào.</p>') + "\n</section>")


def _ledger(document: Mapping[str, Any]) -> str:
    parts = []
    for system in _systems(document):
        entries = [e for e in _list(system, "ledger") if isinstance(e, Mapping)]
        heading = _system_heading(system, 4, "nhat-ky", f' <span class="count">{_number(len(entries))} lần</span>')
        if not entries:
            body = ('<p class="empty">Chưa đọc được sổ nhật ký.</p>' if system.get("error")
                    else '<p class="empty">Chưa có lần triển khai nào.</p>')
        else:
            rows = []
            for entry in entries:
                outcome = entry.get("outcome")
                css, label = OUTCOMES.get(outcome, ("out-other", str(outcome))) if isinstance(outcome, str) \
                    else ("out-other", "")
                who = "@".join(str(part) for part in (entry.get("deployer"), entry.get("host")) if part)
                rows.append((_number(entry.get("id")), _when(entry.get("started_at")),
                             _label(ACTIONS, entry.get("action")), _code(entry.get("release_name")),
                             f'<span class="outcome {css}">{_e(label) if label else NONE}</span>',
                             _number(entry.get("codes")), _text(who or None), _text(entry.get("reason") or None)))
            body = _table(("Số", "Thời điểm", "Thao tác", "Bản phát hành", "Kết quả", "Số mã", "Người thực hiện",
                           "Lý do, ghi chú"), rows, css="ledger")
        parts.append(f'<div class="per-system" data-system="{_e(system.get("id"))}">\n{heading}\n{body}\n</div>')
    return ('<section id="nhat-ky">\n<h2>Lịch sử triển khai (sổ nhật ký)</h2>\n'
            + ("\n".join(parts) or '<p class="empty">Không có hệ thống nào.</p>') + "\n</section>")


def _exchange(document: Mapping[str, Any]) -> str:
    exchange = _mapping(document.get("exchange"))
    anomalies = [a for a in exchange.get("anomalies") or () if isinstance(a, Mapping)]
    titles = {str(s.get("id")): s.get("title") for s in _systems(document)}
    since = exchange.get("since")
    since_html = (f"Quét nhật ký trao đổi văn bản từ {_when(since)}." if since
                  else "Chưa biết thời điểm chuyển đổi: quét toàn bộ nhật ký trao đổi văn bản.")
    if not anomalies:
        body = '<p class="empty">Không có bất thường.</p>'
    else:
        rows = []
        for anomaly in anomalies:
            system_id = anomaly.get("system")
            suggested = anomaly.get("suggested")
            if isinstance(suggested, Mapping):
                suggested_html = f'{_code(suggested.get("code"))} {_text(suggested.get("name"))}'
            else:
                suggested_html = NONE
            kind = anomaly.get("kind")
            rows.append((f'<span title="{_e(titles.get(str(system_id), ""))}">{_text(system_id)}</span>',
                         _code(anomaly.get("code")),
                         f'<span class="kind xk-{_e(kind) if kind in EXCHANGE_KINDS else "other"}">'
                         f"{_label(EXCHANGE_KINDS, kind)}</span>",
                         _label(DIRECTIONS, anomaly.get("direction")), _code(anomaly.get("counterpart")),
                         _number(anomaly.get("count")), _when(anomaly.get("first")), _when(anomaly.get("last")),
                         suggested_html))
        body = _table(("Hệ thống", "Mã", "Loại", "Chiều", "Đơn vị đối tác", "Số lần", "Lần đầu", "Lần cuối",
                       "Đơn vị gợi ý"), rows, css="anomalies")
    return f"""<section id="trao-doi">
<h2>Bất thường trong trao đổi văn bản</h2>
<p class="hint">Văn bản gửi tới hoặc nhận từ một mã đã đóng, mã cũ hoặc mã không có trong sổ đăng ký. {since_html}</p>
{body}
</section>"""


def _systems(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s for s in document.get("systems") or () if isinstance(s, Mapping)]


def _list(mapping: Mapping[str, Any], key: str) -> list[Any]:
    value = mapping.get(key)
    return value if isinstance(value, list) else []


# --- the page ----------------------------------------------------------------------------------------

def render(document: Mapping[str, Any]) -> str:
    """The whole page (pure: the same document gives the same text)."""
    registry = _mapping(document.get("registry"))
    province = registry.get("province")
    title = "Báo cáo chuyển đổi mã định danh" + (f" — {province}" if province else "")
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mdd report">
<title>{_e(title)}</title>
<style>
{CSS}
</style>
</head>
<body>
{_header(document)}
<main>
{_progress(document)}
{_matrix(document)}
{_discrepancies(document)}
{_ledger(document)}
{_exchange(document)}
</main>
<footer class="page-foot">Lập bởi <code>mdd report</code> từ kết quả <code>mdd verify</code> (định dạng {_e(document.get("format"))}). Trang tĩnh, xem được khi không có mạng.</footer>
<script>
{SCRIPT}
</script>
</body>
</html>
"""
