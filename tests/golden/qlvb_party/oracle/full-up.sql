-- madinhdanh up.sql for system qlvb_party (Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể)), dialect oracle (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-4fa96c184732ada0cdee; template set qlvb_party
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));
CREATE TABLE IF NOT EXISTS "MDD_UNDO_DS_COQUAN_NGOAI" AS SELECT CAST(NULL AS NVARCHAR2(100)) AS mdd_bundle, CAST(NULL AS NUMBER(10)) AS mdd_step, t.* FROM "DS_COQUAN_NGOAI" t WHERE 1 = 0;

-- The registry's data for this bundle, set-based: 13 recoded identifier(s), 1 repoint(s), 14 unit row(s).
CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_map (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), ph NVARCHAR2(100), stub NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_map;
INSERT INTO mdd_tmp_map (old_code, new_code, ph, stub)
SELECT N'000.00.00.H03', N'H03', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.06.H03', N'H03.01', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.01.06.H03', N'H03.01.01', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.10.H03', N'H03.02', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.07.H03', N'H03.03', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.09.H03', N'H03.04', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.08.H03', N'H03.05', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.27.H03', N'H03.06', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.01.27.H03', N'H03.06.02', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.03.27.H03', N'H03.06.03', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.02.27.H03', N'H03.06.04', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.50.H03', N'H03.70', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.01.50.H03', N'H03.70.01', NULL, NULL FROM DUAL;

CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_repoint (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_repoint;
INSERT INTO mdd_tmp_repoint (old_code, new_code)
SELECT N'H03.04', N'H03.02' FROM DUAL;

CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_rows (code NVARCHAR2(100) NOT NULL, unit_id NVARCHAR2(100), unit_name NVARCHAR2(1000), parent_code NVARCHAR2(100), unit_status NVARCHAR2(100), unit_level NUMBER(10), block NVARCHAR2(100), is_add NUMBER(10), PRIMARY KEY (code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_rows;
INSERT INTO mdd_tmp_rows (code, unit_id, unit_name, parent_code, unit_status, unit_level, block, is_add)
SELECT N'H03', N'ubnd-tinh', N'Ủy ban nhân dân tỉnh Bắc Giang', NULL, N'active', 1, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.01', N'so-noi-vu', N'Sở Nội vụ', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.01.01', N'ban-thi-dua', N'Ban Thi đua - Khen thưởng', N'H03.01', N'active', 3, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.02', N'so-khcn', N'Sở Khoa học và Công nghệ', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.03', N'so-tu-phap', N'Sở Tư pháp', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.04', N'so-tttt', N'Sở Thông tin và Truyền thông', N'H03', N'closed', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.05', N'so-khdt', N'Sở Kế hoạch và Đầu tư', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.06', N'ubnd-yen-the', N'Ủy ban nhân dân huyện Yên Thế (mới)', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.06.02', N'xa-dong-tam', N'Ủy ban nhân dân xã Đồng Tâm', N'H03.06', N'active', 3, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.06.03', N'nha-van-hoa', N'Nhà Văn hóa ''Thiếu nhi'' huyện Yên Thế', N'H03.06', N'active', 3, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.06.04', N'xa-tam-tien', N'Ủy ban nhân dân xã Tam Tiến', N'H03.06', N'active', 3, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.07', N'so-du-lich', N'Sở Du lịch', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.70', N'tinh-uy', N'Tỉnh ủy Bắc Giang', N'H03', N'active', 2, N'party', 1 FROM DUAL
UNION ALL SELECT N'H03.70.01', N'ban-to-chuc-tu', N'Ban Tổ chức Tỉnh ủy', N'H03.70', N'active', 3, N'party', 1 FROM DUAL;

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 0);

-- step 1: dm_coquan.ma_coquan is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 1, m.new_code, m.ph, m.old_code, m.new_code
  FROM "DM_COQUAN" t
  JOIN mdd_tmp_map m ON t."MA_COQUAN" = m.old_code;
UPDATE "DM_COQUAN" t
   SET "MA_COQUAN" = (SELECT s.new_code FROM mdd_tmp_map s
   WHERE t."MA_COQUAN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."MA_COQUAN" = s.old_code);

-- step 2: ds_coquan_ngoai.ma_donvi_so_huu is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 2, CAST(t."ID" AS NVARCHAR2(1000)), m.ph, m.old_code, m.new_code
  FROM "DS_COQUAN_NGOAI" t
  JOIN mdd_tmp_map m ON t."MA_DONVI_SO_HUU" = m.old_code;
UPDATE "DS_COQUAN_NGOAI" t
   SET "MA_DONVI_SO_HUU" = (SELECT s.new_code FROM mdd_tmp_map s
   WHERE t."MA_DONVI_SO_HUU" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."MA_DONVI_SO_HUU" = s.old_code);

-- step 3: ds_coquan_ngoai.ma_coquan is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 3, CAST(t."ID" AS NVARCHAR2(1000)), m.ph, m.old_code, m.new_code
  FROM "DS_COQUAN_NGOAI" t
  JOIN mdd_tmp_map m ON t."MA_COQUAN" = m.old_code;
UPDATE "DS_COQUAN_NGOAI" t
   SET "MA_COQUAN" = (SELECT s.new_code FROM mdd_tmp_map s
   WHERE t."MA_COQUAN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."MA_COQUAN" = s.old_code);

-- step 4: units missing from dm_coquan are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT N'mdd-4fa96c184732ada0cdee', 4, r.code
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."MA_COQUAN" FROM "DM_COQUAN" t WHERE t."MA_COQUAN" IS NOT NULL);
INSERT INTO "DM_COQUAN" ("MA_COQUAN", "TEN_COQUAN", "KHOI", "SU_DUNG")
SELECT r.code, r.unit_name, CASE r.block WHEN N'party' THEN N'DANG' WHEN N'state' THEN N'CHINHQUYEN' END, CASE r.unit_status WHEN N'active' THEN 1 WHEN N'closed' THEN 0 END
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."MA_COQUAN" FROM "DM_COQUAN" t WHERE t."MA_COQUAN" IS NOT NULL);

-- step 5: dm_coquan.ten_coquan as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-4fa96c184732ada0cdee', 5, r.code, CAST(t."TEN_COQUAN" AS NVARCHAR2(1000))
  FROM "DM_COQUAN" t
  JOIN mdd_tmp_rows r ON t."MA_COQUAN" = r.code
 WHERE (t."TEN_COQUAN" <> r.unit_name OR (t."TEN_COQUAN" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND r.unit_name IS NULL));
UPDATE "DM_COQUAN" t
   SET "TEN_COQUAN" = (SELECT s.unit_name FROM mdd_tmp_rows s
   WHERE t."MA_COQUAN" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."MA_COQUAN" = s.code
     AND (t."TEN_COQUAN" <> s.unit_name OR (t."TEN_COQUAN" IS NULL AND s.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND s.unit_name IS NULL)));

-- step 6: ds_coquan_ngoai.ma_coquan (on_close: repoint): references of closed units -> their successor
-- a row that would then repeat another under UNIQUE (ma_donvi_so_huu, ma_coquan) is deleted (kept in mdd_undo_ds_coquan_ngoai):
-- first where the successor is listed already, then where two closed units share a successor (the lowest id stays)
INSERT INTO "MDD_UNDO_DS_COQUAN_NGOAI" (mdd_bundle, mdd_step, "ID", "MA_DONVI_SO_HUU", "MA_COQUAN", "TEN_COQUAN", "THU_TU", "GHI_CHU", "NGAY_TAO")
SELECT N'mdd-4fa96c184732ada0cdee', 6, t."ID", t."MA_DONVI_SO_HUU", t."MA_COQUAN", t."TEN_COQUAN", t."THU_TU", t."GHI_CHU", t."NGAY_TAO"
  FROM "DS_COQUAN_NGOAI" t
  JOIN mdd_tmp_repoint m ON t."MA_COQUAN" = m.old_code
 WHERE EXISTS (SELECT 1 FROM "DS_COQUAN_NGOAI" t2
                WHERE t2."MA_COQUAN" = m.new_code
                  AND t2."MA_DONVI_SO_HUU" = t."MA_DONVI_SO_HUU");
DELETE FROM "DS_COQUAN_NGOAI"
 WHERE "ID" IN (SELECT "ID" FROM "MDD_UNDO_DS_COQUAN_NGOAI" WHERE mdd_bundle = N'mdd-4fa96c184732ada0cdee' AND mdd_step = 6);
INSERT INTO "MDD_UNDO_DS_COQUAN_NGOAI" (mdd_bundle, mdd_step, "ID", "MA_DONVI_SO_HUU", "MA_COQUAN", "TEN_COQUAN", "THU_TU", "GHI_CHU", "NGAY_TAO")
SELECT N'mdd-4fa96c184732ada0cdee', 6, t."ID", t."MA_DONVI_SO_HUU", t."MA_COQUAN", t."TEN_COQUAN", t."THU_TU", t."GHI_CHU", t."NGAY_TAO"
  FROM "DS_COQUAN_NGOAI" t
  JOIN mdd_tmp_repoint m ON t."MA_COQUAN" = m.old_code
 WHERE EXISTS (SELECT 1 FROM "DS_COQUAN_NGOAI" t2
                 JOIN mdd_tmp_repoint m2 ON t2."MA_COQUAN" = m2.old_code
                WHERE m2.new_code = m.new_code AND t2."ID" < t."ID"
                  AND t2."MA_DONVI_SO_HUU" = t."MA_DONVI_SO_HUU");
DELETE FROM "DS_COQUAN_NGOAI"
 WHERE "ID" IN (SELECT "ID" FROM "MDD_UNDO_DS_COQUAN_NGOAI" WHERE mdd_bundle = N'mdd-4fa96c184732ada0cdee' AND mdd_step = 6);
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 6, CAST(t."ID" AS NVARCHAR2(1000)), m.old_code, m.new_code
  FROM "DS_COQUAN_NGOAI" t
  JOIN mdd_tmp_repoint m ON t."MA_COQUAN" = m.old_code;
UPDATE "DS_COQUAN_NGOAI" t
   SET "MA_COQUAN" = (SELECT s.new_code FROM mdd_tmp_repoint s
   WHERE t."MA_COQUAN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_repoint s
   WHERE t."MA_COQUAN" = s.old_code);

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 0, N'applied', N'golden' FROM DUAL
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
