-- madinhdanh down.sql for system qlvb_party (Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể)), dialect mssql
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-4fa96c184732ada0cdee; template set qlvb_party
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Puts back exactly what this bundle's up.sql changed (recorded in mdd_undo); run it only after that up.sql.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET XACT_ABORT ON;

IF OBJECT_ID(N'mdd_undo', N'U') IS NULL CREATE TABLE mdd_undo (bundle NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, step INT NOT NULL, row_key NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, old_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT, new_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT);
IF OBJECT_ID(N'[mdd_undo_ds_coquan_ngoai]', N'U') IS NULL SELECT CAST(NULL AS NVARCHAR(100)) AS mdd_bundle, CAST(NULL AS INT) AS mdd_step, t.* INTO [mdd_undo_ds_coquan_ngoai] FROM [ds_coquan_ngoai] AS t JOIN (SELECT 1 AS one) AS d ON 1 = 0;
DROP TABLE IF EXISTS #mdd_tmp_back;
CREATE TABLE #mdd_tmp_back (old_code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, new_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, stub NVARCHAR(100) COLLATE DATABASE_DEFAULT, PRIMARY KEY (old_code));

-- step 6: ds_coquan_ngoai.ma_coquan back to the closed units' codes, then the deleted rows back
UPDATE t
   SET [ma_coquan] = s.old_value
  FROM [ds_coquan_ngoai] AS t
  JOIN mdd_undo AS s ON t.[id] = CAST(s.row_key AS INT) AND s.bundle = N'mdd-4fa96c184732ada0cdee' AND s.step = 6;
SET IDENTITY_INSERT [ds_coquan_ngoai] ON;
INSERT INTO [ds_coquan_ngoai] ([id], [ma_donvi_so_huu], [ma_coquan], [ten_coquan], [thu_tu], [ghi_chu], [ngay_tao])
SELECT [id], [ma_donvi_so_huu], [ma_coquan], [ten_coquan], [thu_tu], [ghi_chu], [ngay_tao]
  FROM [mdd_undo_ds_coquan_ngoai]
 WHERE mdd_bundle = N'mdd-4fa96c184732ada0cdee' AND mdd_step = 6;
SET IDENTITY_INSERT [ds_coquan_ngoai] OFF;

-- step 5: dm_coquan.ten_coquan back to the recorded values
UPDATE t
   SET [ten_coquan] = s.old_value
  FROM [dm_coquan] AS t
  JOIN mdd_undo AS s ON t.[ma_coquan] = s.row_key AND s.bundle = N'mdd-4fa96c184732ada0cdee' AND s.step = 5;

-- step 4: the units up.sql inserted into dm_coquan are deleted
DELETE FROM [dm_coquan]
 WHERE [ma_coquan] IN (SELECT row_key FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 4);

-- step 3: ds_coquan_ngoai.ma_coquan back to the recorded codes, in one pass as up.sql did
UPDATE t
   SET [ma_coquan] = s.old_value
  FROM [ds_coquan_ngoai] AS t
  JOIN mdd_undo AS s ON t.[id] = CAST(s.row_key AS INT) AND s.bundle = N'mdd-4fa96c184732ada0cdee' AND s.step = 3;

-- step 2: ds_coquan_ngoai.ma_donvi_so_huu back to the recorded codes, in one pass as up.sql did
UPDATE t
   SET [ma_donvi_so_huu] = s.old_value
  FROM [ds_coquan_ngoai] AS t
  JOIN mdd_undo AS s ON t.[id] = CAST(s.row_key AS INT) AND s.bundle = N'mdd-4fa96c184732ada0cdee' AND s.step = 2;

-- step 1: dm_coquan.ma_coquan back to the recorded codes, in one pass as up.sql did
UPDATE t
   SET [ma_coquan] = s.old_value
  FROM [dm_coquan] AS t
  JOIN mdd_undo AS s ON t.[ma_coquan] = s.row_key AND s.bundle = N'mdd-4fa96c184732ada0cdee' AND s.step = 1;

-- This bundle's records and mark.
DELETE FROM [mdd_undo_ds_coquan_ngoai] WHERE mdd_bundle = N'mdd-4fa96c184732ada0cdee';
DELETE FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee';
DROP TABLE IF EXISTS #mdd_tmp_back;
