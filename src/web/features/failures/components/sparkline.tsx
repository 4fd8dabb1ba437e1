/**
 * A group's failures per UTC day as a few bars of inline SVG: a chart library would cost more
 * than the whole inbox for what is a glance. Screen readers get the numbers as its label.
 */
import type { FailureGroup } from '../../../../shared/failures-model'

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
})

export function describeDaily(daily: FailureGroup['daily']): string {
  return daily
    .map((point) => `${dayFormat.format(new Date(`${point.day}T00:00:00Z`))}: ${point.count}`)
    .join(', ')
}

/** Bars at most this wide: a 24-hour window's two days stay a small glyph, not two blocks. */
const maxSlot = 12

export function Sparkline({
  daily,
  maxWidth = 96,
  height = 24,
}: {
  daily: FailureGroup['daily']
  maxWidth?: number
  height?: number
}) {
  const width = Math.min(maxWidth, Math.max(1, daily.length) * maxSlot)
  const max = Math.max(1, ...daily.map((point) => point.count))
  const slot = width / Math.max(1, daily.length)
  const gap = slot > 4 ? 1 : 0
  const label = `Failures per day (UTC): ${describeDaily(daily)}`
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="shrink-0 overflow-visible"
    >
      <title>{label}</title>
      <line
        x1={0}
        x2={width}
        y1={height - 0.5}
        y2={height - 0.5}
        className="stroke-line-strong"
        strokeWidth={1}
      />
      {daily.map((point, index) => {
        // A day with failures always shows, however small beside the busiest one.
        const barHeight = point.count === 0 ? 0 : Math.max(2, (point.count / max) * (height - 1))
        return (
          <rect
            key={point.day}
            x={index * slot + gap / 2}
            y={height - 1 - barHeight}
            width={Math.max(1, slot - gap)}
            height={barHeight}
            rx={1}
            className="fill-danger-fg"
          />
        )
      })}
    </svg>
  )
}
