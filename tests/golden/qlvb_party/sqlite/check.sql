-- madinhdanh check.sql for system qlvb_party (Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể)), dialect sqlite (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-4fa96c184732ada0cdee; template set qlvb_party
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- Needs SQLite 3.33 or later (UPDATE ... FROM); run with PRAGMA foreign_keys = ON as the system does.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in dm_coquan.ma_coquan (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'dm_coquan' AS table_name, 'ma_coquan' AS column_name, CAST(t."ma_coquan" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "dm_coquan" t
  JOIN mdd_tmp_map m ON t."ma_coquan" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in ds_coquan_ngoai.ma_donvi_so_huu (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'ds_coquan_ngoai' AS table_name, 'ma_donvi_so_huu' AS column_name, CAST(t."ma_donvi_so_huu" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "ds_coquan_ngoai" t
  JOIN mdd_tmp_map m ON t."ma_donvi_so_huu" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no old identifier left in ds_coquan_ngoai.ma_coquan (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'ds_coquan_ngoai' AS table_name, 'ma_coquan' AS column_name, CAST(t."ma_coquan" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "ds_coquan_ngoai" t
  JOIN mdd_tmp_map m ON t."ma_coquan" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);

-- no closed code left in ds_coquan_ngoai.ma_coquan (on_close: repoint)
SELECT 'closed' AS problem, 'ds_coquan_ngoai' AS table_name, 'ma_coquan' AS column_name, CAST(t."ma_coquan" AS TEXT) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "ds_coquan_ngoai" t
  JOIN mdd_tmp_repoint m ON t."ma_coquan" = m.old_code;


-- every unit the bundle adds is in dm_coquan, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t."ma_coquan" IS NULL THEN 'missing' ELSE 'attribute' END AS problem, 'dm_coquan' AS table_name,
       CASE WHEN t."ma_coquan" IS NULL THEN 'ma_coquan' WHEN t."ten_coquan" IS NOT r.unit_name THEN 'ten_coquan' END AS column_name,
       r.code AS row_key,
       CASE WHEN t."ma_coquan" IS NULL THEN r.code WHEN t."ten_coquan" IS NOT r.unit_name THEN CAST(t."ten_coquan" AS TEXT) END AS found,
       CASE WHEN t."ma_coquan" IS NULL THEN r.code WHEN t."ten_coquan" IS NOT r.unit_name THEN CAST(r.unit_name AS TEXT) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN "dm_coquan" t ON t."ma_coquan" = r.code
 WHERE (t."ma_coquan" IS NULL AND r.is_add = 1)
    OR (t."ma_coquan" IS NOT NULL AND (t."ten_coquan" IS NOT r.unit_name));
