-- madinhdanh down.sql for system qlvb_state (Phần mềm Quản lý văn bản và điều hành (khối chính quyền)), dialect postgresql (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-7ea397accb26bf1ba699; template set qlvb_state
-- changes: 11 recodes, 12 adds, 12 updates, 1 closes, 1 repoints (11 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
-- the joins hash the temporary tables (no statistics) in memory, not in batches on disk
SET work_mem = '64MB';

CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INTEGER NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000));
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
CREATE TEMPORARY TABLE mdd_tmp_back (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code));

-- step 9: lt_tuyen.ma_donvi_nhan back to the closed units' codes
UPDATE "lt_tuyen" AS t
   SET "ma_donvi_nhan" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-7ea397accb26bf1ba699'
   AND s.step = 9;

-- step 8: dm_donvi.cap back to the recorded values
UPDATE "dm_donvi" AS t
   SET "cap" = CAST(s.old_value AS INTEGER)
  FROM mdd_undo AS s
 WHERE t."ma_dinh_danh" = s.row_key
   AND s.bundle = 'mdd-7ea397accb26bf1ba699'
   AND s.step = 8;

-- step 7: dm_donvi.trang_thai back to the recorded values
UPDATE "dm_donvi" AS t
   SET "trang_thai" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_dinh_danh" = s.row_key
   AND s.bundle = 'mdd-7ea397accb26bf1ba699'
   AND s.step = 7;

-- step 6: dm_donvi.ma_donvi_cha back to the recorded values
UPDATE "dm_donvi" AS t
   SET "ma_donvi_cha" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_dinh_danh" = s.row_key
   AND s.bundle = 'mdd-7ea397accb26bf1ba699'
   AND s.step = 6;

-- step 5: dm_donvi.ten_donvi back to the recorded values
UPDATE "dm_donvi" AS t
   SET "ten_donvi" = s.old_value
  FROM mdd_undo AS s
 WHERE t."ma_dinh_danh" = s.row_key
   AND s.bundle = 'mdd-7ea397accb26bf1ba699'
   AND s.step = 5;

-- step 4: the units up.sql inserted into dm_donvi are deleted
DELETE FROM "dm_donvi"
 WHERE "ma_dinh_danh" IN (SELECT row_key FROM mdd_undo WHERE bundle = 'mdd-7ea397accb26bf1ba699' AND step = 4);

-- step 3: dm_dungchung.ma back to the recorded codes, in one pass as up.sql did
UPDATE "dm_dungchung" AS t
   SET "ma" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-7ea397accb26bf1ba699'
   AND s.step = 3;

-- step 2: dm_donvi.ma_dinh_danh back to the recorded codes, in one pass as up.sql did
UPDATE "dm_donvi" AS t
   SET "ma_dinh_danh" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-7ea397accb26bf1ba699'
   AND s.step = 2;

-- step 1: lt_donvi.ma_donvi back to the codes recorded by up.sql, through stub rows again
DELETE FROM mdd_tmp_back;
INSERT INTO mdd_tmp_back (old_code, new_code, ph, stub)
SELECT u.new_value, u.old_value, u.ph, u.ph || 's'
  FROM mdd_undo u
 WHERE u.bundle = 'mdd-7ea397accb26bf1ba699' AND u.step = 1;
INSERT INTO "lt_donvi" ("ma_donvi", "ten_donvi", "dia_chi_ket_noi", "kich_hoat", "ngay_dang_ky")
SELECT m.stub, t."ten_donvi", t."dia_chi_ket_noi", t."kich_hoat", t."ngay_dang_ky"
  FROM "lt_donvi" t
  JOIN mdd_tmp_back m ON t."ma_donvi" = m.old_code;
UPDATE "lt_tuyen" AS t
   SET "ma_donvi_gui" = s.stub
  FROM mdd_tmp_back AS s
 WHERE t."ma_donvi_gui" = s.old_code;
UPDATE "lt_tuyen" AS t
   SET "ma_donvi_nhan" = s.stub
  FROM mdd_tmp_back AS s
 WHERE t."ma_donvi_nhan" = s.old_code;
UPDATE "lt_donvi" AS t
   SET "ma_donvi" = s.ph
  FROM mdd_tmp_back AS s
 WHERE t."ma_donvi" = s.old_code;
UPDATE "lt_donvi" AS t
   SET "ma_donvi" = s.new_code
  FROM mdd_tmp_back AS s
 WHERE t."ma_donvi" = s.ph;
UPDATE "lt_tuyen" AS t
   SET "ma_donvi_gui" = s.new_code
  FROM mdd_tmp_back AS s
 WHERE t."ma_donvi_gui" = s.stub;
UPDATE "lt_tuyen" AS t
   SET "ma_donvi_nhan" = s.new_code
  FROM mdd_tmp_back AS s
 WHERE t."ma_donvi_nhan" = s.stub;
DELETE FROM "lt_donvi" WHERE "ma_donvi" IN (SELECT stub FROM mdd_tmp_back);

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = 'mdd-7ea397accb26bf1ba699';
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
