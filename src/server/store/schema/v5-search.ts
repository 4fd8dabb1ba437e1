/**
 * Version 5: search (`q`) over the error text and the workflow name by words, in any order and
 * case-blind, from an index rather than `LIKE '%…%'` over every run. SQLite keeps an FTS5
 * table over `runs` by triggers (external content: the text is stored once); PostgreSQL keeps
 * a generated `tsvector` column with a GIN index. Both use plain word splitting and no
 * stemming (`simple`; diacritics kept), so one query finds the same runs on either engine.
 */
export const searchV5Sqlite = `
CREATE VIRTUAL TABLE runs_fts USING fts5(
  error, workflow_name, content='runs', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO runs_fts(runs_fts) VALUES ('rebuild');
CREATE TRIGGER runs_fts_insert AFTER INSERT ON runs BEGIN
  INSERT INTO runs_fts (rowid, error, workflow_name) VALUES (NEW.rowid, NEW.error, NEW.workflow_name);
END;
CREATE TRIGGER runs_fts_delete AFTER DELETE ON runs BEGIN
  INSERT INTO runs_fts (runs_fts, rowid, error, workflow_name)
    VALUES ('delete', OLD.rowid, OLD.error, OLD.workflow_name);
END;
CREATE TRIGGER runs_fts_update AFTER UPDATE OF error, workflow_name ON runs
  WHEN OLD.error IS NOT NEW.error OR OLD.workflow_name IS NOT NEW.workflow_name
BEGIN
  INSERT INTO runs_fts (runs_fts, rowid, error, workflow_name)
    VALUES ('delete', OLD.rowid, OLD.error, OLD.workflow_name);
  INSERT INTO runs_fts (rowid, error, workflow_name) VALUES (NEW.rowid, NEW.error, NEW.workflow_name);
END;
`

export const searchV5Postgres = `
ALTER TABLE runs ADD COLUMN search tsvector GENERATED ALWAYS AS (
  to_tsvector('simple', coalesce(error, '') || ' ' || coalesce(workflow_name, ''))
) STORED;
CREATE INDEX runs_search ON runs USING GIN (search);
`
