-- Embedded switch: Do Not Disturb (per device, or per device profile while a user is logged in with it) and
-- Call Forward All (per directory number), set through CTI and kept across restarts.
ALTER TABLE sw_device ADD COLUMN dnd_option VARCHAR(16) DEFAULT 'ringer-off' NOT NULL;

-- holder_kind: 'device' (the phone's own status) or 'profile' (a device profile's); a row means DND is on
CREATE TABLE sw_dnd (
    holder_kind VARCHAR(8) NOT NULL,
    holder_name VARCHAR(128) NOT NULL,
    PRIMARY KEY (holder_kind, holder_name)
);

CREATE TABLE sw_forward_all (
    dn          VARCHAR(64) PRIMARY KEY,
    destination VARCHAR(64) NOT NULL
);
