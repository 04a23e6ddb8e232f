-- tthc: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, the vendor schema as it exists
-- BEFORE conversion (illustrative). PostgreSQL variant of examples/targets/tthc/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The agencies (the unit field): surrogate key, the code UNIQUE.
CREATE TABLE coquan (
    id             serial,
    ma_coquan      varchar(50)  NOT NULL,
    ten_coquan     varchar(500) NOT NULL,
    ma_coquan_cha  varchar(50),
    trang_thai     varchar(20)  NOT NULL DEFAULT 'active',
    dia_chi        varchar(500),
    email          varchar(255),
    so_dien_thoai  varchar(50),
    ngay_tao       timestamp(0) NOT NULL DEFAULT localtimestamp(0),
    CONSTRAINT pk_coquan PRIMARY KEY (id),
    CONSTRAINT uq_coquan_ma_coquan UNIQUE (ma_coquan)
);

-- Procedures, each referencing the agency that carries it out, WITHOUT ON UPDATE CASCADE.
-- Procedure codes end in a QCVN 102 code by custom; they are procedure codes, not unit codes.
CREATE TABLE thutuc (
    id                   serial,
    ma_thutuc            varchar(100)  NOT NULL,
    ten_thutuc           varchar(1000) NOT NULL,
    ma_coquan_thuchien   varchar(50)   NOT NULL,
    linh_vuc             varchar(255),
    muc_do               smallint      NOT NULL DEFAULT 2,
    thoi_han_giai_quyet  smallint,
    ngay_tao             timestamp(0)  NOT NULL DEFAULT localtimestamp(0),
    CONSTRAINT pk_thutuc PRIMARY KEY (id),
    CONSTRAINT uq_thutuc_ma_thutuc UNIQUE (ma_thutuc),
    CONSTRAINT ck_thutuc_muc_do CHECK (muc_do BETWEEN 1 AND 4),
    CONSTRAINT fk_thutuc_coquan FOREIGN KEY (ma_coquan_thuchien) REFERENCES coquan (ma_coquan)
);
CREATE INDEX ix_thutuc_coquan ON thutuc (ma_coquan_thuchien);
