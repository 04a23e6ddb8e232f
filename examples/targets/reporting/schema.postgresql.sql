-- reporting: Hệ thống thông tin báo cáo tỉnh, the vendor schema as it exists BEFORE conversion
-- (illustrative). PostgreSQL variant of examples/targets/reporting/ (the system's own dialect in
-- registry/systems.yaml).
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The unit-list configuration: level-2 and level-3 units only, keyed by their code. The code
-- columns are the narrowest of the five systems (40 characters).
CREATE TABLE cauhinh_donvi (
    ma_donvi          varchar(40)  NOT NULL,
    ten_donvi         varchar(300) NOT NULL,
    ma_donvi_cha      varchar(40),
    cap               smallint     NOT NULL,
    trang_thai        varchar(20)  NOT NULL DEFAULT 'active',
    nhom              varchar(30)  NOT NULL,
    bat_buoc_bao_cao  boolean      NOT NULL DEFAULT true,
    thu_tu            integer,
    ghi_chu           text,
    ngay_cap_nhat     timestamp(0) NOT NULL DEFAULT localtimestamp(0),
    CONSTRAINT pk_cauhinh_donvi PRIMARY KEY (ma_donvi),
    CONSTRAINT ck_cauhinh_donvi_cap CHECK (cap IN (2, 3))
);
CREATE INDEX ix_cauhinh_donvi_cha ON cauhinh_donvi (ma_donvi_cha);
