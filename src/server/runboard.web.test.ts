/**
 * The browser-facing side: the built SPA with its cache headers and deep-link fallback, the
 * 503 page without a build, compression, and the access token gate with its login form.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { apiErrorSchema, sourcesResponseSchema } from '../shared/model'
import { sessionCookieName } from './access-guard'
import { runsApiPath } from '../shared/api-path'
import { immutableCache } from './routes/spa'
import { startTestServer, type TestServer } from './testing/harness'

let distDir: string
const indexHtml =
  '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head><body><div id="root"></div></body></html>'
const bigScript = `console.log(${JSON.stringify('runboard '.repeat(2000))})`

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'runboard-dist-'))
  await mkdir(join(distDir, 'assets'))
  await writeFile(join(distDir, 'index.html'), indexHtml)
  await writeFile(join(distDir, 'assets', 'app-1a2b3c.js'), bigScript)
  await writeFile(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
})

afterAll(async () => {
  await rm(distDir, { recursive: true, force: true })
})

describe('the SPA', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({}, { distDir })
  })
  afterAll(() => server.close())

  it('serves index.html revalidated and hashed assets immutable', async () => {
    const index = await server.get('/', { headers: { accept: 'text/html' } })
    expect(index.status).toBe(200)
    expect(index.body).toBe(
      indexHtml.replace(
        '</head>',
        '<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/sources"></head>',
      ),
    )
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'")
    const asset = await server.get('/assets/app-1a2b3c.js')
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toBe(immutableCache)
    const favicon = await server.get('/favicon.svg')
    expect(favicon.headers.get('cache-control')).toBe('no-cache')
  })

  it('falls back to index.html for deep links, not for /api or non-HTML requests', async () => {
    const deep = await server.get('/runs/demo-puq/run_123?status=failed', {
      headers: { accept: 'text/html,application/xhtml+xml' },
    })
    expect(deep.status).toBe(200)
    expect(deep.body).toBe(indexHtml)
    const api = await server.get('/api/nope', { headers: { accept: 'text/html' } })
    expect(api.status).toBe(404)
    expect(apiErrorSchema.parse(JSON.parse(api.body)).error.code).toBe('NOT_FOUND')
    const missingAsset = await server.get('/assets/missing.js', {
      headers: { accept: 'application/javascript' },
    })
    expect(missingAsset.status).toBe(404)
  })

  it('preloads a deep link’s first API requests in index.html, as the app will ask for them', async () => {
    const page = await server.get('/runs?source=demo-puq&status=failed&page=3', {
      headers: { accept: 'text/html' },
    })
    const hrefs = [...page.body.matchAll(/<link rel="preload" as="fetch"[^>]* href="([^"]*)">/g)]
    expect(hrefs.map((match) => match[1])).toEqual([
      '/api/sources',
      '/api/sources/demo-puq/runs?status=failed&amp;page=3&amp;pageSize=20',
      '/api/sources/demo-puq/workflows',
    ])
  })

  it('preloads the request the page makes once it has corrected a bad URL, not a 400', async () => {
    const page = await server.get(
      '/runs?source=demo-puq&status=bogus&page=abc&pageSize=7&window=1y&from=yesterday',
      { headers: { accept: 'text/html' } },
    )
    const runsHref = [...page.body.matchAll(/href="(\/api\/sources\/[^"]*\/runs[^"]*)"/g)].map(
      (match) => match[1]?.replaceAll('&amp;', '&'),
    )
    // The page shows demo-puq, every status, page 1 of 20, no time window: this request.
    const pageAsks = runsApiPath({ source: 'demo-puq', page: 1, pageSize: 20 })
    expect(pageAsks).toBe('/api/sources/demo-puq/runs?page=1&pageSize=20')
    expect(runsHref).toEqual([pageAsks])
    const answer = await server.get(pageAsks)
    expect(answer.status).toBe(200)
  })

  it('preloads an unknown source’s view on the first source, as the page shows it', async () => {
    const sources = sourcesResponseSchema.parse(JSON.parse((await server.get('/api/sources')).body))
    const first = sources.items[0]?.id
    expect(first).toBe('demo-trigify')
    const page = await server.get('/runs?source=nope&workflow=wf_1&status=failed&page=4', {
      headers: { accept: 'text/html' },
    })
    const hrefs = [...page.body.matchAll(/<link rel="preload" as="fetch"[^>]* href="([^"]*)">/g)]
    expect(hrefs.map((match) => match[1])).toEqual([
      '/api/sources',
      // Another source's workflow means nothing here, and its page 4 starts again at 1.
      '/api/sources/demo-trigify/runs?status=failed&amp;page=1&amp;pageSize=20',
      '/api/sources/demo-trigify/workflows',
    ])
  })

  it('preloads a search, an order and a preset range as the app asks for them', async () => {
    // The preset's start comes from the clock, on the minute: the app at 12:00:59 agrees.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-20T12:00:07.500Z') })
    try {
      const page = await server.get('/runs?q=disk%20full&range=1h&sort=-duration&source=demo-puq', {
        headers: { accept: 'text/html' },
      })
      const hrefs = [
        ...page.body.matchAll(/<link rel="preload" as="fetch"[^>]* href="([^"]*)">/g),
      ].map((match) => match[1])
      // The app's URL for the same view, from src/web/features/runs/first-runs-request.test.ts.
      expect(hrefs).toContain(
        '/api/sources/demo-puq/runs?q=disk+full&amp;from=2026-11-20T11%3A00%3A00.000Z&amp;sort=-duration&amp;page=1&amp;pageSize=20',
      )
    } finally {
      vi.useRealTimers()
    }
  })

  it('never lets a query string break out of the preload attribute', async () => {
    const page = await server.get(
      '/runs?source=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&status=%22',
      {
        headers: { accept: 'text/html' },
      },
    )
    expect(page.status).toBe(200)
    expect(page.body).not.toContain('<script>alert')
    expect(page.body.match(/<link /g)).toHaveLength(3)
  })

  it('compresses with brotli or gzip', async () => {
    for (const encoding of ['br', 'gzip']) {
      const response = await fetch(`${server.url}/assets/app-1a2b3c.js`, {
        headers: { 'accept-encoding': encoding },
      })
      expect(response.headers.get('content-encoding')).toBe(encoding)
      expect(await response.text()).toBe(bigScript)
    }
  })
})

describe('without a build', () => {
  it('answers pages with a 503 that says to run npm run build', async () => {
    const server = await startTestServer({})
    try {
      const response = await server.get('/', { headers: { accept: 'text/html' } })
      expect(response.status).toBe(503)
      expect(response.body).toContain('npm run build')
      expect((await server.get('/api/sources')).status).toBe(200)
    } finally {
      await server.close()
    }
  })
})

describe('the access token', () => {
  const token = 'correct-horse-battery-staple'
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ RUNBOARD_ACCESS_TOKEN: token }, { distDir })
  })
  afterAll(() => server.close())

  it('refuses /api without it', async () => {
    const response = await server.get('/api/sources')
    expect(response.status).toBe(401)
    expect(apiErrorSchema.parse(JSON.parse(response.body)).error.code).toBe('UNAUTHORIZED')
    const wrong = await server.get('/api/sources', { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
  })

  it('accepts a bearer token', async () => {
    const response = await server.get('/api/sources', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(200)
    expect(sourcesResponseSchema.parse(JSON.parse(response.body)).items.length).toBe(2)
  })

  it('signs in with the form and then accepts the HttpOnly cookie', async () => {
    const form = await server.get('/login')
    expect(form.body).toContain('<form method="post" action="/login">')
    const post = (value: string) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: value }).toString(),
      })
    expect((await post('wrong-token')).status).toBe(401)
    const ok = await post(token)
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/')
    const cookie = ok.headers.get('set-cookie') ?? ''
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).not.toContain(token)
    const pair = cookie.split(';')[0] ?? ''
    expect(pair.startsWith(`${sessionCookieName}=`)).toBe(true)
    const response = await server.get('/api/sources', { headers: { cookie: pair } })
    expect(response.status).toBe(200)
  })
})
