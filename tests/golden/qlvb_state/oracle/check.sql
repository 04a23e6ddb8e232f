-- madinhdanh check.sql for system qlvb_state (Phần mềm Quản lý văn bản và điều hành (khối chính quyền)), dialect oracle (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-7ea397accb26bf1ba699; template set qlvb_state
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in dm_donvi.ma_dinh_danh (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'dm_donvi' AS table_name, N'ma_dinh_danh' AS column_name, CAST(t."MA_DINH_DANH" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "DM_DONVI" t
  JOIN mdd_tmp_map m ON t."MA_DINH_DANH" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in dm_dungchung.ma (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'dm_dungchung' AS table_name, N'ma' AS column_name, CAST(t."MA" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "DM_DUNGCHUNG" t
  JOIN mdd_tmp_map m ON t."MA" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL)
   AND t."LOAI" = N'DONVI';

-- no old identifier left in lt_donvi.ma_donvi (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'lt_donvi' AS table_name, N'ma_donvi' AS column_name, CAST(t."MA_DONVI" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "LT_DONVI" t
  JOIN mdd_tmp_map m ON t."MA_DONVI" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in lt_tuyen.ma_donvi_gui (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'lt_tuyen' AS table_name, N'ma_donvi_gui' AS column_name, CAST(t."MA_DONVI_GUI" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "LT_TUYEN" t
  JOIN mdd_tmp_map m ON t."MA_DONVI_GUI" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in lt_tuyen.ma_donvi_nhan (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'lt_tuyen' AS table_name, N'ma_donvi_nhan' AS column_name, CAST(t."MA_DONVI_NHAN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "LT_TUYEN" t
  JOIN mdd_tmp_map m ON t."MA_DONVI_NHAN" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in lt_tuyen.ma_donvi_nhan (on_close: repoint)
SELECT N'closed' AS problem, N'lt_tuyen' AS table_name, N'ma_donvi_nhan' AS column_name, CAST(t."MA_DONVI_NHAN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "LT_TUYEN" t
  JOIN mdd_tmp_repoint m ON t."MA_DONVI_NHAN" = m.old_code;


-- every unit the bundle adds is in dm_donvi, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t."MA_DINH_DANH" IS NULL THEN N'missing' ELSE N'attribute' END AS problem, N'dm_donvi' AS table_name,
       CASE WHEN t."MA_DINH_DANH" IS NULL THEN N'ma_dinh_danh' WHEN (t."TEN_DONVI" <> r.unit_name OR (t."TEN_DONVI" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_DONVI" IS NOT NULL AND r.unit_name IS NULL)) THEN N'ten_donvi' WHEN (t."MA_DONVI_CHA" <> r.parent_code OR (t."MA_DONVI_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_DONVI_CHA" IS NOT NULL AND r.parent_code IS NULL)) THEN N'ma_donvi_cha' WHEN (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL)) THEN N'trang_thai' WHEN (t."CAP" <> r.unit_level OR (t."CAP" IS NULL AND r.unit_level IS NOT NULL) OR (t."CAP" IS NOT NULL AND r.unit_level IS NULL)) THEN N'cap' END AS column_name,
       r.code AS row_key,
       CASE WHEN t."MA_DINH_DANH" IS NULL THEN r.code WHEN (t."TEN_DONVI" <> r.unit_name OR (t."TEN_DONVI" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_DONVI" IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(t."TEN_DONVI" AS NVARCHAR2(1000)) WHEN (t."MA_DONVI_CHA" <> r.parent_code OR (t."MA_DONVI_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_DONVI_CHA" IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(t."MA_DONVI_CHA" AS NVARCHAR2(1000)) WHEN (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(t."TRANG_THAI" AS NVARCHAR2(1000)) WHEN (t."CAP" <> r.unit_level OR (t."CAP" IS NULL AND r.unit_level IS NOT NULL) OR (t."CAP" IS NOT NULL AND r.unit_level IS NULL)) THEN CAST(t."CAP" AS NVARCHAR2(1000)) END AS found,
       CASE WHEN t."MA_DINH_DANH" IS NULL THEN r.code WHEN (t."TEN_DONVI" <> r.unit_name OR (t."TEN_DONVI" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_DONVI" IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(r.unit_name AS NVARCHAR2(1000)) WHEN (t."MA_DONVI_CHA" <> r.parent_code OR (t."MA_DONVI_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_DONVI_CHA" IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(r.parent_code AS NVARCHAR2(1000)) WHEN (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(r.unit_status AS NVARCHAR2(1000)) WHEN (t."CAP" <> r.unit_level OR (t."CAP" IS NULL AND r.unit_level IS NOT NULL) OR (t."CAP" IS NOT NULL AND r.unit_level IS NULL)) THEN CAST(r.unit_level AS NVARCHAR2(1000)) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN "DM_DONVI" t ON t."MA_DINH_DANH" = r.code
 WHERE (t."MA_DINH_DANH" IS NULL AND r.is_add = 1)
    OR (t."MA_DINH_DANH" IS NOT NULL AND ((t."TEN_DONVI" <> r.unit_name OR (t."TEN_DONVI" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_DONVI" IS NOT NULL AND r.unit_name IS NULL))
                                   OR (t."MA_DONVI_CHA" <> r.parent_code OR (t."MA_DONVI_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_DONVI_CHA" IS NOT NULL AND r.parent_code IS NULL))
                                   OR (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL))
                                   OR (t."CAP" <> r.unit_level OR (t."CAP" IS NULL AND r.unit_level IS NOT NULL) OR (t."CAP" IS NOT NULL AND r.unit_level IS NULL))));
