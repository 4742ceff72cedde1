-- Embedded switch: the select-route timer of each route point (seconds; null for other devices).
ALTER TABLE sw_device ADD COLUMN select_route_seconds INTEGER;
