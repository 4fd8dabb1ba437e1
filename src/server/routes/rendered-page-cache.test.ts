import { describe, expect, it } from 'vitest'
import { RenderedPageCache, type PageApiAnswer } from './rendered-page-cache'

const rows = { path: '/api/sources/a/runs?page=1', status: 200, body: '{"items":[1]}' }

function setup(options: { maxEntries?: number } = {}) {
  const clock = { ms: 1_000_000 }
  const cache = new RenderedPageCache({
    maxEntries: options.maxEntries ?? 10,
    freshMs: 1_000,
    maxAgeMs: 10_000,
    nowMs: () => clock.ms,
  })
  const asked: string[] = []
  const api: { answer: PageApiAnswer } = { answer: rows }
  const askAgain = (path: string) => {
    asked.push(path)
    return Promise.resolve({ ...api.answer, path })
  }
  return { clock, cache, asked, api, askAgain }
}

describe('RenderedPageCache', () => {
  it('sends a page again without asking while its answers were checked within freshMs', async () => {
    const { clock, cache, asked, askAgain } = setup()
    cache.keep('UTC /runs', '<p>rows</p>', [rows])
    clock.ms += 1_000
    expect(await cache.lookup('UTC /runs', askAgain)).toEqual({
      page: '<p>rows</p>',
      outcome: 'fresh',
    })
    expect(asked).toEqual([])
    expect(await cache.lookup('UTC /other', askAgain)).toBeUndefined()
  })

  it('asks again past freshMs, and keeps the page only while every answer is the same', async () => {
    const { clock, cache, asked, api, askAgain } = setup()
    cache.keep('UTC /runs', '<p>rows</p>', [rows])
    clock.ms += 1_001
    expect((await cache.lookup('UTC /runs', askAgain))?.outcome).toBe('revalidated')
    expect(asked).toEqual([rows.path])
    // Checked just now: fresh again for a while.
    clock.ms += 500
    expect((await cache.lookup('UTC /runs', askAgain))?.outcome).toBe('fresh')

    clock.ms += 1_001
    api.answer = { ...rows, body: '{"items":[2,1]}' }
    expect(await cache.lookup('UTC /runs', askAgain)).toBeUndefined()
    // Gone: the next reader gets a new render, even once the answer is back to the old one.
    api.answer = rows
    expect(await cache.lookup('UTC /runs', askAgain)).toBeUndefined()
  })

  it('treats another status as another answer', async () => {
    const { clock, cache, api, askAgain } = setup()
    cache.keep('UTC /runs', '<p>rows</p>', [rows])
    clock.ms += 2_000
    api.answer = { ...rows, status: 401 }
    expect(await cache.lookup('UTC /runs', askAgain)).toBeUndefined()
  })

  it('renders anew past maxAgeMs, however well its answers hold', async () => {
    const { clock, cache, askAgain } = setup()
    cache.keep('UTC /runs', '<p>rows</p>', [rows])
    for (let step = 0; step < 5; step++) {
      clock.ms += 2_000
      expect((await cache.lookup('UTC /runs', askAgain))?.outcome).toBe('revalidated')
    }
    clock.ms += 1
    expect(await cache.lookup('UTC /runs', askAgain)).toBeUndefined()
  })

  it('keeps at most maxEntries pages, dropping the one used longest ago', async () => {
    const { cache, askAgain } = setup({ maxEntries: 2 })
    cache.keep('a', 'A', [])
    cache.keep('b', 'B', [])
    expect((await cache.lookup('a', askAgain))?.page).toBe('A')
    cache.keep('c', 'C', [])
    expect(await cache.lookup('b', askAgain)).toBeUndefined()
    expect((await cache.lookup('a', askAgain))?.page).toBe('A')
    expect((await cache.lookup('c', askAgain))?.page).toBe('C')
  })
})
