-- madinhdanh up.sql for system portal (Cổng Thông tin điện tử tỉnh Bắc Giang), dialect mssql (declared: mysql)
-- release golden; source commit fixed head commit (golden files); base fixed base (golden files)
-- registry sha256 cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc; bundle mdd-58a943c25614e93a61b8; template set portal
-- changes: 13 recodes, 14 adds, 14 updates, 1 closes, 1 repoints (13 old identifiers)
-- Carries the registry's codes into the system, set-based; convergent: run again, it changes nothing.
-- SQL Server 2016+. sqlcmd: read this file as UTF-8 (-f 65001).
-- Rendered by mdd render; do not edit: manifest.json pins this file's sha256.
SET XACT_ABORT ON;

-- What up.sql changes is recorded here (once: a second run records nothing); down.sql reads it.
-- (No key: a heap, written once per bundle, is the cheapest record; down.sql reads it by bundle and step.)
IF OBJECT_ID(N'mdd_undo', N'U') IS NULL CREATE TABLE mdd_undo (bundle NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, step INT NOT NULL, row_key NVARCHAR(100) COLLATE DATABASE_DEFAULT NOT NULL, ph NVARCHAR(100) COLLATE DATABASE_DEFAULT, old_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT, new_value NVARCHAR(1000) COLLATE DATABASE_DEFAULT);

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
DELETE FROM #mdd_tmp_map WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 0);
DELETE FROM #mdd_tmp_repoint WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 0);
DELETE FROM #mdd_tmp_rows WHERE EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 0);

-- step 1: portal_units.unit_code is unique; no old code of this bundle is a new code, so one pass: old code -> new code
-- (the same UPDATE writes the recoded units' attributes, one new row version instead of one per column)
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-58a943c25614e93a61b8', a.step,
       CASE WHEN a.step = 1 THEN CAST(t.[id] AS NVARCHAR(1000)) ELSE r.code END,
       CASE WHEN a.step = 1 THEN m.ph END,
       CASE a.step WHEN 1 THEN m.old_code WHEN 4 THEN CAST(t.[unit_name] AS NVARCHAR(1000)) WHEN 5 THEN CAST(t.[parent_code] AS NVARCHAR(1000)) WHEN 6 THEN CAST(t.[status] AS NVARCHAR(1000)) WHEN 7 THEN CAST(t.[level] AS NVARCHAR(1000)) END,
       CASE WHEN a.step = 1 THEN m.new_code END
  FROM [portal_units] t
  JOIN #mdd_tmp_map m ON t.[unit_code] = m.old_code
  LEFT JOIN #mdd_tmp_rows r ON r.code = m.new_code
 CROSS JOIN (SELECT 1 AS step UNION ALL SELECT 4 AS step UNION ALL SELECT 5 AS step UNION ALL SELECT 6 AS step UNION ALL SELECT 7 AS step) a
 WHERE a.step = 1
    OR (a.step = 4 AND r.code IS NOT NULL AND (t.[unit_name] <> r.unit_name OR (t.[unit_name] IS NULL AND r.unit_name IS NOT NULL) OR (t.[unit_name] IS NOT NULL AND r.unit_name IS NULL)))
    OR (a.step = 5 AND r.code IS NOT NULL AND (t.[parent_code] <> r.parent_code OR (t.[parent_code] IS NULL AND r.parent_code IS NOT NULL) OR (t.[parent_code] IS NOT NULL AND r.parent_code IS NULL)))
    OR (a.step = 6 AND r.code IS NOT NULL AND (t.[status] <> r.unit_status OR (t.[status] IS NULL AND r.unit_status IS NOT NULL) OR (t.[status] IS NOT NULL AND r.unit_status IS NULL)))
    OR (a.step = 7 AND r.code IS NOT NULL AND (t.[level] <> r.unit_level OR (t.[level] IS NULL AND r.unit_level IS NOT NULL) OR (t.[level] IS NOT NULL AND r.unit_level IS NULL)));
UPDATE t
   SET [unit_code] = m.new_code,
       [unit_name] = CASE WHEN r.code IS NULL THEN t.[unit_name] ELSE r.unit_name END,
       [parent_code] = CASE WHEN r.code IS NULL THEN t.[parent_code] ELSE r.parent_code END,
       [status] = CASE WHEN r.code IS NULL THEN t.[status] ELSE r.unit_status END,
       [level] = CASE WHEN r.code IS NULL THEN t.[level] ELSE CAST(r.unit_level AS INT) END
  FROM [portal_units] AS t
  JOIN #mdd_tmp_map AS m ON t.[unit_code] = m.old_code
  LEFT JOIN #mdd_tmp_rows AS r ON r.code = m.new_code;

-- step 2: portal_categories.unit_code: old code -> new code
INSERT INTO mdd_undo (bundle, step, row_key, ph, old_value, new_value)
SELECT N'mdd-58a943c25614e93a61b8', 2, CAST(t.[id] AS NVARCHAR(1000)), m.ph, m.old_code, m.new_code
  FROM [portal_categories] t
  JOIN #mdd_tmp_map m ON t.[unit_code] = m.old_code;
UPDATE t
   SET [unit_code] = s.new_code
  FROM [portal_categories] AS t
  JOIN #mdd_tmp_map AS s ON t.[unit_code] = s.old_code;

-- step 3: units missing from portal_units are inserted
INSERT INTO mdd_undo (bundle, step, row_key)
SELECT N'mdd-58a943c25614e93a61b8', 3, r.code
  FROM #mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.[unit_code] FROM [portal_units] t WHERE t.[unit_code] IS NOT NULL);
INSERT INTO [portal_units] ([unit_code], [unit_name], [parent_code], [status], [level], [slug])
SELECT r.code, r.unit_name, r.parent_code, r.unit_status, r.unit_level, r.unit_id
  FROM #mdd_tmp_rows r
 WHERE r.is_add = 1
   AND r.code NOT IN (SELECT t.[unit_code] FROM [portal_units] t WHERE t.[unit_code] IS NOT NULL);

-- steps 4, 5, 6, 7: portal_units.unit_name, parent_code, status, level as the registry says
INSERT INTO mdd_undo (bundle, step, row_key, old_value)
SELECT N'mdd-58a943c25614e93a61b8', a.step, r.code, CASE a.step WHEN 4 THEN CAST(t.[unit_name] AS NVARCHAR(1000)) WHEN 5 THEN CAST(t.[parent_code] AS NVARCHAR(1000)) WHEN 6 THEN CAST(t.[status] AS NVARCHAR(1000)) WHEN 7 THEN CAST(t.[level] AS NVARCHAR(1000)) END
  FROM [portal_units] t
  JOIN #mdd_tmp_rows r ON t.[unit_code] = r.code
   AND ((t.[unit_name] <> r.unit_name OR (t.[unit_name] IS NULL AND r.unit_name IS NOT NULL) OR (t.[unit_name] IS NOT NULL AND r.unit_name IS NULL)) OR (t.[parent_code] <> r.parent_code OR (t.[parent_code] IS NULL AND r.parent_code IS NOT NULL) OR (t.[parent_code] IS NOT NULL AND r.parent_code IS NULL)) OR (t.[status] <> r.unit_status OR (t.[status] IS NULL AND r.unit_status IS NOT NULL) OR (t.[status] IS NOT NULL AND r.unit_status IS NULL)) OR (t.[level] <> r.unit_level OR (t.[level] IS NULL AND r.unit_level IS NOT NULL) OR (t.[level] IS NOT NULL AND r.unit_level IS NULL)))
 CROSS JOIN (SELECT 4 AS step UNION ALL SELECT 5 AS step UNION ALL SELECT 6 AS step UNION ALL SELECT 7 AS step) a
 WHERE (a.step = 4 AND (t.[unit_name] <> r.unit_name OR (t.[unit_name] IS NULL AND r.unit_name IS NOT NULL) OR (t.[unit_name] IS NOT NULL AND r.unit_name IS NULL)))
    OR (a.step = 5 AND (t.[parent_code] <> r.parent_code OR (t.[parent_code] IS NULL AND r.parent_code IS NOT NULL) OR (t.[parent_code] IS NOT NULL AND r.parent_code IS NULL)))
    OR (a.step = 6 AND (t.[status] <> r.unit_status OR (t.[status] IS NULL AND r.unit_status IS NOT NULL) OR (t.[status] IS NOT NULL AND r.unit_status IS NULL)))
    OR (a.step = 7 AND (t.[level] <> r.unit_level OR (t.[level] IS NULL AND r.unit_level IS NOT NULL) OR (t.[level] IS NOT NULL AND r.unit_level IS NULL)));
UPDATE t
   SET [unit_name] = s.unit_name,
       [parent_code] = s.parent_code,
       [status] = s.unit_status,
       [level] = s.unit_level
  FROM [portal_units] AS t
  JOIN #mdd_tmp_rows AS s ON t.[unit_code] = s.code
 WHERE ((t.[unit_name] <> s.unit_name OR (t.[unit_name] IS NULL AND s.unit_name IS NOT NULL) OR (t.[unit_name] IS NOT NULL AND s.unit_name IS NULL)) OR (t.[parent_code] <> s.parent_code OR (t.[parent_code] IS NULL AND s.parent_code IS NOT NULL) OR (t.[parent_code] IS NOT NULL AND s.parent_code IS NULL)) OR (t.[status] <> s.unit_status OR (t.[status] IS NULL AND s.unit_status IS NOT NULL) OR (t.[status] IS NOT NULL AND s.unit_status IS NULL)) OR (t.[level] <> s.unit_level OR (t.[level] IS NULL AND s.unit_level IS NOT NULL) OR (t.[level] IS NOT NULL AND s.unit_level IS NULL)));

-- step 8: portal_categories.unit_code (on_close: repoint): references of closed units -> their successor
INSERT INTO mdd_undo (bundle, step, row_key, old_value, new_value)
SELECT N'mdd-58a943c25614e93a61b8', 8, CAST(t.[id] AS NVARCHAR(1000)), m.old_code, m.new_code
  FROM [portal_categories] t
  JOIN #mdd_tmp_repoint m ON t.[unit_code] = m.old_code;
UPDATE t
   SET [unit_code] = s.new_code
  FROM [portal_categories] AS t
  JOIN #mdd_tmp_repoint AS s ON t.[unit_code] = s.old_code;

-- This bundle's mark, unless it is there already. (A temporary table that still holds rows says
-- it was not: the statements at the top emptied them if it was. Only when all three are empty is
-- mdd_undo, which by now holds every record of this run, searched for it.)
INSERT INTO mdd_undo (bundle, step, row_key, new_value)
SELECT N'mdd-58a943c25614e93a61b8', 0, N'applied', N'golden'
 WHERE EXISTS (SELECT 1 FROM #mdd_tmp_map)
    OR EXISTS (SELECT 1 FROM #mdd_tmp_repoint)
    OR EXISTS (SELECT 1 FROM #mdd_tmp_rows)
    OR NOT EXISTS (SELECT 1 FROM mdd_undo WHERE bundle = N'mdd-58a943c25614e93a61b8' AND step = 0);
-- The temporary tables stay until the session ends: check.sql (the postconditions) reads them.
