-- madinhdanh up.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect oracle (declared: postgresql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 10 recodes, 11 adds, 11 updates, 1 closes, 1 repoints (10 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));

-- The registry's data for this bundle, set-based: 10 recoded identifier(s), 1 repoint(s), 11 unit row(s).
CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_map (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), ph NVARCHAR2(100), stub NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_map;
INSERT INTO mdd_tmp_map (old_code, new_code, ph, stub)
SELECT N'000.00.06.H03', N'H03.01', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.01.06.H03', N'H03.01.01', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.10.H03', N'H03.02', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.07.H03', N'H03.03', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.09.H03', N'H03.04', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.08.H03', N'H03.05', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.00.27.H03', N'H03.06', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.01.27.H03', N'H03.06.02', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.03.27.H03', N'H03.06.03', NULL, NULL FROM DUAL
UNION ALL SELECT N'000.02.27.H03', N'H03.06.04', NULL, NULL FROM DUAL;

CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_repoint (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_repoint;
INSERT INTO mdd_tmp_repoint (old_code, new_code)
SELECT N'H03.04', N'H03.02' FROM DUAL;

CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_rows (code NVARCHAR2(100) NOT NULL, unit_id NVARCHAR2(100), unit_name NVARCHAR2(1000), parent_code NVARCHAR2(100), unit_status NVARCHAR2(100), unit_level NUMBER(10), block NVARCHAR2(100), is_add NUMBER(10), PRIMARY KEY (code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_rows;
INSERT INTO mdd_tmp_rows (code, unit_id, unit_name, parent_code, unit_status, unit_level, block, is_add)
SELECT N'H03.01', N'so-noi-vu', N'Sở Nội vụ', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.01.01', N'ban-thi-dua', N'Ban Thi đua - Khen thưởng', N'H03.01', N'active', 3, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.02', N'so-khcn', N'Sở Khoa học và Công nghệ', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.03', N'so-tu-phap', N'Sở Tư pháp', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.04', N'so-tttt', N'Sở Thông tin và Truyền thông', N'H03', N'closed', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.05', N'so-khdt', N'Sở Kế hoạch và Đầu tư', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.06', N'ubnd-yen-the', N'Ủy ban nhân dân huyện Yên Thế (mới)', N'H03', N'active', 2, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.06.02', N'xa-dong-tam', N'Ủy ban nhân dân xã Đồng Tâm', N'H03.06', N'active', 3, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.06.03', N'nha-van-hoa', N'Nhà Văn hóa ''Thiếu nhi'' huyện Yên Thế', N'H03.06', N'active', 3, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.06.04', N'xa-tam-tien', N'Ủy ban nhân dân xã Tam Tiến', N'H03.06', N'active', 3, N'state', 1 FROM DUAL
UNION ALL SELECT N'H03.07', N'so-du-lich', N'Sở Du lịch', N'H03', N'active', 2, N'state', 1 FROM DUAL;

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 0);

-- step 1: cauhinh_donvi.ma_donvi is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-c1ada6475bc80cb66fac', 1, m.new_code, m.ph, m.old_code, m.new_code
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_map m ON t."MA_DONVI" = m.old_code;
UPDATE "CAUHINH_DONVI" t
   SET "MA_DONVI" = (SELECT s.new_code FROM mdd_tmp_map s
   WHERE t."MA_DONVI" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."MA_DONVI" = s.old_code);

-- step 2: units missing from cauhinh_donvi are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT N'mdd-c1ada6475bc80cb66fac', 2, r.code
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."MA_DONVI" FROM "CAUHINH_DONVI" t WHERE t."MA_DONVI" IS NOT NULL);
INSERT INTO "CAUHINH_DONVI" ("MA_DONVI", "TEN_DONVI", "MA_DONVI_CHA", "TRANG_THAI", "CAP", "NHOM")
SELECT r.code, r.unit_name, r.parent_code, r.unit_status, r.unit_level, CASE r.unit_level WHEN 2 THEN N'SO_NGANH' WHEN 3 THEN N'DON_VI_CAP_3' END
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."MA_DONVI" FROM "CAUHINH_DONVI" t WHERE t."MA_DONVI" IS NOT NULL);

-- step 3: cauhinh_donvi.ten_donvi as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-c1ada6475bc80cb66fac', 3, r.code, CAST(t."TEN_DONVI" AS NVARCHAR2(1000))
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DONVI" = r.code
 WHERE (t."TEN_DONVI" <> r.unit_name OR (t."TEN_DONVI" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_DONVI" IS NOT NULL AND r.unit_name IS NULL));
UPDATE "CAUHINH_DONVI" t
   SET "TEN_DONVI" = (SELECT s.unit_name FROM mdd_tmp_rows s
   WHERE t."MA_DONVI" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."MA_DONVI" = s.code
     AND (t."TEN_DONVI" <> s.unit_name OR (t."TEN_DONVI" IS NULL AND s.unit_name IS NOT NULL) OR (t."TEN_DONVI" IS NOT NULL AND s.unit_name IS NULL)));

-- step 4: cauhinh_donvi.ma_donvi_cha as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-c1ada6475bc80cb66fac', 4, r.code, CAST(t."MA_DONVI_CHA" AS NVARCHAR2(1000))
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DONVI" = r.code
 WHERE (t."MA_DONVI_CHA" <> r.parent_code OR (t."MA_DONVI_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_DONVI_CHA" IS NOT NULL AND r.parent_code IS NULL));
UPDATE "CAUHINH_DONVI" t
   SET "MA_DONVI_CHA" = (SELECT s.parent_code FROM mdd_tmp_rows s
   WHERE t."MA_DONVI" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."MA_DONVI" = s.code
     AND (t."MA_DONVI_CHA" <> s.parent_code OR (t."MA_DONVI_CHA" IS NULL AND s.parent_code IS NOT NULL) OR (t."MA_DONVI_CHA" IS NOT NULL AND s.parent_code IS NULL)));

-- step 5: cauhinh_donvi.trang_thai as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-c1ada6475bc80cb66fac', 5, r.code, CAST(t."TRANG_THAI" AS NVARCHAR2(1000))
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DONVI" = r.code
 WHERE (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL));
UPDATE "CAUHINH_DONVI" t
   SET "TRANG_THAI" = (SELECT s.unit_status FROM mdd_tmp_rows s
   WHERE t."MA_DONVI" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."MA_DONVI" = s.code
     AND (t."TRANG_THAI" <> s.unit_status OR (t."TRANG_THAI" IS NULL AND s.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND s.unit_status IS NULL)));

-- step 6: cauhinh_donvi.cap as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-c1ada6475bc80cb66fac', 6, r.code, CAST(t."CAP" AS NVARCHAR2(1000))
  FROM "CAUHINH_DONVI" t
  JOIN mdd_tmp_rows r ON t."MA_DONVI" = r.code
 WHERE (t."CAP" <> r.unit_level OR (t."CAP" IS NULL AND r.unit_level IS NOT NULL) OR (t."CAP" IS NOT NULL AND r.unit_level IS NULL));
UPDATE "CAUHINH_DONVI" t
   SET "CAP" = (SELECT s.unit_level FROM mdd_tmp_rows s
   WHERE t."MA_DONVI" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."MA_DONVI" = s.code
     AND (t."CAP" <> s.unit_level OR (t."CAP" IS NULL AND s.unit_level IS NOT NULL) OR (t."CAP" IS NOT NULL AND s.unit_level IS NULL)));

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT N'mdd-c1ada6475bc80cb66fac', 0, N'applied', N'golden' FROM DUAL
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
