-- The office's administrative boundary for the cockpit's map (地图边界):
-- one current GeoJSON file. Each upload is a new row with a new id, never
-- reused, so the id serves as the boundary's version (clients cache by
-- it); the old row goes in the same transaction, and slot keeps it to one.
CREATE TABLE map_boundaries (
    id {{ID}},
    slot INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (slot = 1),
    name TEXT NOT NULL,
    geojson {{BLOB}} NOT NULL,
    size BIGINT NOT NULL,
    features INTEGER NOT NULL,
    polygons INTEGER NOT NULL,
    bbox TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
