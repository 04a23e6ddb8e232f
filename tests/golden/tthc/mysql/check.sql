-- madinhdanh check.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), dialect mysql (declared: oracle)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-6be0d49d4be80434abf3; template set tthc
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in coquan.ma_coquan (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'coquan' AS table_name, 'ma_coquan' AS column_name, CAST(t.`ma_coquan` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `coquan` t
  JOIN mdd_tmp_map m ON t.`ma_coquan` = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in thutuc.ma_coquan_thuchien (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'thutuc' AS table_name, 'ma_coquan_thuchien' AS column_name, CAST(t.`ma_coquan_thuchien` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `thutuc` t
  JOIN mdd_tmp_map m ON t.`ma_coquan_thuchien` = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in thutuc.ma_coquan_thuchien (on_close: repoint)
SELECT 'closed' AS problem, 'thutuc' AS table_name, 'ma_coquan_thuchien' AS column_name, CAST(t.`ma_coquan_thuchien` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `thutuc` t
  JOIN mdd_tmp_repoint m ON t.`ma_coquan_thuchien` = m.old_code;


-- every unit the bundle adds is in coquan, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t.`ma_coquan` IS NULL THEN 'missing' ELSE 'attribute' END AS problem, 'coquan' AS table_name,
       CASE WHEN t.`ma_coquan` IS NULL THEN 'ma_coquan' WHEN NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN 'ten_coquan' WHEN NOT (CAST(t.`ma_coquan_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN 'ma_coquan_cha' WHEN NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN 'trang_thai' END AS column_name,
       r.code AS row_key,
       CASE WHEN t.`ma_coquan` IS NULL THEN r.code WHEN NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN CAST(t.`ten_coquan` AS CHAR(1000)) WHEN NOT (CAST(t.`ma_coquan_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN CAST(t.`ma_coquan_cha` AS CHAR(1000)) WHEN NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN CAST(t.`trang_thai` AS CHAR(1000)) END AS found,
       CASE WHEN t.`ma_coquan` IS NULL THEN r.code WHEN NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN CAST(r.unit_name AS CHAR(1000)) WHEN NOT (CAST(t.`ma_coquan_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN CAST(r.parent_code AS CHAR(1000)) WHEN NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN CAST(r.unit_status AS CHAR(1000)) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN `coquan` t ON t.`ma_coquan` = r.code
 WHERE (t.`ma_coquan` IS NULL AND r.is_add = 1)
    OR (t.`ma_coquan` IS NOT NULL AND (NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY))
                                   OR NOT (CAST(t.`ma_coquan_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY))
                                   OR NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY))));
