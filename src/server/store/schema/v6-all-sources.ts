/**
 * Version 6: search by id and the all-sources view.
 * - `q` finds a run by the start of its id through an index range (`id >= q AND id < q ||
 *   U+10FFFF`) instead of `substr` over every run of a source. The range holds exactly the ids
 *   that start with `q` only where ids compare byte by byte: SQLite's primary key (source, id)
 *   does (BINARY), so it serves as is; PostgreSQL compares in the database's collation
 *   (`en_US` would put `run-1` next to `run1`), so it gets an index in "C".
 * - The duration orders over several sources (`all`) walk one index of every source's runs by
 *   duration, since the per-source ones of v4 would have to be merged by a sort of every run.
 */
import type { Dialect } from './migrations'

const byDurationAllSources =
  'CREATE INDEX runs_by_duration_all ON runs (duration_ms, id, source, status, workflow_id, sort_ms)'

export const allSourcesV6: Record<Dialect, string> = {
  sqlite: `${byDurationAllSources};`,
  postgres: `${byDurationAllSources};
CREATE INDEX runs_id_prefix ON runs (source, id COLLATE "C");`,
}
