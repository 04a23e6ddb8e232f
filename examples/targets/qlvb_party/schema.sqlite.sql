-- qlvb_party: Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể), the vendor schema as it
-- exists BEFORE conversion (illustrative). SQLite variant of examples/targets/qlvb_party/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The shared dictionary of agencies (both blocks): the code is the primary key.
CREATE TABLE dm_coquan (
    ma_coquan   VARCHAR(50)  NOT NULL PRIMARY KEY,
    ten_coquan  VARCHAR(500) NOT NULL,
    khoi        VARCHAR(20)  NOT NULL,
    thu_tu      INTEGER,
    su_dung     BOOLEAN      NOT NULL DEFAULT 1,
    ngay_tao    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Each unit's own list of outside agencies: owner code + agency code + the owner's copy of the
-- name. No foreign key (the lists predate the shared dictionary); one row per owner and agency.
CREATE TABLE ds_coquan_ngoai (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    ma_donvi_so_huu  VARCHAR(50)   NOT NULL,
    ma_coquan        VARCHAR(50)   NOT NULL,
    ten_coquan       VARCHAR(500)  NOT NULL,
    thu_tu           INTEGER,
    ghi_chu          VARCHAR(1000),
    ngay_tao         DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_ds_coquan_ngoai UNIQUE (ma_donvi_so_huu, ma_coquan)
);
CREATE INDEX ix_ds_coquan_ngoai_ma_coquan ON ds_coquan_ngoai (ma_coquan);
