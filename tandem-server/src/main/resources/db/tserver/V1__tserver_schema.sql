-- CTI server: the DNs this server serves, imported from the tserver: section of the configuration file.
CREATE TABLE ts_dn (
    dn_number VARCHAR(64) PRIMARY KEY,
    dn_type   VARCHAR(32) NOT NULL,
    seq       INTEGER NOT NULL
);
