/**
 * The stacked bar chart of outcomes per bucket (recharts, loaded lazily so the table's first
 * rows never wait for it). Colours come from the one status vocabulary's tones. The drawing is
 * hidden from assistive tech (the panel offers its numbers as a table); over it lie the bucket
 * columns (bucket-targets.tsx), whose click hands a bucket to the page, which narrows the table
 * to its failed runs.
 */
import { useEffect, useState } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceArea,
  ResponsiveContainer,
  usePlotArea,
  XAxis,
  YAxis,
} from 'recharts'
import type { RunStats } from '../../../../shared/model'
import { statusMeta } from '../../../../shared/run-status'
import type { TimeZoneMode } from '../../../lib/format'
import { bucketLabel, shownStatuses, statusColor, type BucketSelection } from '../outcome-figures'
import { BucketTargets, type BucketDatum, type PlotBox } from './bucket-targets'

/** Hands recharts' plot area (known only inside the chart) to the overlay outside the SVG. */
function PlotAreaReporter({ onChange }: { onChange: (plot: PlotBox) => void }) {
  const plot = usePlotArea()
  const { x, y, width, height } = plot ?? { x: 0, y: 0, width: 0, height: 0 }
  useEffect(() => {
    if (width > 0 && height > 0) onChange({ x, y, width, height })
  }, [x, y, width, height, onChange])
  return null
}

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
  const data: BucketDatum[] = stats.buckets.map((bucket) => ({
    label: bucketLabel(bucket.start, stats.bucket, tz),
    start: bucket.start,
    end: bucket.end,
    total: bucket.total,
    ...bucket.counts,
  }))
  const coveredFrom = Date.parse(stats.coverage.coveredFrom)
  const uncovered = data.filter((datum) => Date.parse(datum.start) < coveredFrom)
  const firstUncovered = uncovered[0]
  const lastUncovered = uncovered.at(-1)
  // The bars the table's range touches: one for a clicked bar, several for a wider range.
  const marked = selected
    ? data.filter(
        (datum) =>
          Date.parse(datum.start) < Date.parse(selected.to) &&
          Date.parse(datum.end) > Date.parse(selected.from),
      )
    : []
  const firstMarked = marked.length < data.length ? marked[0] : undefined
  const lastMarked = marked.at(-1)

  const [plot, setPlot] = useState<PlotBox | undefined>(undefined)

  return (
    <div className="relative h-full w-full">
      <div className="h-full w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
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
            {firstUncovered && lastUncovered && (
              <ReferenceArea
                x1={firstUncovered.label}
                x2={lastUncovered.label}
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
            {firstMarked && lastMarked && (
              <ReferenceArea
                x1={firstMarked.label}
                x2={lastMarked.label}
                fill="var(--accent-soft)"
                stroke="var(--accent)"
                strokeDasharray="3 3"
              />
            )}
            <PlotAreaReporter onChange={setPlot} />
            {statuses.map((status) => (
              <Bar
                key={status}
                dataKey={status}
                name={statusMeta[status].label}
                stackId="outcomes"
                fill={statusColor(status)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {plot && (
        <BucketTargets
          data={data}
          statuses={statuses}
          plot={plot}
          tz={tz}
          selected={selected}
          onSelectFailed={onSelectFailed}
        />
      )}
    </div>
  )
}
