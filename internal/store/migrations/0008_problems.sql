-- Problems and tasks (问题清单, 交办事项), their steps and comments,
-- supervision orders (督办单), meetings and site visits, and attachments.

CREATE TABLE problems (
    id {{ID}},
    kind TEXT NOT NULL,
    project_id BIGINT REFERENCES projects (id),
    source TEXT NOT NULL,
    source_id BIGINT,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    department_id BIGINT NOT NULL REFERENCES departments (id),
    leader_id BIGINT REFERENCES users (id),
    deadline TEXT NOT NULL,
    status TEXT NOT NULL,
    level INTEGER NOT NULL DEFAULT 0,
    found_on TEXT NOT NULL,
    closed_on TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_by_id BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX problems_department ON problems (department_id, status);
CREATE INDEX problems_project ON problems (project_id);
CREATE INDEX problems_open_deadline ON problems (deadline) WHERE status <> 'closed';

CREATE TABLE problem_events (
    id {{ID}},
    problem_id BIGINT NOT NULL REFERENCES problems (id),
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    user_id BIGINT,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX problem_events_problem ON problem_events (problem_id, id);

-- Files attached to problems (evidence), visits and orders.
CREATE TABLE attachments (
    id {{ID}},
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    data {{BLOB}} NOT NULL,
    thumb {{BLOB}},
    user_id BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner_type, owner_id);

CREATE TABLE supervision_orders (
    id {{ID}},
    grade TEXT NOT NULL,
    title TEXT NOT NULL,
    department_id BIGINT NOT NULL REFERENCES departments (id),
    items TEXT NOT NULL,
    reply_deadline TEXT NOT NULL,
    status TEXT NOT NULL,
    received_at TEXT,
    received_by TEXT NOT NULL DEFAULT '',
    replies TEXT NOT NULL DEFAULT '[]',
    accountability TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX supervision_orders_department ON supervision_orders (department_id, status);

CREATE TABLE meetings (
    id {{ID}},
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    chair_id BIGINT REFERENCES users (id),
    chair_name TEXT NOT NULL DEFAULT '',
    attendees TEXT NOT NULL DEFAULT '',
    project_ids TEXT NOT NULL DEFAULT '[]',
    minutes TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT '[]',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX meetings_held ON meetings (held_on);

CREATE TABLE visits (
    id {{ID}},
    leader_id BIGINT REFERENCES users (id),
    leader_name TEXT NOT NULL,
    visited_on TEXT NOT NULL,
    project_id BIGINT NOT NULL REFERENCES projects (id),
    checklist TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX visits_leader ON visits (leader_id, visited_on);
CREATE INDEX visits_project ON visits (project_id);
