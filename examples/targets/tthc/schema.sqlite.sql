-- tthc: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, the vendor schema as it exists
-- BEFORE conversion (illustrative). SQLite variant of examples/targets/tthc/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.
-- SQLite checks the foreign key below only on a connection that ran PRAGMA foreign_keys = ON.

-- The agencies (the unit field): surrogate key, the code UNIQUE.
CREATE TABLE coquan (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ma_coquan      VARCHAR(50)  NOT NULL,
    ten_coquan     VARCHAR(500) NOT NULL,
    ma_coquan_cha  VARCHAR(50),
    trang_thai     VARCHAR(20)  NOT NULL DEFAULT 'active',
    dia_chi        VARCHAR(500),
    email          VARCHAR(255),
    so_dien_thoai  VARCHAR(50),
    ngay_tao       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_coquan_ma_coquan UNIQUE (ma_coquan)
);

-- Procedures, each referencing the agency that carries it out, WITHOUT ON UPDATE CASCADE.
-- Procedure codes end in a QCVN 102 code by custom; they are procedure codes, not unit codes.
CREATE TABLE thutuc (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    ma_thutuc            VARCHAR(100)  NOT NULL,
    ten_thutuc           VARCHAR(1000) NOT NULL,
    ma_coquan_thuchien   VARCHAR(50)   NOT NULL,
    linh_vuc             VARCHAR(255),
    muc_do               INTEGER       NOT NULL DEFAULT 2,
    thoi_han_giai_quyet  INTEGER,
    ngay_tao             DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_thutuc_ma_thutuc UNIQUE (ma_thutuc),
    CONSTRAINT ck_thutuc_muc_do CHECK (muc_do BETWEEN 1 AND 4),
    CONSTRAINT fk_thutuc_coquan FOREIGN KEY (ma_coquan_thuchien) REFERENCES coquan (ma_coquan)
);
CREATE INDEX ix_thutuc_coquan ON thutuc (ma_coquan_thuchien);
