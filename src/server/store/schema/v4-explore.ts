/**
 * Version 4: the listing sorted by duration (`sort=duration`, `-duration`) walks these indexes
 * in order instead of sorting every run of a source; they carry the filter's columns so a
 * skipped row is judged from the index alone. One with the workflow first, for a workflow's
 * runs. Same SQL on both engines (each scans an index backwards for the descending order).
 */
export const exploreV4 = `
CREATE INDEX runs_by_duration ON runs (source, duration_ms, id, status, workflow_id, sort_ms);
CREATE INDEX runs_by_duration_workflow
  ON runs (source, workflow_id, duration_ms, id, status, sort_ms);
`
