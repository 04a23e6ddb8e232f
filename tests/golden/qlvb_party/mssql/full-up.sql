-- madinhdanh up.sql for system qlvb_party (Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể)), dialect mssql
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-4fa96c184732ada0cdee; template set qlvb_party
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET XACT_ABORT ON;

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
IF OBJECT_ID(N'mdd_undo', N'U') IS NULL CREATE TABLE mdd_undo (bundle NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, step INT NOT NULL, row_key NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, old_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT, new_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT);
IF OBJECT_ID(N'[mdd_undo_ds_coquan_ngoai]', N'U') IS NULL SELECT CAST(NULL AS NVARCHAR(100)) AS mdd_bundle, CAST(NULL AS INT) AS mdd_step, t.* INTO [mdd_undo_ds_coquan_ngoai] FROM [ds_coquan_ngoai] AS t JOIN (SELECT 1 AS one) AS d ON 1 = 0;

-- The registry's data for this bundle, set-based: 13 recoded identifier(s), 1 repoint(s), 14 unit row(s).
DROP TABLE IF EXISTS #mdd_tmp_map;
CREATE TABLE #mdd_tmp_map (old_code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, new_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, stub NVARCHAR(100) COLLATE DATABASE_DEFAULT, PRIMARY KEY (old_code));
INSERT INTO #mdd_tmp_map (old_code, new_code, ph, stub) VALUES
(N'000.00.00.H03', N'H03', NULL, NULL),
(N'000.00.06.H03', N'H03.01', NULL, NULL),
(N'000.01.06.H03', N'H03.01.01', NULL, NULL),
(N'000.00.10.H03', N'H03.02', NULL, NULL),
(N'000.00.07.H03', N'H03.03', NULL, NULL),
(N'000.00.09.H03', N'H03.04', NULL, NULL),
(N'000.00.08.H03', N'H03.05', NULL, NULL),
(N'000.00.27.H03', N'H03.06', NULL, NULL),
(N'000.01.27.H03', N'H03.06.02', NULL, NULL),
(N'000.03.27.H03', N'H03.06.03', NULL, NULL),
(N'000.02.27.H03', N'H03.06.04', NULL, NULL),
(N'000.00.50.H03', N'H03.70', NULL, NULL),
(N'000.01.50.H03', N'H03.70.01', NULL, NULL);

DROP TABLE IF EXISTS #mdd_tmp_repoint;
CREATE TABLE #mdd_tmp_repoint (old_code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, new_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, PRIMARY KEY (old_code));
INSERT INTO #mdd_tmp_repoint (old_code, new_code) VALUES
(N'H03.04', N'H03.02');

DROP TABLE IF EXISTS #mdd_tmp_rows;
CREATE TABLE #mdd_tmp_rows (code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, unit_id NVARCHAR(100) COLLATE DATABASE_DEFAULT, unit_name NVARCHAR(1000) COLLATE DATABASE_DEFAULT, parent_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, unit_status NVARCHAR(100) COLLATE DATABASE_DEFAULT, unit_level INT, block NVARCHAR(100) COLLATE DATABASE_DEFAULT, is_add INT, PRIMARY KEY (code));
INSERT INTO #mdd_tmp_rows (code, unit_id, unit_name, parent_code, unit_status, unit_level, block, is_add) VALUES
(N'H03', N'ubnd-tinh', N'Ủy ban nhân dân tỉnh Bắc Giang', NULL, N'active', 1, N'state', 1),
(N'H03.01', N'so-noi-vu', N'Sở Nội vụ', N'H03', N'active', 2, N'state', 1),
(N'H03.01.01', N'ban-thi-dua', N'Ban Thi đua - Khen thưởng', N'H03.01', N'active', 3, N'state', 1),
(N'H03.02', N'so-khcn', N'Sở Khoa học và Công nghệ', N'H03', N'active', 2, N'state', 1),
(N'H03.03', N'so-tu-phap', N'Sở Tư pháp', N'H03', N'active', 2, N'state', 1),
(N'H03.04', N'so-tttt', N'Sở Thông tin và Truyền thông', N'H03', N'closed', 2, N'state', 1),
(N'H03.05', N'so-khdt', N'Sở Kế hoạch và Đầu tư', N'H03', N'active', 2, N'state', 1),
(N'H03.06', N'ubnd-yen-the', N'Ủy ban nhân dân huyện Yên Thế (mới)', N'H03', N'active', 2, N'state', 1),
(N'H03.06.02', N'xa-dong-tam', N'Ủy ban nhân dân xã Đồng Tâm', N'H03.06', N'active', 3, N'state', 1),
(N'H03.06.03', N'nha-van-hoa', N'Nhà Văn hóa ''Thiếu nhi'' huyện Yên Thế', N'H03.06', N'active', 3, N'state', 1),
(N'H03.06.04', N'xa-tam-tien', N'Ủy ban nhân dân xã Tam Tiến', N'H03.06', N'active', 3, N'state', 1),
(N'H03.07', N'so-du-lich', N'Sở Du lịch', N'H03', N'active', 2, N'state', 1),
(N'H03.70', N'tinh-uy', N'Tỉnh ủy Bắc Giang', N'H03', N'active', 2, N'party', 1),
(N'H03.70.01', N'ban-to-chuc-tu', N'Ban Tổ chức Tỉnh ủy', N'H03.70', N'active', 3, N'party', 1);

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM #mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 0);
DELETE FROM #mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 0);
DELETE FROM #mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 0);

-- step 1: dm_coquan.ma_coquan is unique; no old code of this bundle is a new code, so one pass: old code -> new code
-- (the same UPDATE writes the recoded units' attributes, one new row version instead of one per column)
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', a.step,
       CASE WHEN a.step = 1 THEN m.new_code ELSE r.code END,
       CASE WHEN a.step = 1 THEN m.ph END,
       CASE a.step WHEN 1 THEN m.old_code WHEN 5 THEN CAST(t.[ten_coquan] AS NVARCHAR(1000)) END,
       CASE WHEN a.step = 1 THEN m.new_code END
  FROM [dm_coquan] t
  JOIN #mdd_tmp_map m ON t.[ma_coquan] = m.old_code
  LEFT JOIN #mdd_tmp_rows r ON r.code = m.new_code
 CROSS JOIN (SELECT 1 AS step UNION ALL SELECT 5 AS step) a
 WHERE a.step = 1
    OR (a.step = 5 AND r.code IS NOT NULL AND (t.[ten_coquan] <> r.unit_name OR (t.[ten_coquan] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_coquan] IS NOT NULL AND r.unit_name IS NULL)));
UPDATE t
   SET [ma_coquan] = m.new_code,
       [ten_coquan] = CASE WHEN r.code IS NULL THEN t.[ten_coquan] ELSE r.unit_name END
  FROM [dm_coquan] AS t
  JOIN #mdd_tmp_map AS m ON t.[ma_coquan] = m.old_code
  LEFT JOIN #mdd_tmp_rows AS r ON r.code = m.new_code;

-- step 2: ds_coquan_ngoai.ma_donvi_so_huu is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 2, CAST(t.[id] AS NVARCHAR(1000)), m.ph, m.old_code, m.new_code
  FROM [ds_coquan_ngoai] t
  JOIN #mdd_tmp_map m ON t.[ma_donvi_so_huu] = m.old_code;
UPDATE t
   SET [ma_donvi_so_huu] = s.new_code
  FROM [ds_coquan_ngoai] AS t
  JOIN #mdd_tmp_map AS s ON t.[ma_donvi_so_huu] = s.old_code;

-- step 3: ds_coquan_ngoai.ma_coquan is unique; no old code of this bundle is a new code, so one pass: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 3, CAST(t.[id] AS NVARCHAR(1000)), m.ph, m.old_code, m.new_code
  FROM [ds_coquan_ngoai] t
  JOIN #mdd_tmp_map m ON t.[ma_coquan] = m.old_code;
UPDATE t
   SET [ma_coquan] = s.new_code
  FROM [ds_coquan_ngoai] AS t
  JOIN #mdd_tmp_map AS s ON t.[ma_coquan] = s.old_code;

-- step 4: units missing from dm_coquan are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT N'mdd-4fa96c184732ada0cdee', 4, r.code
  FROM #mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.[ma_coquan] FROM [dm_coquan] t WHERE t.[ma_coquan] IS NOT NULL);
INSERT INTO [dm_coquan] ([ma_coquan], [ten_coquan], [khoi], [su_dung])
SELECT r.code, r.unit_name, CASE r.block WHEN N'party' THEN N'DANG' WHEN N'state' THEN N'CHINHQUYEN' END, CASE r.unit_status WHEN N'active' THEN 1 WHEN N'closed' THEN 0 END
  FROM #mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.[ma_coquan] FROM [dm_coquan] t WHERE t.[ma_coquan] IS NOT NULL);

-- steps 5: dm_coquan.ten_coquan as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-4fa96c184732ada0cdee', a.step, r.code, CASE a.step WHEN 5 THEN CAST(t.[ten_coquan] AS NVARCHAR(1000)) END
  FROM [dm_coquan] t
  JOIN #mdd_tmp_rows r ON t.[ma_coquan] = r.code
   AND ((t.[ten_coquan] <> r.unit_name OR (t.[ten_coquan] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_coquan] IS NOT NULL AND r.unit_name IS NULL)))
 CROSS JOIN (SELECT 5 AS step) a
 WHERE (a.step = 5 AND (t.[ten_coquan] <> r.unit_name OR (t.[ten_coquan] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_coquan] IS NOT NULL AND r.unit_name IS NULL)));
UPDATE t
   SET [ten_coquan] = s.unit_name
  FROM [dm_coquan] AS t
  JOIN #mdd_tmp_rows AS s ON t.[ma_coquan] = s.code
 WHERE ((t.[ten_coquan] <> s.unit_name OR (t.[ten_coquan] IS NULL AND s.unit_name IS NOT NULL) OR (t.[ten_coquan] IS NOT NULL AND s.unit_name IS NULL)));

-- step 6: ds_coquan_ngoai.ma_coquan (on_close: repoint): references of closed units -> their successor
-- a row that would then repeat another under UNIQUE (ma_donvi_so_huu, ma_coquan) is deleted (kept in mdd_undo_ds_coquan_ngoai):
-- first where the successor is listed already, then where two closed units share a successor (the lowest id stays)
INSERT INTO [mdd_undo_ds_coquan_ngoai] (mdd_bundle, mdd_step, [id], [ma_donvi_so_huu], [ma_coquan], [ten_coquan], [thu_tu], [ghi_chu], [ngay_tao])
SELECT N'mdd-4fa96c184732ada0cdee', 6, t.[id], t.[ma_donvi_so_huu], t.[ma_coquan], t.[ten_coquan], t.[thu_tu], t.[ghi_chu], t.[ngay_tao]
  FROM [ds_coquan_ngoai] t
  JOIN #mdd_tmp_repoint m ON t.[ma_coquan] = m.old_code
 WHERE EXISTS (SELECT 1 FROM [ds_coquan_ngoai] t2
                WHERE t2.[ma_coquan] = m.new_code
                  AND t2.[ma_donvi_so_huu] = t.[ma_donvi_so_huu]);
DELETE FROM [ds_coquan_ngoai]
 WHERE [id] IN (SELECT [id] FROM [mdd_undo_ds_coquan_ngoai] WHERE mdd_bundle = N'mdd-4fa96c184732ada0cdee' AND mdd_step = 6);
INSERT INTO [mdd_undo_ds_coquan_ngoai] (mdd_bundle, mdd_step, [id], [ma_donvi_so_huu], [ma_coquan], [ten_coquan], [thu_tu], [ghi_chu], [ngay_tao])
SELECT N'mdd-4fa96c184732ada0cdee', 6, t.[id], t.[ma_donvi_so_huu], t.[ma_coquan], t.[ten_coquan], t.[thu_tu], t.[ghi_chu], t.[ngay_tao]
  FROM [ds_coquan_ngoai] t
  JOIN #mdd_tmp_repoint m ON t.[ma_coquan] = m.old_code
 WHERE EXISTS (SELECT 1 FROM [ds_coquan_ngoai] t2
                 JOIN #mdd_tmp_repoint m2 ON t2.[ma_coquan] = m2.old_code
                WHERE m2.new_code = m.new_code AND t2.[id] < t.[id]
                  AND t2.[ma_donvi_so_huu] = t.[ma_donvi_so_huu]);
DELETE FROM [ds_coquan_ngoai]
 WHERE [id] IN (SELECT [id] FROM [mdd_undo_ds_coquan_ngoai] WHERE mdd_bundle = N'mdd-4fa96c184732ada0cdee' AND mdd_step = 6);
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 6, CAST(t.[id] AS NVARCHAR(1000)), m.old_code, m.new_code
  FROM [ds_coquan_ngoai] t
  JOIN #mdd_tmp_repoint m ON t.[ma_coquan] = m.old_code;
UPDATE t
   SET [ma_coquan] = s.new_code
  FROM [ds_coquan_ngoai] AS t
  JOIN #mdd_tmp_repoint AS s ON t.[ma_coquan] = s.old_code;

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT N'mdd-4fa96c184732ada0cdee', 0, N'applied', N'golden'
 WHERE EXISTS (SELECT 1 FROM #mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM #mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM #mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-4fa96c184732ada0cdee' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
