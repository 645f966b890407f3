-- A notification keeps its kind's arguments (names, dates, codes), so that
-- the inbox says it in the reader's language; title and body keep the
-- Chinese text, for rows from before and for channels outside the app.
ALTER TABLE notifications ADD COLUMN args TEXT NOT NULL DEFAULT '';
