-- madinhdanh down.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect postgresql (declared: mysql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
-- the joins hash the temporary tables (no statistics) in memory, not in batches on disk
SET work_mem = '64MB';

CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INTEGER NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000));
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
CREATE TEMPORARY TABLE mdd_tmp_back (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code));

-- step 8: portal_categories.unit_code back to the closed units' codes
UPDATE "portal_categories" AS t
   SET "unit_code" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-58a943c25614e93a61b8'
   AND s.step = 8;

-- step 7: portal_units.level back to the recorded values
UPDATE "portal_units" AS t
   SET "level" = CAST(s.old_value AS INTEGER)
  FROM mdd_undo AS s
 WHERE t."unit_code" = s.row_key
   AND s.bundle = 'mdd-58a943c25614e93a61b8'
   AND s.step = 7;

-- step 6: portal_units.status back to the recorded values
UPDATE "portal_units" AS t
   SET "status" = s.old_value
  FROM mdd_undo AS s
 WHERE t."unit_code" = s.row_key
   AND s.bundle = 'mdd-58a943c25614e93a61b8'
   AND s.step = 6;

-- step 5: portal_units.parent_code back to the recorded values
UPDATE "portal_units" AS t
   SET "parent_code" = s.old_value
  FROM mdd_undo AS s
 WHERE t."unit_code" = s.row_key
   AND s.bundle = 'mdd-58a943c25614e93a61b8'
   AND s.step = 5;

-- step 4: portal_units.unit_name back to the recorded values
UPDATE "portal_units" AS t
   SET "unit_name" = s.old_value
  FROM mdd_undo AS s
 WHERE t."unit_code" = s.row_key
   AND s.bundle = 'mdd-58a943c25614e93a61b8'
   AND s.step = 4;

-- step 3: the units up.sql inserted into portal_units are deleted
DELETE FROM "portal_units"
 WHERE "unit_code" IN (SELECT row_key FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 3);

-- step 2: portal_categories.unit_code back to the recorded codes
UPDATE "portal_categories" AS t
   SET "unit_code" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-58a943c25614e93a61b8'
   AND s.step = 2;

-- step 1: portal_units.unit_code back to the recorded codes, in one pass as up.sql did
UPDATE "portal_units" AS t
   SET "unit_code" = s.old_value
  FROM mdd_undo AS s
 WHERE t."id" = CAST(s.row_key AS INTEGER)
   AND s.bundle = 'mdd-58a943c25614e93a61b8'
   AND s.step = 1;

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8';
DROP TABLE IF EXISTS pg_temp.mdd_tmp_back;
