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
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- no old identifier left in dm_dungchung.ma (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'dm_dungchung' AS table_name, N'ma' AS column_name, CAST(t."MA" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "DM_DUNGCHUNG" t
  JOIN mdd_tmp_map m ON t."MA" = m.old_code
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code)
   AND t."LOAI" = N'DONVI';

-- no old identifier left in lt_donvi.ma_donvi (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'lt_donvi' AS table_name, N'ma_donvi' AS column_name, CAST(t."MA_DONVI" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "LT_DONVI" t
  JOIN mdd_tmp_map m ON t."MA_DONVI" = m.old_code
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- no old identifier left in lt_tuyen.ma_donvi_gui (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'lt_tuyen' AS table_name, N'ma_donvi_gui' AS column_name, CAST(t."MA_DONVI_GUI" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "LT_TUYEN" t
  JOIN mdd_tmp_map m ON t."MA_DONVI_GUI" = m.old_code
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- no old identifier left in lt_tuyen.ma_donvi_nhan (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'lt_tuyen' AS table_name, N'ma_donvi_nhan' AS column_name, CAST(t."MA_DONVI_NHAN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "LT_TUYEN" t
  JOIN mdd_tmp_map m ON t."MA_DONVI_NHAN" = m.old_code
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- no closed code left in lt_tuyen.ma_donvi_nhan (on_close: repoint)
SELECT N'closed' AS problem, N'lt_tuyen' AS table_name, N'ma_donvi_nhan' AS column_name, CAST(t."MA_DONVI_NHAN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "LT_TUYEN" t
  JOIN mdd_tmp_repoint m ON t."MA_DONVI_NHAN" = m.old_code;

-- every unit the bundle adds is in dm_donvi
SELECT N'missing' AS problem, N'dm_donvi' AS table_name, N'ma_dinh_danh' AS column_name, r.code AS row_key, r.code AS found, r.code AS expected
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND NOT EXISTS (SELECT 1 FROM "DM_DONVI" t WHERE t."MA_DINH_DANH" = r.code);

-- dm_donvi.ten_donvi as the registry says
SELECT N'attribute' AS problem, N'dm_donvi' AS table_name, N'ten_donvi' AS column_name, r.code AS row_key, CAST(t."TEN_DONVI" AS NVARCHAR2(1000)) AS found, r.unit_name AS expected
  FROM "DM_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DINH_DANH" = r.code
 WHERE (t."TEN_DONVI" <> r.unit_name OR (t."TEN_DONVI" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_DONVI" IS NOT NULL AND r.unit_name IS NULL));

-- dm_donvi.ma_donvi_cha as the registry says
SELECT N'attribute' AS problem, N'dm_donvi' AS table_name, N'ma_donvi_cha' AS column_name, r.code AS row_key, CAST(t."MA_DONVI_CHA" AS NVARCHAR2(1000)) AS found, r.parent_code AS expected
  FROM "DM_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DINH_DANH" = r.code
 WHERE (t."MA_DONVI_CHA" <> r.parent_code OR (t."MA_DONVI_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_DONVI_CHA" IS NOT NULL AND r.parent_code IS NULL));

-- dm_donvi.trang_thai as the registry says
SELECT N'attribute' AS problem, N'dm_donvi' AS table_name, N'trang_thai' AS column_name, r.code AS row_key, CAST(t."TRANG_THAI" AS NVARCHAR2(1000)) AS found, r.unit_status AS expected
  FROM "DM_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DINH_DANH" = r.code
 WHERE (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL));

-- dm_donvi.cap as the registry says
SELECT N'attribute' AS problem, N'dm_donvi' AS table_name, N'cap' AS column_name, r.code AS row_key, CAST(t."CAP" AS NVARCHAR2(1000)) AS found, r.unit_level AS expected
  FROM "DM_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DINH_DANH" = r.code
 WHERE (t."CAP" <> r.unit_level OR (t."CAP" IS NULL AND r.unit_level IS NOT NULL) OR (t."CAP" IS NOT NULL AND r.unit_level IS NULL));
