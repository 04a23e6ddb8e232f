-- madinhdanh check.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect oracle (declared: postgresql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in cauhinh_donvi.ma_donvi (an old identifier that is also a current code is not stale)
SELECT N'stale' AS problem, N'cauhinh_donvi' AS table_name, N'ma_donvi' AS column_name, CAST(t."MA_DONVI" AS NVARCHAR2(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_map m ON t."MA_DONVI" = m.old_code
 WHERE NOT EXISTS (SELECT 1 FROM mdd_tmp_map m2 WHERE m2.new_code = m.old_code);

-- every unit the bundle adds is in cauhinh_donvi
SELECT N'missing' AS problem, N'cauhinh_donvi' AS table_name, N'ma_donvi' AS column_name, r.code AS row_key, r.code AS found, r.code AS expected
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND NOT EXISTS (SELECT 1 FROM "CAUHINH_DONVI" t WHERE t."MA_DONVI" = r.code);

-- cauhinh_donvi.ten_donvi as the registry says
SELECT N'attribute' AS problem, N'cauhinh_donvi' AS table_name, N'ten_donvi' AS column_name, r.code AS row_key, CAST(t."TEN_DONVI" AS NVARCHAR2(1000)) AS found, r.unit_name AS expected
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DONVI" = r.code
 WHERE (t."TEN_DONVI" <> r.unit_name OR (t."TEN_DONVI" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_DONVI" IS NOT NULL AND r.unit_name IS NULL));

-- cauhinh_donvi.ma_donvi_cha as the registry says
SELECT N'attribute' AS problem, N'cauhinh_donvi' AS table_name, N'ma_donvi_cha' AS column_name, r.code AS row_key, CAST(t."MA_DONVI_CHA" AS NVARCHAR2(1000)) AS found, r.parent_code AS expected
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DONVI" = r.code
 WHERE (t."MA_DONVI_CHA" <> r.parent_code OR (t."MA_DONVI_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_DONVI_CHA" IS NOT NULL AND r.parent_code IS NULL));

-- cauhinh_donvi.trang_thai as the registry says
SELECT N'attribute' AS problem, N'cauhinh_donvi' AS table_name, N'trang_thai' AS column_name, r.code AS row_key, CAST(t."TRANG_THAI" AS NVARCHAR2(1000)) AS found, r.unit_status AS expected
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DONVI" = r.code
 WHERE (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL));

-- cauhinh_donvi.cap as the registry says
SELECT N'attribute' AS problem, N'cauhinh_donvi' AS table_name, N'cap' AS column_name, r.code AS row_key, CAST(t."CAP" AS NVARCHAR2(1000)) AS found, r.unit_level AS expected
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DONVI" = r.code
 WHERE (t."CAP" <> r.unit_level OR (t."CAP" IS NULL AND r.unit_level IS NOT NULL) OR (t."CAP" IS NOT NULL AND r.unit_level IS NULL));
