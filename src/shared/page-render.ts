/**
 * What the server-rendering bundle (src/web/entry-server.tsx, built by `vite build --ssr`)
 * offers the server, and the page state it embeds for the browser. The server loads the built
 * bundle by path, never the SPA's sources; this file is the contract both sides compile against.
 */
import * as z from 'zod/mini'

/** How the bundle's API client reaches the server in-process: a GET of an `/api` path. */
export type PageApiTransport = (path: string, signal: AbortSignal | null) => Promise<Response>

export type RenderPageOptions = {
  /** The reader's IANA zone, in which "local" times are rendered. */
  timeZone: string
  /** How long the page's data may take; past it the page goes out without it. */
  dataBudgetMs: number
  /** The sources the server has: a deep link to one of them is asked for with the sources. */
  sourceIds: readonly string[]
}

export type RenderedPage = {
  /** The markup inside `#root`. */
  html: string
  /** The embedded state, as `pageStateSchema` reads it back in the browser. */
  state: PageState
}

export type PageRenderer = {
  setApiTransport: (transport: PageApiTransport) => void
  renderPage: (url: string, options: RenderPageOptions) => Promise<RenderedPage>
}

/** The id of the `<script type="application/json">` that carries the state. */
export const pageStateElementId = 'runboard-state'

/** The reader's zone, remembered by the browser for the server's next render. */
export const timeZoneCookie = 'runboard_tz'

export const pageStateSchema = z.object({
  /** React Query's dehydrated cache (the browser checks its shape): what the page shows. */
  queries: z.unknown(),
  timeZone: z.string(),
  renderedAtMs: z.number(),
  /** The lazily loaded components the page holds, which the browser loads before hydrating. */
  lazy: z.array(z.string()),
})
export type PageState = z.infer<typeof pageStateSchema>

/** The state as a script's text: `<` never closes the script early, whatever a run's error says. */
export function serializePageState(state: PageState): string {
  return JSON.stringify(state)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029')
}
