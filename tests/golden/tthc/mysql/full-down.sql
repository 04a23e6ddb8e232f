-- madinhdanh down.sql for system tthc (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh), dialect mysql (declared: oracle)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-6be0d49d4be80434abf3; template set tthc
-- changes: 11 recodes, 12 adds, 12 updates, 1 closes, 1 repoints (11 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INT NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_back;
CREATE TEMPORARY TABLE mdd_tmp_back (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- step 6: thutuc.ma_coquan_thuchien back to the closed units' codes
UPDATE `thutuc` AS t
  JOIN mdd_undo AS s ON t.`id` = CAST(s.row_key AS SIGNED) AND s.bundle = 'mdd-6be0d49d4be80434abf3' AND s.step = 6
   SET t.`ma_coquan_thuchien` = s.old_value;

-- step 5: coquan.trang_thai back to the recorded values
UPDATE `coquan` AS t
  JOIN mdd_undo AS s ON t.`ma_coquan` = s.row_key AND s.bundle = 'mdd-6be0d49d4be80434abf3' AND s.step = 5
   SET t.`trang_thai` = s.old_value;

-- step 4: coquan.ma_coquan_cha back to the recorded values
UPDATE `coquan` AS t
  JOIN mdd_undo AS s ON t.`ma_coquan` = s.row_key AND s.bundle = 'mdd-6be0d49d4be80434abf3' AND s.step = 4
   SET t.`ma_coquan_cha` = s.old_value;

-- step 3: coquan.ten_coquan back to the recorded values
UPDATE `coquan` AS t
  JOIN mdd_undo AS s ON t.`ma_coquan` = s.row_key AND s.bundle = 'mdd-6be0d49d4be80434abf3' AND s.step = 3
   SET t.`ten_coquan` = s.old_value;

-- step 2: the units up.sql inserted into coquan are deleted
DELETE FROM `coquan`
 WHERE `ma_coquan` IN (SELECT row_key FROM mdd_undo WHERE bundle = 'mdd-6be0d49d4be80434abf3' AND step = 2);

-- step 1: coquan.ma_coquan back to the codes recorded by up.sql, through stub rows again
DELETE FROM mdd_tmp_back;
INSERT INTO mdd_tmp_back (old_code, new_code, ph, stub)
SELECT u.new_value, u.old_value, u.ph, CONCAT(u.ph, 's')
  FROM mdd_undo u
 WHERE u.bundle = 'mdd-6be0d49d4be80434abf3' AND u.step = 1;
INSERT INTO `coquan` (`ma_coquan`, `ten_coquan`, `ma_coquan_cha`, `trang_thai`, `dia_chi`, `email`, `so_dien_thoai`, `ngay_tao`)
SELECT m.stub, t.`ten_coquan`, t.`ma_coquan_cha`, t.`trang_thai`, t.`dia_chi`, t.`email`, t.`so_dien_thoai`, t.`ngay_tao`
  FROM `coquan` t
  JOIN mdd_tmp_back m ON t.`ma_coquan` = m.old_code;
UPDATE `thutuc` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_coquan_thuchien` = s.old_code
   SET t.`ma_coquan_thuchien` = s.stub;
UPDATE `coquan` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_coquan` = s.old_code
   SET t.`ma_coquan` = s.ph;
UPDATE `coquan` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_coquan` = s.ph
   SET t.`ma_coquan` = s.new_code;
UPDATE `thutuc` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_coquan_thuchien` = s.stub
   SET t.`ma_coquan_thuchien` = s.new_code;
DELETE FROM `coquan` WHERE `ma_coquan` IN (SELECT stub FROM mdd_tmp_back);

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = 'mdd-6be0d49d4be80434abf3';
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_back;
