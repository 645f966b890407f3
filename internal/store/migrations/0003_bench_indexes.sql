-- Indexes for the ledger at province scale (50,000 projects), chosen from
-- what `make bench` measured (see bench/RESULTS.md).

-- The ledger's count and sums read only these columns: an index-only scan
-- instead of the whole table (50,000 rows of about 800 bytes). Also the
-- lookup of each project on a year's list (archived = ? AND id = ?).
CREATE INDEX projects_ledger ON projects (archived, id, total_investment_yuan);

-- A year's list with its plans, without visiting the table.
CREATE INDEX project_years_ledger ON project_years (year, project_id, planned_yuan, level);

-- Sorting by amount or by the year's plan walks these in order and stops
-- after one page, when ties are broken by id in the same direction.
CREATE INDEX projects_amount ON projects (archived, total_investment_yuan);
CREATE INDEX project_years_plan ON project_years (year, planned_yuan, project_id);

-- The ledger's town filter.
CREATE INDEX projects_town ON projects (town);
