-- madinhdanh check.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), dialect mssql (declared: oracle)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-6be0d49d4be80434abf3; template set tthc
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in coquan.ma_coquan (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'coquan' AS table_name, N'ma_coquan' AS column_name, CAST(t.[ma_coquan] AS NVARCHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM [coquan] t
  JOIN #mdd_tmp_map m ON t.[ma_coquan] = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM #mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in thutuc.ma_coquan_thuchien (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'thutuc' AS table_name, N'ma_coquan_thuchien' AS column_name, CAST(t.[ma_coquan_thuchien] AS NVARCHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM [thutuc] t
  JOIN #mdd_tmp_map m ON t.[ma_coquan_thuchien] = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM #mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in thutuc.ma_coquan_thuchien (on_close: repoint)
SELECT N'closed' AS problem, N'thutuc' AS table_name, N'ma_coquan_thuchien' AS column_name, CAST(t.[ma_coquan_thuchien] AS NVARCHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM [thutuc] t
  JOIN #mdd_tmp_repoint m ON t.[ma_coquan_thuchien] = m.old_code;


-- every unit the bundle adds is in coquan, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t.[ma_coquan] IS NULL THEN N'missing' ELSE N'attribute' END AS problem, N'coquan' AS table_name,
       CASE WHEN t.[ma_coquan] IS NULL THEN N'ma_coquan' WHEN (t.[ten_coquan] <> r.unit_name OR (t.[ten_coquan] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_coquan] IS NOT NULL AND r.unit_name IS NULL)) THEN N'ten_coquan' WHEN (t.[ma_coquan_cha] <> r.parent_code OR (t.[ma_coquan_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_coquan_cha] IS NOT NULL AND r.parent_code IS NULL)) THEN N'ma_coquan_cha' WHEN (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)) THEN N'trang_thai' END AS column_name,
       r.code AS row_key,
       CASE WHEN t.[ma_coquan] IS NULL THEN r.code WHEN (t.[ten_coquan] <> r.unit_name OR (t.[ten_coquan] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_coquan] IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(t.[ten_coquan] AS NVARCHAR(1000)) WHEN (t.[ma_coquan_cha] <> r.parent_code OR (t.[ma_coquan_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_coquan_cha] IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(t.[ma_coquan_cha] AS NVARCHAR(1000)) WHEN (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(t.[trang_thai] AS NVARCHAR(1000)) END AS found,
       CASE WHEN t.[ma_coquan] IS NULL THEN r.code WHEN (t.[ten_coquan] <> r.unit_name OR (t.[ten_coquan] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_coquan] IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(r.unit_name AS NVARCHAR(1000)) WHEN (t.[ma_coquan_cha] <> r.parent_code OR (t.[ma_coquan_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_coquan_cha] IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(r.parent_code AS NVARCHAR(1000)) WHEN (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(r.unit_status AS NVARCHAR(1000)) END AS expected
  FROM #mdd_tmp_rows r
  LEFT JOIN [coquan] t ON t.[ma_coquan] = r.code
 WHERE (t.[ma_coquan] IS NULL AND r.is_add = 1)
    OR (t.[ma_coquan] IS NOT NULL AND ((t.[ten_coquan] <> r.unit_name OR (t.[ten_coquan] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_coquan] IS NOT NULL AND r.unit_name IS NULL))
                                   OR (t.[ma_coquan_cha] <> r.parent_code OR (t.[ma_coquan_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_coquan_cha] IS NOT NULL AND r.parent_code IS NULL))
                                   OR (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL))));
