-- madinhdanh down.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect mssql (declared: mysql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET XACT_ABORT ON;

IF OBJECT_ID(N'mdd_undo', N'U') IS NULL CREATE TABLE mdd_undo (bundle NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, step INT NOT NULL, row_key NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, old_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT, new_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT);
DROP TABLE IF EXISTS #mdd_tmp_back;
CREATE TABLE #mdd_tmp_back (old_code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, new_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, stub NVARCHAR(100) COLLATE DATABASE_DEFAULT, PRIMARY KEY (old_code));

-- step 8: portal_categories.unit_code back to the closed units' codes
UPDATE t
   SET [unit_code] = s.old_value
  FROM [portal_categories] AS t
  JOIN mdd_undo AS s ON t.[id] = CAST(s.row_key AS INT) AND s.bundle = N'mdd-58a943c25614e93a61b8' AND s.step = 8;

-- step 7: portal_units.level back to the recorded values
UPDATE t
   SET [level] = CAST(s.old_value AS INT)
  FROM [portal_units] AS t
  JOIN mdd_undo AS s ON t.[unit_code] = s.row_key AND s.bundle = N'mdd-58a943c25614e93a61b8' AND s.step = 7;

-- step 6: portal_units.status back to the recorded values
UPDATE t
   SET [status] = s.old_value
  FROM [portal_units] AS t
  JOIN mdd_undo AS s ON t.[unit_code] = s.row_key AND s.bundle = N'mdd-58a943c25614e93a61b8' AND s.step = 6;

-- step 5: portal_units.parent_code back to the recorded values
UPDATE t
   SET [parent_code] = s.old_value
  FROM [portal_units] AS t
  JOIN mdd_undo AS s ON t.[unit_code] = s.row_key AND s.bundle = N'mdd-58a943c25614e93a61b8' AND s.step = 5;

-- step 4: portal_units.unit_name back to the recorded values
UPDATE t
   SET [unit_name] = s.old_value
  FROM [portal_units] AS t
  JOIN mdd_undo AS s ON t.[unit_code] = s.row_key AND s.bundle = N'mdd-58a943c25614e93a61b8' AND s.step = 4;

-- step 3: the units up.sql inserted into portal_units are deleted
DELETE FROM [portal_units]
 WHERE [unit_code] IN (SELECT row_key FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 3);

-- step 2: portal_categories.unit_code back to the recorded codes
UPDATE t
   SET [unit_code] = s.old_value
  FROM [portal_categories] AS t
  JOIN mdd_undo AS s ON t.[id] = CAST(s.row_key AS INT) AND s.bundle = N'mdd-58a943c25614e93a61b8' AND s.step = 2;

-- step 1: portal_units.unit_code back to the recorded codes, in one pass as up.sql did
UPDATE t
   SET [unit_code] = s.old_value
  FROM [portal_units] AS t
  JOIN mdd_undo AS s ON t.[id] = CAST(s.row_key AS INT) AND s.bundle = N'mdd-58a943c25614e93a61b8' AND s.step = 1;

-- This bundle's records and mark.
DELETE FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8';
DROP TABLE IF EXISTS #mdd_tmp_back;
