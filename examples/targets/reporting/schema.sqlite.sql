-- reporting: Hệ thống thông tin báo cáo tỉnh, the vendor schema as it exists BEFORE conversion
-- (illustrative). SQLite variant of examples/targets/reporting/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The unit-list configuration: level-2 and level-3 units only, keyed by their code. The code
-- columns are the narrowest of the five systems (40 characters).
CREATE TABLE cauhinh_donvi (
    ma_donvi          VARCHAR(40)  NOT NULL,
    ten_donvi         VARCHAR(300) NOT NULL,
    ma_donvi_cha      VARCHAR(40),
    cap               INTEGER      NOT NULL,
    trang_thai        VARCHAR(20)  NOT NULL DEFAULT 'active',
    nhom              VARCHAR(30)  NOT NULL,
    bat_buoc_bao_cao  BOOLEAN      NOT NULL DEFAULT 1,
    thu_tu            INTEGER,
    ghi_chu           TEXT,
    ngay_cap_nhat     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_cauhinh_donvi PRIMARY KEY (ma_donvi),
    CONSTRAINT ck_cauhinh_donvi_cap CHECK (cap IN (2, 3))
);
CREATE INDEX ix_cauhinh_donvi_cha ON cauhinh_donvi (ma_donvi_cha);
