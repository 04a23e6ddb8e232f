-- madinhdanh down.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect mssql (declared: postgresql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 10 recodes, 11 adds, 11 updates, 1 closes, 1 repoints (10 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET XACT_ABORT ON;

IF OBJECT_ID(N'mdd_undo', N'U') IS NULL CREATE TABLE mdd_undo (bundle NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, step INT NOT NULL, row_key NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, old_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT, new_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT);
DROP TABLE IF EXISTS #mdd_tmp_back;
CREATE TABLE #mdd_tmp_back (old_code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, new_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, stub NVARCHAR(100) COLLATE DATABASE_DEFAULT, PRIMARY KEY (old_code));

-- step 6: cauhinh_donvi.cap back to the recorded values
UPDATE t
   SET [cap] = CAST(s.old_value AS INT)
  FROM [cauhinh_donvi] AS t
  JOIN mdd_undo AS s ON t.[ma_donvi] = s.row_key AND s.bundle = N'mdd-c1ada6475bc80cb66fac' AND s.step = 6;

-- step 5: cauhinh_donvi.trang_thai back to the recorded values
UPDATE t
   SET [trang_thai] = s.old_value
  FROM [cauhinh_donvi] AS t
  JOIN mdd_undo AS s ON t.[ma_donvi] = s.row_key AND s.bundle = N'mdd-c1ada6475bc80cb66fac' AND s.step = 5;

-- step 4: cauhinh_donvi.ma_donvi_cha back to the recorded values
UPDATE t
   SET [ma_donvi_cha] = s.old_value
  FROM [cauhinh_donvi] AS t
  JOIN mdd_undo AS s ON t.[ma_donvi] = s.row_key AND s.bundle = N'mdd-c1ada6475bc80cb66fac' AND s.step = 4;

-- step 3: cauhinh_donvi.ten_donvi back to the recorded values
UPDATE t
   SET [ten_donvi] = s.old_value
  FROM [cauhinh_donvi] AS t
  JOIN mdd_undo AS s ON t.[ma_donvi] = s.row_key AND s.bundle = N'mdd-c1ada6475bc80cb66fac' AND s.step = 3;

-- step 2: the units up.sql inserted into cauhinh_donvi are deleted
DELETE FROM [cauhinh_donvi]
 WHERE [ma_donvi] IN (SELECT row_key FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 2);

-- step 1: cauhinh_donvi.ma_donvi back to the recorded codes, in one pass as up.sql did
UPDATE t
   SET [ma_donvi] = s.old_value
  FROM [cauhinh_donvi] AS t
  JOIN mdd_undo AS s ON t.[ma_donvi] = s.row_key AND s.bundle = N'mdd-c1ada6475bc80cb66fac' AND s.step = 1;

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac';
DROP TABLE IF EXISTS #mdd_tmp_back;
