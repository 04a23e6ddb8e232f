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
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- no old identifier left in thutuc.ma_coquan_thuchien (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'thutuc' AS table_name, N'ma_coquan_thuchien' AS column_name, CAST(t."MA_COQUAN_THUCHIEN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "THUTUC" t
  JOIN mdd_tmp_map m ON t."MA_COQUAN_THUCHIEN" = m.old_code
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- no closed code left in thutuc.ma_coquan_thuchien (on_close: repoint)
SELECT N'closed' AS problem, N'thutuc' AS table_name, N'ma_coquan_thuchien' AS column_name, CAST(t."MA_COQUAN_THUCHIEN" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "THUTUC" t
  JOIN mdd_tmp_repoint m ON t."MA_COQUAN_THUCHIEN" = m.old_code;

-- every unit the bundle adds is in coquan
SELECT N'missing' AS problem, N'coquan' AS table_name, N'ma_coquan' AS column_name, r.code AS row_key, r.code AS found, r.code AS expected
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND NOT EXISTS (SELECT 1 FROM "COQUAN" t WHERE t."MA_COQUAN" = r.code);

-- coquan.ten_coquan as the registry says
SELECT N'attribute' AS problem, N'coquan' AS table_name, N'ten_coquan' AS column_name, r.code AS row_key, CAST(t."TEN_COQUAN" AS NVARCHAR2(1000)) AS found, r.unit_name AS expected
  FROM "COQUAN" t
  JOIN mdd_tmp_rows r ON t."MA_COQUAN" = r.code
 WHERE (t."TEN_COQUAN" <> r.unit_name OR (t."TEN_COQUAN" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND r.unit_name IS NULL));

-- coquan.ma_coquan_cha as the registry says
SELECT N'attribute' AS problem, N'coquan' AS table_name, N'ma_coquan_cha' AS column_name, r.code AS row_key, CAST(t."MA_COQUAN_CHA" AS NVARCHAR2(1000)) AS found, r.parent_code AS expected
  FROM "COQUAN" t
  JOIN mdd_tmp_rows r ON t."MA_COQUAN" = r.code
 WHERE (t."MA_COQUAN_CHA" <> r.parent_code OR (t."MA_COQUAN_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_COQUAN_CHA" IS NOT NULL AND r.parent_code IS NULL));

-- coquan.trang_thai as the registry says
SELECT N'attribute' AS problem, N'coquan' AS table_name, N'trang_thai' AS column_name, r.code AS row_key, CAST(t."TRANG_THAI" AS NVARCHAR2(1000)) AS found, r.unit_status AS expected
  FROM "COQUAN" t
  JOIN mdd_tmp_rows r ON t."MA_COQUAN" = r.code
 WHERE (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL));
