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
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in portal_categories.unit_code (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'portal_categories' AS table_name, 'unit_code' AS column_name, CAST(t.`unit_code` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `portal_categories` t
  JOIN mdd_tmp_map m ON t.`unit_code` = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in portal_categories.unit_code (on_close: repoint)
SELECT 'closed' AS problem, 'portal_categories' AS table_name, 'unit_code' AS column_name, CAST(t.`unit_code` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `portal_categories` t
  JOIN mdd_tmp_repoint m ON t.`unit_code` = m.old_code;


-- every unit the bundle adds is in portal_units, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t.`unit_code` IS NULL THEN 'missing' ELSE 'attribute' END AS problem, 'portal_units' AS table_name,
       CASE WHEN t.`unit_code` IS NULL THEN 'unit_code' WHEN NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN 'unit_name' WHEN NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN 'parent_code' WHEN NOT (CAST(t.`status` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN 'status' WHEN NOT (CAST(t.`level` AS BINARY) <=> CAST(r.unit_level AS BINARY)) THEN 'level' END AS column_name,
       r.code AS row_key,
       CASE WHEN t.`unit_code` IS NULL THEN r.code WHEN NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN CAST(t.`unit_name` AS CHAR(1000)) WHEN NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN CAST(t.`parent_code` AS CHAR(1000)) WHEN NOT (CAST(t.`status` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN CAST(t.`status` AS CHAR(1000)) WHEN NOT (CAST(t.`level` AS BINARY) <=> CAST(r.unit_level AS BINARY)) THEN CAST(t.`level` AS CHAR(1000)) END AS found,
       CASE WHEN t.`unit_code` IS NULL THEN r.code WHEN NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN CAST(r.unit_name AS CHAR(1000)) WHEN NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN CAST(r.parent_code AS CHAR(1000)) WHEN NOT (CAST(t.`status` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN CAST(r.unit_status AS CHAR(1000)) WHEN NOT (CAST(t.`level` AS BINARY) <=> CAST(r.unit_level AS BINARY)) THEN CAST(r.unit_level AS CHAR(1000)) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN `portal_units` t ON t.`unit_code` = r.code
 WHERE (t.`unit_code` IS NULL AND r.is_add = 1)
    OR (t.`unit_code` IS NOT NULL AND (NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(r.unit_name AS BINARY))
                                   OR NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(r.parent_code AS BINARY))
                                   OR NOT (CAST(t.`status` AS BINARY) <=> CAST(r.unit_status AS BINARY))
                                   OR NOT (CAST(t.`level` AS BINARY) <=> CAST(r.unit_level AS BINARY))));
