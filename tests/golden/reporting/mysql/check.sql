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
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- every unit the bundle adds is in cauhinh_donvi
SELECT 'missing' AS problem, 'cauhinh_donvi' AS table_name, 'ma_donvi' AS column_name, r.code AS row_key, r.code AS found, r.code AS expected
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND NOT EXISTS (SELECT 1 FROM `cauhinh_donvi` t WHERE t.`ma_donvi` = r.code);

-- cauhinh_donvi.ten_donvi as the registry says
SELECT 'attribute' AS problem, 'cauhinh_donvi' AS table_name, 'ten_donvi' AS column_name, r.code AS row_key, CAST(t.`ten_donvi` AS CHAR(1000)) AS found, r.unit_name AS expected
  FROM `cauhinh_donvi` t
  JOIN mdd_tmp_rows r ON t.`ma_donvi` = r.code
 WHERE NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(r.unit_name AS BINARY));

-- cauhinh_donvi.ma_donvi_cha as the registry says
SELECT 'attribute' AS problem, 'cauhinh_donvi' AS table_name, 'ma_donvi_cha' AS column_name, r.code AS row_key, CAST(t.`ma_donvi_cha` AS CHAR(1000)) AS found, r.parent_code AS expected
  FROM `cauhinh_donvi` t
  JOIN mdd_tmp_rows r ON t.`ma_donvi` = r.code
 WHERE NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY));

-- cauhinh_donvi.trang_thai as the registry says
SELECT 'attribute' AS problem, 'cauhinh_donvi' AS table_name, 'trang_thai' AS column_name, r.code AS row_key, CAST(t.`trang_thai` AS CHAR(1000)) AS found, r.unit_status AS expected
  FROM `cauhinh_donvi` t
  JOIN mdd_tmp_rows r ON t.`ma_donvi` = r.code
 WHERE NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY));

-- cauhinh_donvi.cap as the registry says
SELECT 'attribute' AS problem, 'cauhinh_donvi' AS table_name, 'cap' AS column_name, r.code AS row_key, CAST(t.`cap` AS CHAR(1000)) AS found, r.unit_level AS expected
  FROM `cauhinh_donvi` t
  JOIN mdd_tmp_rows r ON t.`ma_donvi` = r.code
 WHERE NOT (CAST(t.`cap` AS BINARY) <=> CAST(r.unit_level AS BINARY));
