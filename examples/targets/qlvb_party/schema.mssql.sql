-- qlvb_party: Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể), the vendor schema as it
-- exists BEFORE conversion (illustrative). SQL Server variant of examples/targets/qlvb_party/
-- (the system's own dialect in registry/systems.yaml): an older product, codes in VARCHAR.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The shared dictionary of agencies (both blocks): the code is the primary key.
CREATE TABLE dm_coquan (
    ma_coquan   VARCHAR(50)   NOT NULL,
    ten_coquan  NVARCHAR(500) NOT NULL,
    khoi        VARCHAR(20)   NOT NULL,
    thu_tu      INT           NULL,
    su_dung     BIT           NOT NULL DEFAULT 1,
    ngay_tao    DATETIME      NOT NULL DEFAULT GETDATE(),
    CONSTRAINT pk_dm_coquan PRIMARY KEY (ma_coquan)
);

-- Each unit's own list of outside agencies: owner code + agency code + the owner's copy of the
-- name. No foreign key (the lists predate the shared dictionary); one row per owner and agency.
CREATE TABLE ds_coquan_ngoai (
    id               INT IDENTITY(1,1) NOT NULL,
    ma_donvi_so_huu  VARCHAR(50)    NOT NULL,
    ma_coquan        VARCHAR(50)    NOT NULL,
    ten_coquan       NVARCHAR(500)  NOT NULL,
    thu_tu           INT            NULL,
    ghi_chu          NVARCHAR(1000) NULL,
    ngay_tao         DATETIME       NOT NULL DEFAULT GETDATE(),
    CONSTRAINT pk_ds_coquan_ngoai PRIMARY KEY (id),
    CONSTRAINT uq_ds_coquan_ngoai UNIQUE (ma_donvi_so_huu, ma_coquan)
);
CREATE INDEX ix_ds_coquan_ngoai_ma_coquan ON ds_coquan_ngoai (ma_coquan);
