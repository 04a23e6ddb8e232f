-- madinhdanh up.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), dialect mysql (declared: oracle)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-6be0d49d4be80434abf3; template set tthc
-- changes: 11 recodes, 12 adds, 12 updates, 1 closes, 1 repoints (11 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET NAMES utf8mb4;

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INT NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The registry's data for this bundle, set-based: 11 recoded identifier(s), 1 repoint(s), 12 unit row(s).
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_map;
CREATE TEMPORARY TABLE mdd_tmp_map (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO mdd_tmp_map (old_code, new_code, ph, stub) VALUES
('000.00.00.H03', 'H03', '~1', '~1s'),
('000.00.06.H03', 'H03.01', '~2', '~2s'),
('000.01.06.H03', 'H03.01.01', '~3', '~3s'),
('000.00.10.H03', 'H03.02', '~4', '~4s'),
('000.00.07.H03', 'H03.03', '~5', '~5s'),
('000.00.09.H03', 'H03.04', '~6', '~6s'),
('000.00.08.H03', 'H03.05', '~7', '~7s'),
('000.00.27.H03', 'H03.06', '~8', '~8s'),
('000.01.27.H03', 'H03.06.02', '~9', '~9s'),
('000.03.27.H03', 'H03.06.03', '~10', '~10s'),
('000.02.27.H03', 'H03.06.04', '~11', '~11s');

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
('H03.07', 'so-du-lich', 'Sở Du lịch', 'H03', 'active', 2, 'state', 1);

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-6be0d49d4be80434abf3' AND step = 0);
DELETE FROM mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-6be0d49d4be80434abf3' AND step = 0);
DELETE FROM mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-6be0d49d4be80434abf3' AND step = 0);

-- step 1: coquan.ma_coquan, referenced by 1 foreign key(s) without ON UPDATE CASCADE:
-- stub rows take the references, the real rows are recoded in two phases, the references move onto them
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT 'mdd-6be0d49d4be80434abf3', 1, CAST(t.`id` AS CHAR(1000)), m.ph, m.old_code, m.new_code
  FROM `coquan` t
  JOIN mdd_tmp_map m ON t.`ma_coquan` = m.old_code;
INSERT INTO `coquan` (`ma_coquan`, `ten_coquan`, `ma_coquan_cha`, `trang_thai`, `dia_chi`, `email`, `so_dien_thoai`, `ngay_tao`)
SELECT m.stub, t.`ten_coquan`, t.`ma_coquan_cha`, t.`trang_thai`, t.`dia_chi`, t.`email`, t.`so_dien_thoai`, t.`ngay_tao`
  FROM `coquan` t
  JOIN mdd_tmp_map m ON t.`ma_coquan` = m.old_code;
UPDATE `thutuc` AS t
  JOIN mdd_tmp_map AS s ON t.`ma_coquan_thuchien` = s.old_code
   SET t.`ma_coquan_thuchien` = s.stub;
UPDATE `coquan` AS t
  JOIN mdd_tmp_map AS s ON t.`ma_coquan` = s.old_code
   SET t.`ma_coquan` = s.ph;
UPDATE `coquan` AS t
  JOIN mdd_tmp_map AS s ON t.`ma_coquan` = s.ph
   SET t.`ma_coquan` = s.new_code;
UPDATE `thutuc` AS t
  JOIN mdd_tmp_map AS s ON t.`ma_coquan_thuchien` = s.stub
   SET t.`ma_coquan_thuchien` = s.new_code;
DELETE FROM `coquan` WHERE `ma_coquan` IN (SELECT stub FROM mdd_tmp_map);

-- step 2: units missing from coquan are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT 'mdd-6be0d49d4be80434abf3', 2, r.code
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.`ma_coquan` FROM `coquan` t WHERE t.`ma_coquan` IS NOT NULL);
INSERT INTO `coquan` (`ma_coquan`, `ten_coquan`, `ma_coquan_cha`, `trang_thai`)
SELECT r.code, r.unit_name, r.parent_code, r.unit_status
  FROM mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.`ma_coquan` FROM `coquan` t WHERE t.`ma_coquan` IS NOT NULL);

-- steps 3, 4, 5: coquan.ten_coquan, ma_coquan_cha, trang_thai as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT 'mdd-6be0d49d4be80434abf3', a.step, r.code, CASE a.step WHEN 3 THEN CAST(t.`ten_coquan` AS CHAR(1000)) WHEN 4 THEN CAST(t.`ma_coquan_cha` AS CHAR(1000)) WHEN 5 THEN CAST(t.`trang_thai` AS CHAR(1000)) END
  FROM `coquan` t
  JOIN mdd_tmp_rows r ON t.`ma_coquan` = r.code
   AND (NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY)) OR NOT (CAST(t.`ma_coquan_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)) OR NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)))
 CROSS JOIN (SELECT 3 AS step FROM DUAL UNION ALL SELECT 4 AS step FROM DUAL UNION ALL SELECT 5 AS step FROM DUAL) a
 WHERE (a.step = 3 AND NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(r.unit_name AS BINARY)))
    OR (a.step = 4 AND NOT (CAST(t.`ma_coquan_cha` AS BINARY) <=> CAST(r.parent_code AS BINARY)))
    OR (a.step = 5 AND NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(r.unit_status AS BINARY)));
UPDATE `coquan` AS t
  JOIN mdd_tmp_rows AS s ON t.`ma_coquan` = s.code
   SET t.`ten_coquan` = s.unit_name,
       t.`ma_coquan_cha` = s.parent_code,
       t.`trang_thai` = s.unit_status
 WHERE (NOT (CAST(t.`ten_coquan` AS BINARY) <=> CAST(s.unit_name AS BINARY)) OR NOT (CAST(t.`ma_coquan_cha` AS BINARY) <=> CAST(s.parent_code AS BINARY)) OR NOT (CAST(t.`trang_thai` AS BINARY) <=> CAST(s.unit_status AS BINARY)));

-- step 6: thutuc.ma_coquan_thuchien (on_close: repoint): references of closed units -> their successor
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT 'mdd-6be0d49d4be80434abf3', 6, CAST(t.`id` AS CHAR(1000)), m.old_code, m.new_code
  FROM `thutuc` t
  JOIN mdd_tmp_repoint m ON t.`ma_coquan_thuchien` = m.old_code;
UPDATE `thutuc` AS t
  JOIN mdd_tmp_repoint AS s ON t.`ma_coquan_thuchien` = s.old_code
   SET t.`ma_coquan_thuchien` = s.new_code;

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT 'mdd-6be0d49d4be80434abf3', 0, 'applied', 'golden' FROM DUAL
 WHERE EXISTS (SELECT 1 FROM mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = 'mdd-6be0d49d4be80434abf3' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
