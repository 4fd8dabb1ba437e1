/**
 * The stacked bar chart of outcomes per bucket (recharts, loaded lazily so the table's first
 * rows never wait for it). Colours come from the one status vocabulary's tones; clicking a
 * bar's failed segment hands its bucket to the page, which narrows the table to it.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { RunStats } from '../../../../shared/model'
import { statusMeta, type RunStatus } from '../../../../shared/run-status'
import { formatCount, formatTimeRange, type TimeZoneMode } from '../../../lib/format'
import { bucketLabel, shownStatuses, statusColor, type BucketSelection } from '../outcome-figures'

type Datum = { label: string; start: string; end: string; total: number } & Partial<
  Record<RunStatus, number>
>

export default function OutcomesChart({
  stats,
  tz,
  selected,
  onSelectFailed,
}: {
  stats: RunStats
  tz: TimeZoneMode
  selected: BucketSelection | undefined
  onSelectFailed: (bucket: BucketSelection) => void
}) {
  const statuses = shownStatuses(stats)
  const data: Datum[] = stats.buckets.map((bucket) => ({
    label: bucketLabel(bucket.start, stats.bucket, tz),
    start: bucket.start,
    end: bucket.end,
    total: bucket.total,
    ...bucket.counts,
  }))
  const coveredFrom = Date.parse(stats.coverage.coveredFrom)
  const uncovered = data.filter((datum) => Date.parse(datum.start) < coveredFrom)
  // The bars the table's range touches: one for a clicked bar, several for a wider range.
  const marked = selected
    ? data.filter(
        (datum) =>
          Date.parse(datum.start) < Date.parse(selected.to) &&
          Date.parse(datum.end) > Date.parse(selected.from),
      )
    : []
  const firstMarked = marked.length < data.length ? marked[0] : undefined

  return (
    <ResponsiveContainer width="100%" height="100%">
      {/* The panel hides the chart from assistive tech and offers its table instead. */}
      <BarChart
        accessibilityLayer={false}
        data={data}
        margin={{ top: 4, right: 4, bottom: 0, left: -12 }}
        barCategoryGap="18%"
      >
        <CartesianGrid vertical={false} stroke="var(--line)" />
        <XAxis
          dataKey="label"
          tickLine={false}
          axisLine={{ stroke: 'var(--line-strong)' }}
          tick={{ fill: 'var(--fg-muted)', fontSize: 11 }}
          minTickGap={12}
        />
        <YAxis
          allowDecimals={false}
          tickLine={false}
          axisLine={false}
          tick={{ fill: 'var(--fg-muted)', fontSize: 11 }}
          width={48}
        />
        {uncovered.length > 0 && (
          <ReferenceArea
            x1={uncovered[0]?.label}
            x2={uncovered.at(-1)?.label}
            fill="var(--surface-muted)"
            fillOpacity={0.9}
            ifOverflow="visible"
            label={{
              value: 'not fully read',
              position: 'insideTop',
              fill: 'var(--fg-subtle)',
              fontSize: 11,
            }}
          />
        )}
        {firstMarked && (
          <ReferenceArea
            x1={firstMarked.label}
            x2={marked.at(-1)?.label}
            fill="var(--accent-soft)"
            stroke="var(--accent)"
            strokeDasharray="3 3"
          />
        )}
        <Tooltip
          cursor={{ fill: 'var(--surface-hover)' }}
          content={({ active, activeIndex }) => (
            <BucketTooltip
              isActive={active}
              datum={activeIndex === undefined ? undefined : data[Number(activeIndex)]}
              statuses={statuses}
              tz={tz}
            />
          )}
        />
        {statuses.map((status) => (
          <Bar
            key={status}
            dataKey={status}
            name={statusMeta[status].label}
            stackId="outcomes"
            fill={statusColor(status)}
            isAnimationActive={false}
            className={status === 'failed' ? 'cursor-pointer' : undefined}
            onClick={
              status === 'failed'
                ? (_item, index) => {
                    const datum = data[index]
                    if (datum && (datum.failed ?? 0) > 0) {
                      onSelectFailed({ from: datum.start, to: datum.end })
                    }
                  }
                : undefined
            }
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  )
}

function BucketTooltip({
  isActive,
  datum,
  statuses,
  tz,
}: {
  isActive: boolean
  datum: Datum | undefined
  statuses: readonly RunStatus[]
  tz: TimeZoneMode
}) {
  if (!isActive || !datum) return null
  return (
    <div
      role="status"
      className="rounded-md border border-line bg-surface px-3 py-2 text-xs shadow-lg"
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
      {(datum.failed ?? 0) > 0 && (
        <p className="mt-1.5 text-fg-subtle">Click the red part to list these failed runs</p>
      )}
    </div>
  )
}
