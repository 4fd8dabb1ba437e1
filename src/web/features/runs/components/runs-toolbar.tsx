/**
 * The search, then filters on the left, view options on the right; on narrow screens the
 * search takes a line of its own and the rest wraps below it. (Export sits by the count.)
 */
import type { ReactNode } from 'react'
import type { StatusCounts, Workflow } from '../../../../shared/model'
import type { RunStatus } from '../../../../shared/run-status'
import { Button } from '../../../components/ui/button'
import { KeyboardIcon, XIcon } from '../../../components/ui/icons'
import type { TimeZoneMode } from '../../../lib/format'
import type { OptionalRunField, RunColumnId } from './columns'
import { ColumnVisibilityMenu } from './column-visibility-menu'
import { StatusFilter } from './status-filter'
import { TimezoneToggle } from './timezone-toggle'
import { WorkflowFilter } from './workflow-filter'

export function RunsToolbar({
  status,
  reportableStatuses,
  counts,
  workflow,
  workflows,
  isWorkflowsLoading,
  isAllSources = false,
  tz,
  hiddenColumns,
  availableFields,
  hasFilters,
  searchBox,
  timeRange,
  onStatusChange,
  onWorkflowChange,
  onClearFilters,
  onTimezoneChange,
  onHiddenColumnsChange,
  onShowShortcuts,
}: {
  status: readonly RunStatus[]
  reportableStatuses: readonly RunStatus[] | undefined
  counts?: StatusCounts | undefined
  workflow: string | undefined
  workflows: readonly Workflow[]
  isWorkflowsLoading: boolean
  /** Every source at once: a workflow id belongs to one source, so there is no such filter. */
  isAllSources?: boolean
  tz: TimeZoneMode
  hiddenColumns: readonly RunColumnId[]
  availableFields: ReadonlySet<OptionalRunField>
  hasFilters: boolean
  searchBox: ReactNode
  /** The time range control (presets, custom, a chart bar's window). */
  timeRange: ReactNode
  onStatusChange: (status: RunStatus[]) => void
  onWorkflowChange: (workflow: string | undefined) => void
  onClearFilters: () => void
  onTimezoneChange: (tz: TimeZoneMode) => void
  onHiddenColumnsChange: (hidden: RunColumnId[]) => void
  onShowShortcuts: () => void
}) {
  return (
    <div
      role="toolbar"
      aria-label="Run filters and view options"
      className="flex flex-wrap items-center gap-2"
    >
      {searchBox}
      <StatusFilter
        value={status}
        reportable={reportableStatuses}
        counts={counts}
        onValueChange={onStatusChange}
      />
      {isAllSources ? (
        <WorkflowFilterUnavailable />
      ) : (
        <WorkflowFilter
          workflows={workflows}
          value={workflow}
          isLoading={isWorkflowsLoading}
          onValueChange={onWorkflowChange}
        />
      )}
      {timeRange}
      {hasFilters && (
        <Button variant="ghost" onClick={onClearFilters}>
          <XIcon width={14} height={14} />
          Clear filters
        </Button>
      )}
      <div className="ml-auto flex items-center gap-2">
        <TimezoneToggle value={tz} onValueChange={onTimezoneChange} />
        <ColumnVisibilityMenu
          hiddenColumns={hiddenColumns}
          availableFields={availableFields}
          onHiddenColumnsChange={onHiddenColumnsChange}
        />
        {/* Phones have no keyboard to speak of: the help would only be clutter there. */}
        <span className="hidden sm:block">
          <Button
            variant="ghost"
            size="icon"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={onShowShortcuts}
          >
            <KeyboardIcon />
          </Button>
        </span>
      </div>
    </div>
  )
}

const pickOneSource = 'Pick one source to filter by workflow'

/** Where the workflow filter sits, saying why it is not offered on the all-sources view. */
function WorkflowFilterUnavailable() {
  return (
    <div
      title={pickOneSource}
      className="flex h-8 min-w-0 items-center rounded-md border border-line bg-surface-muted px-2.5 text-fg-subtle"
    >
      <label htmlFor="workflow-filter-unavailable" className="shrink-0 pr-1.5">
        Workflow
      </label>
      <input
        id="workflow-filter-unavailable"
        type="text"
        disabled
        title={pickOneSource}
        aria-description={pickOneSource}
        placeholder="All workflows"
        className="h-full w-full min-w-0 cursor-not-allowed bg-transparent text-sm outline-none placeholder:text-fg-subtle sm:w-48"
      />
    </div>
  )
}
