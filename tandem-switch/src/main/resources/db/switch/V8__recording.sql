-- Embedded switch: recording. Each line's recording option, recorder and media source (from the configuration file), and
-- the application users' rights (CUCM's Standard CTI Allow Call Recording / Allow Call Monitoring).
CREATE TABLE sw_dn_recording (
    dn               VARCHAR(64) PRIMARY KEY,
    recording_option VARCHAR(16) NOT NULL,
    recorder         VARCHAR(64),
    media_source     VARCHAR(16) NOT NULL
);
ALTER TABLE sw_app_user ADD COLUMN allow_recording BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE sw_app_user ADD COLUMN allow_monitoring BOOLEAN DEFAULT FALSE NOT NULL;
