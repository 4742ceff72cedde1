-- Embedded switch: configuration changes made at run time (admin API), applied over the configuration file
-- at every start in the order made.
CREATE TABLE sw_config_change (
    seq         BIGINT NOT NULL PRIMARY KEY,
    change_json VARCHAR(65535) NOT NULL,
    made_at     BIGINT NOT NULL
);
