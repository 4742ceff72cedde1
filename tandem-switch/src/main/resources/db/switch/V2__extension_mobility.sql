-- Extension Mobility: user PINs, proxy rights, EM-enabled phones, profile settings, default profiles, logins.
ALTER TABLE sw_end_user ADD COLUMN pin VARCHAR(128);
ALTER TABLE sw_app_user ADD COLUMN em_proxy BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE sw_device ADD COLUMN extension_mobility BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE sw_device ADD COLUMN logout_profile VARCHAR(128);
ALTER TABLE sw_device_profile ADD COLUMN is_default BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE sw_device_profile ADD COLUMN settings_json VARCHAR(20000);

CREATE TABLE sw_default_device_profile (
    model         VARCHAR(128) PRIMARY KEY,
    settings_json VARCHAR(20000) NOT NULL
);

-- who is logged in where (run-time state, kept across restarts)
CREATE TABLE sw_em_login (
    device_name  VARCHAR(128) PRIMARY KEY,
    user_id      VARCHAR(128) NOT NULL,
    profile_name VARCHAR(128) NOT NULL,
    login_millis BIGINT NOT NULL
);

-- the last user who logged in to each device (deviceUserQuery lastlogin)
CREATE TABLE sw_em_last_login (
    device_name VARCHAR(128) PRIMARY KEY,
    user_id     VARCHAR(128) NOT NULL
);
