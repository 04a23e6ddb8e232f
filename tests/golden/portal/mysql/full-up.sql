-- madinhdanh up.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect mysql
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET NAMES utf8mb4;

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INT NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The registry's data for this bundle, set-based: 13 recoded identifier(s), 1 repoint(s), 14 unit row(s).
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_map;
CREATE TEMPORARY TABLE mdd_tmp_map (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO mdd_tmp_map (old_code, new_code, ph, stub) VALUES
('000.00.00.H03', 'H03', NULL, NULL),
('000.00.06.H03', 'H03.01', NULL, NULL),
('000.01.06.H03', 'H03.01.01', NULL, NULL),
('000.00.10.H03', 'H03.02', NULL, NULL),
('000.00.07.H03', 'H03.03', NULL, NULL),
('000.00.09.H03', 'H03.04', NULL, NULL),
('000.00.08.H03', 'H03.05', NULL, NULL),
('000.00.27.H03', 'H03.06', NULL, NULL),
('000.01.27.H03', 'H03.06.02', NULL, NULL),
('000.03.27.H03', 'H03.06.03', NULL, NULL),
('000.02.27.H03', 'H03.06.04', NULL, NULL),
('000.00.50.H03', 'H03.70', NULL, NULL),
('000.01.50.H03', 'H03.70.01', NULL, NULL);

DROP TEMPORARY TABLE IF EXISTS mdd_tmp_repoint;
CREATE TEMPORARY TABLE mdd_tmp_repoint (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), PRIMARY KEY (old_code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO mdd_tmp_repoint (old_code, new_code) VALUES
('H03.04', 'H03.02');

DROP TEMPORARY TABLE IF EXISTS mdd_tmp_rows;
CREATE TEMPORARY TABLE mdd_tmp_rows (code VARCHAR(100) NOT NULL, unit_id VARCHAR(100), unit_name VARCHAR(1000), parent_code VARCHAR(100), unit_status VARCHAR(100), unit_level INT, block VARCHAR(100), is_add INT, PRIMARY KEY (code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO mdd_tmp_rows (code, unit_id, unit_name, parent_code, unit_status, unit_level, block, is_add) VALUES
('H03', 'ubnd-tinh', 'Ủy ban nhân dân tỉnh Bắc Giang', NULL, 'active', 1, 'state', 1),
('H03.01', 'so-noi-vu', 'Sở Nội vụ', 'H03', 'active', 2, 'state', 1),
('H03.01.01', 'ban-thi-dua', 'Ban Thi đua - Khen thưởng', 'H03.01', 'active', 3, 'state', 1),
('H03.02', 'so-khcn', 'Sở Khoa học và Công nghệ', 'H03', 'active', 2, 'state', 1),
('H03.03', 'so-tu-phap', 'Sở Tư pháp', 'H03', 'active', 2, 'state', 1),
('H03.04', 'so-tttt', 'Sở Thông tin và Truyền thông', 'H03', 'closed', 2, 'state', 1),
('H03.05', 'so-khdt', 'Sở Kế hoạch và Đầu tư', 'H03', 'active', 2, 'state', 1),
('H03.06', 'ubnd-yen-the', 'Ủy ban nhân dân huyện Yên Thế (mới)', 'H03', 'active', 2, 'state', 1),
('H03.06.02', 'xa-dong-tam', 'Ủy ban nhân dân xã Đồng Tâm', 'H03.06', 'active', 3, 'state', 1),
('H03.06.03', 'nha-van-hoa', 'Nhà Văn hóa ''Thiếu nhi'' huyện Yên Thế', 'H03.06', 'active', 3, 'state', 1),
('H03.06.04', 'xa-tam-tien', 'Ủy ban nhân dân xã Tam Tiến', 'H03.06', 'active', 3, 'state', 1),
('H03.07', 'so-du-lich', 'Sở Du lịch', 'H03', 'active', 2, 'state', 1),
('H03.70', 'tinh-uy', 'Tỉnh ủy Bắc Giang', 'H03', 'active', 2, 'party', 1),
('H03.70.01', 'ban-to-chuc-tu', 'Ban Tổ chức Tỉnh ủy', 'H03.70', 'active', 3, 'party', 1);

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 0);

-- step 1: portal_units.unit_code is unique; no old code of this bundle is a new code, so one pass: old code -> new code
-- (the same UPDATE writes the recoded units' attributes, one new row version instead of one per column)
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-58a943c25614e93a61b8', a.step,
       CASE WHEN a.step = 1 THEN CAST(t.`id` AS CHAR(1000)) ELSE r.code END,
       CASE WHEN a.step = 1 THEN m.ph END,
       CASE a.step WHEN 1 THEN m.old_code WHEN 4 THEN CAST(t.`unit_name` AS CHAR(1000)) WHEN 5 THEN CAST(t.`parent_code` AS CHAR(1000)) WHEN 6 THEN CAST(t.`status` AS CHAR(1000)) WHEN 7 THEN CAST(t.`level` AS CHAR(1000)) END,
       CASE WHEN a.step = 1 THEN m.new_code END
  FROM `portal_units` t
  JOIN mdd_tmp_map m ON t.`unit_code` = m.old_code
  LEFT JOIN mdd_tmp_rows r ON r.code = m.new_code
 CROSS JOIN (SELECT 1 AS step FROM DUAL UNION ALL SELECT 4 AS step FROM DUAL UNION ALL SELECT 5 AS step FROM DUAL UNION ALL SELECT 6 AS step FROM DUAL UNION ALL SELECT 7 AS step FROM DUAL) a
 WHERE a.step = 1
    OR (a.step = 4 AND r.code IS NOT NULL AND NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(r.unit_name AS BINARY)))
    OR (a.step = 5 AND r.code IS NOT NULL AND NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(r.parent_code AS BINARY)))
    OR (a.step = 6 AND r.code IS NOT NULL AND NOT (CAST(t.`status` AS BINARY) <=> CAST(r.unit_status AS BINARY)))
    OR (a.step = 7 AND r.code IS NOT NULL AND NOT (CAST(t.`level` AS BINARY) <=> CAST(r.unit_level AS BINARY)));
UPDATE `portal_units` AS t
  JOIN mdd_tmp_map AS m ON t.`unit_code` = m.old_code
  LEFT JOIN mdd_tmp_rows AS r ON r.code = m.new_code
   SET t.`unit_code` = m.new_code,
       t.`unit_name` = CASE WHEN r.code IS NULL THEN t.`unit_name` ELSE r.unit_name END,
       t.`parent_code` = CASE WHEN r.code IS NULL THEN t.`parent_code` ELSE r.parent_code END,
       t.`status` = CASE WHEN r.code IS NULL THEN t.`status` ELSE r.unit_status END,
       t.`level` = CASE WHEN r.code IS NULL THEN t.`level` ELSE CAST(r.unit_level AS SIGNED) END;

-- step 2: portal_categories.unit_code: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-58a943c25614e93a61b8', 2, CAST(t.`id` AS CHAR(1000)), m.ph, m.old_code, m.new_code
  FROM `portal_categories` t
  JOIN mdd_tmp_map m ON t.`unit_code` = m.old_code;
UPDATE `portal_categories` AS t
  JOIN mdd_tmp_map AS s ON t.`unit_code` = s.old_code
   SET t.`unit_code` = s.new_code;

-- step 3: units missing from portal_units are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT 'mdd-58a943c25614e93a61b8', 3, r.code
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.`unit_code` FROM `portal_units` t WHERE t.`unit_code` IS NOT NULL);
INSERT INTO `portal_units` (`unit_code`, `unit_name`, `parent_code`, `status`, `level`, `slug`)
SELECT r.code, r.unit_name, r.parent_code, r.unit_status, r.unit_level, r.unit_id
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.`unit_code` FROM `portal_units` t WHERE t.`unit_code` IS NOT NULL);

-- steps 4, 5, 6, 7: portal_units.unit_name, parent_code, status, level as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT 'mdd-58a943c25614e93a61b8', a.step, r.code, CASE a.step WHEN 4 THEN CAST(t.`unit_name` AS CHAR(1000)) WHEN 5 THEN CAST(t.`parent_code` AS CHAR(1000)) WHEN 6 THEN CAST(t.`status` AS CHAR(1000)) WHEN 7 THEN CAST(t.`level` AS CHAR(1000)) END
  FROM `portal_units` t
  JOIN mdd_tmp_rows r ON t.`unit_code` = r.code
   AND (NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(r.unit_name AS BINARY)) OR NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(r.parent_code AS BINARY)) OR NOT (CAST(t.`status` AS BINARY) <=> CAST(r.unit_status AS BINARY)) OR NOT (CAST(t.`level` AS BINARY) <=> CAST(r.unit_level AS BINARY)))
 CROSS JOIN (SELECT 4 AS step FROM DUAL UNION ALL SELECT 5 AS step FROM DUAL UNION ALL SELECT 6 AS step FROM DUAL UNION ALL SELECT 7 AS step FROM DUAL) a
 WHERE (a.step = 4 AND NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(r.unit_name AS BINARY)))
    OR (a.step = 5 AND NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(r.parent_code AS BINARY)))
    OR (a.step = 6 AND NOT (CAST(t.`status` AS BINARY) <=> CAST(r.unit_status AS BINARY)))
    OR (a.step = 7 AND NOT (CAST(t.`level` AS BINARY) <=> CAST(r.unit_level AS BINARY)));
UPDATE `portal_units` AS t
  JOIN mdd_tmp_rows AS s ON t.`unit_code` = s.code
   SET t.`unit_name` = s.unit_name,
       t.`parent_code` = s.parent_code,
       t.`status` = s.unit_status,
       t.`level` = s.unit_level
 WHERE (NOT (CAST(t.`unit_name` AS BINARY) <=> CAST(s.unit_name AS BINARY)) OR NOT (CAST(t.`parent_code` AS BINARY) <=> CAST(s.parent_code AS BINARY)) OR NOT (CAST(t.`status` AS BINARY) <=> CAST(s.unit_status AS BINARY)) OR NOT (CAST(t.`level` AS BINARY) <=> CAST(s.unit_level AS BINARY)));

-- step 8: portal_categories.unit_code (on_close: repoint): references of closed units -> their successor
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT 'mdd-58a943c25614e93a61b8', 8, CAST(t.`id` AS CHAR(1000)), m.old_code, m.new_code
  FROM `portal_categories` t
  JOIN mdd_tmp_repoint m ON t.`unit_code` = m.old_code;
UPDATE `portal_categories` AS t
  JOIN mdd_tmp_repoint AS s ON t.`unit_code` = s.old_code
   SET t.`unit_code` = s.new_code;

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT 'mdd-58a943c25614e93a61b8', 0, 'applied', 'golden' FROM DUAL
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-58a943c25614e93a61b8' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
