/** Local time or UTC for every time on the page: native radios, styled as a segmented control. */
import type { TimeZoneMode } from '../../../lib/format'
import { cn } from '../../../lib/cn'

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
    <fieldset className="flex h-8 items-center rounded-md border border-line-strong bg-surface-muted p-0.5">
      <legend className="sr-only">Time zone</legend>
      {options.map((option) => (
        <label key={option.value} className="relative">
          <input
            type="radio"
            name="runboard-timezone"
            value={option.value}
            checked={value === option.value}
            onChange={() => onValueChange(option.value)}
            className="peer sr-only"
          />
          <span
            className={cn(
              'flex h-[26px] cursor-pointer items-center rounded px-2.5 text-xs font-medium',
              'peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-ring',
              value === option.value
                ? 'bg-surface text-fg shadow-xs'
                : 'text-fg-muted hover:text-fg',
            )}
          >
            {option.label}
          </span>
        </label>
      ))}
    </fieldset>
  )
}
