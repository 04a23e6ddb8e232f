-- madinhdanh down.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), dialect postgresql (declared: oracle)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-6be0d49d4be80434abf3; template set tthc
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
-- the joins hash the temporary tables (no statistics) in memory, not in batches on disk
SET work_mem = '64MB';

CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INTEGER NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000));
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
CREATE TEMPORARY TABLE mdd_tmp_back (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code));

-- step 6: thutuc.ma_coquan_thuchien back to the closed units' codes
UPDATE "thutuc" AS t
   SET "ma_coquan_thuchien" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-6be0d49d4be80434abf3'
   AND s.step = 6;

-- step 5: coquan.trang_thai back to the recorded values
UPDATE "coquan" AS t
   SET "trang_thai" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_coquan" = s.row_key
   AND s.bundle = 'mdd-6be0d49d4be80434abf3'
   AND s.step = 5;

-- step 4: coquan.ma_coquan_cha back to the recorded values
UPDATE "coquan" AS t
   SET "ma_coquan_cha" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_coquan" = s.row_key
   AND s.bundle = 'mdd-6be0d49d4be80434abf3'
   AND s.step = 4;

-- step 3: coquan.ten_coquan back to the recorded values
UPDATE "coquan" AS t
   SET "ten_coquan" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_coquan" = s.row_key
   AND s.bundle = 'mdd-6be0d49d4be80434abf3'
   AND s.step = 3;

-- step 2: the units up.sql inserted into coquan are deleted
DELETE FROM "coquan"
 WHERE "ma_coquan" IN (SELECT row_key FROM mdd_undo WHERE bundle = 'mdd-6be0d49d4be80434abf3' AND step = 2);

-- step 1: coquan.ma_coquan back to the codes recorded by up.sql, through stub rows again
DELETE FROM mdd_tmp_back;
INSERT INTO mdd_tmp_back (old_code, new_code, ph, stub)
SELECT u.new_value, u.old_value, u.ph, u.ph || 's'
  FROM mdd_undo u
 WHERE u.bundle = 'mdd-6be0d49d4be80434abf3' AND u.step = 1;
INSERT INTO "coquan" ("ma_coquan", "ten_coquan", "ma_coquan_cha", "trang_thai", "dia_chi", "email", "so_dien_thoai", "ngay_tao")
SELECT m.stub, t."ten_coquan", t."ma_coquan_cha", t."trang_thai", t."dia_chi", t."email", t."so_dien_thoai", t."ngay_tao"
  FROM "coquan" t
  JOIN mdd_tmp_back m ON t."ma_coquan" = m.old_code;
UPDATE "thutuc" AS t
   SET "ma_coquan_thuchien" = s.stub
  FROM mdd_tmp_back AS s
 WHERE t."ma_coquan_thuchien" = s.old_code;
UPDATE "coquan" AS t
   SET "ma_coquan" = s.ph
  FROM mdd_tmp_back AS s
 WHERE t."ma_coquan" = s.old_code;
UPDATE "coquan" AS t
   SET "ma_coquan" = s.new_code
  FROM mdd_tmp_back AS s
 WHERE t."ma_coquan" = s.ph;
UPDATE "thutuc" AS t
   SET "ma_coquan_thuchien" = s.new_code
  FROM mdd_tmp_back AS s
 WHERE t."ma_coquan_thuchien" = s.stub;
DELETE FROM "coquan" WHERE "ma_coquan" IN (SELECT stub FROM mdd_tmp_back);

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = 'mdd-6be0d49d4be80434abf3';
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
