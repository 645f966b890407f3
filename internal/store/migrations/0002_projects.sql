-- The project ledger (项目库/台账).

CREATE TABLE projects (
    id {{ID}},
    code TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    flagship BOOLEAN NOT NULL DEFAULT FALSE,
    stage TEXT NOT NULL,
    nature TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',
    domain TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    longitude DOUBLE PRECISION,
    latitude DOUBLE PRECISION,
    land_area_mu DOUBLE PRECISION,
    floor_area_m2 DOUBLE PRECISION,
    total_investment_yuan BIGINT NOT NULL DEFAULT 0,
    completed_before_yuan BIGINT NOT NULL DEFAULT 0,
    start_year INTEGER NOT NULL DEFAULT 0,
    end_year INTEGER NOT NULL DEFAULT 0,
    planned_start TEXT NOT NULL DEFAULT '',
    planned_completion TEXT NOT NULL DEFAULT '',
    actual_start TEXT NOT NULL DEFAULT '',
    actual_completion TEXT NOT NULL DEFAULT '',
    owner_name TEXT NOT NULL DEFAULT '',
    owner_department_id BIGINT REFERENCES departments (id),
    owner_head TEXT NOT NULL DEFAULT '',
    owner_contact TEXT NOT NULL DEFAULT '',
    owner_phone TEXT NOT NULL DEFAULT '',
    leader_id BIGINT REFERENCES users (id),
    leader_name TEXT NOT NULL DEFAULT '',
    department_id BIGINT REFERENCES departments (id),
    dept_head TEXT NOT NULL DEFAULT '',
    dept_liaison TEXT NOT NULL DEFAULT '',
    dept_phone TEXT NOT NULL DEFAULT '',
    officer_id BIGINT REFERENCES users (id),
    officer_name TEXT NOT NULL DEFAULT '',
    task_force TEXT NOT NULL DEFAULT '',
    funding TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    remarks TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    -- search holds name, code, owner and the pinyin initials of the name,
    -- lower-cased, so that one LIKE finds a project by any of them.
    search TEXT NOT NULL DEFAULT '',
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX projects_code ON projects (code) WHERE code <> '';
CREATE INDEX projects_name ON projects (name);
CREATE INDEX projects_department ON projects (department_id);
CREATE INDEX projects_owner_department ON projects (owner_department_id);
CREATE INDEX projects_leader ON projects (leader_id);
CREATE INDEX projects_officer ON projects (officer_id);
CREATE INDEX projects_stage ON projects (stage);

-- A project's place on a year's key-project list, with that year's plan.
CREATE TABLE project_years (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    year INTEGER NOT NULL,
    planned_yuan BIGINT NOT NULL DEFAULT 0,
    level TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, project_id)
);
CREATE INDEX project_years_project ON project_years (project_id);

-- Stage changes with who, when and why.
CREATE TABLE project_stages (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    on_date TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    user_id BIGINT,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX project_stages_project ON project_stages (project_id, id);
