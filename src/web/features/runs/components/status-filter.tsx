/**
 * The Status filter: a checkbox list in a popover, native checkboxes so Space, Tab and screen
 * readers work as people expect. Counts appear next to statuses when the server knows them.
 */
import type { StatusCounts } from '../../../../shared/model'
import { runStatuses, statusMeta, type RunStatus } from '../../../../shared/run-status'
import { Popover } from '../../../components/ui/popover'
import { statusIcons } from '../../../components/ui/status-badge'
import { formatCount } from '../../../lib/format'

/** `unknown` is not a status anyone asks for; it only exists to show what a vendor sent. */
export const filterableStatuses = runStatuses.filter((status) => status !== 'unknown')

/**
 * The statuses to offer: those the source can report (all until its capabilities are known),
 * plus any the URL already asks for, so a stale choice can still be unticked.
 */
export function offeredStatuses(
  reportable: readonly RunStatus[] | undefined,
  selected: readonly RunStatus[],
): RunStatus[] {
  if (reportable === undefined) return filterableStatuses
  return filterableStatuses.filter(
    (status) => reportable.includes(status) || selected.includes(status),
  )
}

export function StatusFilter({
  value,
  reportable,
  counts,
  onValueChange,
}: {
  value: readonly RunStatus[]
  /** What the source can report, from its capabilities. */
  reportable?: readonly RunStatus[] | undefined
  counts?: StatusCounts | undefined
  onValueChange: (statuses: RunStatus[]) => void
}) {
  const selected = new Set(value)
  const summary =
    value.length === 0
      ? 'Any'
      : value.length <= 2
        ? value.map((status) => statusMeta[status].label).join(', ')
        : `${value.length} selected`

  function toggle(status: RunStatus) {
    const next = new Set(selected)
    if (next.has(status)) next.delete(status)
    else next.add(status)
    onValueChange(runStatuses.filter((candidate) => next.has(candidate)))
  }

  return (
    <Popover
      panelLabel="Status"
      triggerLabel={`Status: ${summary}`}
      trigger={
        <>
          <span className="text-fg-muted">Status</span>
          <span className={value.length > 0 ? 'text-fg' : 'text-fg-subtle'}>{summary}</span>
        </>
      }
      triggerClassName={value.length > 0 ? 'border-accent/50' : undefined}
    >
      <div className="flex flex-col">
        {offeredStatuses(reportable, value).map((status) => {
          const Icon = statusIcons[status]
          const count = counts?.[status]
          return (
            <label
              key={status}
              className="flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 hover:bg-surface-muted"
            >
              <input
                type="checkbox"
                checked={selected.has(status)}
                onChange={() => toggle(status)}
                className="size-4 accent-[var(--accent)]"
              />
              <Icon width={14} height={14} className="text-fg-muted" />
              <span className="flex-1">{statusMeta[status].label}</span>
              {count !== undefined && (
                <span className="text-xs text-fg-subtle tabular-nums">{formatCount(count)}</span>
              )}
            </label>
          )
        })}
        <div className="mt-1 flex justify-between border-t border-line px-1 pt-1">
          <button
            type="button"
            disabled={value.length === 0}
            onClick={() => onValueChange([])}
            className="rounded px-2 py-1 text-xs text-fg-muted hover:text-fg disabled:opacity-50"
          >
            Any status
          </button>
          <button
            type="button"
            data-popover-close
            className="rounded px-2 py-1 text-xs font-medium text-accent-text hover:underline"
          >
            Done
          </button>
        </div>
      </div>
    </Popover>
  )
}
