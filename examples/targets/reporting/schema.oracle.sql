-- reporting: Hệ thống thông tin báo cáo tỉnh, the vendor schema as it exists BEFORE conversion
-- (illustrative). Oracle (12c+) variant of examples/targets/reporting/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The unit-list configuration: level-2 and level-3 units only, keyed by their code. The code
-- columns are the narrowest of the five systems (40 characters).
CREATE TABLE cauhinh_donvi (
    ma_donvi          VARCHAR2(40 CHAR)  NOT NULL,
    ten_donvi         NVARCHAR2(300)     NOT NULL,
    ma_donvi_cha      VARCHAR2(40 CHAR),
    cap               NUMBER(1)          NOT NULL,
    trang_thai        VARCHAR2(20 CHAR)  DEFAULT 'active' NOT NULL,
    nhom              VARCHAR2(30 CHAR)  NOT NULL,
    bat_buoc_bao_cao  NUMBER(1)          DEFAULT 1 NOT NULL,
    thu_tu            NUMBER(10),
    ghi_chu           NCLOB,
    ngay_cap_nhat     TIMESTAMP(0)       DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT pk_cauhinh_donvi PRIMARY KEY (ma_donvi),
    CONSTRAINT ck_cauhinh_donvi_cap CHECK (cap IN (2, 3))
);
CREATE INDEX ix_cauhinh_donvi_cha ON cauhinh_donvi (ma_donvi_cha);
