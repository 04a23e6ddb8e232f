-- madinhdanh check.sql for system qlvb_party (Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể)), dialect mysql (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-4fa96c184732ada0cdee; template set qlvb_party
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in dm_coquan.ma_coquan (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'dm_coquan' AS table_name, 'ma_coquan' AS column_name, CAST(t.`ma_coquan` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `dm_coquan` t
  JOIN mdd_tmp_map m ON t.`ma_coquan` = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in ds_coquan_ngoai.ma_donvi_so_huu (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'ds_coquan_ngoai' AS table_name, 'ma_donvi_so_huu' AS column_name, CAST(t.`ma_donvi_so_huu` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `ds_coquan_ngoai` t
  JOIN mdd_tmp_map m ON t.`ma_donvi_so_huu` = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in ds_coquan_ngoai.ma_coquan (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'ds_coquan_ngoai' AS table_name, 'ma_coquan' AS column_name, CAST(t.`ma_coquan` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `ds_coquan_ngoai` t
  JOIN mdd_tmp_map m ON t.`ma_coquan` = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in ds_coquan_ngoai.ma_coquan (on_close: repoint)
SELECT 'closed' AS problem, 'ds_coquan_ngoai' AS table_name, 'ma_coquan' AS column_name, CAST(t.`ma_coquan` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `ds_coquan_ngoai` t
  JOIN mdd_tmp_repoint m ON t.`ma_coquan` = m.old_code;


-- every unit the bundle adds is in dm_coquan, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t.`ma_coquan` IS NULL THEN 'missing' ELSE 'attribute' END AS problem, 'dm_coquan' AS table_name,
       CASE WHEN t.`ma_coquan` IS NULL THEN 'ma_coquan' WHEN NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN 'ten_coquan' END AS column_name,
       r.code AS row_key,
       CASE WHEN t.`ma_coquan` IS NULL THEN r.code WHEN NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN CAST(t.`ten_coquan` AS CHAR(1000)) END AS found,
       CASE WHEN t.`ma_coquan` IS NULL THEN r.code WHEN NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN CAST(r.unit_name AS CHAR(1000)) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN `dm_coquan` t ON t.`ma_coquan` = r.code
 WHERE (t.`ma_coquan` IS NULL AND r.is_add = 1)
    OR (t.`ma_coquan` IS NOT NULL AND (NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY))));
