-- Key nodes (节点), the inbox, recurring jobs, and office settings.

CREATE TABLE nodes (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    key TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0,
    duration_days INTEGER NOT NULL DEFAULT 0,
    planned_start TEXT NOT NULL DEFAULT '',
    planned_finish TEXT NOT NULL DEFAULT '',
    actual_start TEXT NOT NULL DEFAULT '',
    actual_finish TEXT NOT NULL DEFAULT '',
    department_id BIGINT REFERENCES departments (id),
    person TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    preds TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX nodes_project ON nodes (project_id, seq);
-- Reminders look for open nodes by their planned finish.
CREATE INDEX nodes_open_finish ON nodes (planned_finish) WHERE actual_finish = '';

CREATE TABLE notifications (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    project_id BIGINT,
    -- One event is sent once per user: a job that runs twice, or on two
    -- instances, inserts nothing the second time.
    dedupe_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key);
CREATE INDEX notifications_user ON notifications (user_id, id);

-- Recurring jobs: due_at says when a job runs next; an instance claims it
-- by setting running_until, so jobs survive restarts and run once across
-- instances.
CREATE TABLE jobs (
    name TEXT PRIMARY KEY,
    due_at TEXT NOT NULL,
    running_until TEXT,
    last_done_at TEXT,
    last_error TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
