-- qlvb_party: Phần mềm Quản lý văn bản và điều hành (khối Đảng, đoàn thể), the vendor schema as it
-- exists BEFORE conversion (illustrative). PostgreSQL variant of examples/targets/qlvb_party/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The shared dictionary of agencies (both blocks): the code is the primary key.
CREATE TABLE dm_coquan (
    ma_coquan   varchar(50)  NOT NULL,
    ten_coquan  varchar(500) NOT NULL,
    khoi        varchar(20)  NOT NULL,
    thu_tu      integer,
    su_dung     boolean      NOT NULL DEFAULT true,
    ngay_tao    timestamp(0) NOT NULL DEFAULT localtimestamp(0),
    CONSTRAINT pk_dm_coquan PRIMARY KEY (ma_coquan)
);

-- Each unit's own list of outside agencies: owner code + agency code + the owner's copy of the
-- name. No foreign key (the lists predate the shared dictionary); one row per owner and agency.
CREATE TABLE ds_coquan_ngoai (
    id               serial,
    ma_donvi_so_huu  varchar(50)   NOT NULL,
    ma_coquan        varchar(50)   NOT NULL,
    ten_coquan       varchar(500)  NOT NULL,
    thu_tu           integer,
    ghi_chu          varchar(1000),
    ngay_tao         timestamp(0)  NOT NULL DEFAULT localtimestamp(0),
    CONSTRAINT pk_ds_coquan_ngoai PRIMARY KEY (id),
    CONSTRAINT uq_ds_coquan_ngoai UNIQUE (ma_donvi_so_huu, ma_coquan)
);
CREATE INDEX ix_ds_coquan_ngoai_ma_coquan ON ds_coquan_ngoai (ma_coquan);
