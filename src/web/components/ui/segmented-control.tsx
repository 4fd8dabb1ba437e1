/** One choice of a few: native radios (keyboard and screen readers for free), styled as tabs. */
import { cn } from '../../lib/cn'

export function SegmentedControl<T extends string>({
  name,
  legend,
  options,
  value,
  onValueChange,
}: {
  /** The radio group's name: unique on the page. */
  name: string
  legend: string
  options: readonly { value: T; label: string; title?: string }[]
  value: T
  onValueChange: (value: T) => void
}) {
  return (
    <fieldset className="flex h-8 items-center rounded-md border border-line-strong bg-surface-muted p-0.5">
      <legend className="sr-only">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="relative" title={option.title}>
          <input
            type="radio"
            name={name}
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
