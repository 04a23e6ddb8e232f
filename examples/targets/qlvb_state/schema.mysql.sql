-- qlvb_state: Phần mềm Quản lý văn bản và điều hành (khối chính quyền), the vendor schema as it
-- exists BEFORE conversion (illustrative). MySQL/MariaDB variant of examples/targets/qlvb_state/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.
-- InnoDB (foreign keys), utf8mb4 (Vietnamese), created in the connection's current database.

-- The units of the state block (dm_donvi): surrogate key, the code as a UNIQUE attribute.
CREATE TABLE dm_donvi (
    id             INT          NOT NULL AUTO_INCREMENT,
    ma_dinh_danh   VARCHAR(50)  NOT NULL,
    ten_donvi      VARCHAR(255) NOT NULL,
    ten_viet_tat   VARCHAR(100) NULL,
    ma_donvi_cha   VARCHAR(50)  NULL,
    cap            TINYINT      NOT NULL,
    trang_thai     VARCHAR(20)  NOT NULL DEFAULT 'active',
    thu_tu         INT          NOT NULL DEFAULT 0,
    dia_chi        VARCHAR(500) NULL,
    email          VARCHAR(255) NULL,
    dien_thoai     VARCHAR(50)  NULL,
    ghi_chu        TEXT         NULL,
    ngay_tao       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ngay_cap_nhat  DATETIME     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_dm_donvi_ma_dinh_danh (ma_dinh_danh),
    KEY ix_dm_donvi_ma_donvi_cha (ma_donvi_cha)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The province-wide common dictionary: rows of several kinds (loai); only DONVI rows hold unit codes.
CREATE TABLE dm_dungchung (
    id        INT          NOT NULL AUTO_INCREMENT,
    loai      VARCHAR(30)  NOT NULL,
    ma        VARCHAR(50)  NOT NULL,
    ten       VARCHAR(500) NOT NULL,
    thu_tu    INT          NOT NULL DEFAULT 0,
    hieu_luc  TINYINT(1)   NOT NULL DEFAULT 1,
    PRIMARY KEY (id),
    UNIQUE KEY uq_dm_dungchung_loai_ma (loai, ma)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The send/receive server's unit catalog: the code is the primary key.
CREATE TABLE lt_donvi (
    ma_donvi         VARCHAR(50)  NOT NULL,
    ten_donvi        VARCHAR(255) NOT NULL,
    dia_chi_ket_noi  VARCHAR(255) NOT NULL,
    kich_hoat        TINYINT(1)   NOT NULL DEFAULT 1,
    ngay_dang_ky     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (ma_donvi)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Routes between catalog units: both ends reference lt_donvi, WITHOUT ON UPDATE CASCADE
-- (InnoDB's default RESTRICT: an UPDATE of a referenced ma_donvi fails).
CREATE TABLE lt_tuyen (
    id             INT          NOT NULL AUTO_INCREMENT,
    ma_donvi_gui   VARCHAR(50)  NOT NULL,
    ma_donvi_nhan  VARCHAR(50)  NOT NULL,
    kenh           VARCHAR(20)  NOT NULL DEFAULT 'EDXML',
    uu_tien        TINYINT      NOT NULL DEFAULT 1,
    kich_hoat      TINYINT(1)   NOT NULL DEFAULT 1,
    ngay_tao       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    KEY ix_lt_tuyen_gui (ma_donvi_gui),
    KEY ix_lt_tuyen_nhan (ma_donvi_nhan),
    CONSTRAINT fk_lt_tuyen_gui FOREIGN KEY (ma_donvi_gui) REFERENCES lt_donvi (ma_donvi),
    CONSTRAINT fk_lt_tuyen_nhan FOREIGN KEY (ma_donvi_nhan) REFERENCES lt_donvi (ma_donvi)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The exchange log of sent and received messages (history: never rewritten).
CREATE TABLE lt_nhatky (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    ma_thong_diep  VARCHAR(255)  NOT NULL,
    ma_noi_gui     VARCHAR(50)   NOT NULL,
    ma_noi_nhan    VARCHAR(50)   NOT NULL,
    thoi_gian      DATETIME      NOT NULL,
    trang_thai     VARCHAR(20)   NOT NULL,
    chieu          VARCHAR(10)   NOT NULL,
    so_ky_hieu     VARCHAR(100)  NULL,
    trich_yeu      VARCHAR(1000) NULL,
    loi            TEXT          NULL,
    PRIMARY KEY (id),
    KEY ix_lt_nhatky_thoi_gian (thoi_gian),
    KEY ix_lt_nhatky_noi_nhan (ma_noi_nhan)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
