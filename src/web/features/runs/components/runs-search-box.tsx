/**
 * The search box above the table. Typing writes `q` to the URL after a short pause (replacing
 * the entry, so Back does not step through every letter); Enter applies at once; Escape clears
 * the box, and a second Escape leaves it. The URL stays the source of truth: a `q` that
 * changes from outside (Back, a link, "Clear search") replaces what the box holds.
 */
import { useEffect, useId, useRef, useState, type Ref } from 'react'
import { SearchIcon, XIcon } from '../../../components/ui/icons'

export const searchDebounceMs = 250

function normalize(text: string): string | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : trimmed.slice(0, 200)
}

export function RunsSearchBox({
  value,
  onSearch,
  inputRef,
}: {
  /** The applied search, from the URL. */
  value: string | undefined
  onSearch: (q: string | undefined) => void
  inputRef?: Ref<HTMLInputElement>
}) {
  const id = useId()
  const [text, setText] = useState(value ?? '')
  const [applied, setApplied] = useState(value)
  const timer = useRef<number | undefined>(undefined)

  // The URL moved on its own: show what it says (adjusting state while rendering, not in an
  // effect, so the box never shows the old text for a frame).
  if (applied !== value) {
    setApplied(value)
    if (normalize(text) !== value) setText(value ?? '')
  }

  useEffect(() => () => window.clearTimeout(timer.current), [])

  function apply(next: string) {
    window.clearTimeout(timer.current)
    timer.current = undefined
    onSearch(normalize(next))
  }

  function onChange(next: string) {
    setText(next)
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => apply(next), searchDebounceMs)
  }

  return (
    <div className="relative w-full sm:w-56 xl:w-60">
      <label htmlFor={id} className="sr-only">
        Search runs
      </label>
      <SearchIcon
        width={15}
        height={15}
        className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-fg-subtle"
      />
      <input
        ref={inputRef}
        id={id}
        type="search"
        value={text}
        maxLength={200}
        placeholder="Search runs: id or error words"
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="/"
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            apply(text)
          } else if (event.key === 'Escape') {
            // Escape belongs to the box here, not to a dialog or drawer behind it.
            event.preventDefault()
            event.stopPropagation()
            if (text !== '') {
              setText('')
              apply('')
            } else {
              event.currentTarget.blur()
            }
          }
        }}
        className="h-8 w-full rounded-md border border-line-strong bg-surface pr-8 pl-8 text-sm text-fg shadow-xs placeholder:text-fg-subtle focus:border-accent focus:outline-none focus-visible:ring-2 focus-visible:ring-ring/40 [&::-webkit-search-cancel-button]:hidden"
      />
      {text !== '' && (
        <button
          type="button"
          aria-label="Clear the search box"
          title="Clear search (Esc)"
          onClick={() => {
            setText('')
            apply('')
            // The button goes away with the text: keep focus in the box, not on the page.
            document.getElementById(id)?.focus()
          }}
          className="absolute top-1/2 right-1 inline-flex size-6 -translate-y-1/2 items-center justify-center rounded text-fg-muted hover:bg-surface-muted hover:text-fg"
        >
          <XIcon width={13} height={13} />
        </button>
      )}
    </div>
  )
}
