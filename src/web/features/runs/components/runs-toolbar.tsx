/** Filters on the left, view options on the right; wraps onto more lines on narrow screens. */
import type { Ref } from 'react'
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
  timeWindowLabel,
  workflowInputRef,
  onStatusChange,
  onWorkflowChange,
  onClearFilters,
  onClearTimeWindow,
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
  /** The chart bar's window the table is narrowed to, as text. */
  timeWindowLabel: string | undefined
  workflowInputRef: Ref<HTMLInputElement>
  onStatusChange: (status: RunStatus[]) => void
  onWorkflowChange: (workflow: string | undefined) => void
  onClearFilters: () => void
  onClearTimeWindow: () => void
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
        inputRef={workflowInputRef}
      />
      {timeWindowLabel !== undefined && (
        <span className="inline-flex h-8 items-center gap-1 rounded-md border border-accent/40 bg-accent-soft pr-1 pl-2.5 text-accent-text">
          <span className="text-xs">
            <span className="font-medium">Started</span> {timeWindowLabel}
          </span>
          <Button
            variant="ghost"
            size="icon"
            className="size-6"
            aria-label={`Remove the time filter ${timeWindowLabel}`}
            onClick={onClearTimeWindow}
          >
            <XIcon width={12} height={12} />
          </Button>
        </span>
      )}
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
