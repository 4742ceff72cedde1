-- Extension Mobility: when a login ends by itself (exclusiveDuration or the maximum login time); null: never.
ALTER TABLE sw_em_login ADD COLUMN logout_at_millis BIGINT;
