-- CTI server: DNs added or removed at run time through the admin API, kept over the configuration file.
-- The latest change of a DN wins; the configuration file's DNs are still imported at each start.
CREATE TABLE ts_dn_change (
    dn_number   VARCHAR(64) PRIMARY KEY,
    dn_type     VARCHAR(32),
    change_kind VARCHAR(8) NOT NULL,
    changed_at  BIGINT NOT NULL
);
