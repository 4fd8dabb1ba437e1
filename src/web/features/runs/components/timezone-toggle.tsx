/** Local time or UTC for every time on the page. */
import { SegmentedControl } from '../../../components/ui/segmented-control'
import type { TimeZoneMode } from '../../../lib/format'

const options: { value: TimeZoneMode; label: string }[] = [
  { value: 'local', label: 'Local' },
  { value: 'utc', label: 'UTC' },
]

export function TimezoneToggle({
  value,
  onValueChange,
}: {
  value: TimeZoneMode
  onValueChange: (value: TimeZoneMode) => void
}) {
  return (
    <SegmentedControl
      name="runboard-timezone"
      legend="Time zone"
      options={options}
      value={value}
      onValueChange={onValueChange}
    />
  )
}
