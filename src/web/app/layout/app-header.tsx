/**
 * The top bar: product name, the two views (runs, failures), and the source being shown. The
 * views share `source`, `tz` and `window`, so switching keeps them; switching the source keeps
 * the view and its preferences, never its filters (workflow ids belong to a source).
 */
import { allSourcesId } from '../../../shared/model'
import { cn } from '../../lib/cn'
import { AppLink, useHistory, useLocation } from '../../lib/navigation'
import { failuresHref, parseFailuresSearch } from '../../features/failures/failures-search'
import { parseRunsSearch, runsHref } from '../../features/runs/runs-search'
import { useRunsSearch } from '../../features/runs/use-runs-search'
import { SourceSwitcher } from '../../features/sources/components/source-switcher'

export function AppHeader() {
  const search = useRunsSearch()
  const history = useHistory()
  const { pathname } = useLocation()
  const isFailures = pathname === '/failures'
  const shared = { source: search.source, tz: search.tz, window: search.window }
  const runsLink = runsHref(parseRunsSearch(shared))
  // Failures are grouped per source: from all sources the view opens on its first source.
  const failuresLink = failuresHref(
    parseFailuresSearch({
      ...shared,
      source: search.source === allSourcesId ? undefined : search.source,
    }),
  )

  return (
    <header className="sticky top-0 z-20 border-b border-line bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
      <div className="mx-auto flex h-14 w-full max-w-[1400px] items-center justify-between gap-3 px-4 sm:px-6">
        <div className="flex min-w-0 items-center gap-3 sm:gap-6">
          <AppLink
            href="/runs"
            className="flex shrink-0 items-center gap-2 rounded font-semibold tracking-tight"
          >
            <LogoMark />
            <span className="max-sm:sr-only">Runboard</span>
          </AppLink>
          <nav aria-label="Views" className="flex items-center gap-1">
            <ViewLink href={runsLink} isCurrent={!isFailures}>
              Runs
            </ViewLink>
            <ViewLink href={failuresLink} isCurrent={isFailures}>
              Failures
            </ViewLink>
          </nav>
        </div>
        <SourceSwitcher
          value={search.source}
          onValueChange={(source) =>
            history.push(
              // All sources is a runs view only: choosing it opens the runs page.
              isFailures && source !== allSourcesId
                ? failuresHref(
                    parseFailuresSearch({ source, tz: search.tz, window: search.window }),
                  )
                : runsHref({
                    source,
                    page: 1,
                    pageSize: search.pageSize,
                    tz: search.tz,
                    window: search.window,
                    sort: search.sort,
                  }),
            )
          }
        />
      </div>
    </header>
  )
}

function ViewLink({
  href,
  isCurrent,
  children,
}: {
  href: string
  isCurrent: boolean
  children: string
}) {
  return (
    <AppLink
      href={href}
      aria-current={isCurrent ? 'page' : undefined}
      className={cn(
        'rounded-md px-2 py-1.5 text-sm font-medium sm:px-2.5',
        isCurrent
          ? 'bg-surface-muted text-fg'
          : 'text-fg-muted hover:bg-surface-muted hover:text-fg',
      )}
    >
      {children}
    </AppLink>
  )
}

function LogoMark() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" className="text-accent">
      <rect x="2" y="2" width="20" height="20" rx="6" fill="currentColor" />
      <path d="M7 8h10M7 12h6M7 16h8" stroke="white" strokeWidth="2" strokeLinecap="round" />
    </svg>
  )
}
