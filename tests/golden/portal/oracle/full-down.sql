-- madinhdanh down.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect oracle (declared: mysql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- Oracle 23ai (IF NOT EXISTS); on 19c create the mdd_* tables beforehand. SQL*Plus/SQLcl: SET DEFINE OFF first (names contain &).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.

CREATE TABLE IF NOT EXISTS mdd_undo (bundle NVARCHAR2(100) NOT NULL, step NUMBER(10) NOT NULL, row_key NVARCHAR2(100) NOT NULL, ph NVARCHAR2(100), old_value NVARCHAR2(1000), new_value NVARCHAR2(1000));
CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS mdd_tmp_back (old_code NVARCHAR2(100) NOT NULL, new_code NVARCHAR2(100), ph NVARCHAR2(100), stub NVARCHAR2(100), PRIMARY KEY (old_code)) ON COMMIT PRESERVE ROWS;
DELETE FROM mdd_tmp_back;

-- step 8: portal_categories.unit_code back to the closed units' codes
UPDATE "PORTAL_CATEGORIES" t
   SET "UNIT_CODE" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 8)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 8);

-- step 7: portal_units.level back to the recorded values
UPDATE "PORTAL_UNITS" t
   SET "LEVEL" = (SELECT CAST(s.old_value AS INTEGER) FROM mdd_undo s
   WHERE t."UNIT_CODE" = s.row_key
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 7)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."UNIT_CODE" = s.row_key
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 7);

-- step 6: portal_units.status back to the recorded values
UPDATE "PORTAL_UNITS" t
   SET "STATUS" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."UNIT_CODE" = s.row_key
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 6)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."UNIT_CODE" = s.row_key
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 6);

-- step 5: portal_units.parent_code back to the recorded values
UPDATE "PORTAL_UNITS" t
   SET "PARENT_CODE" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."UNIT_CODE" = s.row_key
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 5)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."UNIT_CODE" = s.row_key
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 5);

-- step 4: portal_units.unit_name back to the recorded values
UPDATE "PORTAL_UNITS" t
   SET "UNIT_NAME" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."UNIT_CODE" = s.row_key
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 4)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."UNIT_CODE" = s.row_key
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 4);

-- step 3: the units up.sql inserted into portal_units are deleted
DELETE FROM "PORTAL_UNITS"
 WHERE "UNIT_CODE" IN (SELECT row_key FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 3);

-- step 2: portal_categories.unit_code back to the recorded codes
UPDATE "PORTAL_CATEGORIES" t
   SET "UNIT_CODE" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 2)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 2);

-- step 1: portal_units.unit_code back to the recorded codes, in one pass as up.sql did
UPDATE "PORTAL_UNITS" t
   SET "UNIT_CODE" = (SELECT s.old_value FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 1)
 WHERE EXISTS (SELECT 1 FROM mdd_undo s
   WHERE t."ID" = CAST(s.row_key AS INTEGER)
     AND s.bundle = N'mdd-58a943c25614e93a61b8'
     AND s.step = 1);

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8';
DELETE FROM mdd_tmp_back;
