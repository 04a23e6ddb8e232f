-- madinhdanh down.sql for system qlvb_state (Phần mềm Quản lý văn bản và điều hành (khối chính quyền)), dialect oracle (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-7ea397accb26bf1ba699; template set qlvb_state
-- changes: 11 recodes, 12 adds, 12 updates, 1 closes, 1 repoints (11 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));
CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_back (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), ph NVARCHAR2(100), stub NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_back;

-- step 9: lt_tuyen.ma_donvi_nhan back to the closed units' codes
UPDATE "LT_TUYEN" t
   SET "MA_DONVI_NHAN" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 9)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 9);

-- step 8: dm_donvi.cap back to the recorded values
UPDATE "DM_DONVI" t
   SET "CAP" = (SELECT CAST(s.old_value AS INTEGER) FROM mdd_undo s
   WHERE t."MA_DINH_DANH" = s.row_key
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 8)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DINH_DANH" = s.row_key
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 8);

-- step 7: dm_donvi.trang_thai back to the recorded values
UPDATE "DM_DONVI" t
   SET "TRANG_THAI" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_DINH_DANH" = s.row_key
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 7)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DINH_DANH" = s.row_key
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 7);

-- step 6: dm_donvi.ma_donvi_cha back to the recorded values
UPDATE "DM_DONVI" t
   SET "MA_DONVI_CHA" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_DINH_DANH" = s.row_key
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 6)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DINH_DANH" = s.row_key
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 6);

-- step 5: dm_donvi.ten_donvi back to the recorded values
UPDATE "DM_DONVI" t
   SET "TEN_DONVI" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_DINH_DANH" = s.row_key
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 5)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DINH_DANH" = s.row_key
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 5);

-- step 4: the units up.sql inserted into dm_donvi are deleted
DELETE FROM "DM_DONVI"
 WHERE "MA_DINH_DANH" IN (SELECT row_key FROM mdd_undo WHERE bundle = N'mdd-7ea397accb26bf1ba699' AND step = 4);

-- step 3: dm_dungchung.ma back to the recorded codes, in one pass as up.sql did
UPDATE "DM_DUNGCHUNG" t
   SET "MA" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 3)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 3);

-- step 2: dm_donvi.ma_dinh_danh back to the recorded codes, in one pass as up.sql did
UPDATE "DM_DONVI" t
   SET "MA_DINH_DANH" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 2)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-7ea397accb26bf1ba699'
     AND s.step = 2);

-- step 1: lt_donvi.ma_donvi back to the codes recorded by up.sql, through stub rows again
DELETE FROM mdd_tmp_back;
INSERT INTO mdd_tmp_back (old_code, new_code, ph, stub)
SELECT u.new_value, u.old_value, u.ph, u.ph || N's'
  FROM mdd_undo u
 WHERE u.bundle = N'mdd-7ea397accb26bf1ba699' AND u.step = 1;
INSERT INTO "LT_DONVI" ("MA_DONVI", "TEN_DONVI", "DIA_CHI_KET_NOI", "KICH_HOAT", "NGAY_DANG_KY")
SELECT m.stub, t."TEN_DONVI", t."DIA_CHI_KET_NOI", t."KICH_HOAT", t."NGAY_DANG_KY"
  FROM "LT_DONVI" t
  JOIN mdd_tmp_back m ON t."MA_DONVI" = m.old_code;
UPDATE "LT_TUYEN" t
   SET "MA_DONVI_GUI" = (SELECT s.stub FROM mdd_tmp_back s
   WHERE t."MA_DONVI_GUI" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_DONVI_GUI" = s.old_code);
UPDATE "LT_TUYEN" t
   SET "MA_DONVI_NHAN" = (SELECT s.stub FROM mdd_tmp_back s
   WHERE t."MA_DONVI_NHAN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_DONVI_NHAN" = s.old_code);
UPDATE "LT_DONVI" t
   SET "MA_DONVI" = (SELECT s.ph FROM mdd_tmp_back s
   WHERE t."MA_DONVI" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_DONVI" = s.old_code);
UPDATE "LT_DONVI" t
   SET "MA_DONVI" = (SELECT s.new_code FROM mdd_tmp_back s
   WHERE t."MA_DONVI" = s.ph)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_DONVI" = s.ph);
UPDATE "LT_TUYEN" t
   SET "MA_DONVI_GUI" = (SELECT s.new_code FROM mdd_tmp_back s
   WHERE t."MA_DONVI_GUI" = s.stub)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_DONVI_GUI" = s.stub);
UPDATE "LT_TUYEN" t
   SET "MA_DONVI_NHAN" = (SELECT s.new_code FROM mdd_tmp_back s
   WHERE t."MA_DONVI_NHAN" = s.stub)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_DONVI_NHAN" = s.stub);
DELETE FROM "LT_DONVI" WHERE "MA_DONVI" IN (SELECT stub FROM mdd_tmp_back);

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = N'mdd-7ea397accb26bf1ba699';
DELETE FROM mdd_tmp_back;
