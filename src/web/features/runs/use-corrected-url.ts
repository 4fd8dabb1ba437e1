/**
 * Rewrites an invalid or non-canonical runs URL, in place (replace, so back never returns to
 * it), to the view actually shown, and keeps what was not understood for a notice. The notice
 * belongs to the corrected address: it survives the rewrites (one before the sources are known,
 * one after, for the source) and goes with the next navigation or when dismissed.
 */
import { useCallback, useLayoutEffect, useState } from 'react'
import { hrefOf, useHistory, useLocation } from '../../lib/navigation'
import { parseSearch } from '../../lib/search-serializer'
import { runsHref, type RunsSearch } from './runs-search'
import { describeUrlCorrections, type UrlCorrection } from './url-corrections'

type CorrectionNotice = { href: string; corrections: readonly UrlCorrection[] }

export function useCorrectedUrl(
  /** The URL's search as parsed. */
  search: RunsSearch,
  /** The view shown for it: `search` on a known source. */
  shown: RunsSearch,
  sources: readonly { id: string; label: string }[] | undefined,
): { corrections: readonly string[]; dismiss: () => void } {
  const history = useHistory()
  const location = useLocation()
  const [notice, setNotice] = useState<CorrectionNotice | undefined>(undefined)
  const canonical = runsHref(shown)
  const current = hrefOf(location)

  // Worked out while rendering (state from the previous address, as React allows), so the
  // notice is there in the very render that shows the corrected view.
  if (canonical !== current && notice?.href !== canonical) {
    const found = describeUrlCorrections(parseSearch(location.search), search, sources)
    // A second rewrite of the same view (the source, once known) adds to the first's notice,
    // the source first, as it decides what everything else means.
    const carried = notice?.href === current ? notice.corrections : []
    const all = [...carried, ...found]
    const bySource = all.filter((correction) => correction.param === 'source')
    setNotice({
      href: canonical,
      corrections: [...bySource, ...all.filter((correction) => correction.param !== 'source')],
    })
  } else if (canonical === current && notice !== undefined && notice.href !== current) {
    setNotice(undefined)
  }

  useLayoutEffect(() => {
    if (canonical !== current) history.replace(canonical)
  }, [canonical, current, history])

  const dismiss = useCallback(() => setNotice(undefined), [])
  // Any other address (the next navigation) is past the notice.
  const corrections =
    notice?.href === current ? notice.corrections.map(({ message }) => message) : []
  return { corrections, dismiss }
}
