/** The shortcuts help, its code loaded the first time it opens. */
import { lazy, Suspense } from 'react'

const ShortcutsDialog = lazy(() =>
  import('./shortcuts-dialog').then((module) => ({ default: module.ShortcutsDialog })),
)

export function LazyShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <ShortcutsDialog onClose={onClose} />
    </Suspense>
  )
}
