-- Published assessment rankings (考核排名), one per period and grouping.
CREATE TABLE assessment_results (
    period_id BIGINT NOT NULL REFERENCES periods (id),
    grouping TEXT NOT NULL,
    scheme TEXT NOT NULL,
    scores TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (period_id, grouping)
);
