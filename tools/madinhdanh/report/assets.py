"""The page's stylesheet and its one script, inline in every report (no file, no network): the
script only shows and hides rows and columns already in the page (filters, search folding
case, diacritics and NFD input)."""

CSS = """\
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; padding: 0 16px 32px; color: var(--fg); background: var(--bg);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
main, .page-head, .page-foot { max-width: 1280px; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: 20px 0 2px; line-height: 1.25; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1rem; margin: 0 0 8px; }
h4 { font-size: 1rem; margin: 20px 0 6px; }
code { font: 0.9em ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.province { font-size: 1.15rem; margin: 0 0 10px; color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0 0 10px; }
.facts dt { font-size: 0.8rem; color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.toc { display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 8px 0; border-top: 1px solid var(--line); }
.toc a { color: var(--accent); }
.hint { color: var(--muted); margin: 4px 0 12px; }
.none, .empty { color: var(--muted); }
.sys-id, .dialect, .count { font-weight: normal; font-size: 0.85em; color: var(--muted); }
.sys-id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.dialect { border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; }
.system-progress { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); min-width: 0; }
.bar { height: 14px; border-radius: 7px; background: #e3e8ee; overflow: hidden; border: 1px solid #c4ccd5; }
.bar > span { display: block; height: 100%; background: #2f81f7; }
.bar-done > span { background: #1a7f37; }
.bar-unknown { background: repeating-linear-gradient(45deg, #e3e8ee 0 6px, #f6f8fa 6px 12px); }
.numbers { margin: 6px 0 2px; font-size: 1.05rem; }
.numbers .converted, .numbers .in-scope { font-weight: 700; }
.counts { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 16px; padding: 0; margin: 0 0 6px; color: var(--muted); }
.counts strong { color: var(--fg); }
.target, .error { margin: 4px 0 0; overflow-wrap: anywhere; }
.error { color: #a40e26; }
.legend { list-style: none; padding: 0; margin: 0 0 12px; display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 4px 16px; font-size: 0.9rem; }
.badge, .cell { white-space: nowrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; }
.sym { display: inline-block; min-width: 1em; text-align: center; font-weight: 700; }
.st-ok { background: #dafbe1; color: #116329; }
.st-stale { background: #fbefff; color: #6e40c9; box-shadow: inset 0 0 0 1px #d8b9ff; }
.st-wrong { background: #ffebe9; color: #a40e26; box-shadow: inset 0 0 0 1px #ff8182; }
.st-pending { background: #fff8c5; color: #7d4e00; }
.st-missing { background: #cf222e; color: #fff; }
.st-unknown { background: repeating-linear-gradient(45deg, #eaeef2 0 5px, #f6f8fa 5px 10px); color: #424a53; }
.st-out { background: transparent; color: #8c959f; }
.st-other { background: #eaeef2; color: #424a53; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; padding: 10px 12px; margin: 0 0 6px;
  border: 1px solid var(--line); border-radius: 8px; background: var(--soft); }
.filters label { display: flex; flex-direction: column; font-size: 0.8rem; color: var(--muted); gap: 2px; min-width: 0; }
.filters .grow { flex: 1 1 220px; }
.filters label:first-child select { width: 22em; }
.filters select, .filters input, .filters button { font: inherit; font-size: 0.95rem; color: var(--fg); padding: 6px 8px;
  border: 1px solid #b7c0ca; border-radius: 6px; background: #fff; max-width: 100%; }
.filters button { cursor: pointer; }
.shown { margin: 4px 0 8px; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); border-bottom: 2px solid var(--line); white-space: nowrap; }
.matrix th.code, .matrix td.code, td > code { white-space: nowrap; overflow-wrap: normal; }
.matrix tbody th { font-weight: normal; }
.matrix tbody th.code, .matrix thead th.code { position: sticky; left: 0; z-index: 1; background: var(--bg); }
.matrix thead th.code { background: var(--soft); }
.matrix td.name { min-width: 14em; }
.matrix td.unit-status, .matrix td.block { white-space: nowrap; }
.matrix th.sys { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-weight: 600; }
.us-closed { color: #a40e26; }
.outcome { padding: 0 6px; border-radius: 4px; white-space: nowrap; }
.out-good { background: #dafbe1; color: #116329; }
.out-back { background: #fff8c5; color: #7d4e00; }
.out-bad { background: #ffebe9; color: #a40e26; }
.kind { white-space: nowrap; font-weight: 600; }
.page-foot { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85rem; }
@media (max-width: 640px) {
  body { padding: 0 10px 24px; font-size: 14px; }
  h1 { font-size: 1.25rem; }
  .cards { grid-template-columns: 1fr; }
  .filters { flex-direction: column; align-items: stretch; }
  .filters label { width: 100%; }
  .filters label:first-child select { width: auto; }
  .filters .grow { flex: none; }
  /* the matrix as one card per unit: code, name, "Cấp n · khối · trạng thái", one line per system */
  .matrix-wrap { overflow: visible; }
  .matrix thead { display: none; }
  .matrix, .matrix tbody, .matrix tfoot, .matrix tr, .matrix td, .matrix tbody th { display: block; }
  .matrix tr { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 8px; padding: 6px 8px; }
  .matrix tbody th, .matrix td { border: 0; padding: 0; }
  .matrix tbody th.code { position: static; background: none; }
  .matrix td.name { min-width: 0; font-weight: 600; margin-bottom: 2px; }
  .matrix td.level, .matrix td.block, .matrix td.unit-status { display: inline; font-size: 0.85em; color: var(--muted); }
  .matrix td.unit-status.us-closed { color: #a40e26; }
  .matrix td.level::before { content: "Cấp "; }
  .matrix td.block::before, .matrix td.unit-status::before { content: " · "; color: var(--muted); }
  .matrix td.cell { display: flex; justify-content: space-between; gap: 8px; margin-top: 3px; padding: 2px 6px; border-radius: 4px; }
  .matrix td.cell::before { content: attr(data-system); font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
}
@media print {
  @page { margin: 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { padding: 0; font-size: 9pt; }
  .toc, .filters { display: none !important; }
  .scroll { overflow: visible; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, .system-progress, .legend li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  .matrix tbody th.code, .matrix thead th.code { position: static; }
  /* the whole width on paper: tables shrink and wrap instead of running off the page */
  table { font-size: 8pt; }
  th, td { padding: 2px 4px; }
  thead th, .badge, .cell, .kind, .outcome, .matrix td.block, .matrix td.unit-status { white-space: normal; }
  .matrix td.name { min-width: 0; }
  .cards { grid-template-columns: repeat(2, 1fr); }
  a { color: inherit; text-decoration: none; }
}"""

SCRIPT = r"""(function () {
  "use strict";
  // name or code, insensitive to case and diacritics: both sides NFD, combining marks dropped, đ → d
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u0111\u0110]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  var table = document.getElementById("matrix");
  if (!table) { return; }
  var systemSelect = document.getElementById("filter-system");
  var statusSelect = document.getElementById("filter-status");
  var levelSelect = document.getElementById("filter-level");
  var search = document.getElementById("filter-search");
  var shown = document.getElementById("shown-count");
  var note = document.getElementById("filter-note");
  var noMatch = document.getElementById("no-match");
  var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-system]"));
  var entries = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
    return {
      row: row,
      key: fold(row.getAttribute("data-search") || ""),
      level: row.getAttribute("data-level"),
      cells: Array.prototype.slice.call(row.querySelectorAll("td[data-system]"))
    };
  });
  var shownSystem = "";
  function chosen(select) {
    return select.value ? select.options[select.selectedIndex].text : "";
  }
  function update() {
    var system = systemSelect.value, status = statusSelect.value, level = levelSelect.value;
    var query = fold(search.value);
    var count = 0;
    var columns = system !== shownSystem;
    if (columns) {
      headers.forEach(function (th) { th.hidden = system !== "" && th.getAttribute("data-system") !== system; });
    }
    entries.forEach(function (entry) {
      var match = (level === "" || entry.level === level) && (query === "" || entry.key.indexOf(query) !== -1);
      if (match && status !== "") {
        match = entry.cells.some(function (cell) {
          return (system === "" || cell.getAttribute("data-system") === system) &&
            cell.getAttribute("data-status") === status;
        });
      }
      if (columns) {
        entry.cells.forEach(function (cell) {
          cell.hidden = system !== "" && cell.getAttribute("data-system") !== system;
        });
      }
      if (entry.row.hidden === match) { entry.row.hidden = !match; }  // touch only what changes
      if (match) { count += 1; }
    });
    shownSystem = system;
    shown.textContent = String(count);
    noMatch.hidden = count !== 0;
    var parts = [chosen(systemSelect), chosen(statusSelect), chosen(levelSelect)].filter(Boolean);
    if (search.value.trim()) { parts.push("“" + search.value.trim() + "”"); }
    note.textContent = parts.length ? " (lọc: " + parts.join("; ") + ")" : "";
  }
  [systemSelect, statusSelect, levelSelect].forEach(function (select) { select.addEventListener("change", update); });
  search.addEventListener("input", update);
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("filter-reset").addEventListener("click", function () {
    systemSelect.value = ""; statusSelect.value = ""; levelSelect.value = ""; search.value = "";
    update();
    search.focus();
  });
  update();
})();"""
