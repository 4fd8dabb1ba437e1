/**
 * Schema version 1 for SQLite. The rollup tables (totals, days, 15-minute slots, duration
 * histograms) are kept by triggers in the same transaction as every upsert, so a count, a
 * chart or a deep page never has to scan a million runs, and can never drift from them.
 */
import { rollupDayMs, rollupSlotMs } from '../rows'

const day = rollupDayMs
const slot = rollupSlotMs

/** One rollup row change per table, for a run's old (-1) or new (+1) values. */
function rollups(row: 'NEW' | 'OLD', delta: string): string {
  const dated = `WHERE ${row}.sort_ms IS NOT NULL`
  return `
  INSERT INTO run_totals (source, workflow_id, status, runs)
    VALUES (${row}.source, ${row}.workflow_id, ${row}.status, ${delta})
    ON CONFLICT (source, workflow_id, status) DO UPDATE SET runs = runs + (${delta});
  INSERT INTO run_days (source, day_ms, status, runs)
    SELECT ${row}.source, ${row}.sort_ms - ${row}.sort_ms % ${day}, ${row}.status, ${delta} ${dated}
    ON CONFLICT (source, day_ms, status) DO UPDATE SET runs = runs + (${delta});
  INSERT INTO run_slots (source, slot_ms, status, runs)
    SELECT ${row}.source, ${row}.sort_ms - ${row}.sort_ms % ${slot}, ${row}.status, ${delta} ${dated}
    ON CONFLICT (source, slot_ms, status) DO UPDATE SET runs = runs + (${delta});
  INSERT INTO run_duration_days (source, day_ms, status, dur_bucket, runs)
    SELECT ${row}.source, ${row}.sort_ms - ${row}.sort_ms % ${day}, ${row}.status, ${row}.dur_bucket, ${delta}
    ${dated} AND ${row}.dur_bucket IS NOT NULL
    ON CONFLICT (source, day_ms, status, dur_bucket) DO UPDATE SET runs = runs + (${delta});`
}

export const sqliteV1 = `
CREATE TABLE runs (
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  workflow_id TEXT NOT NULL,
  workflow_name TEXT,
  status TEXT NOT NULL,
  vendor_status TEXT NOT NULL,
  created_ms INTEGER,
  started_ms INTEGER,
  finished_ms INTEGER,
  sort_ms INTEGER,
  duration_ms REAL,
  dur_bucket INTEGER,
  error TEXT,
  failed_step TEXT,
  version TEXT,
  run_trigger TEXT,
  steps_json TEXT,
  PRIMARY KEY (source, id)
);
CREATE INDEX runs_page ON runs (source, sort_ms DESC, id DESC, status, dur_bucket);
CREATE INDEX runs_page_workflow
  ON runs (source, workflow_id, sort_ms DESC, id DESC, status, dur_bucket, duration_ms);
CREATE INDEX runs_page_status ON runs (source, status, sort_ms DESC, id DESC);
CREATE INDEX runs_page_workflow_status ON runs (source, workflow_id, status, sort_ms DESC, id DESC);
CREATE INDEX runs_without_detail ON runs (source, status, sort_ms DESC, id DESC)
  WHERE steps_json IS NULL;
CREATE INDEX runs_duration ON runs (source, dur_bucket, sort_ms, status, duration_ms)
  WHERE dur_bucket IS NOT NULL;

CREATE TABLE run_totals (
  source TEXT NOT NULL, workflow_id TEXT NOT NULL, status TEXT NOT NULL, runs INTEGER NOT NULL,
  PRIMARY KEY (source, workflow_id, status)
) WITHOUT ROWID;
CREATE TABLE run_days (
  source TEXT NOT NULL, day_ms INTEGER NOT NULL, status TEXT NOT NULL, runs INTEGER NOT NULL,
  PRIMARY KEY (source, day_ms, status)
) WITHOUT ROWID;
CREATE TABLE run_slots (
  source TEXT NOT NULL, slot_ms INTEGER NOT NULL, status TEXT NOT NULL, runs INTEGER NOT NULL,
  PRIMARY KEY (source, slot_ms, status)
) WITHOUT ROWID;
CREATE TABLE run_duration_days (
  source TEXT NOT NULL, day_ms INTEGER NOT NULL, status TEXT NOT NULL,
  dur_bucket INTEGER NOT NULL, runs INTEGER NOT NULL,
  PRIMARY KEY (source, day_ms, status, dur_bucket)
) WITHOUT ROWID;

CREATE TRIGGER runs_rollup_insert AFTER INSERT ON runs BEGIN ${rollups('NEW', '1')}
END;
CREATE TRIGGER runs_rollup_update AFTER UPDATE ON runs
  WHEN OLD.workflow_id IS NOT NEW.workflow_id OR OLD.status IS NOT NEW.status
    OR OLD.sort_ms IS NOT NEW.sort_ms OR OLD.dur_bucket IS NOT NEW.dur_bucket
BEGIN ${rollups('OLD', '-1')} ${rollups('NEW', '1')}
END;

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
