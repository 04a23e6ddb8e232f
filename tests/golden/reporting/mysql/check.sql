-- madinhdanh check.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect mysql (declared: postgresql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in cauhinh_donvi.ma_donvi (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'cauhinh_donvi' AS table_name, 'ma_donvi' AS column_name, CAST(t.`ma_donvi` AS CHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM `cauhinh_donvi` t
  JOIN mdd_tmp_map m ON t.`ma_donvi` = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);


-- every unit the bundle adds is in cauhinh_donvi, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t.`ma_donvi` IS NULL THEN 'missing' ELSE 'attribute' END AS problem, 'cauhinh_donvi' AS table_name,
       CASE WHEN t.`ma_donvi` IS NULL THEN 'ma_donvi' WHEN NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN 'ten_donvi' WHEN NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN 'ma_donvi_cha' WHEN NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN 'trang_thai' WHEN NOT (CAST(t.`cap` AS BINARY) <=> CAST(r.unit_level AS BINARY)) THEN 'cap' END AS column_name,
       r.code AS row_key,
       CASE WHEN t.`ma_donvi` IS NULL THEN r.code WHEN NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN CAST(t.`ten_donvi` AS CHAR(1000)) WHEN NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN CAST(t.`ma_donvi_cha` AS CHAR(1000)) WHEN NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN CAST(t.`trang_thai` AS CHAR(1000)) WHEN NOT (CAST(t.`cap` AS BINARY) <=> CAST(r.unit_level AS BINARY)) THEN CAST(t.`cap` AS CHAR(1000)) END AS found,
       CASE WHEN t.`ma_donvi` IS NULL THEN r.code WHEN NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(r.unit_name AS BINARY)) THEN CAST(r.unit_name AS CHAR(1000)) WHEN NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)) THEN CAST(r.parent_code AS CHAR(1000)) WHEN NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)) THEN CAST(r.unit_status AS CHAR(1000)) WHEN NOT (CAST(t.`cap` AS BINARY) <=> CAST(r.unit_level AS BINARY)) THEN CAST(r.unit_level AS CHAR(1000)) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN `cauhinh_donvi` t ON t.`ma_donvi` = r.code
 WHERE (t.`ma_donvi` IS NULL AND r.is_add = 1)
    OR (t.`ma_donvi` IS NOT NULL AND (NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(r.unit_name AS BINARY))
                                   OR NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY))
                                   OR NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY))
                                   OR NOT (CAST(t.`cap` AS BINARY) <=> CAST(r.unit_level AS BINARY))));
