-- CTI server: remote destinations this server added to CTI remote devices, written before the switch is asked
-- to add them and deleted once they are removed again, so that those a crash left behind are removed at the next
-- start instead of filling the owner's remote-destination limit.
CREATE TABLE ts_added_destination (
    device_name VARCHAR(128) NOT NULL,
    dest_number VARCHAR(64) NOT NULL,
    PRIMARY KEY (device_name, dest_number)
);
