/**
 * `/runs` rendered on the server from the real build (`npm run build` makes dist/ and
 * dist-ssr/; `npm test` builds before the unit tests): the deep link's rows are in the HTML,
 * with the data they came from embedded for the browser; times are in the reader's zone from
 * its cookie; a source that has not answered yet leaves the rows to the browser.
 */
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { runPageSchema, type RunPage } from '../shared/model'
import { pageStateSchema, timeZoneCookie } from '../shared/page-render'
import {
  startTestSandbox,
  startTestServer,
  waitForLive,
  type Sandbox,
  type TestServer,
} from './testing/harness'

const distDir = resolve(import.meta.dirname, '..', '..', 'dist')
const deepLink = '/runs?source=demo-puq&status=failed'
const html = { accept: 'text/html' }

const embeddedQuerySchema = z.object({
  queryKey: z.array(z.unknown()),
  state: z.object({ status: z.string(), data: z.unknown() }),
})

/** The runs list's key: `['runs', source, 'list', filters]` (see the SPA's query roots). */
const isRunsList = (query: { queryKey: unknown[] }) =>
  query.queryKey[0] === 'runs' && query.queryKey[2] === 'list'

function embeddedState(page: string) {
  const match = /<script type="application\/json" id="runboard-state">(.*?)<\/script>/s.exec(page)
  if (!match?.[1]) throw new Error('the page embeds no state')
  const state = pageStateSchema.parse(JSON.parse(match[1]))
  const queries = z.object({ queries: z.array(embeddedQuerySchema) }).parse(state.queries).queries
  return { ...state, queries }
}

describe('a server-rendered runs page', () => {
  let server: TestServer
  let firstPage: RunPage
  beforeAll(async () => {
    server = await startTestServer({ RUNBOARD_DEMO: '1' }, { distDir })
    await waitForLive(server)
    firstPage = await server.json(
      '/api/sources/demo-puq/runs?status=failed&page=1&pageSize=20',
      runPageSchema,
    )
  }, 60_000)
  afterAll(() => server.close())

  it('holds the first page of rows in the order the API lists them', async () => {
    const page = await server.get(deepLink, { headers: html })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const shownIds = [...page.body.matchAll(/>(run_[a-z0-9]+)<\/a>/g)].map((match) => match[1])
    expect(firstPage.items).toHaveLength(20)
    expect(shownIds).toEqual(firstPage.items.map((run) => run.id))
    expect(page.body).toContain(`${firstPage.total} failed runs`)
  })

  it('embeds exactly the answers it rendered from, and nothing a page could break out of', async () => {
    const page = await server.get(deepLink, { headers: html })
    const state = embeddedState(page.body)
    const list = state.queries.find(isRunsList)
    expect(list?.state.status).toBe('success')
    expect(runPageSchema.parse(list?.state.data).items.map((run) => run.id)).toEqual(
      firstPage.items.map((run) => run.id),
    )
    const stateText = page.body.slice(page.body.indexOf('id="runboard-state">'))
    expect(stateText.indexOf('<', 'id="runboard-state">'.length)).toBe(
      stateText.indexOf('</script>'),
    )
  })

  it('is never kept by a shared cache', async () => {
    const page = await server.get(deepLink, { headers: html })
    expect(page.headers.get('cache-control')).toBe('private, no-cache')
    expect(page.headers.get('vary')?.toLowerCase()).toContain('cookie')
  })

  it('shows times in the zone the browser said, else in UTC', async () => {
    const first = firstPage.items[0]
    if (!first) throw new Error('no failed run')
    const utc = await server.get(deepLink, { headers: html })
    expect(embeddedState(utc.body).timeZone).toBe('UTC')
    expect(utc.body).toMatch(/\d{2}:\d{2}:\d{2} UTC<\/span>/)

    const newYork = await server.get(deepLink, {
      headers: { ...html, cookie: `${timeZoneCookie}=${encodeURIComponent('America/New_York')}` },
    })
    expect(embeddedState(newYork.body).timeZone).toBe('America/New_York')
    expect(newYork.body).toMatch(/\d{2}:\d{2}:\d{2} New York \(UTC\u22125\)<\/span>/)

    const bogus = await server.get(deepLink, {
      headers: { ...html, cookie: `${timeZoneCookie}=Mars%2FOlympus` },
    })
    expect(embeddedState(bogus.body).timeZone).toBe('UTC')
  })

  it("holds an open run's drawer, with its error, and says the drawer's code is needed", async () => {
    const failed = firstPage.items.find((run) => run.error !== undefined)
    if (!failed?.error) throw new Error('no failed run with an error')
    const page = await server.get(`${deepLink}&run=${failed.id}`, { headers: html })
    const dialogAt = page.body.indexOf('role="dialog"')
    expect(dialogAt).toBeGreaterThan(0)
    const drawer = page.body.slice(dialogAt)
    expect(drawer).toContain(`title="${failed.id}"`)
    // The error as the drawer shows it, escaped like any text (it may hold HTML).
    const errorLine = failed.error.split('\n')[0] ?? ''
    const escaped = errorLine
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&#x27;')
    expect(drawer).toContain(escaped)
    const state = embeddedState(page.body)
    expect(state.lazy).toEqual(['run-drawer'])
    const detail = state.queries.find(
      (query) => query.queryKey[2] === 'detail' && query.queryKey[3] === failed.id,
    )
    expect(detail?.state.status).toBe('success')
    // Without an open run the page needs no lazy code to hydrate.
    expect(embeddedState((await server.get(deepLink, { headers: html })).body).lazy).toEqual([])
  })

  it('sends the next reader of the same view the page it kept, and renders another zone anew', async () => {
    const view = `${deepLink}&page=3`
    const first = await server.get(view, { headers: html })
    expect(first.headers.get('server-timing')).toBe('page;desc=rendered')
    const again = await server.get(view, { headers: html })
    expect(again.headers.get('server-timing')).toMatch(/^page;desc=(fresh|revalidated)$/)
    expect(again.body).toBe(first.body)
    expect(again.headers.get('cache-control')).toBe('private, no-cache')
    const elsewhere = await server.get(view, {
      headers: { ...html, cookie: `${timeZoneCookie}=${encodeURIComponent('Asia/Tokyo')}` },
    })
    expect(elsewhere.headers.get('server-timing')).toBe('page;desc=rendered')
    expect(embeddedState(elsewhere.body).timeZone).toBe('Asia/Tokyo')
  })

  it('asks its own server for the data, after another server in the process came and went', async () => {
    // The renderer bundle is loaded once per process; the e2e workers run several servers.
    const other = await startTestServer({ RUNBOARD_DEMO: '1' }, { distDir })
    await other.close()
    const page = await server.get(deepLink, { headers: html })
    const shownIds = [...page.body.matchAll(/>(run_[a-z0-9]+)<\/a>/g)].map((match) => match[1])
    expect(shownIds).toEqual(firstPage.items.map((run) => run.id))
  })
})

describe('a runs page whose source has not answered yet', () => {
  let server: TestServer
  beforeAll(async () => {
    // Every vendor answer takes 5 s: the first pages are far from stored when the page is asked.
    server = await startTestServer({ RUNBOARD_DEMO: '1', SANDBOX_LATENCY_MS: '5000' }, { distDir })
  })
  afterAll(() => server.close())

  it('goes out without rows, leaving them to the browser', async () => {
    const page = await server.get(deepLink, { headers: html })
    expect(page.status).toBe(200)
    // The shell is rendered (the header names the app); the table is not.
    expect(page.body).toContain('Skip to content')
    expect(page.body).not.toMatch(/>run_[a-z0-9]+<\/a>/)
    const state = embeddedState(page.body)
    expect(state.queries.some(isRunsList)).toBe(false)
  })
})

describe('a runs page whose source rejects its key', () => {
  let upstream: Sandbox
  let server: TestServer
  beforeAll(async () => {
    upstream = await startTestSandbox({ apiKey: 'the-right-key', runs: 200 })
    server = await startTestServer(
      { PUQ_API_KEY: 'not-the-right-key', PUQ_BASE_URL: upstream.puqBaseUrl },
      { distDir },
    )
  })
  afterAll(async () => {
    await server.close()
    await upstream.close()
  })

  it('goes out without the failed answer, for the browser to ask and explain in place', async () => {
    const runs = await server.get('/api/sources/puq/runs?status=failed&page=1&pageSize=20')
    expect(runs.status).toBe(502)
    const page = await server.get('/runs?source=puq&status=failed', { headers: html })
    expect(page.status).toBe(200)
    // The page around the table is rendered; the table's answer is not embedded, so the
    // browser's own request shows the error as without server rendering.
    expect(page.body).toContain('Skip to content')
    expect(page.body).not.toMatch(/>run_[a-z0-9]+<\/a>/)
    const state = embeddedState(page.body)
    expect(state.queries.some(isRunsList)).toBe(false)
    expect(state.queries.every((query) => query.state.status === 'success')).toBe(true)
  })
})
