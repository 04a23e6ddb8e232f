-- qlvb_state: Phần mềm Quản lý văn bản và điều hành (khối chính quyền), the vendor schema as it
-- exists BEFORE conversion (illustrative). SQLite variant of examples/targets/qlvb_state/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.
-- SQLite checks the foreign keys below only on a connection that ran PRAGMA foreign_keys = ON.

-- The units of the state block (dm_donvi): surrogate key, the code as a UNIQUE attribute.
CREATE TABLE dm_donvi (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ma_dinh_danh   VARCHAR(50)  NOT NULL,
    ten_donvi      VARCHAR(255) NOT NULL,
    ten_viet_tat   VARCHAR(100),
    ma_donvi_cha   VARCHAR(50),
    cap            INTEGER      NOT NULL,
    trang_thai     VARCHAR(20)  NOT NULL DEFAULT 'active',
    thu_tu         INTEGER      NOT NULL DEFAULT 0,
    dia_chi        VARCHAR(500),
    email          VARCHAR(255),
    dien_thoai     VARCHAR(50),
    ghi_chu        TEXT,
    ngay_tao       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ngay_cap_nhat  DATETIME,
    CONSTRAINT uq_dm_donvi_ma_dinh_danh UNIQUE (ma_dinh_danh)
);
CREATE INDEX ix_dm_donvi_ma_donvi_cha ON dm_donvi (ma_donvi_cha);

-- The province-wide common dictionary: rows of several kinds (loai); only DONVI rows hold unit codes.
CREATE TABLE dm_dungchung (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    loai      VARCHAR(30)  NOT NULL,
    ma        VARCHAR(50)  NOT NULL,
    ten       VARCHAR(500) NOT NULL,
    thu_tu    INTEGER      NOT NULL DEFAULT 0,
    hieu_luc  BOOLEAN      NOT NULL DEFAULT 1,
    CONSTRAINT uq_dm_dungchung_loai_ma UNIQUE (loai, ma)
);

-- The send/receive server's unit catalog: the code is the primary key.
CREATE TABLE lt_donvi (
    ma_donvi         VARCHAR(50)  NOT NULL,
    ten_donvi        VARCHAR(255) NOT NULL,
    dia_chi_ket_noi  VARCHAR(255) NOT NULL,
    kich_hoat        BOOLEAN      NOT NULL DEFAULT 1,
    ngay_dang_ky     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_lt_donvi PRIMARY KEY (ma_donvi)
);

-- Routes between catalog units: both ends reference lt_donvi, WITHOUT ON UPDATE CASCADE.
CREATE TABLE lt_tuyen (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ma_donvi_gui   VARCHAR(50) NOT NULL,
    ma_donvi_nhan  VARCHAR(50) NOT NULL,
    kenh           VARCHAR(20) NOT NULL DEFAULT 'EDXML',
    uu_tien        INTEGER     NOT NULL DEFAULT 1,
    kich_hoat      BOOLEAN     NOT NULL DEFAULT 1,
    ngay_tao       DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_lt_tuyen_gui FOREIGN KEY (ma_donvi_gui) REFERENCES lt_donvi (ma_donvi),
    CONSTRAINT fk_lt_tuyen_nhan FOREIGN KEY (ma_donvi_nhan) REFERENCES lt_donvi (ma_donvi)
);
CREATE INDEX ix_lt_tuyen_gui ON lt_tuyen (ma_donvi_gui);
CREATE INDEX ix_lt_tuyen_nhan ON lt_tuyen (ma_donvi_nhan);

-- The exchange log of sent and received messages (history: never rewritten).
CREATE TABLE lt_nhatky (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ma_thong_diep  VARCHAR(255) NOT NULL,
    ma_noi_gui     VARCHAR(50)  NOT NULL,
    ma_noi_nhan    VARCHAR(50)  NOT NULL,
    thoi_gian      DATETIME     NOT NULL,
    trang_thai     VARCHAR(20)  NOT NULL,
    chieu          VARCHAR(10)  NOT NULL,
    so_ky_hieu     VARCHAR(100),
    trich_yeu      VARCHAR(1000),
    loi            TEXT
);
CREATE INDEX ix_lt_nhatky_thoi_gian ON lt_nhatky (thoi_gian);
CREATE INDEX ix_lt_nhatky_noi_nhan ON lt_nhatky (ma_noi_nhan);
