/**
 * The Workflow filter: an editable combobox (ARIA 1.2 pattern) so a long list can be searched
 * by typing a name or an id; a short list works the same way with the arrow keys.
 */
import { useId, useState, type Ref } from 'react'
import type { Workflow } from '../../../../shared/model'
import { ChevronDownIcon, XIcon } from '../../../components/ui/icons'
import { cn } from '../../../lib/cn'

type Option = { id: string | undefined; name: string }

export function WorkflowFilter({
  workflows,
  value,
  isLoading,
  onValueChange,
  inputRef,
}: {
  workflows: readonly Workflow[]
  value: string | undefined
  isLoading: boolean
  onValueChange: (workflowId: string | undefined) => void
  inputRef?: Ref<HTMLInputElement>
}) {
  const id = useId()
  const listboxId = `${id}-listbox`
  const [query, setQuery] = useState('')
  const [isOpen, setIsOpen] = useState(false)
  const [activeIndex, setActiveIndex] = useState(0)

  const selected = workflows.find((workflow) => workflow.id === value)
  const needle = query.trim().toLowerCase()
  const matches = needle
    ? workflows.filter(
        (workflow) =>
          workflow.name.toLowerCase().includes(needle) ||
          workflow.id.toLowerCase().includes(needle),
      )
    : workflows
  const options: Option[] = [{ id: undefined, name: 'All workflows' }, ...matches]
  const active = Math.min(activeIndex, options.length - 1)

  function open(startAt: number) {
    setIsOpen(true)
    setActiveIndex(startAt)
  }

  function close() {
    setIsOpen(false)
    setQuery('')
  }

  function choose(option: Option | undefined) {
    if (!option) return
    close()
    if (option.id !== value) onValueChange(option.id)
  }

  const displayValue = isOpen ? query : (selected?.name ?? value ?? '')

  return (
    <div className="relative flex h-8 min-w-0 items-center rounded-md border border-line-strong bg-surface shadow-xs focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-ring">
      <label htmlFor={id} className="shrink-0 pr-1.5 pl-2.5 text-fg-muted">
        Workflow
      </label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        aria-expanded={isOpen}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={isOpen ? `${id}-option-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={isLoading ? 'Loading…' : 'All workflows'}
        value={displayValue}
        onChange={(event) => {
          setQuery(event.target.value)
          open(event.target.value.trim() ? 1 : 0)
        }}
        onClick={() => {
          if (!isOpen) open(selectedIndex(options, value))
        }}
        onBlur={close}
        onKeyDown={(event) => {
          switch (event.key) {
            case 'ArrowDown':
              event.preventDefault()
              if (!isOpen) open(selectedIndex(options, value))
              else setActiveIndex(Math.min(active + 1, options.length - 1))
              break
            case 'ArrowUp':
              event.preventDefault()
              if (isOpen) setActiveIndex(Math.max(active - 1, 0))
              break
            case 'Enter':
              if (isOpen) {
                event.preventDefault()
                choose(options[active])
              }
              break
            case 'Escape':
              if (isOpen) {
                event.preventDefault()
                event.stopPropagation()
                close()
              }
              break
          }
        }}
        className="h-full w-full min-w-0 bg-transparent pr-7 text-sm text-fg outline-none placeholder:text-fg-subtle sm:w-48"
      />
      {value !== undefined ? (
        <button
          type="button"
          aria-label="Clear workflow filter"
          onClick={() => onValueChange(undefined)}
          className="absolute right-1 inline-flex size-6 items-center justify-center rounded text-fg-subtle hover:bg-surface-muted hover:text-fg"
        >
          <XIcon width={14} height={14} />
        </button>
      ) : (
        <ChevronDownIcon
          width={14}
          height={14}
          className="pointer-events-none absolute right-2.5 text-fg-subtle"
        />
      )}
      {isOpen && (
        <ul
          id={listboxId}
          role="listbox"
          aria-label="Workflows"
          className="absolute top-full left-0 z-30 mt-1 max-h-72 w-max max-w-[min(30rem,calc(100vw-2rem))] min-w-full overflow-auto rounded-lg border border-line bg-surface p-1 shadow-lg"
        >
          {options.map((option, index) => (
            <li
              key={option.id ?? '*'}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              // Keep focus in the input so the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option)}
              onMouseMove={() => setActiveIndex(index)}
              className={cn(
                'flex cursor-pointer items-center justify-between gap-3 rounded-md px-2 py-1.5',
                index === active && 'bg-surface-muted',
                option.id === value && 'font-medium',
                option.id === undefined && 'text-fg-muted',
              )}
            >
              <span className="min-w-0 truncate">{option.name}</span>
              {option.id !== undefined && (
                <span className="max-w-[45%] shrink truncate font-mono text-xs text-fg-subtle">
                  {option.id}
                </span>
              )}
            </li>
          ))}
          {matches.length === 0 && (
            <li role="presentation" className="px-2 py-1.5 text-fg-subtle">
              No workflow matches “{query}”
            </li>
          )}
        </ul>
      )}
    </div>
  )
}

function selectedIndex(options: Option[], value: string | undefined): number {
  const index = options.findIndex((option) => option.id === value)
  return index < 0 ? 0 : index
}
