-- madinhdanh up.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), dialect oracle
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-6be0d49d4be80434abf3; template set tthc
-- changes: 11 recodes, 12 adds, 12 updates, 1 closes, 1 repoints (11 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));

-- The registry's data for this bundle, set-based: 11 recoded identifier(s), 1 repoint(s), 12 unit row(s).
CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_map (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), ph NVARCHAR2(100), stub NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_map;
INSERT INTO mdd_tmp_map (old_code, new_code, ph, stub)
SELECT N'000.00.00.H03', N'H03', N'~1', N'~1s' FROM DUAL
UNION ALL SELECT N'000.00.06.H03', N'H03.01', N'~2', N'~2s' FROM DUAL
UNION ALL SELECT N'000.01.06.H03', N'H03.01.01', N'~3', N'~3s' FROM DUAL
UNION ALL SELECT N'000.00.10.H03', N'H03.02', N'~4', N'~4s' FROM DUAL
UNION ALL SELECT N'000.00.07.H03', N'H03.03', N'~5', N'~5s' FROM DUAL
UNION ALL SELECT N'000.00.09.H03', N'H03.04', N'~6', N'~6s' FROM DUAL
UNION ALL SELECT N'000.00.08.H03', N'H03.05', N'~7', N'~7s' FROM DUAL
UNION ALL SELECT N'000.00.27.H03', N'H03.06', N'~8', N'~8s' FROM DUAL
UNION ALL SELECT N'000.01.27.H03', N'H03.06.02', N'~9', N'~9s' FROM DUAL
UNION ALL SELECT N'000.03.27.H03', N'H03.06.03', N'~10', N'~10s' FROM DUAL
UNION ALL SELECT N'000.02.27.H03', N'H03.06.04', N'~11', N'~11s' FROM DUAL;

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
UNION ALL SELECT N'H03.07', N'so-du-lich', N'Sở Du lịch', N'H03', N'active', 2, N'state', 1 FROM DUAL;

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-6be0d49d4be80434abf3' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-6be0d49d4be80434abf3' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-6be0d49d4be80434abf3' AND step = 0);

-- step 1: coquan.ma_coquan, referenced by 1 foreign key(s) without ON UPDATE CASCADE:
-- stub rows take the references, the real rows are recoded in two phases, the references move onto them
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-6be0d49d4be80434abf3', 1, CAST(t."ID" AS NVARCHAR2(1000)), m.ph, m.old_code, m.new_code
  FROM "COQUAN" t
  JOIN mdd_tmp_map m ON t."MA_COQUAN" = m.old_code;
INSERT INTO "COQUAN" ("MA_COQUAN", "TEN_COQUAN", "MA_COQUAN_CHA", "TRANG_THAI", "DIA_CHI", "EMAIL", "SO_DIEN_THOAI", "NGAY_TAO")
SELECT m.stub, t."TEN_COQUAN", t."MA_COQUAN_CHA", t."TRANG_THAI", t."DIA_CHI", t."EMAIL", t."SO_DIEN_THOAI", t."NGAY_TAO"
  FROM "COQUAN" t
  JOIN mdd_tmp_map m ON t."MA_COQUAN" = m.old_code;
UPDATE "THUTUC" t
   SET "MA_COQUAN_THUCHIEN" = (SELECT s.stub FROM mdd_tmp_map s
   WHERE t."MA_COQUAN_THUCHIEN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."MA_COQUAN_THUCHIEN" = s.old_code);
UPDATE "COQUAN" t
   SET "MA_COQUAN" = (SELECT s.ph FROM mdd_tmp_map s
   WHERE t."MA_COQUAN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."MA_COQUAN" = s.old_code);
UPDATE "COQUAN" t
   SET "MA_COQUAN" = (SELECT s.new_code FROM mdd_tmp_map s
   WHERE t."MA_COQUAN" = s.ph)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."MA_COQUAN" = s.ph);
UPDATE "THUTUC" t
   SET "MA_COQUAN_THUCHIEN" = (SELECT s.new_code FROM mdd_tmp_map s
   WHERE t."MA_COQUAN_THUCHIEN" = s.stub)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map s
   WHERE t."MA_COQUAN_THUCHIEN" = s.stub);
DELETE FROM "COQUAN" WHERE "MA_COQUAN" IN (SELECT stub FROM mdd_tmp_map);

-- step 2: units missing from coquan are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT N'mdd-6be0d49d4be80434abf3', 2, r.code
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."MA_COQUAN" FROM "COQUAN" t WHERE t."MA_COQUAN" IS NOT NULL);
INSERT INTO "COQUAN" ("MA_COQUAN", "TEN_COQUAN", "MA_COQUAN_CHA", "TRANG_THAI")
SELECT r.code, r.unit_name, r.parent_code, r.unit_status
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."MA_COQUAN" FROM "COQUAN" t WHERE t."MA_COQUAN" IS NOT NULL);

-- step 3: coquan.ten_coquan as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-6be0d49d4be80434abf3', 3, r.code, CAST(t."TEN_COQUAN" AS NVARCHAR2(1000))
  FROM "COQUAN" t
  JOIN mdd_tmp_rows r ON t."MA_COQUAN" = r.code
 WHERE (t."TEN_COQUAN" <> r.unit_name OR (t."TEN_COQUAN" IS NULL AND r.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND r.unit_name IS NULL));
UPDATE "COQUAN" t
   SET "TEN_COQUAN" = (SELECT s.unit_name FROM mdd_tmp_rows s
   WHERE t."MA_COQUAN" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."MA_COQUAN" = s.code
     AND (t."TEN_COQUAN" <> s.unit_name OR (t."TEN_COQUAN" IS NULL AND s.unit_name IS NOT NULL) OR (t."TEN_COQUAN" IS NOT NULL AND s.unit_name IS NULL)));

-- step 4: coquan.ma_coquan_cha as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-6be0d49d4be80434abf3', 4, r.code, CAST(t."MA_COQUAN_CHA" AS NVARCHAR2(1000))
  FROM "COQUAN" t
  JOIN mdd_tmp_rows r ON t."MA_COQUAN" = r.code
 WHERE (t."MA_COQUAN_CHA" <> r.parent_code OR (t."MA_COQUAN_CHA" IS NULL AND r.parent_code IS NOT NULL) OR (t."MA_COQUAN_CHA" IS NOT NULL AND r.parent_code IS NULL));
UPDATE "COQUAN" t
   SET "MA_COQUAN_CHA" = (SELECT s.parent_code FROM mdd_tmp_rows s
   WHERE t."MA_COQUAN" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."MA_COQUAN" = s.code
     AND (t."MA_COQUAN_CHA" <> s.parent_code OR (t."MA_COQUAN_CHA" IS NULL AND s.parent_code IS NOT NULL) OR (t."MA_COQUAN_CHA" IS NOT NULL AND s.parent_code IS NULL)));

-- step 5: coquan.trang_thai as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-6be0d49d4be80434abf3', 5, r.code, CAST(t."TRANG_THAI" AS NVARCHAR2(1000))
  FROM "COQUAN" t
  JOIN mdd_tmp_rows r ON t."MA_COQUAN" = r.code
 WHERE (t."TRANG_THAI" <> r.unit_status OR (t."TRANG_THAI" IS NULL AND r.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND r.unit_status IS NULL));
UPDATE "COQUAN" t
   SET "TRANG_THAI" = (SELECT s.unit_status FROM mdd_tmp_rows s
   WHERE t."MA_COQUAN" = s.code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_rows s
   WHERE t."MA_COQUAN" = s.code
     AND (t."TRANG_THAI" <> s.unit_status OR (t."TRANG_THAI" IS NULL AND s.unit_status IS NOT NULL) OR (t."TRANG_THAI" IS NOT NULL AND s.unit_status IS NULL)));

-- step 6: thutuc.ma_coquan_thuchien (on_close: repoint): references of closed units -> their successor
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT N'mdd-6be0d49d4be80434abf3', 6, CAST(t."ID" AS NVARCHAR2(1000)), m.old_code, m.new_code
  FROM "THUTUC" t
  JOIN mdd_tmp_repoint m ON t."MA_COQUAN_THUCHIEN" = m.old_code;
UPDATE "THUTUC" t
   SET "MA_COQUAN_THUCHIEN" = (SELECT s.new_code FROM mdd_tmp_repoint s
   WHERE t."MA_COQUAN_THUCHIEN" = s.old_code)
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_repoint s
   WHERE t."MA_COQUAN_THUCHIEN" = s.old_code);

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT N'mdd-6be0d49d4be80434abf3', 0, N'applied', N'golden' FROM DUAL
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-6be0d49d4be80434abf3' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
