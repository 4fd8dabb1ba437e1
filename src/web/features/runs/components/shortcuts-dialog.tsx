/**
 * The keyboard shortcuts help, loaded on first use, on the shared `Modal` (focus in and back,
 * Tab wrapping, Escape or the backdrop closes it).
 */
import { useRef } from 'react'
import { Button } from '../../../components/ui/button'
import { XIcon } from '../../../components/ui/icons'
import { Modal } from '../../../components/ui/modal'

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
  return (
    <Modal
      labelledBy="shortcuts-title"
      onClose={onClose}
      initialFocusRef={closeRef}
      layerClassName="fixed inset-0 z-50 flex items-center justify-center p-4"
      backdropClassName="absolute inset-0 bg-black/40"
      panelClassName="relative w-full max-w-sm rounded-xl border border-line bg-surface p-5 shadow-xl outline-none"
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
    </Modal>
  )
}
