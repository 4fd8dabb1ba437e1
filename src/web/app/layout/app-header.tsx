/** The top bar: product name, the source being shown, and whether it is demo data. */
import { AppLink, useHistory } from '../../lib/navigation'
import { runsHref } from '../../features/runs/runs-search'
import { useRunsSearch } from '../../features/runs/use-runs-search'
import { SourceSwitcher } from '../../features/sources/components/source-switcher'

export function AppHeader() {
  const search = useRunsSearch()
  const history = useHistory()

  return (
    <header className="sticky top-0 z-20 border-b border-line bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
      <div className="mx-auto flex h-14 w-full max-w-[1400px] items-center justify-between gap-3 px-4 sm:px-6">
        <AppLink
          href="/runs"
          className="flex shrink-0 items-center gap-2 rounded font-semibold tracking-tight"
        >
          <LogoMark />
          <span>Runboard</span>
        </AppLink>
        <SourceSwitcher
          value={search.source}
          onValueChange={(source) =>
            // Filters belong to a source (workflow ids differ); view preferences carry over.
            history.push(
              runsHref({
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

function LogoMark() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" className="text-accent">
      <rect x="2" y="2" width="20" height="20" rx="6" fill="currentColor" />
      <path d="M7 8h10M7 12h6M7 16h8" stroke="white" strokeWidth="2" strokeLinecap="round" />
    </svg>
  )
}
