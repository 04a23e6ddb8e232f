-- madinhdanh up.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect oracle (declared: mysql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));

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
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 0);

-- step 1: portal_units.unit_code is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-58a943c25614e93a61b8', 1, CAST(t."ID" AS NVARCHAR2(1000)), m.ph, m.old_code, m.new_code
  FROM "PORTAL_UNITS" t
  JOIN mdd_tmp_map m ON t."UNIT_CODE" = m.old_code;
UPDATE "PORTAL_UNITS" t
   SET "UNIT_CODE" = (SELECT s.new_code FROM mdd_tmp_map s
   WHERE t."UNIT_CODE" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."UNIT_CODE" = s.old_code);

-- step 2: portal_categories.unit_code: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-58a943c25614e93a61b8', 2, CAST(t."ID" AS NVARCHAR2(1000)), m.ph, m.old_code, m.new_code
  FROM "PORTAL_CATEGORIES" t
  JOIN mdd_tmp_map m ON t."UNIT_CODE" = m.old_code;
UPDATE "PORTAL_CATEGORIES" t
   SET "UNIT_CODE" = (SELECT s.new_code FROM mdd_tmp_map s
   WHERE t."UNIT_CODE" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."UNIT_CODE" = s.old_code);

-- step 3: units missing from portal_units are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT N'mdd-58a943c25614e93a61b8', 3, r.code
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."UNIT_CODE" FROM "PORTAL_UNITS" t WHERE t."UNIT_CODE" IS NOT NULL);
INSERT INTO "PORTAL_UNITS" ("UNIT_CODE", "UNIT_NAME", "PARENT_CODE", "STATUS", "LEVEL", "SLUG")
SELECT r.code, r.unit_name, r.parent_code, r.unit_status, r.unit_level, r.unit_id
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."UNIT_CODE" FROM "PORTAL_UNITS" t WHERE t."UNIT_CODE" IS NOT NULL);

-- step 4: portal_units.unit_name as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-58a943c25614e93a61b8', 4, r.code, CAST(t."UNIT_NAME" AS NVARCHAR2(1000))
  FROM "PORTAL_UNITS" t
  JOIN mdd_tmp_rows r ON t."UNIT_CODE" = r.code
 WHERE (t."UNIT_NAME" <> r.unit_name OR (t."UNIT_NAME" IS NULL AND r.unit_name IS NOT NULL) OR (t."UNIT_NAME" IS NOT NULL AND r.unit_name IS NULL));
UPDATE "PORTAL_UNITS" t
   SET "UNIT_NAME" = (SELECT s.unit_name FROM mdd_tmp_rows s
   WHERE t."UNIT_CODE" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."UNIT_CODE" = s.code
     AND (t."UNIT_NAME" <> s.unit_name OR (t."UNIT_NAME" IS NULL AND s.unit_name IS NOT NULL) OR (t."UNIT_NAME" IS NOT NULL AND s.unit_name IS NULL)));

-- step 5: portal_units.parent_code as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-58a943c25614e93a61b8', 5, r.code, CAST(t."PARENT_CODE" AS NVARCHAR2(1000))
  FROM "PORTAL_UNITS" t
  JOIN mdd_tmp_rows r ON t."UNIT_CODE" = r.code
 WHERE (t."PARENT_CODE" <> r.parent_code OR (t."PARENT_CODE" IS NULL AND r.parent_code IS NOT NULL) OR (t."PARENT_CODE" IS NOT NULL AND r.parent_code IS NULL));
UPDATE "PORTAL_UNITS" t
   SET "PARENT_CODE" = (SELECT s.parent_code FROM mdd_tmp_rows s
   WHERE t."UNIT_CODE" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."UNIT_CODE" = s.code
     AND (t."PARENT_CODE" <> s.parent_code OR (t."PARENT_CODE" IS NULL AND s.parent_code IS NOT NULL) OR (t."PARENT_CODE" IS NOT NULL AND s.parent_code IS NULL)));

-- step 6: portal_units.status as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-58a943c25614e93a61b8', 6, r.code, CAST(t."STATUS" AS NVARCHAR2(1000))
  FROM "PORTAL_UNITS" t
  JOIN mdd_tmp_rows r ON t."UNIT_CODE" = r.code
 WHERE (t."STATUS" <> r.unit_status OR (t."STATUS" IS NULL AND r.unit_status IS NOT NULL) OR (t."STATUS" IS NOT NULL AND r.unit_status IS NULL));
UPDATE "PORTAL_UNITS" t
   SET "STATUS" = (SELECT s.unit_status FROM mdd_tmp_rows s
   WHERE t."UNIT_CODE" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."UNIT_CODE" = s.code
     AND (t."STATUS" <> s.unit_status OR (t."STATUS" IS NULL AND s.unit_status IS NOT NULL) OR (t."STATUS" IS NOT NULL AND s.unit_status IS NULL)));

-- step 7: portal_units.level as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-58a943c25614e93a61b8', 7, r.code, CAST(t."LEVEL" AS NVARCHAR2(1000))
  FROM "PORTAL_UNITS" t
  JOIN mdd_tmp_rows r ON t."UNIT_CODE" = r.code
 WHERE (t."LEVEL" <> r.unit_level OR (t."LEVEL" IS NULL AND r.unit_level IS NOT NULL) OR (t."LEVEL" IS NOT NULL AND r.unit_level IS NULL));
UPDATE "PORTAL_UNITS" t
   SET "LEVEL" = (SELECT s.unit_level FROM mdd_tmp_rows s
   WHERE t."UNIT_CODE" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."UNIT_CODE" = s.code
     AND (t."LEVEL" <> s.unit_level OR (t."LEVEL" IS NULL AND s.unit_level IS NOT NULL) OR (t."LEVEL" IS NOT NULL AND s.unit_level IS NULL)));

-- step 8: portal_categories.unit_code (on_close: repoint): references of closed units -> their successor
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT N'mdd-58a943c25614e93a61b8', 8, CAST(t."ID" AS NVARCHAR2(1000)), m.old_code, m.new_code
  FROM "PORTAL_CATEGORIES" t
  JOIN mdd_tmp_repoint m ON t."UNIT_CODE" = m.old_code;
UPDATE "PORTAL_CATEGORIES" t
   SET "UNIT_CODE" = (SELECT s.new_code FROM mdd_tmp_repoint s
   WHERE t."UNIT_CODE" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_repoint s
   WHERE t."UNIT_CODE" = s.old_code);

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT N'mdd-58a943c25614e93a61b8', 0, N'applied', N'golden' FROM DUAL
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
