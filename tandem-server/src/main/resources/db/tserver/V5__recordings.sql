-- CTI server: recording metadata, so that a recorder or a QA tool can tag its media with CTI data. One row per
-- recording ID (a pause keeps the row; stopped_at is set when it finally stops).
CREATE TABLE ts_recording (
    recording_id VARCHAR(128) NOT NULL PRIMARY KEY,
    conn_id      VARCHAR(32),
    call_id      BIGINT NOT NULL,
    dn           VARCHAR(64) NOT NULL,
    agent_id     VARCHAR(64),
    em_user      VARCHAR(128),
    recorder     VARCHAR(64),
    started_at   BIGINT NOT NULL,
    stopped_at   BIGINT,
    cause        VARCHAR(64)
);
