/**
 * The time range control: presets that move with the clock (`range=24h`) or a custom from/to
 * (`from`/`to`, fixed instants), typed in the zone the page shows times in. A chart bar's
 * window shows here too, as a custom range. The × beside it removes whichever is set.
 */
import { useId, useRef, useState, type SyntheticEvent } from 'react'
import { runRangePresets, type RunRangePreset } from '../../../../shared/run-range'
import { Button } from '../../../components/ui/button'
import { CalendarIcon, CheckIcon, XIcon } from '../../../components/ui/icons'
import { Popover } from '../../../components/ui/popover'
import { cn } from '../../../lib/cn'
import type { TimeZoneMode } from '../../../lib/format'
import { fromInputValue, toInputValue } from '../datetime-local'
import { describeTimeRange, rangePresetLabels, type TimeRange } from './describe-view'

export type TimeRangeChange =
  | { range: RunRangePreset; from?: undefined; to?: undefined }
  | { range?: undefined; from: string | undefined; to: string | undefined }

export function TimeRangeMenu({
  value,
  tz,
  onValueChange,
}: {
  value: TimeRange
  tz: TimeZoneMode
  onValueChange: (change: TimeRangeChange) => void
}) {
  const label = describeTimeRange(value, tz)
  const isCustom = value.range === undefined && label !== undefined
  return (
    <div className="flex min-w-0 items-center">
      <Popover
        panelLabel="Time range"
        triggerLabel={`Started: ${label ?? 'Any time'}`}
        className="min-w-0"
        triggerClassName={cn(
          'max-w-full min-w-0',
          label !== undefined && 'rounded-r-none border-accent/50',
        )}
        trigger={
          <>
            <CalendarIcon width={15} height={15} className="shrink-0 text-fg-muted" />
            {/* The space keeps the text "Started 14 Nov…" (flex layout drops it visually). */}
            <span className="text-fg-muted">Started</span>{' '}
            <span className={cn('truncate', label === undefined ? 'text-fg-subtle' : 'text-fg')}>
              {label ?? 'Any time'}
            </span>
          </>
        }
      >
        <div className="w-[min(20rem,calc(100vw-2.5rem))]">
          <ul className="flex flex-col" aria-label="Presets">
            {([undefined, ...runRangePresets] as const).map((preset) => {
              const isSelected = preset === undefined ? label === undefined : value.range === preset
              return (
                <li key={preset ?? 'any'}>
                  <button
                    type="button"
                    aria-pressed={isSelected}
                    data-popover-close
                    onClick={() =>
                      onValueChange(
                        preset === undefined
                          ? { from: undefined, to: undefined }
                          : { range: preset },
                      )
                    }
                    className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-surface-muted"
                  >
                    <span className="flex-1">
                      {preset === undefined ? 'Any time' : rangePresetLabels[preset]}
                    </span>
                    {isSelected && <CheckIcon width={14} height={14} className="text-accent" />}
                  </button>
                </li>
              )
            })}
          </ul>
          <CustomRange
            // A new value (a chart bar, Back) starts the form over from it.
            key={`${value.from ?? ''}|${value.to ?? ''}|${tz}`}
            value={value}
            tz={tz}
            isCustom={isCustom}
            onApply={(from, to) => onValueChange({ from, to })}
          />
        </div>
      </Popover>
      {label !== undefined && (
        <Button
          variant="secondary"
          size="icon"
          className="-ml-px rounded-l-none border-accent/50 text-fg-muted hover:text-fg"
          aria-label={`Remove the time filter ${label}`}
          title="Remove the time filter"
          onClick={() => onValueChange({ from: undefined, to: undefined })}
        >
          <XIcon width={13} height={13} />
        </Button>
      )}
    </div>
  )
}

function CustomRange({
  value,
  tz,
  isCustom,
  onApply,
}: {
  value: TimeRange
  tz: TimeZoneMode
  isCustom: boolean
  onApply: (from: string | undefined, to: string | undefined) => void
}) {
  const id = useId()
  const [fromText, setFromText] = useState(() => (isCustom ? toInputValue(value.from, tz) : ''))
  const [toText, setToText] = useState(() => (isCustom ? toInputValue(value.to, tz) : ''))
  const [error, setError] = useState<string | undefined>(undefined)
  const closeRef = useRef<HTMLButtonElement>(null)

  function onSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault()
    const from = fromText === '' ? undefined : fromInputValue(fromText, tz)
    const to = toText === '' ? undefined : fromInputValue(toText, tz)
    if ((fromText !== '' && from === undefined) || (toText !== '' && to === undefined)) {
      setError('Enter a date and a time.')
      return
    }
    if (from === undefined && to === undefined) {
      setError('Enter a start, an end, or both.')
      return
    }
    if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to)) {
      setError('The end must be after the start.')
      return
    }
    setError(undefined)
    onApply(from, to)
    // Close the panel the way its preset buttons do (focus goes back to its button).
    closeRef.current?.click()
  }

  const inputClass =
    'h-8 w-full rounded-md border border-line-strong bg-surface px-2 text-sm text-fg tabular-nums focus:border-accent focus:outline-none [color-scheme:light] dark:[color-scheme:dark]'
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby={`${id}-title`}
      className="mt-1 flex flex-col gap-2 border-t border-line px-2 pt-2 pb-1"
      noValidate
    >
      <p id={`${id}-title`} className="text-xs font-medium text-fg-muted">
        Custom range, in {tz === 'utc' ? 'UTC' : 'local time'}
      </p>
      <div className="grid grid-cols-[auto_1fr] items-center gap-x-2 gap-y-1.5">
        <label htmlFor={`${id}-from`} className="text-xs text-fg-muted">
          From
        </label>
        <input
          id={`${id}-from`}
          type="datetime-local"
          value={fromText}
          onChange={(event) => setFromText(event.target.value)}
          className={inputClass}
        />
        <label htmlFor={`${id}-to`} className="text-xs text-fg-muted">
          To
        </label>
        <input
          id={`${id}-to`}
          type="datetime-local"
          value={toText}
          onChange={(event) => setToText(event.target.value)}
          className={inputClass}
        />
      </div>
      {error && (
        <p role="alert" className="text-xs text-danger-fg">
          {error}
        </p>
      )}
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-fg-subtle">Leave an end empty to keep it open.</p>
        <Button type="submit" size="sm" variant="primary">
          Apply
        </Button>
        <button ref={closeRef} type="button" hidden tabIndex={-1} data-popover-close />
      </div>
    </form>
  )
}
