/**
 * The steps of a run as a Gantt: one row per attempt on a shared axis from the run's start,
 * retried steps drawn as one linked group, the failed step marked with its error under it, and
 * the selected step (from the URL) expanded with its details. The geometry comes from the pure
 * `layoutTimeline`, memoized, so a 200-step run renders plain rows with inline percentages and
 * nothing runs per frame.
 */
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import type { RunDetail, Step } from '../../../../shared/model'
import { statusMeta, type StatusTone } from '../../../../shared/run-status'
import { CopyButton } from '../../../components/ui/copy-button'
import { StatusBadge, statusIcons } from '../../../components/ui/status-badge'
import { cn } from '../../../lib/cn'
import {
  formatAbsoluteTime,
  formatDuration,
  localTimeZone,
  plural,
  type TimeZoneMode,
} from '../../../lib/format'
import { layoutTimeline, type TimelineRow, type TimelineTick } from '../timeline-layout'
import { ErrorText } from './error-text'

/** The DOM id of a step's row, for scrolling it into view. */
export function stepRowId(stepId: string): string {
  return `run-step-${stepId.replace(/[^A-Za-z0-9_-]/g, '_')}`
}

const barTones: Record<StatusTone, string> = {
  success: 'bg-success-fg/70',
  danger: 'bg-danger-fg',
  info: 'bg-info-fg/80',
  warning: 'bg-warning-fg/70',
  neutral: 'bg-neutral-fg/45',
  muted: 'bg-muted-fg/35',
}

const iconTones: Record<StatusTone, string> = {
  success: 'text-success-fg',
  danger: 'text-danger-fg',
  info: 'text-info-fg',
  warning: 'text-warning-fg',
  neutral: 'text-fg-subtle',
  muted: 'text-fg-subtle',
}

/** `+0`, `+2 s`, `+1 min`: offsets from the run's start, the axis's only unit. */
function formatOffset(ms: number): string {
  return ms === 0 ? '0' : `+${formatDuration(ms)}`
}

/**
 * Vertical grid lines at the ticks, drawn as one background shared by every track: no extra
 * DOM per row, and they line up with the labels exactly because both use the same percents.
 */
function gridBackground(ticks: TimelineTick[]): CSSProperties {
  const lines = ticks
    .filter((tick) => tick.offsetPct > 0 && tick.offsetPct < 100)
    .map(
      (tick) =>
        `linear-gradient(to right, transparent calc(${tick.offsetPct}% - 0.5px), var(--line) calc(${tick.offsetPct}% - 0.5px), var(--line) calc(${tick.offsetPct}% + 0.5px), transparent calc(${tick.offsetPct}% + 0.5px))`,
    )
  return lines.length > 0 ? { backgroundImage: lines.join(', ') } : {}
}

function noTimingText(step: Step): string {
  if (step.status === 'pending') return 'Not started'
  if (step.status === 'running') return 'Running, start time not reported'
  return 'No timing reported'
}

const rowGrid =
  'grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 sm:grid-cols-[minmax(0,15rem)_minmax(0,1fr)_4.5rem]'

export function StepTimeline({
  run,
  steps,
  tz,
  nowMs,
  selectedStepId,
  onStepChange,
}: {
  run: RunDetail
  steps: Step[]
  tz: TimeZoneMode
  nowMs: number
  selectedStepId?: string | undefined
  onStepChange: (stepId: string | undefined) => void
}) {
  const layout = useMemo(() => layoutTimeline(run, steps, nowMs), [run, steps, nowMs])
  const grid = useMemo(() => gridBackground(layout.ticks), [layout.ticks])
  const headingId = useId()
  const listRef = useRef<HTMLOListElement>(null)
  const scrolledForRun = useRef<string | null>(null)

  const retriedCount = useMemo(
    () =>
      new Set(layout.rows.filter((row) => row.attemptCount > 1).map((row) => row.groupKey)).size,
    [layout.rows],
  )
  const hasSelection = layout.rows.some((row) => row.step.id === selectedStepId)

  // Once per run, bring the step that matters into view: the one in the URL, else the failed one.
  const focusStepId = hasSelection ? selectedStepId : layout.failedStepId
  useEffect(() => {
    if (scrolledForRun.current === run.id || focusStepId === undefined) return
    scrolledForRun.current = run.id
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- jsdom, the unit tests' DOM, has no scrollIntoView
    document.getElementById(stepRowId(focusStepId))?.scrollIntoView?.({ block: 'center' })
  }, [run.id, focusStepId])

  // Arrow keys move between rows, so 200 steps are not 200 Tab presses away.
  function onListKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = Array.from(
      listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-step-row]') ?? [],
    )
    const index = buttons.findIndex((button) => button === document.activeElement)
    if (index === -1) return
    event.preventDefault()
    buttons[event.key === 'ArrowDown' ? index + 1 : index - 1]?.focus()
  }

  // Rows are memoized; a stable click handler means a selection change re-renders two rows,
  // not two hundred, even when the parent passes a new `onStepChange` on every render.
  const onStepChangeRef = useRef(onStepChange)
  useLayoutEffect(() => {
    onStepChangeRef.current = onStepChange
  })
  const onRowClick = useCallback((stepId: string, wasSelected: boolean) => {
    onStepChangeRef.current(wasSelected ? undefined : stepId)
  }, [])

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 id={headingId} className="text-sm font-semibold text-fg">
          Steps
        </h3>
        <p className="text-xs text-fg-subtle tabular-nums">
          {layout.rows.length} {plural(layout.rows.length, 'step', 'steps')}
          {retriedCount > 0 && ` · ${retriedCount} retried`}
          {layout.untimedCount > 0 && ` · ${layout.untimedCount} without timing`}
        </p>
      </div>

      {layout.rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-line px-3 py-4 text-sm text-fg-muted">
          The vendor reported no steps for this run yet.
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-line">
          <div
            aria-hidden="true"
            className={cn(
              rowGrid,
              'border-b border-line bg-surface-muted px-3 py-1.5 text-[11px] text-fg-muted',
            )}
          >
            <span className="hidden sm:block">Step</span>
            <span className="relative col-span-2 h-4 sm:col-span-1">
              {layout.ticks.map((tick) => (
                <span
                  key={tick.offsetMs}
                  className={cn(
                    'absolute top-0 whitespace-nowrap tabular-nums',
                    tick.offsetPct === 0
                      ? ''
                      : tick.offsetPct >= 95
                        ? '-translate-x-full'
                        : '-translate-x-1/2',
                  )}
                  style={{ left: `${tick.offsetPct}%` }}
                >
                  {formatOffset(tick.offsetMs)}
                </span>
              ))}
            </span>
            <span className="hidden text-right sm:block">Duration</span>
          </div>
          <ol
            ref={listRef}
            onKeyDown={onListKeyDown}
            aria-label="Steps in order, on a time axis from the run's start"
            className="divide-y divide-line"
          >
            {layout.rows.map((row) => (
              <StepRow
                key={row.step.id}
                row={row}
                tz={tz}
                zone={localTimeZone()}
                grid={grid}
                isSelected={row.step.id === selectedStepId}
                onClick={onRowClick}
              />
            ))}
          </ol>
        </div>
      )}
    </section>
  )
}

const StepRow = memo(function StepRow({
  row,
  tz,
  grid,
  isSelected,
  onClick,
}: {
  row: TimelineRow
  tz: TimeZoneMode
  /** The reader's zone its times are in: a memoized row renders again when it changes. */
  zone: string
  grid: CSSProperties
  isSelected: boolean
  onClick: (stepId: string, wasSelected: boolean) => void
}) {
  const { step, bar } = row
  const meta = statusMeta[step.status]
  const Icon = statusIcons[step.status]
  const statusLabel = step.status === 'unknown' ? step.vendorStatus : meta.label
  const isRetried = row.attemptCount > 1
  const detailsId = `${stepRowId(step.id)}-details`

  return (
    <li
      id={stepRowId(step.id)}
      className={cn(
        'relative scroll-my-16',
        isSelected ? 'bg-accent-soft' : row.isFailedStep && 'bg-danger-bg/60',
      )}
    >
      {/* The thread that links the attempts of one retried step, through their status icons. */}
      {isRetried && !row.isFirstInGroup && (
        <span
          aria-hidden="true"
          className="absolute top-0 left-[calc(0.75rem+6.5px)] h-[11px] w-px bg-line-strong"
        />
      )}
      {isRetried && !row.isLastInGroup && (
        <span
          aria-hidden="true"
          className="absolute top-[25px] bottom-0 left-[calc(0.75rem+6.5px)] w-px bg-line-strong"
        />
      )}
      {(isSelected || row.isFailedStep) && (
        <span
          aria-hidden="true"
          className={cn(
            'absolute inset-y-0 left-0 w-0.5',
            isSelected ? 'bg-accent' : 'bg-danger-fg',
          )}
        />
      )}
      <button
        type="button"
        data-step-row=""
        aria-pressed={isSelected}
        aria-controls={isSelected ? detailsId : undefined}
        onClick={() => onClick(step.id, isSelected)}
        className={cn(
          rowGrid,
          'focus-ring-inset w-full items-center px-3 py-2 text-left',
          !isSelected && 'hover:bg-surface-hover',
        )}
      >
        <span className="flex min-w-0 items-start gap-2">
          <Icon
            width={14}
            height={14}
            className={cn(
              'mt-[3px] shrink-0',
              iconTones[meta.tone],
              step.status === 'running' && 'animate-spin-slow',
            )}
          />
          <span className="min-w-0">
            <span className="block truncate font-medium text-fg" title={step.name}>
              {step.name}
            </span>
            <span className="block text-xs text-fg-muted">
              {step.kind === 'trigger' ? 'Trigger' : 'Action'}
              <span className="text-fg-subtle"> · </span>
              <span className={cn(meta.tone === 'danger' && 'font-medium text-danger-fg')}>
                {statusLabel}
              </span>
              {(isRetried || step.attempt > 1) && (
                <>
                  <span className="text-fg-subtle"> · </span>
                  Attempt {step.attempt}
                  {isRetried && ` of ${row.attemptCount}`}
                </>
              )}
              {row.isFailedStep && (
                <>
                  <span className="text-fg-subtle"> · </span>
                  <span className="font-medium text-danger-fg">Failed step</span>
                </>
              )}
            </span>
          </span>
        </span>

        <span className="text-right text-xs text-fg-muted tabular-nums sm:order-last">
          {row.durationMs !== undefined ? formatDuration(row.durationMs) : '—'}
        </span>

        <span className="relative col-span-2 mt-1.5 h-5 sm:col-span-1 sm:mt-0" style={grid}>
          {bar ? (
            <span
              className={cn(
                'absolute top-1/2 h-2.5 min-w-[3px] -translate-y-1/2 rounded-sm',
                barTones[meta.tone],
                bar.isOpenEnded && 'rounded-r-none opacity-80',
                bar.isEndUnknown && !bar.isOpenEnded && 'opacity-60',
              )}
              style={{ left: `${bar.offsetPct}%`, width: `${bar.widthPct}%` }}
            />
          ) : (
            <span className="absolute inset-y-0 left-0 flex items-center text-xs text-fg-subtle italic">
              {noTimingText(step)}
            </span>
          )}
        </span>
      </button>

      {isSelected ? (
        <StepDetails step={step} row={row} tz={tz} id={detailsId} />
      ) : (
        row.isFailedStep &&
        step.error !== undefined && (
          <div className="px-3 pb-3 sm:pl-9">
            <ErrorText text={step.error} label={`Error of step ${step.name}`} />
          </div>
        )
      )}
    </li>
  )
})

function StepDetails({
  step,
  row,
  tz,
  id,
}: {
  step: Step
  row: TimelineRow
  tz: TimeZoneMode
  id: string
}) {
  return (
    <div id={id} className="space-y-3 px-3 pb-3 sm:pl-9">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-xs sm:grid-cols-3">
        <Detail label="Status">
          <StatusBadge status={step.status} vendorStatus={step.vendorStatus} />
        </Detail>
        <Detail label="Kind">{step.kind === 'trigger' ? 'Trigger' : 'Action'}</Detail>
        <Detail label="Attempt">
          {step.attempt}
          {row.attemptCount > 1 && ` of ${row.attemptCount}`}
        </Detail>
        <Detail label="Started">
          {step.startedAt !== undefined ? (
            <time dateTime={step.startedAt}>{formatAbsoluteTime(step.startedAt, tz)}</time>
          ) : (
            'Not reported'
          )}
        </Detail>
        <Detail label="Finished">
          {step.finishedAt !== undefined ? (
            <time dateTime={step.finishedAt}>{formatAbsoluteTime(step.finishedAt, tz)}</time>
          ) : step.status === 'running' ? (
            'Still running'
          ) : (
            'Not reported'
          )}
        </Detail>
        <Detail label="Duration">
          {row.durationMs !== undefined ? formatDuration(row.durationMs) : 'Not reported'}
          {row.startOffsetMs !== undefined && (
            <span className="text-fg-subtle"> (starts at {formatOffset(row.startOffsetMs)})</span>
          )}
        </Detail>
        <Detail label="Step id" wide>
          <span className="flex min-w-0 items-center gap-1">
            <span className="truncate font-mono" title={step.id}>
              {step.id}
            </span>
            <CopyButton value={step.id} label={`Copy step id ${step.id}`} />
          </span>
        </Detail>
      </dl>
      {step.error !== undefined && (
        <ErrorText text={step.error} label={`Error of step ${step.name}`} />
      )}
    </div>
  )
}

function Detail({
  label,
  wide = false,
  children,
}: {
  label: string
  wide?: boolean
  children: ReactNode
}) {
  return (
    <div className={cn('min-w-0', wide && 'col-span-2 sm:col-span-3')}>
      <dt className="text-fg-subtle">{label}</dt>
      <dd className="mt-0.5 text-fg tabular-nums">{children}</dd>
    </div>
  )
}
