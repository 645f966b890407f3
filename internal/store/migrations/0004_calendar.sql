-- The official working-day calendar (工作日历): what an admin entered from
-- a State Council notice. A year here replaces that year's built-in data
-- (internal/calendar) whole; a year in neither counts weekends only.

CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);

-- One row per off day or make-up working day; a date belongs to its own
-- year, so the date alone is the key.
CREATE TABLE calendar_days (
    date TEXT PRIMARY KEY,
    year INTEGER NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
    is_off BOOLEAN NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX calendar_days_year ON calendar_days (year);

-- revision goes up with every change, so that each instance learns with
-- one cheap read whether its calendar in memory is stale.
CREATE TABLE calendar_head (
    id INTEGER PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO calendar_head (id, revision) VALUES (1, 0);
