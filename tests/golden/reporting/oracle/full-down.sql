-- madinhdanh down.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect oracle (declared: postgresql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 10 recodes, 11 adds, 11 updates, 1 closes, 1 repoints (10 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));
CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_back (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), ph NVARCHAR2(100), stub NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_back;

-- step 6: cauhinh_donvi.cap back to the recorded values
UPDATE "CAUHINH_DONVI" t
   SET "CAP" = (SELECT CAST(s.old_value AS INTEGER) FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 6)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 6);

-- step 5: cauhinh_donvi.trang_thai back to the recorded values
UPDATE "CAUHINH_DONVI" t
   SET "TRANG_THAI" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 5)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 5);

-- step 4: cauhinh_donvi.ma_donvi_cha back to the recorded values
UPDATE "CAUHINH_DONVI" t
   SET "MA_DONVI_CHA" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 4)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 4);

-- step 3: cauhinh_donvi.ten_donvi back to the recorded values
UPDATE "CAUHINH_DONVI" t
   SET "TEN_DONVI" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 3)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 3);

-- step 2: the units up.sql inserted into cauhinh_donvi are deleted
DELETE FROM "CAUHINH_DONVI"
 WHERE "MA_DONVI" IN (SELECT row_key FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 2);

-- step 1: cauhinh_donvi.ma_donvi back to the recorded codes, in one pass as up.sql did
UPDATE "CAUHINH_DONVI" t
   SET "MA_DONVI" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 1)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_DONVI" = s.row_key
     AND s.bundle = N'mdd-c1ada6475bc80cb66fac'
     AND s.step = 1);

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac';
DELETE FROM mdd_tmp_back;
