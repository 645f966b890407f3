-- Warning lights (三色亮灯): the office's rule sets, each project's light
-- with every rule's result, supervision overrides, and the history.

CREATE TABLE light_rule_sets (
    id {{ID}},
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    preset TEXT NOT NULL DEFAULT '',
    rules TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
-- One active rule set per year's list.
CREATE UNIQUE INDEX light_rule_sets_active ON light_rule_sets (year) WHERE active;

CREATE TABLE project_lights (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    year INTEGER NOT NULL,
    colour TEXT NOT NULL,
    results TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    override_colour TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    override_until TEXT NOT NULL DEFAULT '',
    override_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, project_id)
);
CREATE INDEX project_lights_colour ON project_lights (year, colour);

CREATE TABLE light_history (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    year INTEGER NOT NULL,
    from_colour TEXT NOT NULL,
    to_colour TEXT NOT NULL,
    results TEXT NOT NULL,
    cause TEXT NOT NULL,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX light_history_project ON light_history (project_id, id);
CREATE INDEX light_history_at ON light_history (year, at);
