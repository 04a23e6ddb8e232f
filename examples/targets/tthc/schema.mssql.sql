-- tthc: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, the vendor schema as it exists
-- BEFORE conversion (illustrative). SQL Server variant of examples/targets/tthc/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The agencies (the unit field): surrogate key, the code UNIQUE.
CREATE TABLE coquan (
    id             INT IDENTITY(1,1) NOT NULL,
    ma_coquan      NVARCHAR(50)   NOT NULL,
    ten_coquan     NVARCHAR(500)  NOT NULL,
    ma_coquan_cha  NVARCHAR(50)   NULL,
    trang_thai     NVARCHAR(20)   NOT NULL CONSTRAINT df_coquan_trang_thai DEFAULT N'active',
    dia_chi        NVARCHAR(500)  NULL,
    email          NVARCHAR(255)  NULL,
    so_dien_thoai  NVARCHAR(50)   NULL,
    ngay_tao       DATETIME       NOT NULL CONSTRAINT df_coquan_ngay_tao DEFAULT GETDATE(),
    CONSTRAINT pk_coquan PRIMARY KEY CLUSTERED (id),
    CONSTRAINT uq_coquan_ma_coquan UNIQUE NONCLUSTERED (ma_coquan)
);

-- Procedures, each referencing the agency that carries it out, WITHOUT ON UPDATE CASCADE.
-- Procedure codes end in a QCVN 102 code by custom; they are procedure codes, not unit codes.
CREATE TABLE thutuc (
    id                   INT IDENTITY(1,1) NOT NULL,
    ma_thutuc            NVARCHAR(100)  NOT NULL,
    ten_thutuc           NVARCHAR(1000) NOT NULL,
    ma_coquan_thuchien   NVARCHAR(50)   NOT NULL,
    linh_vuc             NVARCHAR(255)  NULL,
    muc_do               TINYINT        NOT NULL CONSTRAINT df_thutuc_muc_do DEFAULT 2,
    thoi_han_giai_quyet  SMALLINT       NULL,
    ngay_tao             DATETIME       NOT NULL CONSTRAINT df_thutuc_ngay_tao DEFAULT GETDATE(),
    CONSTRAINT pk_thutuc PRIMARY KEY CLUSTERED (id),
    CONSTRAINT uq_thutuc_ma_thutuc UNIQUE NONCLUSTERED (ma_thutuc),
    CONSTRAINT ck_thutuc_muc_do CHECK (muc_do BETWEEN 1 AND 4),
    CONSTRAINT fk_thutuc_coquan FOREIGN KEY (ma_coquan_thuchien) REFERENCES coquan (ma_coquan)
);
CREATE NONCLUSTERED INDEX ix_thutuc_coquan ON thutuc (ma_coquan_thuchien);
