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

// Phone cards: the cause on its own lines, then count and sparkline, then first and last seen.
const cell = 'md:table-cell md:px-4 md:py-3 md:align-top'
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
  const message =
    causeText(group) || (isAwaitingDetail ? 'Step detail not read yet' : 'No error text')
  const runsLabel = `${formatCount(group.count)} ${plural(group.count, 'run', 'runs')}`
  return (
    <tr className="block border-b border-line py-3 last:border-b-0 hover:bg-surface-hover md:table-row md:py-0">
      <td className={cn(cell, 'block min-w-0 px-4 md:w-[55%]')}>
        <div className="flex items-start gap-1.5">
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
            className="min-w-0 flex-1 rounded font-medium break-words text-fg hover:text-accent-text hover:underline focus-visible:outline-2 focus-visible:outline-ring"
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
      <td className={cn(cell, 'inline-block pt-2 pr-2 pl-4 align-middle md:text-right')}>
        <span className="font-semibold text-fg tabular-nums">{runsLabel}</span>
      </td>
      <td className={cn(cell, 'inline-block pt-2 align-middle')}>
        <Sparkline daily={group.daily} />
      </td>
      <td className={cn(cell, 'block pt-1 pl-4 text-xs text-fg-muted md:text-sm')}>
        <span className="md:hidden">First seen </span>
        <time dateTime={group.firstSeenAt} title={formatAbsoluteTime(group.firstSeenAt, tz)}>
          {formatRelativeTime(group.firstSeenAt, nowMs)}
        </time>
      </td>
      <td className={cn(cell, 'block pl-4 text-xs text-fg-muted md:text-sm')}>
        <span className="md:hidden">Last seen </span>
        <time dateTime={group.lastSeenAt} title={formatAbsoluteTime(group.lastSeenAt, tz)}>
          {formatRelativeTime(group.lastSeenAt, nowMs)}
        </time>
      </td>
    </tr>
  )
}

/**
 * Trigify names the step inside its error (`Step 'Enrich' failed: …`), which the normalizer
 * masks; the step is shown beside the message already, so the row leads with the cause.
 */
export function causeText(group: FailureGroup): string {
  const prefix = "Step '<value>' failed: "
  return group.step !== undefined && group.message.startsWith(prefix)
    ? group.message.slice(prefix.length)
    : group.message
}

function describeVersions(versions: string[]): string {
  const shown = versions.slice(0, 3).join(', ')
  const more = versions.length > 3 ? ` +${versions.length - 3}` : ''
  return `${plural(versions.length, 'version', 'versions')} ${shown}${more}`
}
