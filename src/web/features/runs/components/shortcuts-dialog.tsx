/**
 * The keyboard shortcuts help, loaded on first use. A modal dialog: focus moves in, Tab stays
 * in, Escape or the backdrop closes it and focus returns to where it was.
 */
import { useEffect, useRef } from 'react'
import { Button } from '../../../components/ui/button'
import { XIcon } from '../../../components/ui/icons'

const shortcuts: { keys: string[]; action: string }[] = [
  { keys: ['j'], action: 'Focus the next run' },
  { keys: ['k'], action: 'Focus the previous run' },
  { keys: ['Enter'], action: 'Open the focused run' },
  { keys: ['/'], action: 'Search runs' },
  { keys: ['Esc'], action: 'Clear the search, close the run or this dialog' },
  { keys: ['?'], action: 'Show these shortcuts' },
]

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const previous = document.activeElement
    closeRef.current?.focus()
    return () => {
      if (previous instanceof HTMLElement) previous.focus()
    }
  }, [])

  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-4"
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="w-full max-w-sm rounded-xl border border-line bg-surface p-5 shadow-xl"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation()
            onClose()
          }
          // One focusable control: keep Tab from leaving the dialog.
          if (event.key === 'Tab') event.preventDefault()
        }}
      >
        <div className="mb-3 flex items-center justify-between">
          <h2 id="shortcuts-title" className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <Button ref={closeRef} variant="ghost" size="icon" aria-label="Close" onClick={onClose}>
            <XIcon />
          </Button>
        </div>
        <dl className="divide-y divide-line">
          {shortcuts.map((shortcut) => (
            <div key={shortcut.action} className="flex items-center justify-between py-2">
              <dt className="text-fg-muted">{shortcut.action}</dt>
              <dd className="flex gap-1">
                {shortcut.keys.map((key) => (
                  <kbd
                    key={key}
                    className="min-w-6 rounded border border-line-strong bg-surface-muted px-1.5 py-0.5 text-center font-mono text-xs"
                  >
                    {key}
                  </kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-fg-subtle">Shortcuts are off while you type in a field.</p>
      </div>
    </div>
  )
}
