-- qlvb_state: Phần mềm Quản lý văn bản và điều hành (khối chính quyền), the vendor schema as it
-- exists BEFORE conversion (illustrative). SQL Server variant of examples/targets/qlvb_state/
-- (the system's own dialect in registry/systems.yaml).
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.
-- Codes are NVARCHAR(50), as in the one legacy schema DOMAIN.md cites; text is NVARCHAR.

-- The units of the state block (dm_donvi): surrogate key, the code as a UNIQUE attribute.
CREATE TABLE dm_donvi (
    id             INT IDENTITY(1,1) NOT NULL,
    ma_dinh_danh   NVARCHAR(50)  NOT NULL,
    ten_donvi      NVARCHAR(255) NOT NULL,
    ten_viet_tat   NVARCHAR(100) NULL,
    ma_donvi_cha   NVARCHAR(50)  NULL,
    cap            TINYINT       NOT NULL,
    trang_thai     NVARCHAR(20)  NOT NULL CONSTRAINT df_dm_donvi_trang_thai DEFAULT N'active',
    thu_tu         INT           NOT NULL CONSTRAINT df_dm_donvi_thu_tu DEFAULT 0,
    dia_chi        NVARCHAR(500) NULL,
    email          NVARCHAR(255) NULL,
    dien_thoai     NVARCHAR(50)  NULL,
    ghi_chu        NVARCHAR(MAX) NULL,
    ngay_tao       DATETIME2(0)  NOT NULL CONSTRAINT df_dm_donvi_ngay_tao DEFAULT SYSDATETIME(),
    ngay_cap_nhat  DATETIME2(0)  NULL,
    CONSTRAINT pk_dm_donvi PRIMARY KEY CLUSTERED (id),
    CONSTRAINT uq_dm_donvi_ma_dinh_danh UNIQUE NONCLUSTERED (ma_dinh_danh)
);
CREATE NONCLUSTERED INDEX ix_dm_donvi_ma_donvi_cha ON dm_donvi (ma_donvi_cha);

-- The province-wide common dictionary: rows of several kinds (loai); only DONVI rows hold unit codes.
CREATE TABLE dm_dungchung (
    id        INT IDENTITY(1,1) NOT NULL,
    loai      NVARCHAR(30)  NOT NULL,
    ma        NVARCHAR(50)  NOT NULL,
    ten       NVARCHAR(500) NOT NULL,
    thu_tu    INT           NOT NULL CONSTRAINT df_dm_dungchung_thu_tu DEFAULT 0,
    hieu_luc  BIT           NOT NULL CONSTRAINT df_dm_dungchung_hieu_luc DEFAULT 1,
    CONSTRAINT pk_dm_dungchung PRIMARY KEY CLUSTERED (id),
    CONSTRAINT uq_dm_dungchung_loai_ma UNIQUE NONCLUSTERED (loai, ma)
);

-- The send/receive server's unit catalog: the code is the primary key.
CREATE TABLE lt_donvi (
    ma_donvi         NVARCHAR(50)  NOT NULL,
    ten_donvi        NVARCHAR(255) NOT NULL,
    dia_chi_ket_noi  NVARCHAR(255) NOT NULL,
    kich_hoat        BIT           NOT NULL CONSTRAINT df_lt_donvi_kich_hoat DEFAULT 1,
    ngay_dang_ky     DATETIME2(0)  NOT NULL CONSTRAINT df_lt_donvi_ngay_dang_ky DEFAULT SYSDATETIME(),
    CONSTRAINT pk_lt_donvi PRIMARY KEY CLUSTERED (ma_donvi)
);

-- Routes between catalog units: both ends reference lt_donvi, WITHOUT ON UPDATE CASCADE
-- (NO ACTION: an UPDATE of a referenced ma_donvi fails).
CREATE TABLE lt_tuyen (
    id             INT IDENTITY(1,1) NOT NULL,
    ma_donvi_gui   NVARCHAR(50)  NOT NULL,
    ma_donvi_nhan  NVARCHAR(50)  NOT NULL,
    kenh           NVARCHAR(20)  NOT NULL CONSTRAINT df_lt_tuyen_kenh DEFAULT N'EDXML',
    uu_tien        TINYINT       NOT NULL CONSTRAINT df_lt_tuyen_uu_tien DEFAULT 1,
    kich_hoat      BIT           NOT NULL CONSTRAINT df_lt_tuyen_kich_hoat DEFAULT 1,
    ngay_tao       DATETIME2(0)  NOT NULL CONSTRAINT df_lt_tuyen_ngay_tao DEFAULT SYSDATETIME(),
    CONSTRAINT pk_lt_tuyen PRIMARY KEY CLUSTERED (id),
    CONSTRAINT fk_lt_tuyen_gui FOREIGN KEY (ma_donvi_gui) REFERENCES lt_donvi (ma_donvi),
    CONSTRAINT fk_lt_tuyen_nhan FOREIGN KEY (ma_donvi_nhan) REFERENCES lt_donvi (ma_donvi)
);
CREATE NONCLUSTERED INDEX ix_lt_tuyen_gui ON lt_tuyen (ma_donvi_gui);
CREATE NONCLUSTERED INDEX ix_lt_tuyen_nhan ON lt_tuyen (ma_donvi_nhan);

-- The exchange log of sent and received messages (history: never rewritten).
CREATE TABLE lt_nhatky (
    id             BIGINT IDENTITY(1,1) NOT NULL,
    ma_thong_diep  NVARCHAR(255)  NOT NULL,
    ma_noi_gui     NVARCHAR(50)   NOT NULL,
    ma_noi_nhan    NVARCHAR(50)   NOT NULL,
    thoi_gian      DATETIME2(0)   NOT NULL,
    trang_thai     NVARCHAR(20)   NOT NULL,
    chieu          NVARCHAR(10)   NOT NULL,
    so_ky_hieu     NVARCHAR(100)  NULL,
    trich_yeu      NVARCHAR(1000) NULL,
    loi            NVARCHAR(MAX)  NULL,
    CONSTRAINT pk_lt_nhatky PRIMARY KEY CLUSTERED (id)
);
CREATE NONCLUSTERED INDEX ix_lt_nhatky_thoi_gian ON lt_nhatky (thoi_gian);
CREATE NONCLUSTERED INDEX ix_lt_nhatky_noi_nhan ON lt_nhatky (ma_noi_nhan);
