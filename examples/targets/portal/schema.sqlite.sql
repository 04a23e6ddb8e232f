-- portal: Cổng Thông tin điện tử tỉnh, the CMS schema as it exists BEFORE conversion
-- (illustrative). SQLite variant of examples/targets/portal/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The units that own a part of the portal: surrogate key, the code UNIQUE.
CREATE TABLE portal_units (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_code    VARCHAR(64)  NOT NULL,
    unit_name    VARCHAR(255) NOT NULL,
    parent_code  VARCHAR(64),
    status       VARCHAR(10)  NOT NULL DEFAULT 'active',
    level        INTEGER      NOT NULL,
    slug         VARCHAR(191) NOT NULL,
    sort_order   INTEGER      NOT NULL DEFAULT 0,
    created_at   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   DATETIME,
    CONSTRAINT uq_portal_units_unit_code UNIQUE (unit_code),
    CONSTRAINT uq_portal_units_slug UNIQUE (slug),
    CONSTRAINT ck_portal_units_status CHECK (status IN ('active', 'closed'))
);

-- Content categories per unit (unit_code NULL: a portal-wide category). No foreign key.
CREATE TABLE portal_categories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_code   VARCHAR(64),
    title       VARCHAR(255) NOT NULL,
    slug        VARCHAR(191) NOT NULL,
    sort_order  INTEGER      NOT NULL DEFAULT 0,
    is_visible  BOOLEAN      NOT NULL DEFAULT 1,
    created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ix_portal_categories_unit_code ON portal_categories (unit_code);
