/**
 * Version 3: failure fingerprints (issue 13). Each failed run carries its fingerprint and its
 * normalized error, computed in TypeScript on write (the normalizer is not SQL), so the inbox
 * groups by a column instead of normalizing 60,000 messages per answer. Rows stored before this
 * version are filled by `fillFingerprints` at open, in batches; a partial index keeps the
 * "failed without fingerprint" lookup free once they are done.
 */
import type { Dialect } from './migrations'

const nullsLast: Record<Dialect, string> = { sqlite: '', postgres: ' NULLS LAST' }

function v3(dialect: Dialect): string {
  return `
ALTER TABLE runs ADD COLUMN fingerprint TEXT;
ALTER TABLE runs ADD COLUMN error_norm TEXT;
CREATE INDEX runs_failure
  ON runs (source, fingerprint, sort_ms DESC${nullsLast[dialect]}, id DESC, status)
  WHERE fingerprint IS NOT NULL;
CREATE INDEX runs_failure_window ON runs (source, sort_ms, fingerprint, workflow_id, version)
  WHERE fingerprint IS NOT NULL;
CREATE INDEX runs_unfingerprinted ON runs (source, id)
  WHERE status = 'failed' AND fingerprint IS NULL;
`
}

export const fingerprintsV3: Record<Dialect, string> = {
  sqlite: v3('sqlite'),
  postgres: v3('postgres'),
}
