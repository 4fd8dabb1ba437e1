/**
 * The line between the filters and the table: how many runs match, the button that shows the
 * runs held back while the table is pinned, and the export menu.
 */
import type { RunPage } from '../../../../shared/model'
import type { RunStatus } from '../../../../shared/run-status'
import { formatCount } from '../../../lib/format'
import type { RunFilters } from '../api/fetch-runs'
import { ExportMenu } from './export-menu'
import { RunsCount } from './runs-summary'

export function RunsCountBar({
  data,
  isError,
  isPlaceholderData,
  status,
  filters,
  newRunCount,
  onShowNewRuns,
}: {
  data: RunPage | undefined
  isError: boolean
  isPlaceholderData: boolean
  status: readonly RunStatus[] | undefined
  filters: RunFilters
  newRunCount: number
  onShowNewRuns: () => void
}) {
  return (
    <div className="flex min-h-7 flex-wrap items-center justify-between gap-x-4 gap-y-2">
      {data ? (
        <RunsCount total={data.total} status={status} coverage={data.coverage} />
      ) : (
        <span className="text-fg-muted">{isError ? '' : 'Loading runs…'}</span>
      )}
      <div className="ml-auto flex items-center gap-2">
        {newRunCount > 0 && (
          <button
            type="button"
            onClick={onShowNewRuns}
            className="rounded-full border border-accent/40 bg-accent-soft px-3 py-0.5 text-xs font-medium text-accent-text hover:border-accent"
          >
            {formatCount(newRunCount)} new {newRunCount === 1 ? 'run' : 'runs'} · Show
          </button>
        )}
        <ExportMenu filters={filters} total={isPlaceholderData ? undefined : data?.total} />
      </div>
    </div>
  )
}
