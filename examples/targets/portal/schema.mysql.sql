-- portal: Cổng Thông tin điện tử tỉnh, the CMS schema as it exists BEFORE conversion
-- (illustrative). MySQL/MariaDB variant of examples/targets/portal/ (the system's own dialect in
-- registry/systems.yaml).
-- The tables and columns registry/systems.yaml names are the contract; the rest is vendor detail.

-- The units that own a part of the portal: surrogate key, the code UNIQUE.
CREATE TABLE portal_units (
    id           INT UNSIGNED     NOT NULL AUTO_INCREMENT,
    unit_code    VARCHAR(64)      NOT NULL,
    unit_name    VARCHAR(255)     NOT NULL,
    parent_code  VARCHAR(64)      NULL,
    status       ENUM('active','closed') NOT NULL DEFAULT 'active',
    level        TINYINT UNSIGNED NOT NULL,
    slug         VARCHAR(191)     NOT NULL,
    sort_order   INT              NOT NULL DEFAULT 0,
    created_at   DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   DATETIME         NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_portal_units_unit_code (unit_code),
    UNIQUE KEY uq_portal_units_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Content categories per unit (unit_code NULL: a portal-wide category). No foreign key.
CREATE TABLE portal_categories (
    id          INT UNSIGNED NOT NULL AUTO_INCREMENT,
    unit_code   VARCHAR(64)  NULL,
    title       VARCHAR(255) NOT NULL,
    slug        VARCHAR(191) NOT NULL,
    sort_order  INT          NOT NULL DEFAULT 0,
    is_visible  TINYINT(1)   NOT NULL DEFAULT 1,
    created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    KEY ix_portal_categories_unit_code (unit_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
