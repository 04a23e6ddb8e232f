-- madinhdanh up.sql for system reporting (Hệ thống thông tin báo cáo tỉnh), dialect mssql (declared: postgresql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-c1ada6475bc80cb66fac; template set reporting
-- changes: 10 recodes, 11 adds, 11 updates, 1 closes, 1 repoints (10 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET XACT_ABORT ON;

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
IF OBJECT_ID(N'mdd_undo', N'U') IS NULL CREATE TABLE mdd_undo (bundle NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, step INT NOT NULL, row_key NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, old_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT, new_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT);

-- The registry's data for this bundle, set-based: 10 recoded identifier(s), 1 repoint(s), 11 unit row(s).
DROP TABLE IF EXISTS #mdd_tmp_map;
CREATE TABLE #mdd_tmp_map (old_code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, new_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, stub NVARCHAR(100) COLLATE DATABASE_DEFAULT, PRIMARY KEY (old_code));
INSERT INTO #mdd_tmp_map (old_code, new_code, ph, stub) VALUES
(N'000.00.06.H03', N'H03.01', NULL, NULL),
(N'000.01.06.H03', N'H03.01.01', NULL, NULL),
(N'000.00.10.H03', N'H03.02', NULL, NULL),
(N'000.00.07.H03', N'H03.03', NULL, NULL),
(N'000.00.09.H03', N'H03.04', NULL, NULL),
(N'000.00.08.H03', N'H03.05', NULL, NULL),
(N'000.00.27.H03', N'H03.06', NULL, NULL),
(N'000.01.27.H03', N'H03.06.02', NULL, NULL),
(N'000.03.27.H03', N'H03.06.03', NULL, NULL),
(N'000.02.27.H03', N'H03.06.04', NULL, NULL);

DROP TABLE IF EXISTS #mdd_tmp_repoint;
CREATE TABLE #mdd_tmp_repoint (old_code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, new_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, PRIMARY KEY (old_code));
INSERT INTO #mdd_tmp_repoint (old_code, new_code) VALUES
(N'H03.04', N'H03.02');

DROP TABLE IF EXISTS #mdd_tmp_rows;
CREATE TABLE #mdd_tmp_rows (code NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, unit_id NVARCHAR(100) COLLATE DATABASE_DEFAULT, unit_name NVARCHAR(1000) COLLATE DATABASE_DEFAULT, parent_code NVARCHAR(100) COLLATE DATABASE_DEFAULT, unit_status NVARCHAR(100) COLLATE DATABASE_DEFAULT, unit_level INT, block NVARCHAR(100) COLLATE DATABASE_DEFAULT, is_add INT, PRIMARY KEY (code));
INSERT INTO #mdd_tmp_rows (code, unit_id, unit_name, parent_code, unit_status, unit_level, block, is_add) VALUES
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
(N'H03.07', N'so-du-lich', N'Sở Du lịch', N'H03', N'active', 2, N'state', 1);

-- Applied already (mdd_undo holds this bundle's mark)? Then nothing is left to do: a second run changes nothing.
DELETE FROM #mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 0);
DELETE FROM #mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 0);
DELETE FROM #mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 0);

-- step 1: cauhinh_donvi.ma_donvi is unique; no old code of this bundle is a new code, so one pass: old code -> new code
-- (the same UPDATE writes the recoded units' attributes, one new row version instead of one per column)
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-c1ada6475bc80cb66fac', a.step,
       CASE WHEN a.step = 1 THEN m.new_code ELSE r.code END,
       CASE WHEN a.step = 1 THEN m.ph END,
       CASE a.step WHEN 1 THEN m.old_code WHEN 3 THEN CAST(t.[ten_donvi] AS NVARCHAR(1000)) WHEN 4 THEN CAST(t.[ma_donvi_cha] AS NVARCHAR(1000)) WHEN 5 THEN CAST(t.[trang_thai] AS NVARCHAR(1000)) WHEN 6 THEN CAST(t.[cap] AS NVARCHAR(1000)) END,
       CASE WHEN a.step = 1 THEN m.new_code END
  FROM [cauhinh_donvi] t
  JOIN #mdd_tmp_map m ON t.[ma_donvi] = m.old_code
  LEFT JOIN #mdd_tmp_rows r ON r.code = m.new_code
 CROSS JOIN (SELECT 1 AS step UNION ALL SELECT 3 AS step UNION ALL SELECT 4 AS step UNION ALL SELECT 5 AS step UNION ALL SELECT 6 AS step) a
 WHERE a.step = 1
    OR (a.step = 3 AND r.code IS NOT NULL AND (t.[ten_donvi] <> r.unit_name OR (t.[ten_donvi] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_donvi] IS NOT NULL AND r.unit_name IS NULL)))
    OR (a.step = 4 AND r.code IS NOT NULL AND (t.[ma_donvi_cha] <> r.parent_code OR (t.[ma_donvi_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_donvi_cha] IS NOT NULL AND r.parent_code IS NULL)))
    OR (a.step = 5 AND r.code IS NOT NULL AND (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)))
    OR (a.step = 6 AND r.code IS NOT NULL AND (t.[cap] <> r.unit_level OR (t.[cap] IS NULL AND r.unit_level IS NOT NULL) OR (t.[cap] IS NOT NULL AND r.unit_level IS NULL)));
UPDATE t
   SET [ma_donvi] = m.new_code,
       [ten_donvi] = CASE WHEN r.code IS NULL THEN t.[ten_donvi] ELSE r.unit_name END,
       [ma_donvi_cha] = CASE WHEN r.code IS NULL THEN t.[ma_donvi_cha] ELSE r.parent_code END,
       [trang_thai] = CASE WHEN r.code IS NULL THEN t.[trang_thai] ELSE r.unit_status END,
       [cap] = CASE WHEN r.code IS NULL THEN t.[cap] ELSE CAST(r.unit_level AS INT) END
  FROM [cauhinh_donvi] AS t
  JOIN #mdd_tmp_map AS m ON t.[ma_donvi] = m.old_code
  LEFT JOIN #mdd_tmp_rows AS r ON r.code = m.new_code;

-- step 2: units missing from cauhinh_donvi are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT N'mdd-c1ada6475bc80cb66fac', 2, r.code
  FROM #mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.[ma_donvi] FROM [cauhinh_donvi] t WHERE t.[ma_donvi] IS NOT NULL);
INSERT INTO [cauhinh_donvi] ([ma_donvi], [ten_donvi], [ma_donvi_cha], [trang_thai], [cap], [nhom])
SELECT r.code, r.unit_name, r.parent_code, r.unit_status, r.unit_level, CASE r.unit_level WHEN 2 THEN N'SO_NGANH' WHEN 3 THEN N'DON_VI_CAP_3' END
  FROM #mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.[ma_donvi] FROM [cauhinh_donvi] t WHERE t.[ma_donvi] IS NOT NULL);

-- steps 3, 4, 5, 6: cauhinh_donvi.ten_donvi, ma_donvi_cha, trang_thai, cap as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-c1ada6475bc80cb66fac', a.step, r.code, CASE a.step WHEN 3 THEN CAST(t.[ten_donvi] AS NVARCHAR(1000)) WHEN 4 THEN CAST(t.[ma_donvi_cha] AS NVARCHAR(1000)) WHEN 5 THEN CAST(t.[trang_thai] AS NVARCHAR(1000)) WHEN 6 THEN CAST(t.[cap] AS NVARCHAR(1000)) END
  FROM [cauhinh_donvi] t
  JOIN #mdd_tmp_rows r ON t.[ma_donvi] = r.code
   AND ((t.[ten_donvi] <> r.unit_name OR (t.[ten_donvi] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_donvi] IS NOT NULL AND r.unit_name IS NULL)) OR (t.[ma_donvi_cha] <> r.parent_code OR (t.[ma_donvi_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_donvi_cha] IS NOT NULL AND r.parent_code IS NULL)) OR (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)) OR (t.[cap] <> r.unit_level OR (t.[cap] IS NULL AND r.unit_level IS NOT NULL) OR (t.[cap] IS NOT NULL AND r.unit_level IS NULL)))
 CROSS JOIN (SELECT 3 AS step UNION ALL SELECT 4 AS step UNION ALL SELECT 5 AS step UNION ALL SELECT 6 AS step) a
 WHERE (a.step = 3 AND (t.[ten_donvi] <> r.unit_name OR (t.[ten_donvi] IS NULL AND r.unit_name IS NOT NULL) OR (t.[ten_donvi] IS NOT NULL AND r.unit_name IS NULL)))
    OR (a.step = 4 AND (t.[ma_donvi_cha] <> r.parent_code OR (t.[ma_donvi_cha] IS NULL AND r.parent_code IS NOT NULL) OR (t.[ma_donvi_cha] IS NOT NULL AND r.parent_code IS NULL)))
    OR (a.step = 5 AND (t.[trang_thai] <> r.unit_status OR (t.[trang_thai] IS NULL AND r.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND r.unit_status IS NULL)))
    OR (a.step = 6 AND (t.[cap] <> r.unit_level OR (t.[cap] IS NULL AND r.unit_level IS NOT NULL) OR (t.[cap] IS NOT NULL AND r.unit_level IS NULL)));
UPDATE t
   SET [ten_donvi] = s.unit_name,
       [ma_donvi_cha] = s.parent_code,
       [trang_thai] = s.unit_status,
       [cap] = s.unit_level
  FROM [cauhinh_donvi] AS t
  JOIN #mdd_tmp_rows AS s ON t.[ma_donvi] = s.code
 WHERE ((t.[ten_donvi] <> s.unit_name OR (t.[ten_donvi] IS NULL AND s.unit_name IS NOT NULL) OR (t.[ten_donvi] IS NOT NULL AND s.unit_name IS NULL)) OR (t.[ma_donvi_cha] <> s.parent_code OR (t.[ma_donvi_cha] IS NULL AND s.parent_code IS NOT NULL) OR (t.[ma_donvi_cha] IS NOT NULL AND s.parent_code IS NULL)) OR (t.[trang_thai] <> s.unit_status OR (t.[trang_thai] IS NULL AND s.unit_status IS NOT NULL) OR (t.[trang_thai] IS NOT NULL AND s.unit_status IS NULL)) OR (t.[cap] <> s.unit_level OR (t.[cap] IS NULL AND s.unit_level IS NOT NULL) OR (t.[cap] IS NOT NULL AND s.unit_level IS NULL)));

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT N'mdd-c1ada6475bc80cb66fac', 0, N'applied', N'golden'
 WHERE EXISTS (SELECT 1 FROM #mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM #mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM #mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-c1ada6475bc80cb66fac' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
