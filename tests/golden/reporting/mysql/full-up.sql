-- madinhdanh up.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect mysql (declared: postgresql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 10 recodes, 11 adds, 11 updates, 1 closes, 1 repoints (10 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET NAMES utf8mb4;

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INT NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The registry's data for this bundle, set-based: 10 recoded identifier(s), 1 repoint(s), 11 unit row(s).
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_map;
CREATE TEMPORARY TABLE mdd_tmp_map (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO mdd_tmp_map (old_code, new_code, ph, stub) VALUES
('000.00.06.H03', 'H03.01', NULL, NULL),
('000.01.06.H03', 'H03.01.01', NULL, NULL),
('000.00.10.H03', 'H03.02', NULL, NULL),
('000.00.07.H03', 'H03.03', NULL, NULL),
('000.00.09.H03', 'H03.04', NULL, NULL),
('000.00.08.H03', 'H03.05', NULL, NULL),
('000.00.27.H03', 'H03.06', NULL, NULL),
('000.01.27.H03', 'H03.06.02', NULL, NULL),
('000.03.27.H03', 'H03.06.03', NULL, NULL),
('000.02.27.H03', 'H03.06.04', NULL, NULL);

DROP TEMPORARY TABLE IF EXISTS mdd_tmp_repoint;
CREATE TEMPORARY TABLE mdd_tmp_repoint (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), PRIMARY KEY (old_code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO mdd_tmp_repoint (old_code, new_code) VALUES
('H03.04', 'H03.02');

DROP TEMPORARY TABLE IF EXISTS mdd_tmp_rows;
CREATE TEMPORARY TABLE mdd_tmp_rows (code VARCHAR(100) NOT NULL, unit_id VARCHAR(100), unit_name VARCHAR(1000), parent_code VARCHAR(100), unit_status VARCHAR(100), unit_level INT, block VARCHAR(100), is_add INT, PRIMARY KEY (code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO mdd_tmp_rows (code, unit_id, unit_name, parent_code, unit_status, unit_level, block, is_add) VALUES
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
('H03.07', 'so-du-lich', 'Sở Du lịch', 'H03', 'active', 2, 'state', 1);

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 0);

-- step 1: cauhinh_donvi.ma_donvi is unique; no old code of this bundle is a new code, so one pass: old code -> new code
-- (the same UPDATE writes the recoded units' attributes, one new row version instead of one per column)
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-c1ada6475bc80cb66fac', a.step,
       CASE WHEN a.step = 1 THEN m.new_code ELSE r.code END,
       CASE WHEN a.step = 1 THEN m.ph END,
       CASE a.step WHEN 1 THEN m.old_code WHEN 3 THEN CAST(t.`ten_donvi` AS CHAR(1000)) WHEN 4 THEN CAST(t.`ma_donvi_cha` AS CHAR(1000)) WHEN 5 THEN CAST(t.`trang_thai` AS CHAR(1000)) WHEN 6 THEN CAST(t.`cap` AS CHAR(1000)) END,
       CASE WHEN a.step = 1 THEN m.new_code END
  FROM `cauhinh_donvi` t
  JOIN mdd_tmp_map m ON t.`ma_donvi` = m.old_code
  LEFT JOIN mdd_tmp_rows r ON r.code = m.new_code
 CROSS JOIN (SELECT 1 AS step FROM DUAL UNION ALL SELECT 3 AS step FROM DUAL UNION ALL SELECT 4 AS step FROM DUAL UNION ALL SELECT 5 AS step FROM DUAL UNION ALL SELECT 6 AS step FROM DUAL) a
 WHERE a.step = 1
    OR (a.step = 3 AND r.code IS NOT NULL AND NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(r.unit_name AS BINARY)))
    OR (a.step = 4 AND r.code IS NOT NULL AND NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)))
    OR (a.step = 5 AND r.code IS NOT NULL AND NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)))
    OR (a.step = 6 AND r.code IS NOT NULL AND NOT (CAST(t.`cap` AS BINARY) <=> CAST(r.unit_level AS BINARY)));
UPDATE `cauhinh_donvi` AS t
  JOIN mdd_tmp_map AS m ON t.`ma_donvi` = m.old_code
  LEFT JOIN mdd_tmp_rows AS r ON r.code = m.new_code
   SET t.`ma_donvi` = m.new_code,
       t.`ten_donvi` = CASE WHEN r.code IS NULL THEN t.`ten_donvi` ELSE r.unit_name END,
       t.`ma_donvi_cha` = CASE WHEN r.code IS NULL THEN t.`ma_donvi_cha` ELSE r.parent_code END,
       t.`trang_thai` = CASE WHEN r.code IS NULL THEN t.`trang_thai` ELSE r.unit_status END,
       t.`cap` = CASE WHEN r.code IS NULL THEN t.`cap` ELSE CAST(r.unit_level AS SIGNED) END;

-- step 2: units missing from cauhinh_donvi are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT 'mdd-c1ada6475bc80cb66fac', 2, r.code
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.`ma_donvi` FROM `cauhinh_donvi` t WHERE t.`ma_donvi` IS NOT NULL);
INSERT INTO `cauhinh_donvi` (`ma_donvi`, `ten_donvi`, `ma_donvi_cha`, `trang_thai`, `cap`, `nhom`)
SELECT r.code, r.unit_name, r.parent_code, r.unit_status, r.unit_level, CASE r.unit_level WHEN 2 THEN 'SO_NGANH' WHEN 3 THEN 'DON_VI_CAP_3' END
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.`ma_donvi` FROM `cauhinh_donvi` t WHERE t.`ma_donvi` IS NOT NULL);

-- steps 3, 4, 5, 6: cauhinh_donvi.ten_donvi, ma_donvi_cha, trang_thai, cap as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT 'mdd-c1ada6475bc80cb66fac', a.step, r.code, CASE a.step WHEN 3 THEN CAST(t.`ten_donvi` AS CHAR(1000)) WHEN 4 THEN CAST(t.`ma_donvi_cha` AS CHAR(1000)) WHEN 5 THEN CAST(t.`trang_thai` AS CHAR(1000)) WHEN 6 THEN CAST(t.`cap` AS CHAR(1000)) END
  FROM `cauhinh_donvi` t
  JOIN mdd_tmp_rows r ON t.`ma_donvi` = r.code
   AND (NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(r.unit_name AS BINARY)) OR NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)) OR NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)) OR NOT (CAST(t.`cap` AS BINARY) <=> CAST(r.unit_level AS BINARY)))
 CROSS JOIN (SELECT 3 AS step FROM DUAL UNION ALL SELECT 4 AS step FROM DUAL UNION ALL SELECT 5 AS step FROM DUAL UNION ALL SELECT 6 AS step FROM DUAL) a
 WHERE (a.step = 3 AND NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(r.unit_name AS BINARY)))
    OR (a.step = 4 AND NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)))
    OR (a.step = 5 AND NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)))
    OR (a.step = 6 AND NOT (CAST(t.`cap` AS BINARY) <=> CAST(r.unit_level AS BINARY)));
UPDATE `cauhinh_donvi` AS t
  JOIN mdd_tmp_rows AS s ON t.`ma_donvi` = s.code
   SET t.`ten_donvi` = s.unit_name,
       t.`ma_donvi_cha` = s.parent_code,
       t.`trang_thai` = s.unit_status,
       t.`cap` = s.unit_level
 WHERE (NOT (CAST(t.`ten_donvi` AS BINARY) <=> CAST(s.unit_name AS BINARY)) OR NOT (CAST(t.`ma_donvi_cha` AS BINARY) <=> CAST(s.parent_code AS BINARY)) OR NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(s.unit_status AS BINARY)) OR NOT (CAST(t.`cap` AS BINARY) <=> CAST(s.unit_level AS BINARY)));

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT 'mdd-c1ada6475bc80cb66fac', 0, 'applied', 'golden' FROM DUAL
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-c1ada6475bc80cb66fac' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
