-- madinhdanh down.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), dialect oracle
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-6be0d49d4be80434abf3; template set tthc
-- changes: 11 recodes, 12 adds, 12 updates, 1 closes, 1 repoints (11 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));
CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_back (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), ph NVARCHAR2(100), stub NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_back;

-- step 6: thutuc.ma_coquan_thuchien back to the closed units' codes
UPDATE "THUTUC" t
   SET "MA_COQUAN_THUCHIEN" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-6be0d49d4be80434abf3'
     AND s.step = 6)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-6be0d49d4be80434abf3'
     AND s.step = 6);

-- step 5: coquan.trang_thai back to the recorded values
UPDATE "COQUAN" t
   SET "TRANG_THAI" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-6be0d49d4be80434abf3'
     AND s.step = 5)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-6be0d49d4be80434abf3'
     AND s.step = 5);

-- step 4: coquan.ma_coquan_cha back to the recorded values
UPDATE "COQUAN" t
   SET "MA_COQUAN_CHA" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-6be0d49d4be80434abf3'
     AND s.step = 4)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-6be0d49d4be80434abf3'
     AND s.step = 4);

-- step 3: coquan.ten_coquan back to the recorded values
UPDATE "COQUAN" t
   SET "TEN_COQUAN" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-6be0d49d4be80434abf3'
     AND s.step = 3)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-6be0d49d4be80434abf3'
     AND s.step = 3);

-- step 2: the units up.sql inserted into coquan are deleted
DELETE FROM "COQUAN"
 WHERE "MA_COQUAN" IN (SELECT row_key FROM mdd_undo WHERE bundle = N'mdd-6be0d49d4be80434abf3' AND step = 2);

-- step 1: coquan.ma_coquan back to the codes recorded by up.sql, through stub rows again
DELETE FROM mdd_tmp_back;
INSERT INTO mdd_tmp_back (old_code, new_code, ph, stub)
SELECT u.new_value, u.old_value, u.ph, u.ph || N's'
  FROM mdd_undo u
 WHERE u.bundle = N'mdd-6be0d49d4be80434abf3' AND u.step = 1;
INSERT INTO "COQUAN" ("MA_COQUAN", "TEN_COQUAN", "MA_COQUAN_CHA", "TRANG_THAI", "DIA_CHI", "EMAIL", "SO_DIEN_THOAI", "NGAY_TAO")
SELECT m.stub, t."TEN_COQUAN", t."MA_COQUAN_CHA", t."TRANG_THAI", t."DIA_CHI", t."EMAIL", t."SO_DIEN_THOAI", t."NGAY_TAO"
  FROM "COQUAN" t
  JOIN mdd_tmp_back m ON t."MA_COQUAN" = m.old_code;
UPDATE "THUTUC" t
   SET "MA_COQUAN_THUCHIEN" = (SELECT s.stub FROM mdd_tmp_back s
   WHERE t."MA_COQUAN_THUCHIEN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_COQUAN_THUCHIEN" = s.old_code);
UPDATE "COQUAN" t
   SET "MA_COQUAN" = (SELECT s.ph FROM mdd_tmp_back s
   WHERE t."MA_COQUAN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_COQUAN" = s.old_code);
UPDATE "COQUAN" t
   SET "MA_COQUAN" = (SELECT s.new_code FROM mdd_tmp_back s
   WHERE t."MA_COQUAN" = s.ph)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_COQUAN" = s.ph);
UPDATE "THUTUC" t
   SET "MA_COQUAN_THUCHIEN" = (SELECT s.new_code FROM mdd_tmp_back s
   WHERE t."MA_COQUAN_THUCHIEN" = s.stub)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_back s
   WHERE t."MA_COQUAN_THUCHIEN" = s.stub);
DELETE FROM "COQUAN" WHERE "MA_COQUAN" IN (SELECT stub FROM mdd_tmp_back);

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = N'mdd-6be0d49d4be80434abf3';
DELETE FROM mdd_tmp_back;
