-- The generation of reporting periods and their reports: the periods list
-- with its counts by status is kept until a period or a report changes.
INSERT INTO heads (name, gen) VALUES ('reports', 0);
