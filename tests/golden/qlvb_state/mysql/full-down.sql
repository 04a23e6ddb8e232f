-- madinhdanh down.sql for system qlvb_state (Phần mềm Quản lý văn bản và điều hành (khối chính quyền)), dialect mysql (declared: mssql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-7ea397accb26bf1ba699; template set qlvb_state
-- changes: 11 recodes, 12 adds, 12 updates, 1 closes, 1 repoints (11 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- MySQL 8 / MariaDB 10.5+. The connection must use utf8mb4 (SET NAMES below); CREATE TABLE commits implicitly in MySQL, which is why it comes before any change.
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS mdd_undo (bundle VARCHAR(100) NOT NULL, step INT NOT NULL, row_key VARCHAR(100) NOT NULL, ph VARCHAR(100), old_value VARCHAR(1000), new_value VARCHAR(1000)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_back;
CREATE TEMPORARY TABLE mdd_tmp_back (old_code VARCHAR(100) NOT NULL, new_code VARCHAR(100), ph VARCHAR(100), stub VARCHAR(100), PRIMARY KEY (old_code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- step 9: lt_tuyen.ma_donvi_nhan back to the closed units' codes
UPDATE `lt_tuyen` AS t
  JOIN mdd_undo AS s ON t.`id` = CAST(s.row_key AS SIGNED) AND s.bundle = 'mdd-7ea397accb26bf1ba699' AND s.step = 9
   SET t.`ma_donvi_nhan` = s.old_value;

-- step 8: dm_donvi.cap back to the recorded values
UPDATE `dm_donvi` AS t
  JOIN mdd_undo AS s ON t.`ma_dinh_danh` = s.row_key AND s.bundle = 'mdd-7ea397accb26bf1ba699' AND s.step = 8
   SET t.`cap` = CAST(s.old_value AS SIGNED);

-- step 7: dm_donvi.trang_thai back to the recorded values
UPDATE `dm_donvi` AS t
  JOIN mdd_undo AS s ON t.`ma_dinh_danh` = s.row_key AND s.bundle = 'mdd-7ea397accb26bf1ba699' AND s.step = 7
   SET t.`trang_thai` = s.old_value;

-- step 6: dm_donvi.ma_donvi_cha back to the recorded values
UPDATE `dm_donvi` AS t
  JOIN mdd_undo AS s ON t.`ma_dinh_danh` = s.row_key AND s.bundle = 'mdd-7ea397accb26bf1ba699' AND s.step = 6
   SET t.`ma_donvi_cha` = s.old_value;

-- step 5: dm_donvi.ten_donvi back to the recorded values
UPDATE `dm_donvi` AS t
  JOIN mdd_undo AS s ON t.`ma_dinh_danh` = s.row_key AND s.bundle = 'mdd-7ea397accb26bf1ba699' AND s.step = 5
   SET t.`ten_donvi` = s.old_value;

-- step 4: the units up.sql inserted into dm_donvi are deleted
DELETE FROM `dm_donvi`
 WHERE `ma_dinh_danh` IN (SELECT row_key FROM mdd_undo WHERE bundle = 'mdd-7ea397accb26bf1ba699' AND step = 4);

-- step 3: dm_dungchung.ma back to the recorded codes, in one pass as up.sql did
UPDATE `dm_dungchung` AS t
  JOIN mdd_undo AS s ON t.`id` = CAST(s.row_key AS SIGNED) AND s.bundle = 'mdd-7ea397accb26bf1ba699' AND s.step = 3
   SET t.`ma` = s.old_value;

-- step 2: dm_donvi.ma_dinh_danh back to the recorded codes, in one pass as up.sql did
UPDATE `dm_donvi` AS t
  JOIN mdd_undo AS s ON t.`id` = CAST(s.row_key AS SIGNED) AND s.bundle = 'mdd-7ea397accb26bf1ba699' AND s.step = 2
   SET t.`ma_dinh_danh` = s.old_value;

-- step 1: lt_donvi.ma_donvi back to the codes recorded by up.sql, through stub rows again
DELETE FROM mdd_tmp_back;
INSERT INTO mdd_tmp_back (old_code, new_code, ph, stub)
SELECT u.new_value, u.old_value, u.ph, CONCAT(u.ph, 's')
  FROM mdd_undo u
 WHERE u.bundle = 'mdd-7ea397accb26bf1ba699' AND u.step = 1;
INSERT INTO `lt_donvi` (`ma_donvi`, `ten_donvi`, `dia_chi_ket_noi`, `kich_hoat`, `ngay_dang_ky`)
SELECT m.stub, t.`ten_donvi`, t.`dia_chi_ket_noi`, t.`kich_hoat`, t.`ngay_dang_ky`
  FROM `lt_donvi` t
  JOIN mdd_tmp_back m ON t.`ma_donvi` = m.old_code;
UPDATE `lt_tuyen` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_donvi_gui` = s.old_code
   SET t.`ma_donvi_gui` = s.stub;
UPDATE `lt_tuyen` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_donvi_nhan` = s.old_code
   SET t.`ma_donvi_nhan` = s.stub;
UPDATE `lt_donvi` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_donvi` = s.old_code
   SET t.`ma_donvi` = s.ph;
UPDATE `lt_donvi` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_donvi` = s.ph
   SET t.`ma_donvi` = s.new_code;
UPDATE `lt_tuyen` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_donvi_gui` = s.stub
   SET t.`ma_donvi_gui` = s.new_code;
UPDATE `lt_tuyen` AS t
  JOIN mdd_tmp_back AS s ON t.`ma_donvi_nhan` = s.stub
   SET t.`ma_donvi_nhan` = s.new_code;
DELETE FROM `lt_donvi` WHERE `ma_donvi` IN (SELECT stub FROM mdd_tmp_back);

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = 'mdd-7ea397accb26bf1ba699';
DROP TEMPORARY TABLE IF EXISTS mdd_tmp_back;
