-- madinhdanh up.sql for system qlvb_party (Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể)), dialect postgresql (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-4fa96c184732ada0cdee; template set qlvb_party
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
-- the joins hash the temporary tables (no statistics) in memory, not in batches on disk
SET work_mem = '64MB';

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INTEGER NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000));
CREATE TABLE IF NOT EXISTS "mdd_undo_ds_coquan_ngoai" AS SELECT CAST(NULL AS VARCHAR(100)) AS mdd_bundle, CAST(NULL AS INTEGER) AS mdd_step, t.* FROM "ds_coquan_ngoai" t WHERE 1 = 0;

-- The registry's data for this bundle, set-based: 13 recoded identifier(s), 1 repoint(s), 14 unit row(s).
DROP TABLE IF EXISTS pg_temp.mdd_tmp_map;
CREATE TEMPORARY TABLE mdd_tmp_map (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code));
COPY mdd_tmp_map (old_code, new_code, ph, stub) FROM STDIN;
000.00.00.H03	H03	\N	\N
000.00.06.H03	H03.01	\N	\N
000.01.06.H03	H03.01.01	\N	\N
000.00.10.H03	H03.02	\N	\N
000.00.07.H03	H03.03	\N	\N
000.00.09.H03	H03.04	\N	\N
000.00.08.H03	H03.05	\N	\N
000.00.27.H03	H03.06	\N	\N
000.01.27.H03	H03.06.02	\N	\N
000.03.27.H03	H03.06.03	\N	\N
000.02.27.H03	H03.06.04	\N	\N
000.00.50.H03	H03.70	\N	\N
000.01.50.H03	H03.70.01	\N	\N
\.

DROP TABLE IF EXISTS pg_temp.mdd_tmp_repoint;
CREATE TEMPORARY TABLE mdd_tmp_repoint (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), PRIMARY KEY (old_code));
COPY mdd_tmp_repoint (old_code, new_code) FROM STDIN;
H03.04	H03.02
\.

DROP TABLE IF EXISTS pg_temp.mdd_tmp_rows;
CREATE TEMPORARY TABLE mdd_tmp_rows (code VARCHAR(100) NOT NULL, unit_id VARCHAR(100), unit_name VARCHAR(1000), parent_code VARCHAR(100), unit_status VARCHAR(100), unit_level INTEGER, block VARCHAR(100), is_add INTEGER, PRIMARY KEY (code));
COPY mdd_tmp_rows (code, unit_id, unit_name, parent_code, unit_status, unit_level, block, is_add) FROM STDIN;
H03	ubnd-tinh	Ủy ban nhân dân tỉnh Bắc Giang	\N	active	1	state	1
H03.01	so-noi-vu	Sở Nội vụ	H03	active	2	state	1
H03.01.01	ban-thi-dua	Ban Thi đua - Khen thưởng	H03.01	active	3	state	1
H03.02	so-khcn	Sở Khoa học và Công nghệ	H03	active	2	state	1
H03.03	so-tu-phap	Sở Tư pháp	H03	active	2	state	1
H03.04	so-tttt	Sở Thông tin và Truyền thông	H03	closed	2	state	1
H03.05	so-khdt	Sở Kế hoạch và Đầu tư	H03	active	2	state	1
H03.06	ubnd-yen-the	Ủy ban nhân dân huyện Yên Thế (mới)	H03	active	2	state	1
H03.06.02	xa-dong-tam	Ủy ban nhân dân xã Đồng Tâm	H03.06	active	3	state	1
H03.06.03	nha-van-hoa	Nhà Văn hóa 'Thiếu nhi' huyện Yên Thế	H03.06	active	3	state	1
H03.06.04	xa-tam-tien	Ủy ban nhân dân xã Tam Tiến	H03.06	active	3	state	1
H03.07	so-du-lich	Sở Du lịch	H03	active	2	state	1
H03.70	tinh-uy	Tỉnh ủy Bắc Giang	H03	active	2	party	1
H03.70.01	ban-to-chuc-tu	Ban Tổ chức Tỉnh ủy	H03.70	active	3	party	1
\.

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-4fa96c184732ada0cdee' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-4fa96c184732ada0cdee' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-4fa96c184732ada0cdee' AND step = 0);

-- step 1: dm_coquan.ma_coquan is unique; no old code of this bundle is a new code, so one pass: old code -> new code
-- (the same UPDATE writes the recoded units' attributes, one new row version instead of one per column)
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-4fa96c184732ada0cdee', a.step,
       CASE WHEN a.step = 1 THEN m.new_code ELSE r.code END,
       CASE WHEN a.step = 1 THEN m.ph END,
       CASE a.step WHEN 1 THEN m.old_code WHEN 5 THEN CAST(t."ten_coquan" AS VARCHAR(1000)) END,
       CASE WHEN a.step = 1 THEN m.new_code END
  FROM "dm_coquan" t
  JOIN mdd_tmp_map m ON t."ma_coquan" = m.old_code
  LEFT JOIN mdd_tmp_rows r ON r.code = m.new_code
 CROSS JOIN (SELECT 1 AS step UNION ALL SELECT 5 AS step) a
 WHERE a.step = 1
    OR (a.step = 5 AND r.code IS NOT NULL AND t."ten_coquan" IS DISTINCT FROM r.unit_name);
UPDATE "dm_coquan" AS t
   SET "ma_coquan" = m.new_code,
       "ten_coquan" = CASE WHEN r.code IS NULL THEN t."ten_coquan" ELSE r.unit_name END
  FROM mdd_tmp_map AS m
  LEFT JOIN mdd_tmp_rows AS r ON r.code = m.new_code
 WHERE t."ma_coquan" = m.old_code;

-- step 2: ds_coquan_ngoai.ma_donvi_so_huu is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-4fa96c184732ada0cdee', 2, CAST(t."id" AS VARCHAR(1000)), m.ph, m.old_code, m.new_code
  FROM "ds_coquan_ngoai" t
  JOIN mdd_tmp_map m ON t."ma_donvi_so_huu" = m.old_code;
UPDATE "ds_coquan_ngoai" AS t
   SET "ma_donvi_so_huu" = s.new_code
  FROM mdd_tmp_map AS s
 WHERE t."ma_donvi_so_huu" = s.old_code;

-- step 3: ds_coquan_ngoai.ma_coquan is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-4fa96c184732ada0cdee', 3, CAST(t."id" AS VARCHAR(1000)), m.ph, m.old_code, m.new_code
  FROM "ds_coquan_ngoai" t
  JOIN mdd_tmp_map m ON t."ma_coquan" = m.old_code;
UPDATE "ds_coquan_ngoai" AS t
   SET "ma_coquan" = s.new_code
  FROM mdd_tmp_map AS s
 WHERE t."ma_coquan" = s.old_code;

-- step 4: units missing from dm_coquan are inserted
WITH added AS (
INSERT INTO "dm_coquan" ("ma_coquan", "ten_coquan", "khoi", "su_dung")
SELECT r.code, r.unit_name, CASE r.block WHEN 'party' THEN 'DANG' WHEN 'state' THEN 'CHINHQUYEN' END, CASE r.unit_status WHEN 'active' THEN TRUE WHEN 'closed' THEN FALSE END
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."ma_coquan" FROM "dm_coquan" t WHERE t."ma_coquan" IS NOT NULL)
RETURNING "ma_coquan")
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT 'mdd-4fa96c184732ada0cdee', 4, a."ma_coquan" FROM added a;

-- steps 5: dm_coquan.ten_coquan as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT 'mdd-4fa96c184732ada0cdee', a.step, r.code, CASE a.step WHEN 5 THEN CAST(t."ten_coquan" AS VARCHAR(1000)) END
  FROM "dm_coquan" t
  JOIN mdd_tmp_rows r ON t."ma_coquan" = r.code
   AND (t."ten_coquan" IS DISTINCT FROM r.unit_name)
 CROSS JOIN (SELECT 5 AS step) a
 WHERE (a.step = 5 AND t."ten_coquan" IS DISTINCT FROM r.unit_name);
UPDATE "dm_coquan" AS t
   SET "ten_coquan" = s.unit_name
  FROM mdd_tmp_rows AS s
 WHERE t."ma_coquan" = s.code
   AND (t."ten_coquan" IS DISTINCT FROM s.unit_name);

-- step 6: ds_coquan_ngoai.ma_coquan (on_close: repoint): references of closed units -> their successor
-- a row that would then repeat another under UNIQUE (ma_donvi_so_huu, ma_coquan) is deleted (kept in mdd_undo_ds_coquan_ngoai):
-- first where the successor is listed already, then where two closed units share a successor (the lowest id stays)
INSERT INTO "mdd_undo_ds_coquan_ngoai" (mdd_bundle, mdd_step, "id", "ma_donvi_so_huu", "ma_coquan", "ten_coquan", "thu_tu", "ghi_chu", "ngay_tao")
SELECT 'mdd-4fa96c184732ada0cdee', 6, t."id", t."ma_donvi_so_huu", t."ma_coquan", t."ten_coquan", t."thu_tu", t."ghi_chu", t."ngay_tao"
  FROM "ds_coquan_ngoai" t
  JOIN mdd_tmp_repoint m ON t."ma_coquan" = m.old_code
 WHERE EXISTS (SELECT 1 FROM "ds_coquan_ngoai" t2
                WHERE t2."ma_coquan" = m.new_code
                  AND t2."ma_donvi_so_huu" = t."ma_donvi_so_huu");
DELETE FROM "ds_coquan_ngoai"
 WHERE "id" IN (SELECT "id" FROM "mdd_undo_ds_coquan_ngoai" WHERE mdd_bundle = 'mdd-4fa96c184732ada0cdee' AND mdd_step = 6);
INSERT INTO "mdd_undo_ds_coquan_ngoai" (mdd_bundle, mdd_step, "id", "ma_donvi_so_huu", "ma_coquan", "ten_coquan", "thu_tu", "ghi_chu", "ngay_tao")
SELECT 'mdd-4fa96c184732ada0cdee', 6, t."id", t."ma_donvi_so_huu", t."ma_coquan", t."ten_coquan", t."thu_tu", t."ghi_chu", t."ngay_tao"
  FROM "ds_coquan_ngoai" t
  JOIN mdd_tmp_repoint m ON t."ma_coquan" = m.old_code
 WHERE EXISTS (SELECT 1 FROM "ds_coquan_ngoai" t2
                 JOIN mdd_tmp_repoint m2 ON t2."ma_coquan" = m2.old_code
                WHERE m2.new_code = m.new_code AND t2."id" < t."id"
                  AND t2."ma_donvi_so_huu" = t."ma_donvi_so_huu");
DELETE FROM "ds_coquan_ngoai"
 WHERE "id" IN (SELECT "id" FROM "mdd_undo_ds_coquan_ngoai" WHERE mdd_bundle = 'mdd-4fa96c184732ada0cdee' AND mdd_step = 6);
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT 'mdd-4fa96c184732ada0cdee', 6, CAST(t."id" AS VARCHAR(1000)), m.old_code, m.new_code
  FROM "ds_coquan_ngoai" t
  JOIN mdd_tmp_repoint m ON t."ma_coquan" = m.old_code;
UPDATE "ds_coquan_ngoai" AS t
   SET "ma_coquan" = s.new_code
  FROM mdd_tmp_repoint AS s
 WHERE t."ma_coquan" = s.old_code;

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT 'mdd-4fa96c184732ada0cdee', 0, 'applied', 'golden'
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-4fa96c184732ada0cdee' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
