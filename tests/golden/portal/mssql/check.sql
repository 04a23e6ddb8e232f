-- madinhdanh check.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect mssql (declared: mysql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in portal_units.unit_code (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'portal_units' AS table_name, N'unit_code' AS column_name, CAST(t.[unit_code] AS NVARCHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM [portal_units] t
  JOIN #mdd_tmp_map m ON t.[unit_code] = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM #mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in portal_categories.unit_code (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'portal_categories' AS table_name, N'unit_code' AS column_name, CAST(t.[unit_code] AS NVARCHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM [portal_categories] t
  JOIN #mdd_tmp_map m ON t.[unit_code] = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM #mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in portal_categories.unit_code (on_close: repoint)
SELECT N'closed' AS problem, N'portal_categories' AS table_name, N'unit_code' AS column_name, CAST(t.[unit_code] AS NVARCHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM [portal_categories] t
  JOIN #mdd_tmp_repoint m ON t.[unit_code] = m.old_code;


-- every unit the bundle adds is in portal_units, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t.[unit_code] IS NULL THEN N'missing' ELSE N'attribute' END AS problem, N'portal_units' AS table_name,
       CASE WHEN t.[unit_code] IS NULL THEN N'unit_code' WHEN (t.[unit_name] <> r.unit_name OR (t.[unit_name] IS NULL AND r.unit_name IS NOT NULL) OR (t.[unit_name] IS NOT NULL AND r.unit_name IS NULL)) THEN N'unit_name' WHEN (t.[parent_code] <> r.parent_code OR (t.[parent_code] IS NULL AND r.parent_code IS NOT NULL) OR (t.[parent_code] IS NOT NULL AND r.parent_code IS NULL)) THEN N'parent_code' WHEN (t.[status] <> r.unit_status OR (t.[status] IS NULL AND r.unit_status IS NOT NULL) OR (t.[status] IS NOT NULL AND r.unit_status IS NULL)) THEN N'status' WHEN (t.[level] <> r.unit_level OR (t.[level] IS NULL AND r.unit_level IS NOT NULL) OR (t.[level] IS NOT NULL AND r.unit_level IS NULL)) THEN N'level' END AS column_name,
       r.code AS row_key,
       CASE WHEN t.[unit_code] IS NULL THEN r.code WHEN (t.[unit_name] <> r.unit_name OR (t.[unit_name] IS NULL AND r.unit_name IS NOT NULL) OR (t.[unit_name] IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(t.[unit_name] AS NVARCHAR(1000)) WHEN (t.[parent_code] <> r.parent_code OR (t.[parent_code] IS NULL AND r.parent_code IS NOT NULL) OR (t.[parent_code] IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(t.[parent_code] AS NVARCHAR(1000)) WHEN (t.[status] <> r.unit_status OR (t.[status] IS NULL AND r.unit_status IS NOT NULL) OR (t.[status] IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(t.[status] AS NVARCHAR(1000)) WHEN (t.[level] <> r.unit_level OR (t.[level] IS NULL AND r.unit_level IS NOT NULL) OR (t.[level] IS NOT NULL AND r.unit_level IS NULL)) THEN CAST(t.[level] AS NVARCHAR(1000)) END AS found,
       CASE WHEN t.[unit_code] IS NULL THEN r.code WHEN (t.[unit_name] <> r.unit_name OR (t.[unit_name] IS NULL AND r.unit_name IS NOT NULL) OR (t.[unit_name] IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(r.unit_name AS NVARCHAR(1000)) WHEN (t.[parent_code] <> r.parent_code OR (t.[parent_code] IS NULL AND r.parent_code IS NOT NULL) OR (t.[parent_code] IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(r.parent_code AS NVARCHAR(1000)) WHEN (t.[status] <> r.unit_status OR (t.[status] IS NULL AND r.unit_status IS NOT NULL) OR (t.[status] IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(r.unit_status AS NVARCHAR(1000)) WHEN (t.[level] <> r.unit_level OR (t.[level] IS NULL AND r.unit_level IS NOT NULL) OR (t.[level] IS NOT NULL AND r.unit_level IS NULL)) THEN CAST(r.unit_level AS NVARCHAR(1000)) END AS expected
  FROM #mdd_tmp_rows r
  LEFT JOIN [portal_units] t ON t.[unit_code] = r.code
 WHERE (t.[unit_code] IS NULL AND r.is_add = 1)
    OR (t.[unit_code] IS NOT NULL AND ((t.[unit_name] <> r.unit_name OR (t.[unit_name] IS NULL AND r.unit_name IS NOT NULL) OR (t.[unit_name] IS NOT NULL AND r.unit_name IS NULL))
                                   OR (t.[parent_code] <> r.parent_code OR (t.[parent_code] IS NULL AND r.parent_code IS NOT NULL) OR (t.[parent_code] IS NOT NULL AND r.parent_code IS NULL))
                                   OR (t.[status] <> r.unit_status OR (t.[status] IS NULL AND r.unit_status IS NOT NULL) OR (t.[status] IS NOT NULL AND r.unit_status IS NULL))
                                   OR (t.[level] <> r.unit_level OR (t.[level] IS NULL AND r.unit_level IS NOT NULL) OR (t.[level] IS NOT NULL AND r.unit_level IS NULL))));
