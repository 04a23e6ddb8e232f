-- madinhdanh down.sql for system qlvb_party (Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể)), dialect oracle (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-4fa96c184732ada0cdee; template set qlvb_party
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));
CREATE TABLE IF NOT EXISTS "MDD_UNDO_DS_COQUAN_NGOAI" AS SELECT CAST(NULL AS NVARCHAR2(100)) AS mdd_bundle, CAST(NULL AS NUMBER(10)) AS mdd_step, t.* FROM "DS_COQUAN_NGOAI" t WHERE 1 = 0;
CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_back (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), ph NVARCHAR2(100), stub NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_back;

-- step 6: ds_coquan_ngoai.ma_coquan back to the closed units' codes, then the deleted rows back
UPDATE "DS_COQUAN_NGOAI" t
   SET "MA_COQUAN" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 6)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 6);
INSERT INTO "DS_COQUAN_NGOAI" ("ID", "MA_DONVI_SO_HUU", "MA_COQUAN", "TEN_COQUAN", "THU_TU", "GHI_CHU", "NGAY_TAO")
SELECT "ID", "MA_DONVI_SO_HUU", "MA_COQUAN", "TEN_COQUAN", "THU_TU", "GHI_CHU", "NGAY_TAO"
  FROM "MDD_UNDO_DS_COQUAN_NGOAI"
 WHERE mdd_bundle = N'mdd-4fa96c184732ada0cdee' AND mdd_step = 6;

-- step 5: dm_coquan.ten_coquan back to the recorded values
UPDATE "DM_COQUAN" t
   SET "TEN_COQUAN" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 5)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 5);

-- step 4: the units up.sql inserted into dm_coquan are deleted
DELETE FROM "DM_COQUAN"
 WHERE "MA_COQUAN" IN (SELECT row_key FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 4);

-- step 3: ds_coquan_ngoai.ma_coquan back to the recorded codes, in one pass as up.sql did
UPDATE "DS_COQUAN_NGOAI" t
   SET "MA_COQUAN" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 3)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 3);

-- step 2: ds_coquan_ngoai.ma_donvi_so_huu back to the recorded codes, in one pass as up.sql did
UPDATE "DS_COQUAN_NGOAI" t
   SET "MA_DONVI_SO_HUU" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 2)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 2);

-- step 1: dm_coquan.ma_coquan back to the recorded codes, in one pass as up.sql did
UPDATE "DM_COQUAN" t
   SET "MA_COQUAN" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 1)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."MA_COQUAN" = s.row_key
     AND s.bundle = N'mdd-4fa96c184732ada0cdee'
     AND s.step = 1);

-- This bundle's records and mark.
DELETE FROM "MDD_UNDO_DS_COQUAN_NGOAI" WHERE mdd_bundle = N'mdd-4fa96c184732ada0cdee';
DELETE FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee';
DELETE FROM mdd_tmp_back;
