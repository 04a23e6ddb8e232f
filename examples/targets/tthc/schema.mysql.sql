-- tthc: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, the vendor schema as it exists
-- BEFORE conversion (illustrative). MySQL/MariaDB variant of examples/targets/tthc/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The agencies (the unit field): surrogate key, the code UNIQUE.
CREATE TABLE coquan (
    id             INT          NOT NULL AUTO_INCREMENT,
    ma_coquan      VARCHAR(50)  NOT NULL,
    ten_coquan     VARCHAR(500) NOT NULL,
    ma_coquan_cha  VARCHAR(50)  NULL,
    trang_thai     VARCHAR(20)  NOT NULL DEFAULT 'active',
    dia_chi        VARCHAR(500) NULL,
    email          VARCHAR(255) NULL,
    so_dien_thoai  VARCHAR(50)  NULL,
    ngay_tao       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_coquan_ma_coquan (ma_coquan)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Procedures, each referencing the agency that carries it out, WITHOUT ON UPDATE CASCADE.
-- Procedure codes end in a QCVN 102 code by custom; they are procedure codes, not unit codes.
CREATE TABLE thutuc (
    id                   INT           NOT NULL AUTO_INCREMENT,
    ma_thutuc            VARCHAR(100)  NOT NULL,
    ten_thutuc           VARCHAR(1000) NOT NULL,
    ma_coquan_thuchien   VARCHAR(50)   NOT NULL,
    linh_vuc             VARCHAR(255)  NULL,
    muc_do               TINYINT       NOT NULL DEFAULT 2,
    thoi_han_giai_quyet  SMALLINT      NULL,
    ngay_tao             DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_thutuc_ma_thutuc (ma_thutuc),
    KEY ix_thutuc_coquan (ma_coquan_thuchien),
    CONSTRAINT ck_thutuc_muc_do CHECK (muc_do BETWEEN 1 AND 4),
    CONSTRAINT fk_thutuc_coquan FOREIGN KEY (ma_coquan_thuchien) REFERENCES coquan (ma_coquan)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
