-- Reporting periods (调度期) and the projects' reports (填报).

CREATE TABLE periods (
    id {{ID}},
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    deadline_days INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    counts_investment BOOLEAN NOT NULL,
    closed BOOLEAN NOT NULL DEFAULT FALSE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX periods_year ON periods (year, end_date);

CREATE TABLE reports (
    id {{ID}},
    period_id BIGINT NOT NULL REFERENCES periods (id),
    project_id BIGINT NOT NULL REFERENCES projects (id),
    status TEXT NOT NULL,
    invested_yuan BIGINT NOT NULL DEFAULT 0,
    progress_text TEXT NOT NULL DEFAULT '',
    progress_percent INTEGER NOT NULL DEFAULT 0,
    work_done TEXT NOT NULL DEFAULT '',
    next_plan TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    stats_entered BOOLEAN NOT NULL DEFAULT FALSE,
    stats_yuan BIGINT NOT NULL DEFAULT 0,
    submitted_at TEXT,
    submitted_by TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT,
    reviewed_by TEXT NOT NULL DEFAULT '',
    return_reason TEXT NOT NULL DEFAULT '',
    -- For the figures: the period's end and whether it counts, copied here
    -- so that sums over years of reports need no join.
    period_end TEXT NOT NULL,
    counts BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX reports_period_project ON reports (period_id, project_id);
CREATE INDEX reports_project ON reports (project_id, period_end);
CREATE INDEX reports_figures ON reports (status, counts, period_end, project_id);

CREATE TABLE report_amendments (
    id {{ID}},
    report_id BIGINT NOT NULL REFERENCES reports (id),
    reason TEXT NOT NULL,
    before_fields TEXT NOT NULL,
    after_fields TEXT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX report_amendments_report ON report_amendments (report_id, id);

-- Photos are kept in the database so that every instance serves them and
-- a backup of the database is a backup of everything.
CREATE TABLE report_photos (
    id {{ID}},
    report_id BIGINT NOT NULL REFERENCES reports (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    data {{BLOB}} NOT NULL,
    thumb {{BLOB}} NOT NULL,
    user_id BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX report_photos_report ON report_photos (report_id, id);

-- The figures offices live by, kept as running sums in the transaction of
-- every approval and amendment, so that a province's cockpit reads one row
-- per project instead of years of reports: approved investment per month
-- of each year (by the month the period ends), and what entered the
-- statistics.
CREATE TABLE project_figures (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    year INTEGER NOT NULL,
    m01 BIGINT NOT NULL DEFAULT 0, m02 BIGINT NOT NULL DEFAULT 0, m03 BIGINT NOT NULL DEFAULT 0,
    m04 BIGINT NOT NULL DEFAULT 0, m05 BIGINT NOT NULL DEFAULT 0, m06 BIGINT NOT NULL DEFAULT 0,
    m07 BIGINT NOT NULL DEFAULT 0, m08 BIGINT NOT NULL DEFAULT 0, m09 BIGINT NOT NULL DEFAULT 0,
    m10 BIGINT NOT NULL DEFAULT 0, m11 BIGINT NOT NULL DEFAULT 0, m12 BIGINT NOT NULL DEFAULT 0,
    stats_yuan BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (year, project_id)
);
CREATE INDEX project_figures_project ON project_figures (project_id);

-- All approved investment of a project, for cumulative figures.
ALTER TABLE projects ADD COLUMN reported_yuan BIGINT NOT NULL DEFAULT 0;
