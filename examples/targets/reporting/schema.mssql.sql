-- reporting: Hệ thống thông tin báo cáo tỉnh, the vendor schema as it exists BEFORE conversion
-- (illustrative). SQL Server variant of examples/targets/reporting/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The unit-list configuration: level-2 and level-3 units only, keyed by their code. The code
-- columns are the narrowest of the five systems (40 characters).
CREATE TABLE cauhinh_donvi (
    ma_donvi          NVARCHAR(40)  NOT NULL,
    ten_donvi         NVARCHAR(300) NOT NULL,
    ma_donvi_cha      NVARCHAR(40)  NULL,
    cap               TINYINT       NOT NULL,
    trang_thai        NVARCHAR(20)  NOT NULL CONSTRAINT df_cauhinh_donvi_trang_thai DEFAULT N'active',
    nhom              NVARCHAR(30)  NOT NULL,
    bat_buoc_bao_cao  BIT           NOT NULL CONSTRAINT df_cauhinh_donvi_bat_buoc DEFAULT 1,
    thu_tu            INT           NULL,
    ghi_chu           NVARCHAR(MAX) NULL,
    ngay_cap_nhat     DATETIME2(0)  NOT NULL CONSTRAINT df_cauhinh_donvi_ngay DEFAULT SYSDATETIME(),
    CONSTRAINT pk_cauhinh_donvi PRIMARY KEY CLUSTERED (ma_donvi),
    CONSTRAINT ck_cauhinh_donvi_cap CHECK (cap IN (2, 3))
);
CREATE NONCLUSTERED INDEX ix_cauhinh_donvi_cha ON cauhinh_donvi (ma_donvi_cha);
