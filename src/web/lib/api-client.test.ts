import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { sourcesResponseSchema } from '../../shared/model'
import { errorResponse } from '../test/handlers'
import { server } from '../test/msw-server'
import { ApiError, apiGet, isRetryableError } from './api-client'
import { apiPath } from '../../shared/api-path'

describe('apiPath', () => {
  it('leaves out empty values and joins lists with commas', () => {
    expect(
      apiPath('/api/x', { workflow: undefined, status: ['failed', 'running'], page: 2, q: '' }),
    ).toBe('/api/x?status=failed,running&page=2')
  })
})

describe('apiGet', () => {
  it('returns the parsed body', async () => {
    const body = await apiGet('/api/sources', sourcesResponseSchema)
    expect(body.items.map((source) => source.id)).toContain('demo-puq')
  })

  it('turns the error shape into an ApiError with its code', async () => {
    server.use(
      http.get('*/api/sources', () =>
        errorResponse('UPSTREAM_RATE_LIMITED', 429, { retryAfterSeconds: 42, source: 'trigify' }),
      ),
    )
    const error = await apiGet('/api/sources', sourcesResponseSchema).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      code: 'UPSTREAM_RATE_LIMITED',
      status: 429,
      retryAfterSeconds: 42,
      source: 'trigify',
    })
    expect(isRetryableError(error)).toBe(false)
  })

  it('treats a body that does not match the schema as an error', async () => {
    server.use(http.get('*/api/sources', () => HttpResponse.json({ items: [{ id: 1 }] })))
    await expect(apiGet('/api/sources', sourcesResponseSchema)).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    })
  })

  it('names failures that never reached the server', async () => {
    server.use(http.get('*/api/sources', () => HttpResponse.error()))
    const error = await apiGet('/api/sources', sourcesResponseSchema).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'NETWORK', status: 0 })
    expect(isRetryableError(error)).toBe(true)
  })

  it('copes with an error answer that is not JSON', async () => {
    server.use(http.get('*/api/sources', () => new HttpResponse('Bad gateway', { status: 502 })))
    await expect(apiGet('/api/sources', sourcesResponseSchema)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      status: 502,
    })
  })
})

describe('early responses', () => {
  it('uses a response started before the app loaded, once', async () => {
    const { startEarlyFetches } = await import('./early-fetch')
    let calls = 0
    server.use(
      http.get('*/api/sources', () => {
        calls += 1
        return HttpResponse.json({ items: [] })
      }),
    )
    // The entry chunk runs in a page; here fetch needs an absolute URL to resolve against.
    const pageFetch = globalThis.fetch
    globalThis.fetch = (input, init) =>
      pageFetch(typeof input === 'string' ? new URL(input, window.location.origin) : input, init)
    try {
      startEarlyFetches(documentWithPreloads(['/api/sources']))
    } finally {
      globalThis.fetch = pageFetch
    }
    await apiGet('/api/sources', sourcesResponseSchema)
    expect(calls).toBe(1)
    await apiGet('/api/sources', sourcesResponseSchema)
    expect(calls).toBe(2)
  })

  it('starts exactly the server’s preload links to /api, nothing else', async () => {
    const { preloadedPaths } = await import('./early-fetch')
    const page = documentWithPreloads([
      '/api/sources',
      '/api/sources/demo-puq/runs?status=failed&page=1&pageSize=20',
    ])
    const other = page.createElement('link')
    other.rel = 'preload'
    other.as = 'fetch'
    other.href = 'https://elsewhere.invalid/api/x'
    page.head.append(other)
    expect(preloadedPaths(page)).toEqual([
      '/api/sources',
      '/api/sources/demo-puq/runs?status=failed&page=1&pageSize=20',
    ])
  })
})

/** A page whose head holds the server's preload links, as index.html does. */
function documentWithPreloads(hrefs: string[]): Document {
  const page = document.implementation.createHTMLDocument('runboard')
  for (const href of hrefs) {
    const link = page.createElement('link')
    link.setAttribute('rel', 'preload')
    link.setAttribute('as', 'fetch')
    link.setAttribute('href', href)
    page.head.append(link)
  }
  return page
}
