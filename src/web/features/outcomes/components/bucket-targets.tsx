/**
 * The chart's click targets: one column per bucket laid over the plot area, the full height of
 * the chart, so a bucket with 2 failed runs among 300 is as easy to hit as one with 200. A
 * bucket with failed runs is a button (its failed runs); the others only show their numbers.
 * Keyboard: the buttons are one tab stop, arrows (and Home/End) move between them, Enter or
 * Space lists the bucket's failed runs. The ring shows for keyboard focus only (:focus-visible),
 * and the tooltip follows the pointer or the keyboard focus, never a mouse click's focus, so
 * nothing stays behind after a click.
 */
import { useState, type KeyboardEvent } from 'react'
import { statusMeta, type RunStatus } from '../../../../shared/run-status'
import { cn } from '../../../lib/cn'
import { formatCount, formatTimeRange, type TimeZoneMode } from '../../../lib/format'
import { statusColor, type BucketSelection } from '../outcome-figures'

export type BucketDatum = { label: string; start: string; end: string; total: number } & Partial<
  Record<RunStatus, number>
>

/** Where the bars are drawn, in pixels from the chart's top-left corner (recharts' plot area). */
export type PlotBox = { x: number; y: number; width: number; height: number }

function failedOf(datum: BucketDatum): number {
  return datum.failed ?? 0
}

/** Whether focus came from the keyboard; jsdom may not know the selector, so ask safely. */
function isKeyboardFocus(element: Element): boolean {
  try {
    return element.matches(':focus-visible')
  } catch {
    return false
  }
}

export function BucketTargets({
  data,
  statuses,
  plot,
  tz,
  selected,
  onSelectFailed,
}: {
  data: readonly BucketDatum[]
  statuses: readonly RunStatus[]
  plot: PlotBox
  tz: TimeZoneMode
  selected: BucketSelection | undefined
  onSelectFailed: (bucket: BucketSelection) => void
}) {
  const [hovered, setHovered] = useState<number | undefined>(undefined)
  const [keyboardFocused, setKeyboardFocused] = useState<number | undefined>(undefined)
  const targets = data.flatMap((datum, index) => (failedOf(datum) > 0 ? [index] : []))
  const selectedIndex = selected
    ? data.findIndex((datum) => datum.start === selected.from && datum.end === selected.to)
    : -1
  const [rovingIndex, setRovingIndex] = useState<number | undefined>(undefined)
  // The one tab stop: the last bucket moved to, else the selected one, else the first.
  const tabStop = [rovingIndex, selectedIndex, targets[0]].find(
    (index) => index !== undefined && targets.includes(index),
  )
  const shown = hovered ?? keyboardFocused
  const shownDatum = shown === undefined ? undefined : data[shown]
  const columnWidth = data.length > 0 ? plot.width / data.length : 0
  const tooltipWidth = Math.min(240, plot.width)

  function moveFocus(event: KeyboardEvent<HTMLButtonElement>, from: number) {
    const position = targets.indexOf(from)
    const next = {
      ArrowRight: targets[position + 1],
      ArrowDown: targets[position + 1],
      ArrowLeft: targets[position - 1],
      ArrowUp: targets[position - 1],
      Home: targets[0],
      End: targets.at(-1),
    }[event.key]
    if (next === undefined) return
    event.preventDefault()
    setRovingIndex(next)
    const group = event.currentTarget.parentElement
    group?.querySelector<HTMLButtonElement>(`[data-bucket-index="${next}"]`)?.focus()
  }

  return (
    <div
      role="group"
      aria-label="Chart buckets: arrows move between buckets with failed runs, Enter lists them"
      className="absolute"
      style={{ left: plot.x, top: plot.y, width: plot.width, height: plot.height }}
      onPointerLeave={() => setHovered(undefined)}
    >
      {data.map((datum, index) => {
        const style = { left: index * columnWidth, width: columnWidth }
        const hoverClass = 'absolute inset-y-0 hover:bg-fg/5'
        if (failedOf(datum) === 0) {
          return (
            <div
              key={datum.start}
              aria-hidden="true"
              className={hoverClass}
              style={style}
              onPointerEnter={() => setHovered(index)}
            />
          )
        }
        return (
          <button
            key={datum.start}
            type="button"
            data-bucket-index={index}
            tabIndex={index === tabStop ? 0 : -1}
            aria-label={`List the ${formatCount(failedOf(datum))} failed runs of ${formatTimeRange(datum.start, datum.end, tz)}`}
            aria-pressed={index === selectedIndex}
            className={cn(
              hoverClass,
              'cursor-pointer rounded-sm',
              'focus-visible:bg-fg/5 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring',
            )}
            style={style}
            onPointerEnter={() => setHovered(index)}
            onFocus={(event) => {
              setRovingIndex(index)
              setKeyboardFocused(isKeyboardFocus(event.currentTarget) ? index : undefined)
            }}
            onBlur={() => setKeyboardFocused(undefined)}
            onKeyDown={(event) => moveFocus(event, index)}
            onClick={() => onSelectFailed({ from: datum.start, to: datum.end })}
          />
        )
      })}
      {shown !== undefined && shownDatum && (
        <BucketTooltip
          datum={shownDatum}
          statuses={statuses}
          tz={tz}
          // Beside the column, on the side with room, so it hides not the bar it describes;
          // within the plot on a narrow screen, where there is no such room.
          position={{
            width: tooltipWidth,
            left:
              shown < data.length / 2
                ? Math.min((shown + 1) * columnWidth + 8, plot.width - tooltipWidth)
                : Math.max(shown * columnWidth - 8 - tooltipWidth, 0),
          }}
        />
      )}
    </div>
  )
}

function BucketTooltip({
  datum,
  statuses,
  tz,
  position,
}: {
  datum: BucketDatum
  statuses: readonly RunStatus[]
  tz: TimeZoneMode
  position: { left: number; width: number }
}) {
  return (
    <div
      role="status"
      className="pointer-events-none absolute top-0 z-10 rounded-md border border-line bg-surface px-3 py-2 text-xs shadow-lg"
      style={position}
      data-testid="outcomes-tooltip"
    >
      <p className="mb-1 font-medium text-fg">{formatTimeRange(datum.start, datum.end, tz)}</p>
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-0.5 tabular-nums">
        {statuses.map((status) => (
          <div key={status} className="contents">
            <dt className="flex items-center gap-1.5 text-fg-muted">
              <span className="size-2 rounded-sm" style={{ background: statusColor(status) }} />
              {statusMeta[status].label}
            </dt>
            <dd className="text-right text-fg">{formatCount(datum[status] ?? 0)}</dd>
          </div>
        ))}
        <dt className="border-t border-line pt-0.5 font-medium text-fg">Total</dt>
        <dd className="border-t border-line pt-0.5 text-right font-medium text-fg">
          {formatCount(datum.total)}
        </dd>
      </dl>
      {failedOf(datum) > 0 && (
        <p className="mt-1.5 text-fg-subtle">Click or press Enter to list these failed runs</p>
      )}
    </div>
  )
}
