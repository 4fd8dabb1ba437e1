/**
 * Version 2: a percentile reads the exact durations of one histogram bucket in a window; this
 * index makes that a narrow range (the bucket's runs of the window) instead of a scan of every
 * run of the window. Same SQL on both engines.
 */
export const durationLookupV2 =
  'CREATE INDEX runs_duration_lookup ON runs (source, dur_bucket, sort_ms, duration_ms)'
