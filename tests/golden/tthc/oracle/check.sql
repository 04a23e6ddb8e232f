-- madinhdanh check.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), dialect oracle
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-6be0d49d4be80434abf3; template set tthc
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in coquan.ma_coquan (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'coquan' AS table_name, N'ma_coquan' AS column_name, CAST(t."MA_COQUAN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "COQUAN" t
  JOIN mdd_tmp_map m ON t."MA_COQUAN" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in thutuc.ma_coquan_thuchien (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'thutuc' AS table_name, N'ma_coquan_thuchien' AS column_name, CAST(t."MA_COQUAN_THUCHIEN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "THUTUC" t
  JOIN mdd_tmp_map m ON t."MA_COQUAN_THUCHIEN" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in thutuc.ma_coquan_thuchien (on_close: repoint)
SELECT N'closed' AS problem, N'thutuc' AS table_name, N'ma_coquan_thuchien' AS column_name, CAST(t."MA_COQUAN_THUCHIEN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "THUTUC" t
  JOIN mdd_tmp_repoint m ON t."MA_COQUAN_THUCHIEN" = m.old_code;


-- every unit the bundle adds is in coquan, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t."MA_COQUAN" IS NULL THEN N'missing' ELSE N'attribute' END AS problem, N'coquan' AS table_name,
       CASE WHEN t."MA_COQUAN" IS NULL THEN N'ma_coquan' WHEN (t."TEN_COQUAN" <> r.unit_name OR (t."TEN_COQUAN" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND r.unit_name IS NULL)) THEN N'ten_coquan' WHEN (t."MA_COQUAN_CHA" <> r.parent_code OR (t."MA_COQUAN_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_COQUAN_CHA" IS NOT NULL AND r.parent_code IS NULL)) THEN N'ma_coquan_cha' WHEN (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL)) THEN N'trang_thai' END AS column_name,
       r.code AS row_key,
       CASE WHEN t."MA_COQUAN" IS NULL THEN r.code WHEN (t."TEN_COQUAN" <> r.unit_name OR (t."TEN_COQUAN" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(t."TEN_COQUAN" AS NVARCHAR2(1000)) WHEN (t."MA_COQUAN_CHA" <> r.parent_code OR (t."MA_COQUAN_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_COQUAN_CHA" IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(t."MA_COQUAN_CHA" AS NVARCHAR2(1000)) WHEN (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(t."TRANG_THAI" AS NVARCHAR2(1000)) END AS found,
       CASE WHEN t."MA_COQUAN" IS NULL THEN r.code WHEN (t."TEN_COQUAN" <> r.unit_name OR (t."TEN_COQUAN" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND r.unit_name IS NULL)) THEN CAST(r.unit_name AS NVARCHAR2(1000)) WHEN (t."MA_COQUAN_CHA" <> r.parent_code OR (t."MA_COQUAN_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_COQUAN_CHA" IS NOT NULL AND r.parent_code IS NULL)) THEN CAST(r.parent_code AS NVARCHAR2(1000)) WHEN (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL)) THEN CAST(r.unit_status AS NVARCHAR2(1000)) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN "COQUAN" t ON t."MA_COQUAN" = r.code
 WHERE (t."MA_COQUAN" IS NULL AND r.is_add = 1)
    OR (t."MA_COQUAN" IS NOT NULL AND ((t."TEN_COQUAN" <> r.unit_name OR (t."TEN_COQUAN" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND r.unit_name IS NULL))
                                   OR (t."MA_COQUAN_CHA" <> r.parent_code OR (t."MA_COQUAN_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_COQUAN_CHA" IS NOT NULL AND r.parent_code IS NULL))
                                   OR (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL))));
