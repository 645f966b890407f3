-- Indexes for reporting periods and lights at province scale (a year's list of
-- 38,000 projects, five years of monthly reports), chosen from what
-- `make bench` measured (see bench/RESULTS.md).

-- A period's counts by status (the periods list and a period's page) read
-- only these columns: an index-only scan of the period's reports instead of
-- visiting every report row (about 300 bytes each, with their texts).
-- The periods list of a year counts eleven or twelve periods at once.
CREATE INDEX reports_period_status ON reports (period_id, status, project_id);

-- The light board and the cockpit count every light of a year's list by
-- colour (and a supervision override): read from this index alone, they
-- never touch the rows, which carry each rule's result (about 1 KB of
-- JSON). It serves BoardRows once BoardRows leaves the results to the
-- page shown (bench/PROPOSALS.md).
CREATE INDEX project_lights_board ON project_lights (year, project_id, colour, override_colour, override_until);
