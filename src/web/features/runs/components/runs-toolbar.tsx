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
  counts?: StatusCounts
  workflow: string | undefined
  workflows: readonly Workflow[]
  isWorkflowsLoading: boolean
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
      <WorkflowFilter
        workflows={workflows}
        value={workflow}
        isLoading={isWorkflowsLoading}
        onValueChange={onWorkflowChange}
      />
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
