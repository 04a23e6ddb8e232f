-- madinhdanh down.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect postgresql
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 10 recodes, 11 adds, 11 updates, 1 closes, 1 repoints (10 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
-- the joins hash the temporary tables (no statistics) in memory, not in batches on disk
SET work_mem = '64MB';

CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INTEGER NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000));
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
CREATE TEMPORARY TABLE mdd_tmp_back (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code));

-- step 6: cauhinh_donvi.cap back to the recorded values
UPDATE "cauhinh_donvi" AS t
   SET "cap" = CAST(s.old_value AS INTEGER)
  FROM mdd_undo AS s
 WHERE t."ma_donvi" = s.row_key
   AND s.bundle = 'mdd-c1ada6475bc80cb66fac'
   AND s.step = 6;

-- step 5: cauhinh_donvi.trang_thai back to the recorded values
UPDATE "cauhinh_donvi" AS t
   SET "trang_thai" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_donvi" = s.row_key
   AND s.bundle = 'mdd-c1ada6475bc80cb66fac'
   AND s.step = 5;

-- step 4: cauhinh_donvi.ma_donvi_cha back to the recorded values
UPDATE "cauhinh_donvi" AS t
   SET "ma_donvi_cha" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_donvi" = s.row_key
   AND s.bundle = 'mdd-c1ada6475bc80cb66fac'
   AND s.step = 4;

-- step 3: cauhinh_donvi.ten_donvi back to the recorded values
UPDATE "cauhinh_donvi" AS t
   SET "ten_donvi" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_donvi" = s.row_key
   AND s.bundle = 'mdd-c1ada6475bc80cb66fac'
   AND s.step = 3;

-- step 2: the units up.sql inserted into cauhinh_donvi are deleted
DELETE FROM "cauhinh_donvi"
 WHERE "ma_donvi" IN (SELECT row_key FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 2);

-- step 1: cauhinh_donvi.ma_donvi back to the recorded codes, in one pass as up.sql did
UPDATE "cauhinh_donvi" AS t
   SET "ma_donvi" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_donvi" = s.row_key
   AND s.bundle = 'mdd-c1ada6475bc80cb66fac'
   AND s.step = 1;

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac';
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
