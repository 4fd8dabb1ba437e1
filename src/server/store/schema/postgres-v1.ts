/**
 * Schema version 1 for PostgreSQL: the same tables as SQLite's, with BIGINT epoch
 * milliseconds, NULLS LAST in the paging indexes (PostgreSQL sorts NULLs first in DESC), and
 * the rollups kept by one PL/pgSQL row trigger, so concurrent writers never miscount.
 */
import { rollupDayMs, rollupSlotMs } from '../rows'

export const postgresV1 = `
CREATE TABLE runs (
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  workflow_id TEXT NOT NULL,
  workflow_name TEXT,
  status TEXT NOT NULL,
  vendor_status TEXT NOT NULL,
  created_ms BIGINT,
  started_ms BIGINT,
  finished_ms BIGINT,
  sort_ms BIGINT,
  duration_ms DOUBLE PRECISION,
  dur_bucket INTEGER,
  error TEXT,
  failed_step TEXT,
  version TEXT,
  run_trigger TEXT,
  steps_json TEXT,
  PRIMARY KEY (source, id)
);
CREATE INDEX runs_page ON runs (source, sort_ms DESC NULLS LAST, id DESC, status, dur_bucket);
CREATE INDEX runs_page_workflow
  ON runs (source, workflow_id, sort_ms DESC NULLS LAST, id DESC, status, dur_bucket, duration_ms);
CREATE INDEX runs_page_status ON runs (source, status, sort_ms DESC NULLS LAST, id DESC);
CREATE INDEX runs_page_workflow_status
  ON runs (source, workflow_id, status, sort_ms DESC NULLS LAST, id DESC);
CREATE INDEX runs_without_detail ON runs (source, status, sort_ms DESC NULLS LAST, id DESC)
  WHERE steps_json IS NULL;
CREATE INDEX runs_duration ON runs (source, dur_bucket, sort_ms, status, duration_ms)
  WHERE dur_bucket IS NOT NULL;

CREATE TABLE run_totals (
  source TEXT NOT NULL, workflow_id TEXT NOT NULL, status TEXT NOT NULL, runs BIGINT NOT NULL,
  PRIMARY KEY (source, workflow_id, status)
);
CREATE TABLE run_days (
  source TEXT NOT NULL, day_ms BIGINT NOT NULL, status TEXT NOT NULL, runs BIGINT NOT NULL,
  PRIMARY KEY (source, day_ms, status)
);
CREATE TABLE run_slots (
  source TEXT NOT NULL, slot_ms BIGINT NOT NULL, status TEXT NOT NULL, runs BIGINT NOT NULL,
  PRIMARY KEY (source, slot_ms, status)
);
CREATE TABLE run_duration_days (
  source TEXT NOT NULL, day_ms BIGINT NOT NULL, status TEXT NOT NULL,
  dur_bucket INTEGER NOT NULL, runs BIGINT NOT NULL,
  PRIMARY KEY (source, day_ms, status, dur_bucket)
);

CREATE FUNCTION runboard_rollup(r runs, delta INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO run_totals AS t VALUES (r.source, r.workflow_id, r.status, delta)
    ON CONFLICT (source, workflow_id, status) DO UPDATE SET runs = t.runs + delta;
  IF r.sort_ms IS NULL THEN RETURN; END IF;
  INSERT INTO run_days AS t VALUES (r.source, r.sort_ms - r.sort_ms % ${rollupDayMs}, r.status, delta)
    ON CONFLICT (source, day_ms, status) DO UPDATE SET runs = t.runs + delta;
  INSERT INTO run_slots AS t VALUES (r.source, r.sort_ms - r.sort_ms % ${rollupSlotMs}, r.status, delta)
    ON CONFLICT (source, slot_ms, status) DO UPDATE SET runs = t.runs + delta;
  IF r.dur_bucket IS NULL THEN RETURN; END IF;
  INSERT INTO run_duration_days AS t
    VALUES (r.source, r.sort_ms - r.sort_ms % ${rollupDayMs}, r.status, r.dur_bucket, delta)
    ON CONFLICT (source, day_ms, status, dur_bucket) DO UPDATE SET runs = t.runs + delta;
END $$;

CREATE FUNCTION runboard_runs_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN PERFORM runboard_rollup(OLD, -1); END IF;
  PERFORM runboard_rollup(NEW, 1);
  RETURN NULL;
END $$;

CREATE TRIGGER runs_rollup_insert AFTER INSERT ON runs
  FOR EACH ROW EXECUTE FUNCTION runboard_runs_rollup();
CREATE TRIGGER runs_rollup_update AFTER UPDATE ON runs FOR EACH ROW
  WHEN (OLD.workflow_id IS DISTINCT FROM NEW.workflow_id OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.sort_ms IS DISTINCT FROM NEW.sort_ms OR OLD.dur_bucket IS DISTINCT FROM NEW.dur_bucket)
  EXECUTE FUNCTION runboard_runs_rollup();

CREATE TABLE workflows (
  source TEXT NOT NULL, position INTEGER NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (source, position)
);
CREATE TABLE sync_cursors (
  source TEXT NOT NULL, stream TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (source, stream)
);
CREATE TABLE sync_state (source TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`
