-- Embedded switch: Call Forward Busy and No Answer per directory number, from the configuration file
-- (CUCM's Directory Number Configuration), and the Forward No Answer Timer service parameter (in sw_setting).
CREATE TABLE sw_dn_forwarding (
    dn                VARCHAR(64) PRIMARY KEY,
    forward_busy      VARCHAR(64),
    forward_no_answer VARCHAR(64),
    no_answer_seconds INTEGER
);
