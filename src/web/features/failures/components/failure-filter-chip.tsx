/**
 * On the runs page, the failure group the table is narrowed to, as a removable chip: "Failure
 * group: Step 'Enrich' failed: HTTP <n>". The group's words come from the failure inbox over
 * the same window the link came with (a cache hit after the inbox), else the last 90 days.
 */
import { useQuery } from '@tanstack/react-query'
import { maxWindowDays } from '../../../../shared/api-params'
import { XIcon } from '../../../components/ui/icons'
import { useNow } from '../../../lib/use-now'
import { failureQueries } from '../api/failure-queries'
import { causeText } from './failure-groups-table'

export function FailureFilterChip({
  source,
  fingerprint,
  from,
  to,
  onClear,
}: {
  source: string
  fingerprint: string
  from: string | undefined
  to: string | undefined
  onClear: () => void
}) {
  const hourMs = 3_600_000
  const nowMs = Math.ceil(useNow(hourMs) / hourMs) * hourMs
  const window =
    from !== undefined && to !== undefined
      ? { from, to }
      : {
          from: new Date(nowMs - maxWindowDays * 86_400_000).toISOString(),
          to: new Date(nowMs).toISOString(),
        }
  const group = useQuery({
    ...failureQueries.groups({ source, ...window }),
    select: (data) => data.groups.find((candidate) => candidate.fingerprint === fingerprint),
  }).data
  const label =
    group === undefined
      ? fingerprint
      : [group.workflowName, group.step, causeText(group) || undefined]
          .filter((part) => part !== undefined)
          .join(' · ')
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="inline-flex max-w-full min-w-0 items-center gap-1 rounded-full border border-line-strong bg-surface py-0.5 pr-1 pl-3">
        <span className="shrink-0 text-fg-muted">Failure group:</span>
        <span className="truncate font-medium" title={group?.sample ?? label}>
          {label}
        </span>
        <button
          type="button"
          onClick={onClear}
          aria-label="Remove the failure group filter"
          className="shrink-0 rounded-full p-1 text-fg-muted hover:bg-surface-muted hover:text-fg"
        >
          <XIcon width={12} height={12} />
        </button>
      </span>
    </div>
  )
}
