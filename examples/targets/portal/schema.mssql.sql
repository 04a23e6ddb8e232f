-- portal: Cổng Thông tin điện tử tỉnh, the CMS schema as it exists BEFORE conversion
-- (illustrative). SQL Server variant of examples/targets/portal/.
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The units that own a part of the portal: surrogate key, the code UNIQUE.
CREATE TABLE portal_units (
    id           INT IDENTITY(1,1) NOT NULL,
    unit_code    NVARCHAR(64)  NOT NULL,
    unit_name    NVARCHAR(255) NOT NULL,
    parent_code  NVARCHAR(64)  NULL,
    status       NVARCHAR(10)  NOT NULL CONSTRAINT df_portal_units_status DEFAULT N'active',
    level        TINYINT       NOT NULL,
    slug         NVARCHAR(191) NOT NULL,
    sort_order   INT           NOT NULL CONSTRAINT df_portal_units_sort_order DEFAULT 0,
    created_at   DATETIME2(0)  NOT NULL CONSTRAINT df_portal_units_created_at DEFAULT SYSDATETIME(),
    updated_at   DATETIME2(0)  NULL,
    CONSTRAINT pk_portal_units PRIMARY KEY CLUSTERED (id),
    CONSTRAINT uq_portal_units_unit_code UNIQUE NONCLUSTERED (unit_code),
    CONSTRAINT uq_portal_units_slug UNIQUE NONCLUSTERED (slug),
    CONSTRAINT ck_portal_units_status CHECK (status IN (N'active', N'closed'))
);

-- Content categories per unit (unit_code NULL: a portal-wide category). No foreign key.
CREATE TABLE portal_categories (
    id          INT IDENTITY(1,1) NOT NULL,
    unit_code   NVARCHAR(64)  NULL,
    title       NVARCHAR(255) NOT NULL,
    slug        NVARCHAR(191) NOT NULL,
    sort_order  INT           NOT NULL CONSTRAINT df_portal_categories_sort DEFAULT 0,
    is_visible  BIT           NOT NULL CONSTRAINT df_portal_categories_visible DEFAULT 1,
    created_at  DATETIME2(0)  NOT NULL CONSTRAINT df_portal_categories_created DEFAULT SYSDATETIME(),
    CONSTRAINT pk_portal_categories PRIMARY KEY CLUSTERED (id)
);
CREATE NONCLUSTERED INDEX ix_portal_categories_unit_code ON portal_categories (unit_code);
