-- madinhdanh down.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect mysql
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INT NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_back;
CREATE TEMPORARY TABLE mdd_tmp_back (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- step 8: portal_categories.unit_code back to the closed units' codes
UPDATE `portal_categories` AS t
  JOIN mdd_undo AS s ON t.`id` = CAST(s.row_key AS SIGNED) AND s.bundle = 'mdd-58a943c25614e93a61b8' AND s.step = 8
   SET t.`unit_code` = s.old_value;

-- step 7: portal_units.level back to the recorded values
UPDATE `portal_units` AS t
  JOIN mdd_undo AS s ON t.`unit_code` = s.row_key AND s.bundle = 'mdd-58a943c25614e93a61b8' AND s.step = 7
   SET t.`level` = CAST(s.old_value AS SIGNED);

-- step 6: portal_units.status back to the recorded values
UPDATE `portal_units` AS t
  JOIN mdd_undo AS s ON t.`unit_code` = s.row_key AND s.bundle = 'mdd-58a943c25614e93a61b8' AND s.step = 6
   SET t.`status` = s.old_value;

-- step 5: portal_units.parent_code back to the recorded values
UPDATE `portal_units` AS t
  JOIN mdd_undo AS s ON t.`unit_code` = s.row_key AND s.bundle = 'mdd-58a943c25614e93a61b8' AND s.step = 5
   SET t.`parent_code` = s.old_value;

-- step 4: portal_units.unit_name back to the recorded values
UPDATE `portal_units` AS t
  JOIN mdd_undo AS s ON t.`unit_code` = s.row_key AND s.bundle = 'mdd-58a943c25614e93a61b8' AND s.step = 4
   SET t.`unit_name` = s.old_value;

-- step 3: the units up.sql inserted into portal_units are deleted
DELETE FROM `portal_units`
 WHERE `unit_code` IN (SELECT row_key FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 3);

-- step 2: portal_categories.unit_code back to the recorded codes
UPDATE `portal_categories` AS t
  JOIN mdd_undo AS s ON t.`id` = CAST(s.row_key AS SIGNED) AND s.bundle = 'mdd-58a943c25614e93a61b8' AND s.step = 2
   SET t.`unit_code` = s.old_value;

-- step 1: portal_units.unit_code back to the recorded codes, in one pass as up.sql did
UPDATE `portal_units` AS t
  JOIN mdd_undo AS s ON t.`id` = CAST(s.row_key AS SIGNED) AND s.bundle = 'mdd-58a943c25614e93a61b8' AND s.step = 1
   SET t.`unit_code` = s.old_value;

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8';
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_back;
