-- madinhdanh up.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect postgresql
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 5 recodes, 1 adds, 9 updates, 1 closes, 1 repoints (10 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
-- the joins hash the temporary tables (no statistics) in memory, not in batches on disk
SET work_mem = '64MB';

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INTEGER NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000));

-- The registry's data for this bundle, set-based: 10 recoded identifier(s), 1 repoint(s), 9 unit row(s).
DROP TABLE IF EXISTS pg_temp.mdd_tmp_map;
CREATE TEMPORARY TABLE mdd_tmp_map (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code));
COPY mdd_tmp_map (old_code, new_code, ph, stub) FROM STDIN;
000.00.10.H03	H03.02	~1	~1s
H03.05	H03.02	~2	~2s
000.00.07.H03	H03.03	~3	~3s
H03.02	H03.03	~4	~4s
000.00.08.H03	H03.05	~5	~5s
H03.03	H03.05	~6	~6s
000.01.27.H03	H03.06.02	~7	~7s
H03.06.01	H03.06.02	~8	~8s
000.02.27.H03	H03.06.04	~9	~9s
H03.06.02	H03.06.04	~10	~10s
\.

DROP TABLE IF EXISTS pg_temp.mdd_tmp_repoint;
CREATE TEMPORARY TABLE mdd_tmp_repoint (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), PRIMARY KEY (old_code));
COPY mdd_tmp_repoint (old_code, new_code) FROM STDIN;
H03.04	H03.02
\.

DROP TABLE IF EXISTS pg_temp.mdd_tmp_rows;
CREATE TEMPORARY TABLE mdd_tmp_rows (code VARCHAR(100) NOT NULL, unit_id VARCHAR(100), unit_name VARCHAR(1000), parent_code VARCHAR(100), unit_status VARCHAR(100), unit_level INTEGER, block VARCHAR(100), is_add INTEGER, PRIMARY KEY (code));
COPY mdd_tmp_rows (code, unit_id, unit_name, parent_code, unit_status, unit_level, block, is_add) FROM STDIN;
H03.07	so-du-lich	Sở Du lịch	H03	active	2	state	1
H03.02	so-khcn	Sở Khoa học và Công nghệ	H03	active	2	state	0
H03.03	so-tu-phap	Sở Tư pháp	H03	active	2	state	0
H03.04	so-tttt	Sở Thông tin và Truyền thông	H03	closed	2	state	0
H03.05	so-khdt	Sở Kế hoạch và Đầu tư	H03	active	2	state	0
H03.06	ubnd-yen-the	Ủy ban nhân dân huyện Yên Thế (mới)	H03	active	2	state	0
H03.06.02	xa-dong-tam	Ủy ban nhân dân xã Đồng Tâm	H03.06	active	3	state	0
H03.06.03	nha-van-hoa	Nhà Văn hóa 'Thiếu nhi' huyện Yên Thế	H03.06	active	3	state	0
H03.06.04	xa-tam-tien	Ủy ban nhân dân xã Tam Tiến	H03.06	active	3	state	0
\.

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 0);

-- step 1: cauhinh_donvi.ma_donvi is unique: old code -> placeholder -> new code (chains and cycles stay unique)
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-c1ada6475bc80cb66fac', 1, m.new_code, m.ph, m.old_code, m.new_code
  FROM "cauhinh_donvi" t
  JOIN mdd_tmp_map m ON t."ma_donvi" = m.old_code;
UPDATE "cauhinh_donvi" AS t
   SET "ma_donvi" = s.ph
  FROM mdd_tmp_map AS s
 WHERE t."ma_donvi" = s.old_code;
UPDATE "cauhinh_donvi" AS t
   SET "ma_donvi" = s.new_code
  FROM mdd_tmp_map AS s
 WHERE t."ma_donvi" = s.ph;

-- step 2: units missing from cauhinh_donvi are inserted
WITH added AS (
INSERT INTO "cauhinh_donvi" ("ma_donvi", "ten_donvi", "ma_donvi_cha", "trang_thai", "cap", "nhom")
SELECT r.code, r.unit_name, r.parent_code, r.unit_status, r.unit_level, CASE r.unit_level WHEN 2 THEN 'SO_NGANH' WHEN 3 THEN 'DON_VI_CAP_3' END
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."ma_donvi" FROM "cauhinh_donvi" t WHERE t."ma_donvi" IS NOT NULL)
RETURNING "ma_donvi")
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT 'mdd-c1ada6475bc80cb66fac', 2, a."ma_donvi" FROM added a;

-- steps 3, 4, 5, 6: cauhinh_donvi.ten_donvi, ma_donvi_cha, trang_thai, cap as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT 'mdd-c1ada6475bc80cb66fac', a.step, r.code, CASE a.step WHEN 3 THEN CAST(t."ten_donvi" AS VARCHAR(1000)) WHEN 4 THEN CAST(t."ma_donvi_cha" AS VARCHAR(1000)) WHEN 5 THEN CAST(t."trang_thai" AS VARCHAR(1000)) WHEN 6 THEN CAST(t."cap" AS VARCHAR(1000)) END
  FROM "cauhinh_donvi" t
  JOIN mdd_tmp_rows r ON t."ma_donvi" = r.code
   AND (t."ten_donvi" IS DISTINCT FROM r.unit_name OR t."ma_donvi_cha" IS DISTINCT FROM r.parent_code OR t."trang_thai" IS DISTINCT FROM r.unit_status OR t."cap" IS DISTINCT FROM r.unit_level)
 CROSS JOIN (SELECT 3 AS step UNION ALL SELECT 4 AS step UNION ALL SELECT 5 AS step UNION ALL SELECT 6 AS step) a
 WHERE (a.step = 3 AND t."ten_donvi" IS DISTINCT FROM r.unit_name)
    OR (a.step = 4 AND t."ma_donvi_cha" IS DISTINCT FROM r.parent_code)
    OR (a.step = 5 AND t."trang_thai" IS DISTINCT FROM r.unit_status)
    OR (a.step = 6 AND t."cap" IS DISTINCT FROM r.unit_level);
UPDATE "cauhinh_donvi" AS t
   SET "ten_donvi" = s.unit_name,
       "ma_donvi_cha" = s.parent_code,
       "trang_thai" = s.unit_status,
       "cap" = s.unit_level
  FROM mdd_tmp_rows AS s
 WHERE t."ma_donvi" = s.code
   AND (t."ten_donvi" IS DISTINCT FROM s.unit_name OR t."ma_donvi_cha" IS DISTINCT FROM s.parent_code OR t."trang_thai" IS DISTINCT FROM s.unit_status OR t."cap" IS DISTINCT FROM s.unit_level);

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT 'mdd-c1ada6475bc80cb66fac', 0, 'applied', 'golden'
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
