-- madinhdanh check.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect mssql (declared: postgresql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in cauhinh_donvi.ma_donvi (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'cauhinh_donvi' AS table_name, N'ma_donvi' AS column_name, CAST(t.[ma_donvi] AS NVARCHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM [cauhinh_donvi] t
  JOIN #mdd_tmp_map m ON t.[ma_donvi] = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM #mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);


-- every unit the bundle adds is in cauhinh_donvi, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t.[ma_donvi] IS NULL THEN N'missing' ELSE N'attribute' END AS problem, N'cauhinh_donvi' AS table_name,
       CASE WHEN t.[ma_donvi] IS NULL THEN N'ma_donvi' WHEN (t.[ten_donvi] <> r.unit_name OR (t.[ten_donvi] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_donvi] IS NOT NULL AND r.unit_name IS NULL)) THEN N'ten_donvi' WHEN (t.[ma_donvi_cha] <> r.parent_code OR (t.[ma_donvi_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_donvi_cha] IS NOT NULL AND r.parent_code IS NULL)) THEN N'ma_donvi_cha' WHEN (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)) THEN N'trang_thai' WHEN (t.[cap] <> r.unit_level OR (t.[cap] IS NULL AND r.unit_level IS NOT NULL) OR (t.[cap] IS NOT NULL AND r.unit_level IS NULL)) THEN N'cap' END AS column_name,
       r.code AS row_key,
       CASE WHEN t.[ma_donvi] IS NULL THEN r.code WHEN (t.[ten_donvi] <> r.unit_name OR (t.[ten_donvi] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_donvi] IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(t.[ten_donvi] AS NVARCHAR(1000)) WHEN (t.[ma_donvi_cha] <> r.parent_code OR (t.[ma_donvi_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_donvi_cha] IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(t.[ma_donvi_cha] AS NVARCHAR(1000)) WHEN (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(t.[trang_thai] AS NVARCHAR(1000)) WHEN (t.[cap] <> r.unit_level OR (t.[cap] IS NULL AND r.unit_level IS NOT NULL) OR (t.[cap] IS NOT NULL AND r.unit_level IS NULL)) THEN CAST(t.[cap] AS NVARCHAR(1000)) END AS found,
       CASE WHEN t.[ma_donvi] IS NULL THEN r.code WHEN (t.[ten_donvi] <> r.unit_name OR (t.[ten_donvi] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_donvi] IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(r.unit_name AS NVARCHAR(1000)) WHEN (t.[ma_donvi_cha] <> r.parent_code OR (t.[ma_donvi_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_donvi_cha] IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(r.parent_code AS NVARCHAR(1000)) WHEN (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(r.unit_status AS NVARCHAR(1000)) WHEN (t.[cap] <> r.unit_level OR (t.[cap] IS NULL AND r.unit_level IS NOT NULL) OR (t.[cap] IS NOT NULL AND r.unit_level IS NULL)) THEN CAST(r.unit_level AS NVARCHAR(1000)) END AS expected
  FROM #mdd_tmp_rows r
  LEFT JOIN [cauhinh_donvi] t ON t.[ma_donvi] = r.code
 WHERE (t.[ma_donvi] IS NULL AND r.is_add = 1)
    OR (t.[ma_donvi] IS NOT NULL AND ((t.[ten_donvi] <> r.unit_name OR (t.[ten_donvi] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_donvi] IS NOT NULL AND r.unit_name IS NULL))
                                   OR (t.[ma_donvi_cha] <> r.parent_code OR (t.[ma_donvi_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_donvi_cha] IS NOT NULL AND r.parent_code IS NULL))
                                   OR (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL))
                                   OR (t.[cap] <> r.unit_level OR (t.[cap] IS NULL AND r.unit_level IS NOT NULL) OR (t.[cap] IS NOT NULL AND r.unit_level IS NULL))));
