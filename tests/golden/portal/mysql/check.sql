-- madinhdanh check.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect mysql
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in portal_units.unit_code (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'portal_units' AS table_name, 'unit_code' AS column_name, CAST(t.`unit_code` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `portal_units` t
  JOIN mdd_tmp_map m ON t.`unit_code` = m.old_code
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- no old identifier left in portal_categories.unit_code (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'portal_categories' AS table_name, 'unit_code' AS column_name, CAST(t.`unit_code` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `portal_categories` t
  JOIN mdd_tmp_map m ON t.`unit_code` = m.old_code
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- no closed code left in portal_categories.unit_code (on_close: repoint)
SELECT 'closed' AS problem, 'portal_categories' AS table_name, 'unit_code' AS column_name, CAST(t.`unit_code` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `portal_categories` t
  JOIN mdd_tmp_repoint m ON t.`unit_code` = m.old_code;

-- every unit the bundle adds is in portal_units
SELECT 'missing' AS problem, 'portal_units' AS table_name, 'unit_code' AS column_name, r.code AS row_key, r.code AS found, r.code AS expected
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND NOT EXISTS (SELECT 1 FROM `portal_units` t WHERE t.`unit_code` = r.code);

-- portal_units.unit_name as the registry says
SELECT 'attribute' AS problem, 'portal_units' AS table_name, 'unit_name' AS column_name, r.code AS row_key, CAST(t.`unit_name` AS CHAR(1000)) AS found, r.unit_name AS expected
  FROM `portal_units` t
  JOIN mdd_tmp_rows r ON t.`unit_code` = r.code
 WHERE NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(r.unit_name AS BINARY));

-- portal_units.parent_code as the registry says
SELECT 'attribute' AS problem, 'portal_units' AS table_name, 'parent_code' AS column_name, r.code AS row_key, CAST(t.`parent_code` AS CHAR(1000)) AS found, r.parent_code AS expected
  FROM `portal_units` t
  JOIN mdd_tmp_rows r ON t.`unit_code` = r.code
 WHERE NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(r.parent_code AS BINARY));

-- portal_units.status as the registry says
SELECT 'attribute' AS problem, 'portal_units' AS table_name, 'status' AS column_name, r.code AS row_key, CAST(t.`status` AS CHAR(1000)) AS found, r.unit_status AS expected
  FROM `portal_units` t
  JOIN mdd_tmp_rows r ON t.`unit_code` = r.code
 WHERE NOT (CAST(t.`status` AS BINARY) <=> CAST(r.unit_status AS BINARY));

-- portal_units.level as the registry says
SELECT 'attribute' AS problem, 'portal_units' AS table_name, 'level' AS column_name, r.code AS row_key, CAST(t.`level` AS CHAR(1000)) AS found, r.unit_level AS expected
  FROM `portal_units` t
  JOIN mdd_tmp_rows r ON t.`unit_code` = r.code
 WHERE NOT (CAST(t.`level` AS BINARY) <=> CAST(r.unit_level AS BINARY));
