-- madinhdanh down.sql for system qlvb_party (Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể)), dialect postgresql (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-4fa96c184732ada0cdee; template set qlvb_party
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
-- the joins hash the temporary tables (no statistics) in memory, not in batches on disk
SET work_mem = '64MB';

CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INTEGER NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000));
CREATE TABLE IF NOT EXISTS "mdd_undo_ds_coquan_ngoai" AS SELECT CAST(NULL AS VARCHAR(100)) AS mdd_bundle, CAST(NULL AS INTEGER) AS mdd_step, t.* FROM "ds_coquan_ngoai" t WHERE 1 = 0;
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
CREATE TEMPORARY TABLE mdd_tmp_back (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code));

-- step 6: ds_coquan_ngoai.ma_coquan back to the closed units' codes, then the deleted rows back
UPDATE "ds_coquan_ngoai" AS t
   SET "ma_coquan" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-4fa96c184732ada0cdee'
   AND s.step = 6;
INSERT INTO "ds_coquan_ngoai" ("id", "ma_donvi_so_huu", "ma_coquan", "ten_coquan", "thu_tu", "ghi_chu", "ngay_tao")
SELECT "id", "ma_donvi_so_huu", "ma_coquan", "ten_coquan", "thu_tu", "ghi_chu", "ngay_tao"
  FROM "mdd_undo_ds_coquan_ngoai"
 WHERE mdd_bundle = 'mdd-4fa96c184732ada0cdee' AND mdd_step = 6;

-- step 5: dm_coquan.ten_coquan back to the recorded values
UPDATE "dm_coquan" AS t
   SET "ten_coquan" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_coquan" = s.row_key
   AND s.bundle = 'mdd-4fa96c184732ada0cdee'
   AND s.step = 5;

-- step 4: the units up.sql inserted into dm_coquan are deleted
DELETE FROM "dm_coquan"
 WHERE "ma_coquan" IN (SELECT row_key FROM mdd_undo WHERE bundle = 'mdd-4fa96c184732ada0cdee' AND step = 4);

-- step 3: ds_coquan_ngoai.ma_coquan back to the recorded codes, in one pass as up.sql did
UPDATE "ds_coquan_ngoai" AS t
   SET "ma_coquan" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-4fa96c184732ada0cdee'
   AND s.step = 3;

-- step 2: ds_coquan_ngoai.ma_donvi_so_huu back to the recorded codes, in one pass as up.sql did
UPDATE "ds_coquan_ngoai" AS t
   SET "ma_donvi_so_huu" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-4fa96c184732ada0cdee'
   AND s.step = 2;

-- step 1: dm_coquan.ma_coquan back to the recorded codes, in one pass as up.sql did
UPDATE "dm_coquan" AS t
   SET "ma_coquan" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_coquan" = s.row_key
   AND s.bundle = 'mdd-4fa96c184732ada0cdee'
   AND s.step = 1;

-- This bundle's records and mark.
DELETE FROM "mdd_undo_ds_coquan_ngoai" WHERE mdd_bundle = 'mdd-4fa96c184732ada0cdee';
DELETE FROM mdd_undo WHERE bundle = 'mdd-4fa96c184732ada0cdee';
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
