-- madinhdanh up.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect postgresql (declared: mysql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
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
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 0);

-- step 1: portal_units.unit_code is unique: old code -> placeholder -> new code (chains and cycles stay unique)
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-58a943c25614e93a61b8', 1, CAST(t."id" AS VARCHAR(1000)), m.ph, m.old_code, m.new_code
  FROM "portal_units" t
  JOIN mdd_tmp_map m ON t."unit_code" = m.old_code;
UPDATE "portal_units" AS t
   SET "unit_code" = s.ph
  FROM mdd_tmp_map AS s
 WHERE t."unit_code" = s.old_code;
UPDATE "portal_units" AS t
   SET "unit_code" = s.new_code
  FROM mdd_tmp_map AS s
 WHERE t."unit_code" = s.ph;

-- step 2: portal_categories.unit_code: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-58a943c25614e93a61b8', 2, CAST(t."id" AS VARCHAR(1000)), m.ph, m.old_code, m.new_code
  FROM "portal_categories" t
  JOIN mdd_tmp_map m ON t."unit_code" = m.old_code;
UPDATE "portal_categories" AS t
   SET "unit_code" = s.new_code
  FROM mdd_tmp_map AS s
 WHERE t."unit_code" = s.old_code;

-- step 3: units missing from portal_units are inserted
WITH added AS (
INSERT INTO "portal_units" ("unit_code", "unit_name", "parent_code", "status", "level", "slug")
SELECT r.code, r.unit_name, r.parent_code, r.unit_status, r.unit_level, r.unit_id
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t."unit_code" FROM "portal_units" t WHERE t."unit_code" IS NOT NULL)
RETURNING "unit_code")
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT 'mdd-58a943c25614e93a61b8', 3, a."unit_code" FROM added a;

-- steps 4, 5, 6, 7: portal_units.unit_name, parent_code, status, level as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT 'mdd-58a943c25614e93a61b8', a.step, r.code, CASE a.step WHEN 4 THEN CAST(t."unit_name" AS VARCHAR(1000)) WHEN 5 THEN CAST(t."parent_code" AS VARCHAR(1000)) WHEN 6 THEN CAST(t."status" AS VARCHAR(1000)) WHEN 7 THEN CAST(t."level" AS VARCHAR(1000)) END
  FROM "portal_units" t
  JOIN mdd_tmp_rows r ON t."unit_code" = r.code
   AND (t."unit_name" IS DISTINCT FROM r.unit_name OR t."parent_code" IS DISTINCT FROM r.parent_code OR t."status" IS DISTINCT FROM r.unit_status OR t."level" IS DISTINCT FROM r.unit_level)
 CROSS JOIN (SELECT 4 AS step UNION ALL SELECT 5 AS step UNION ALL SELECT 6 AS step UNION ALL SELECT 7 AS step) a
 WHERE (a.step = 4 AND t."unit_name" IS DISTINCT FROM r.unit_name)
    OR (a.step = 5 AND t."parent_code" IS DISTINCT FROM r.parent_code)
    OR (a.step = 6 AND t."status" IS DISTINCT FROM r.unit_status)
    OR (a.step = 7 AND t."level" IS DISTINCT FROM r.unit_level);
UPDATE "portal_units" AS t
   SET "unit_name" = s.unit_name,
       "parent_code" = s.parent_code,
       "status" = s.unit_status,
       "level" = s.unit_level
  FROM mdd_tmp_rows AS s
 WHERE t."unit_code" = s.code
   AND (t."unit_name" IS DISTINCT FROM s.unit_name OR t."parent_code" IS DISTINCT FROM s.parent_code OR t."status" IS DISTINCT FROM s.unit_status OR t."level" IS DISTINCT FROM s.unit_level);

-- step 8: portal_categories.unit_code (on_close: repoint): references of closed units -> their successor
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT 'mdd-58a943c25614e93a61b8', 8, CAST(t."id" AS VARCHAR(1000)), m.old_code, m.new_code
  FROM "portal_categories" t
  JOIN mdd_tmp_repoint m ON t."unit_code" = m.old_code;
UPDATE "portal_categories" AS t
   SET "unit_code" = s.new_code
  FROM mdd_tmp_repoint AS s
 WHERE t."unit_code" = s.old_code;

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT 'mdd-58a943c25614e93a61b8', 0, 'applied', 'golden'
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
