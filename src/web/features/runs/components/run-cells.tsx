/** Cell renderers for the runs table. Every value is rendered as text, never as HTML. */
import { AppLink } from '../../../lib/navigation'
import type { Run } from '../../../../shared/model'
import { CopyButton } from '../../../components/ui/copy-button'
import {
  formatAbsoluteTime,
  formatDuration,
  formatRelativeTime,
  formatVendorWord,
  type TimeZoneMode,
} from '../../../lib/format'
import { useNow } from '../../../lib/use-now'
import { openRunSearch, runsHref } from '../runs-search'
import { excerptAround, Highlighted } from './highlight'
import { useRunsSearch } from '../use-runs-search'

/** Keeps both ends of long ids: vendors share prefixes, the tail is what tells runs apart. */
export function truncateMiddle(value: string, max = 20): string {
  if (value.length <= max) return value
  const tail = 6
  return `${value.slice(0, max - tail - 1)}…${value.slice(-tail)}`
}

export function RunIdCell({ run }: { run: Run }) {
  const search = useRunsSearch()
  const runId = run.id
  return (
    <span className="flex items-center gap-1">
      <AppLink
        href={runsHref({ ...search, ...openRunSearch(run, search.source) })}
        aria-label={`Open run ${runId}`}
        title={runId}
        className="rounded font-mono text-[13px] text-fg hover:text-accent-text hover:underline"
      >
        {truncateMiddle(runId)}
      </AppLink>
      <CopyButton
        value={runId}
        label={`Copy run id ${runId}`}
        className="opacity-60 group-hover:opacity-100 focus-visible:opacity-100"
      />
    </span>
  )
}

export function WorkflowCell({
  run,
  name,
  words = [],
}: {
  run: Run
  name: string | undefined
  words?: readonly string[]
}) {
  if (name) {
    return (
      <span title={`${name} (${run.workflowId})`} className="block max-w-[16rem] truncate">
        <Highlighted text={name} words={words} />
      </span>
    )
  }
  return (
    <span
      title={run.workflowId}
      className="block max-w-[16rem] truncate font-mono text-[13px] text-fg-muted"
    >
      {run.workflowId}
    </span>
  )
}

export function StartedCell({ run, tz, now }: { run: Run; tz: TimeZoneMode; now: number }) {
  // Queued runs have not started: their creation time is the best "when" there is.
  const iso = run.startedAt ?? run.createdAt
  if (!iso) return <span className="text-fg-subtle">—</span>
  const isQueued = run.startedAt === undefined
  const other = formatAbsoluteTime(iso, tz === 'utc' ? 'local' : 'utc')
  const relative = formatRelativeTime(iso, now)
  return (
    <time
      dateTime={iso}
      title={`${isQueued ? 'Queued, not started yet. Created ' : ''}${relative} · ${other}`}
      className={isQueued ? 'text-fg-muted tabular-nums' : 'tabular-nums'}
    >
      {/* A card on a phone has room for "3 min ago", not a full date and zone. */}
      <span className="max-sm:hidden">{formatAbsoluteTime(iso, tz)}</span>
      <span className="sm:hidden">
        {isQueued ? 'queued ' : 'started '}
        {relative}
      </span>
    </time>
  )
}

export function DurationCell({ run }: { run: Run }) {
  if (run.status === 'running' && run.startedAt && !run.finishedAt) {
    return <LiveDuration startedAt={run.startedAt} />
  }
  const ms = run.durationMs ?? elapsedBetween(run.startedAt, run.finishedAt)
  if (ms === undefined) return <span className="text-fg-subtle">—</span>
  return <span className="tabular-nums">{formatDuration(ms)}</span>
}

function elapsedBetween(start: string | undefined, end: string | undefined): number | undefined {
  if (!start || !end) return undefined
  const ms = new Date(end).getTime() - new Date(start).getTime()
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined
}

/** Running runs have no duration yet: count up from the start, whole seconds so it reads calmly. */
function LiveDuration({ startedAt }: { startedAt: string }) {
  const now = useNow(1000)
  const elapsed = Math.max(0, now - new Date(startedAt).getTime())
  return (
    <span className="text-info-fg tabular-nums" title="Still running: time since it started">
      {formatDuration(Math.floor(elapsed / 1000) * 1000)}
    </span>
  )
}

/** The trigger in the words the drawer uses too; the vendor's own word on hover. */
export function TriggerCell({ trigger }: { trigger: string | undefined }) {
  if (!trigger) return <span className="text-fg-subtle">—</span>
  return (
    <span title={trigger} className="block max-w-[12rem] truncate text-fg-muted">
      {formatVendorWord(trigger)}
    </span>
  )
}

export function TextCell({ value, mono = false }: { value: string | undefined; mono?: boolean }) {
  if (!value) return <span className="text-fg-subtle">—</span>
  return (
    <span
      title={value}
      className={
        mono
          ? 'block max-w-[12rem] truncate font-mono text-xs text-fg-muted'
          : 'block max-w-[12rem] truncate text-fg-muted'
      }
    >
      {value}
    </span>
  )
}

/** The error's first line (a stack trace's message); the whole text on hover and in the drawer. */
export function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  )
}

/**
 * A failed run's error, first line, and the step that failed where the error does not name it
 * already (Trigify's errors say "Step 'X' failed: ..."; puq's are the step's own message).
 */
export function ErrorCell({
  error,
  failedStep,
  words = [],
}: {
  error: string | undefined
  failedStep?: string | undefined
  words?: readonly string[]
}) {
  // On a phone card the cell is empty for a run without an error, rather than a lone dash.
  if (!error && !failedStep) return <span className="text-fg-subtle max-sm:hidden">—</span>
  const text = error ?? ''
  const namesStep = failedStep !== undefined && !text.includes(failedStep)
  // A search shows the text around its first match, wherever it is; otherwise the first line.
  const shown = (
    <Highlighted
      text={words.length > 0 ? excerptAround(text, words) : firstLine(text)}
      words={words}
    />
  )
  return (
    <span
      title={namesStep ? `Step '${failedStep}' failed${text ? `: ${text}` : ''}` : text}
      className="block max-w-[18rem] truncate text-danger-fg xl:max-w-[22rem] 2xl:max-w-[32rem] max-sm:line-clamp-2 max-sm:max-w-none max-sm:text-[13px] max-sm:whitespace-normal max-sm:[overflow-wrap:anywhere]"
    >
      {namesStep ? (
        <>
          <span className="font-medium">
            {failedStep}
            {text ? ': ' : ' failed'}
          </span>
          <span>{shown}</span>
        </>
      ) : (
        shown
      )}
    </span>
  )
}

/** Where a run is from, on the all-sources view: the source's id, as its URLs spell it. */
export function SourceCell({ source, label }: { source: string; label?: string | undefined }) {
  return (
    <span
      title={`Source: ${source}`}
      className="inline-flex max-w-[10rem] items-center truncate rounded-full border border-line bg-surface-muted px-2 py-0.5 text-xs text-fg-muted"
    >
      {label ?? source}
    </span>
  )
}
