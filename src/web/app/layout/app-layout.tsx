/** The shell every page sits in: a skip link, the header, and the page. */
import type { ReactNode } from 'react'
import { AppHeader } from './app-header'

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-surface px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <AppHeader />
      <main id="main" className="flex-1">
        {children}
      </main>
    </div>
  )
}
