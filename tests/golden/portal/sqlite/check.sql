-- madinhdanh check.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect sqlite (declared: mysql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- Needs SQLite 3.33 or later (UPDATE ... FROM); run with PRAGMA foreign_keys = ON as the system does.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in portal_units.unit_code (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'portal_units' AS table_name, 'unit_code' AS column_name, CAST(t."unit_code" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "portal_units" t
  JOIN mdd_tmp_map m ON t."unit_code" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in portal_categories.unit_code (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'portal_categories' AS table_name, 'unit_code' AS column_name, CAST(t."unit_code" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "portal_categories" t
  JOIN mdd_tmp_map m ON t."unit_code" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in portal_categories.unit_code (on_close: repoint)
SELECT 'closed' AS problem, 'portal_categories' AS table_name, 'unit_code' AS column_name, CAST(t."unit_code" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "portal_categories" t
  JOIN mdd_tmp_repoint m ON t."unit_code" = m.old_code;


-- every unit the bundle adds is in portal_units, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t."unit_code" IS NULL THEN 'missing' ELSE 'attribute' END AS problem, 'portal_units' AS table_name,
       CASE WHEN t."unit_code" IS NULL THEN 'unit_code' WHEN t."unit_name" IS NOT r.unit_name THEN 'unit_name' WHEN t."parent_code" IS NOT r.parent_code THEN 'parent_code' WHEN t."status" IS NOT r.unit_status THEN 'status' WHEN t."level" IS NOT r.unit_level THEN 'level' END AS column_name,
       r.code AS row_key,
       CASE WHEN t."unit_code" IS NULL THEN r.code WHEN t."unit_name" IS NOT r.unit_name THEN CAST(t."unit_name" AS TEXT) WHEN t."parent_code" IS NOT r.parent_code THEN CAST(t."parent_code" AS TEXT) WHEN t."status" IS NOT r.unit_status THEN CAST(t."status" AS TEXT) WHEN t."level" IS NOT r.unit_level THEN CAST(t."level" AS TEXT) END AS found,
       CASE WHEN t."unit_code" IS NULL THEN r.code WHEN t."unit_name" IS NOT r.unit_name THEN CAST(r.unit_name AS TEXT) WHEN t."parent_code" IS NOT r.parent_code THEN CAST(r.parent_code AS TEXT) WHEN t."status" IS NOT r.unit_status THEN CAST(r.unit_status AS TEXT) WHEN t."level" IS NOT r.unit_level THEN CAST(r.unit_level AS TEXT) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN "portal_units" t ON t."unit_code" = r.code
 WHERE (t."unit_code" IS NULL AND r.is_add = 1)
    OR (t."unit_code" IS NOT NULL AND (t."unit_name" IS NOT r.unit_name
                                   OR t."parent_code" IS NOT r.parent_code
                                   OR t."status" IS NOT r.unit_status
                                   OR t."level" IS NOT r.unit_level));
