-- madinhdanh check.sql for system qlvb_state (Phần mềm Quản lý văn bản và điều hành (khối chính quyền)), dialect sqlite (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-7ea397accb26bf1ba699; template set qlvb_state
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- Needs SQLite 3.33 or later (UPDATE ... FROM); run with PRAGMA foreign_keys = ON as the system does.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in dm_donvi.ma_dinh_danh (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'dm_donvi' AS table_name, 'ma_dinh_danh' AS column_name, CAST(t."ma_dinh_danh" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "dm_donvi" t
  JOIN mdd_tmp_map m ON t."ma_dinh_danh" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in dm_dungchung.ma (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'dm_dungchung' AS table_name, 'ma' AS column_name, CAST(t."ma" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "dm_dungchung" t
  JOIN mdd_tmp_map m ON t."ma" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL)
   AND t."loai" = 'DONVI';

-- no old identifier left in lt_donvi.ma_donvi (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'lt_donvi' AS table_name, 'ma_donvi' AS column_name, CAST(t."ma_donvi" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "lt_donvi" t
  JOIN mdd_tmp_map m ON t."ma_donvi" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in lt_tuyen.ma_donvi_gui (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'lt_tuyen' AS table_name, 'ma_donvi_gui' AS column_name, CAST(t."ma_donvi_gui" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "lt_tuyen" t
  JOIN mdd_tmp_map m ON t."ma_donvi_gui" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in lt_tuyen.ma_donvi_nhan (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'lt_tuyen' AS table_name, 'ma_donvi_nhan' AS column_name, CAST(t."ma_donvi_nhan" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "lt_tuyen" t
  JOIN mdd_tmp_map m ON t."ma_donvi_nhan" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in lt_tuyen.ma_donvi_nhan (on_close: repoint)
SELECT 'closed' AS problem, 'lt_tuyen' AS table_name, 'ma_donvi_nhan' AS column_name, CAST(t."ma_donvi_nhan" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "lt_tuyen" t
  JOIN mdd_tmp_repoint m ON t."ma_donvi_nhan" = m.old_code;


-- every unit the bundle adds is in dm_donvi, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t."ma_dinh_danh" IS NULL THEN 'missing' ELSE 'attribute' END AS problem, 'dm_donvi' AS table_name,
       CASE WHEN t."ma_dinh_danh" IS NULL THEN 'ma_dinh_danh' WHEN t."ten_donvi" IS NOT r.unit_name THEN 'ten_donvi' WHEN t."ma_donvi_cha" IS NOT r.parent_code THEN 'ma_donvi_cha' WHEN t."trang_thai" IS NOT r.unit_status THEN 'trang_thai' WHEN t."cap" IS NOT r.unit_level THEN 'cap' END AS column_name,
       r.code AS row_key,
       CASE WHEN t."ma_dinh_danh" IS NULL THEN r.code WHEN t."ten_donvi" IS NOT r.unit_name THEN CAST(t."ten_donvi" AS TEXT) WHEN t."ma_donvi_cha" IS NOT r.parent_code THEN CAST(t."ma_donvi_cha" AS TEXT) WHEN t."trang_thai" IS NOT r.unit_status THEN CAST(t."trang_thai" AS TEXT) WHEN t."cap" IS NOT r.unit_level THEN CAST(t."cap" AS TEXT) END AS found,
       CASE WHEN t."ma_dinh_danh" IS NULL THEN r.code WHEN t."ten_donvi" IS NOT r.unit_name THEN CAST(r.unit_name AS TEXT) WHEN t."ma_donvi_cha" IS NOT r.parent_code THEN CAST(r.parent_code AS TEXT) WHEN t."trang_thai" IS NOT r.unit_status THEN CAST(r.unit_status AS TEXT) WHEN t."cap" IS NOT r.unit_level THEN CAST(r.unit_level AS TEXT) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN "dm_donvi" t ON t."ma_dinh_danh" = r.code
 WHERE (t."ma_dinh_danh" IS NULL AND r.is_add = 1)
    OR (t."ma_dinh_danh" IS NOT NULL AND (t."ten_donvi" IS NOT r.unit_name
                                   OR t."ma_donvi_cha" IS NOT r.parent_code
                                   OR t."trang_thai" IS NOT r.unit_status
                                   OR t."cap" IS NOT r.unit_level));
