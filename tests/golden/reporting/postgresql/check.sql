-- madinhdanh check.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect postgresql
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- The postconditions of up.sql: run right after it in the same session; every query must return no row.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- no old identifier left in cauhinh_donvi.ma_donvi (an old identifier that is also a current code is not stale)
SELECT 'stale' AS problem, 'cauhinh_donvi' AS table_name, 'ma_donvi' AS column_name, CAST(t."ma_donvi" AS VARCHAR(1000)) AS row_key, m.old_code AS found, m.new_code AS expected
  FROM "cauhinh_donvi" t
  JOIN mdd_tmp_map m ON t."ma_donvi" = m.old_code
 WHERE m.old_code NOT IN (SELECT m2.new_code FROM mdd_tmp_map m2 WHERE m2.new_code IS NOT NULL);


-- every unit the bundle adds is in cauhinh_donvi, and every unit row of the bundle holds what the registry says
SELECT CASE WHEN t."ma_donvi" IS NULL THEN 'missing' ELSE 'attribute' END AS problem, 'cauhinh_donvi' AS table_name,
       CASE WHEN t."ma_donvi" IS NULL THEN 'ma_donvi' WHEN t."ten_donvi" IS DISTINCT FROM r.unit_name THEN 'ten_donvi' WHEN t."ma_donvi_cha" IS DISTINCT FROM r.parent_code THEN 'ma_donvi_cha' WHEN t."trang_thai" IS DISTINCT FROM r.unit_status THEN 'trang_thai' WHEN t."cap" IS DISTINCT FROM r.unit_level THEN 'cap' END AS column_name,
       r.code AS row_key,
       CASE WHEN t."ma_donvi" IS NULL THEN r.code WHEN t."ten_donvi" IS DISTINCT FROM r.unit_name THEN CAST(t."ten_donvi" AS VARCHAR(1000)) WHEN t."ma_donvi_cha" IS DISTINCT FROM r.parent_code THEN CAST(t."ma_donvi_cha" AS VARCHAR(1000)) WHEN t."trang_thai" IS DISTINCT FROM r.unit_status THEN CAST(t."trang_thai" AS VARCHAR(1000)) WHEN t."cap" IS DISTINCT FROM r.unit_level THEN CAST(t."cap" AS VARCHAR(1000)) END AS found,
       CASE WHEN t."ma_donvi" IS NULL THEN r.code WHEN t."ten_donvi" IS DISTINCT FROM r.unit_name THEN CAST(r.unit_name AS VARCHAR(1000)) WHEN t."ma_donvi_cha" IS DISTINCT FROM r.parent_code THEN CAST(r.parent_code AS VARCHAR(1000)) WHEN t."trang_thai" IS DISTINCT FROM r.unit_status THEN CAST(r.unit_status AS VARCHAR(1000)) WHEN t."cap" IS DISTINCT FROM r.unit_level THEN CAST(r.unit_level AS VARCHAR(1000)) END AS expected
  FROM mdd_tmp_rows r
  LEFT JOIN "cauhinh_donvi" t ON t."ma_donvi" = r.code
 WHERE (t."ma_donvi" IS NULL AND r.is_add = 1)
    OR (t."ma_donvi" IS NOT NULL AND (t."ten_donvi" IS DISTINCT FROM r.unit_name
                                   OR t."ma_donvi_cha" IS DISTINCT FROM r.parent_code
                                   OR t."trang_thai" IS DISTINCT FROM r.unit_status
                                   OR t."cap" IS DISTINCT FROM r.unit_level));
