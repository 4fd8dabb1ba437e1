/**
 * The inbox's rows: one per failure group. A real table on wide screens (headers for screen
 * readers); below `md` each row stacks into a card, the same elements restyled, so there is
 * one tab order and one set of links. The cause is the link to the group's runs.
 */
import type { FailureGroup } from '../../../../shared/failures-model'
import { Badge } from '../../../components/ui/badge'
import { cn } from '../../../lib/cn'
import {
  formatAbsoluteTime,
  formatCount,
  formatRelativeTime,
  plural,
  type TimeZoneMode,
} from '../../../lib/format'
import { AppLink } from '../../../lib/navigation'
import { Sparkline } from './sparkline'

export type GroupLinks = {
  /** The runs table filtered to the group (another feature's URL, built by the route). */
  runsOf: (group: FailureGroup) => string
  /** This view narrowed to the group's workflow. */
  workflowOf: (workflowId: string) => string
}

const cell = 'block px-4 md:table-cell md:py-3 md:align-top'
const headCell = 'px-4 py-2 text-left text-xs font-medium text-fg-muted'

export function FailureGroupsTable({
  groups,
  caption,
  tz,
  nowMs,
  hasAwaitingDetail,
  links,
}: {
  groups: FailureGroup[]
  caption: string
  tz: TimeZoneMode
  nowMs: number
  /** puq: some failed runs' details are unread; their group has no step and no message yet. */
  hasAwaitingDetail: boolean
  links: GroupLinks
}) {
  return (
    <table className="block w-full text-sm md:table">
      <caption className="sr-only">{caption}</caption>
      <thead className="sr-only border-b border-line bg-surface-muted md:not-sr-only md:table-header-group">
        <tr>
          <th scope="col" className={headCell}>
            Cause
          </th>
          <th scope="col" className={cn(headCell, 'text-right')}>
            Failed runs
          </th>
          <th scope="col" className={headCell}>
            Per day
          </th>
          <th scope="col" className={headCell}>
            First seen
          </th>
          <th scope="col" className={headCell}>
            Last seen
          </th>
        </tr>
      </thead>
      <tbody className="block md:table-row-group">
        {groups.map((group) => (
          <GroupRow
            key={group.fingerprint}
            group={group}
            tz={tz}
            nowMs={nowMs}
            isAwaitingDetail={hasAwaitingDetail && isUnread(group)}
            links={links}
          />
        ))}
      </tbody>
    </table>
  )
}

/** A puq group whose runs were listed but not yet read in detail: no step, no error. */
export function isUnread(group: FailureGroup): boolean {
  return group.step === undefined && group.message === ''
}

function GroupRow({
  group,
  tz,
  nowMs,
  isAwaitingDetail,
  links,
}: {
  group: FailureGroup
  tz: TimeZoneMode
  nowMs: number
  isAwaitingDetail: boolean
  links: GroupLinks
}) {
  const workflowName = group.workflowName ?? group.workflowId
  const message = group.message || (isAwaitingDetail ? 'Step detail not read yet' : 'No error text')
  const runsLabel = `${formatCount(group.count)} ${plural(group.count, 'run', 'runs')}`
  return (
    <tr className="block border-b border-line py-3 last:border-b-0 hover:bg-surface-hover md:table-row md:py-0">
      <td className={cn(cell, 'min-w-0 md:w-[55%]')}>
        <div className="flex flex-wrap items-center gap-1.5">
          {group.isNew && (
            <Badge tone="accent" title="First seen inside this window">
              New
            </Badge>
          )}
          {isAwaitingDetail && (
            <Badge tone="muted" title="These runs' step details are still being read">
              Awaiting detail
            </Badge>
          )}
          <AppLink
            href={links.runsOf(group)}
            title={group.sample}
            className="min-w-0 rounded font-medium break-words text-fg hover:text-accent-text hover:underline focus-visible:outline-2 focus-visible:outline-ring"
          >
            {message}
          </AppLink>
        </div>
        <p className="mt-1 text-xs text-fg-muted">
          <AppLink
            href={links.workflowOf(group.workflowId)}
            className="rounded hover:text-fg hover:underline"
            title={`Only ${workflowName}'s failures, with its steps`}
          >
            {workflowName}
          </AppLink>
          {group.step !== undefined && (
            <>
              {' · step '}
              <span className="font-medium text-fg">{group.step}</span>
            </>
          )}
          {group.versions.length > 0 && <> · {describeVersions(group.versions)}</>}
        </p>
        {group.sample !== undefined && group.sample !== group.message && (
          <details className="mt-1 text-xs">
            <summary className="w-fit cursor-pointer rounded text-fg-muted hover:text-fg">
              Raw error
            </summary>
            <pre className="mt-1 max-h-40 overflow-auto rounded border border-line bg-surface-muted p-2 font-mono text-[11px] break-words whitespace-pre-wrap text-fg">
              {group.sample}
            </pre>
          </details>
        )}
      </td>
      <td className={cn(cell, 'pt-2 md:text-right')}>
        <span className="font-semibold text-fg tabular-nums">{runsLabel}</span>
      </td>
      <td className={cn(cell, 'pt-2')}>
        <Sparkline daily={group.daily} />
      </td>
      <td className={cn(cell, 'text-xs text-fg-muted md:text-sm')}>
        <span className="md:hidden">First seen </span>
        <time dateTime={group.firstSeenAt} title={formatAbsoluteTime(group.firstSeenAt, tz)}>
          {formatRelativeTime(group.firstSeenAt, nowMs)}
        </time>
      </td>
      <td className={cn(cell, 'text-xs text-fg-muted md:text-sm')}>
        <span className="md:hidden">Last seen </span>
        <time dateTime={group.lastSeenAt} title={formatAbsoluteTime(group.lastSeenAt, tz)}>
          {formatRelativeTime(group.lastSeenAt, nowMs)}
        </time>
      </td>
    </tr>
  )
}

function describeVersions(versions: string[]): string {
  const shown = versions.slice(0, 3).join(', ')
  const more = versions.length > 3 ? ` +${versions.length - 3}` : ''
  return `${plural(versions.length, 'version', 'versions')} ${shown}${more}`
}
