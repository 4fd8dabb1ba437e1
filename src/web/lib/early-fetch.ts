/**
 * Starts the first page's API requests from the entry chunk, before React and zod have even
 * downloaded: on a deep link the data is on its way while the app boots. Which requests is the
 * server's to say: it reads the address as the page will (corrected, see shared/runs-view.ts)
 * and lists them as preload links in index.html; fetching those same URLs here picks up the
 * preloaded responses. The app's API client takes them (once each, by exact path) instead of
 * asking again. Without the server's links (the Vite dev server) nothing starts early.
 */
const early = new Map<string, Promise<Response>>()
/** An unclaimed response is stale after this long; live data must not come from the past. */
const maxAgeMs = 5_000

function start(path: string): void {
  const response = fetch(path, { headers: { accept: 'application/json' } })
  // An early request that fails is retried by the app as usual; do not report it twice.
  response.catch(() => undefined)
  early.set(path, response)
  setTimeout(() => early.delete(path), maxAgeMs)
}

/** The same-origin paths of the document's `<link rel="preload" as="fetch">` elements. */
export function preloadedPaths(document: Pick<Document, 'querySelectorAll'>): string[] {
  const links = document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')
  return [...links].flatMap((link) => {
    const href = link.getAttribute('href')
    return href?.startsWith('/api/') ? [href] : []
  })
}

export function startEarlyFetches(document: Pick<Document, 'querySelectorAll'>): void {
  for (const path of preloadedPaths(document)) start(path)
}

export function takeEarlyResponse(path: string): Promise<Response> | undefined {
  const response = early.get(path)
  early.delete(path)
  return response
}
