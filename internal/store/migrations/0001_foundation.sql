-- The organisation, login, and the audit trail.

CREATE TABLE departments (
    id {{ID}},
    name TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    head TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX departments_name ON departments (name);

CREATE TABLE users (
    id {{ID}},
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    department_id BIGINT REFERENCES departments (id),
    phone TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    last_login_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE INDEX users_department ON users (department_id);

-- Sessions live in the database so that any instance can serve any user.
-- id is the SHA-256 of the cookie's secret; the secret itself is not kept.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id {{ID}},
    name TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL,
    prefix TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);

-- Failed logins by key ("u:name" or "ip:addr"), for throttling across
-- instances.
CREATE TABLE login_failures (
    id {{ID}},
    key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- The audit trail (过程痕迹): append-only and hash-chained. Each row's hash
-- covers its content and the previous row's hash; audit_head holds the last
-- id and hash so that deleting the newest rows is detected too, and so that
-- concurrent writers on PostgreSQL serialize on its one row.
CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    changes TEXT NOT NULL,
    request_id TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');
