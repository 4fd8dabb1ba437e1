/**
 * Exploring a history over HTTP: any `from`/`to` range and the `sort` orders, against a demo
 * sandbox read whole into the store. Expectations are worked out here from every run of the
 * unfiltered listing (itself checked against the vendors in runboard.routes.test.ts), never
 * from the store's own range or sort code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiErrorSchema, runPageSchema, type Run } from '../shared/model'
import { startTestServer, type TestServer, waitForLive } from './testing/harness'

let server: TestServer
const everyRun = new Map<string, Run[]>()
const sources = ['demo-puq', 'demo-trigify'] as const

const pageOf = (path: string) => server.json(path, runPageSchema)

async function allRuns(source: string, query = ''): Promise<Run[]> {
  const runs: Run[] = []
  for (let page = 1; ; page += 1) {
    const answer = await pageOf(`/api/sources/${source}/runs?pageSize=100&page=${page}${query}`)
    runs.push(...answer.items)
    if (page >= answer.totalPages) return runs
  }
}

const timeOf = (run: Run) => Date.parse(run.startedAt ?? run.createdAt ?? 'none')

beforeAll(async () => {
  server = await startTestServer({ RUNBOARD_DEMO: '1', SANDBOX_RUNS: '600' })
  await waitForLive(server)
  for (const source of sources) everyRun.set(source, await allRuns(source))
})

afterAll(async () => {
  await server.close()
})

describe.each(sources)('any time range on %s', (source) => {
  const runs = () => everyRun.get(source) ?? []
  const dated = () => runs().filter((run) => Number.isFinite(timeOf(run)))

  it('lists exactly the runs of a range given to the minute with an offset', async () => {
    const n = dated().length
    const newer = dated()[Math.floor(n / 2)]
    const older = dated()[Math.floor(n / 2) + 20]
    if (newer === undefined || older === undefined) throw new Error('too few dated demo runs')
    const toMs = timeOf(newer) - (timeOf(newer) % 60_000) + 60_000
    const fromMs = timeOf(older) - (timeOf(older) % 60_000)
    // Written in +02:00 without seconds, as a datetime-local input plus a zone gives.
    const local = (ms: number) =>
      encodeURIComponent(new Date(ms + 2 * 3_600_000).toISOString().slice(0, 16) + '+02:00')
    const expected = dated().filter((run) => timeOf(run) >= fromMs && timeOf(run) < toMs)
    expect(expected.length).toBeGreaterThan(20)
    const listed = await allRuns(source, `&from=${local(fromMs)}&to=${local(toMs)}`)
    expect(listed.map((run) => run.id)).toEqual(expected.map((run) => run.id))
  })

  it('takes an open end and a range longer than the chart’s 90 days', async () => {
    const oldest = Math.min(...dated().map(timeOf))
    const since = new Date(oldest + 1).toISOString()
    const page = await pageOf(`/api/sources/${source}/runs?from=${since}`)
    expect(page.total).toBe(dated().filter((run) => timeOf(run) > oldest).length)
    const before = await pageOf(`/api/sources/${source}/runs?to=${since}`)
    expect(before.total).toBe(dated().filter((run) => timeOf(run) <= oldest).length)
    const wide = await pageOf(
      `/api/sources/${source}/runs?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z`,
    )
    expect(wide.total).toBe(dated().length)
  })
})

describe('range parameters', () => {
  it.each([
    ['from=yesterday', 'from: must be an ISO 8601 time'],
    ['to=2026-11-20T12:00:00', 'to: must be an ISO 8601 time with a zone'],
    ['from=2026-02-30T00:00:00Z', 'from: must be an ISO 8601 time'],
    ['from=2026-11-20T12:00:00Z&to=2026-11-20T11:00:00Z', 'from: must be before to'],
    ['from=2026-11-20T12:00Z&to=2026-11-20T12:00Z', 'from: must be before to'],
  ])('refuses %s with a 400 that names it', async (query, message) => {
    const response = await server.get(`/api/sources/demo-puq/runs?${query}`)
    expect(response.status).toBe(400)
    const body = apiErrorSchema.parse(JSON.parse(response.body))
    expect(body.error.code).toBe('BAD_REQUEST')
    expect(body.error.message).toContain(message)
  })
})

/** Longest first with ties by id descending, runs without a duration last, newest first. */
function byDuration(runs: readonly Run[], direction: 1 | -1): string[] {
  const timed = runs.filter((run) => run.durationMs !== undefined)
  const untimed = runs.filter((run) => run.durationMs === undefined)
  timed.sort(
    (a, b) =>
      direction * ((a.durationMs ?? 0) - (b.durationMs ?? 0)) ||
      direction * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  return [...timed, ...untimed].map((run) => run.id)
}

describe.each(sources)('sort on %s', (source) => {
  const runs = () => everyRun.get(source) ?? []

  it.each([
    ['-duration', -1],
    ['duration', 1],
  ] as const)('sort=%s pages through every run by duration', async (sort, direction) => {
    const listed = await allRuns(source, `&sort=${sort}`)
    expect(listed.map((run) => run.id)).toEqual(byDuration(runs(), direction))
    const first = await pageOf(`/api/sources/${source}/runs?sort=${sort}`)
    expect(first.total).toBe(runs().length)
  })

  it('sort=started is the default order reversed for dated runs, undated ones still last', async () => {
    const listed = await allRuns(source, '&sort=started')
    const dated = runs().filter((run) => (run.startedAt ?? run.createdAt) !== undefined)
    const undated = runs().filter((run) => (run.startedAt ?? run.createdAt) === undefined)
    expect(listed.map((run) => run.id)).toEqual([...dated.reverse(), ...undated].map((r) => r.id))
  })

  it('combines a sort with a status filter and keeps the exact total', async () => {
    const failed = runs().filter((run) => run.status === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    const listed = await allRuns(source, '&sort=-duration&status=failed')
    expect(listed.map((run) => run.id)).toEqual(byDuration(failed, -1))
  })
})

describe('sort parameter', () => {
  it('refuses an unknown order with a 400 that names it', async () => {
    const response = await server.get('/api/sources/demo-puq/runs?sort=slowest')
    expect(response.status).toBe(400)
    expect(apiErrorSchema.parse(JSON.parse(response.body)).error.message).toBe(
      'sort: must be one of -started, started, -duration, duration',
    )
  })
})

/** Words as the search indexes see them: runs of letters and digits, lower case. */
const wordsOf = (text: string | undefined) => (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu)

describe.each(sources)('search on %s', (source) => {
  const runs = () => everyRun.get(source) ?? []

  it('finds a run by its id, and every run whose id starts with a prefix', async () => {
    const target = runs()[7]
    if (target === undefined) throw new Error('too few demo runs')
    const exact = await allRuns(source, `&q=${encodeURIComponent(target.id)}`)
    expect(exact.map((run) => run.id)).toContain(target.id)
    const prefix = target.id.slice(0, Math.max(1, target.id.length - 2))
    // A prefix that is also a word of some error or name finds those runs too.
    const expected = runs().filter(
      (run) => run.id.startsWith(prefix) || searchableWords(run).includes(prefix.toLowerCase()),
    )
    const listed = await allRuns(source, `&q=${encodeURIComponent(prefix)}`)
    expect(listed.map((run) => run.id)).toEqual(expected.map((run) => run.id))
  })

  it('finds runs by words of their error text in any order and case, with a status', async () => {
    const failed = runs().filter((run) => run.error !== undefined)
    const words = [...new Set(failed.flatMap((run) => wordsOf(run.error) ?? []))].filter((word) =>
      /^\p{L}{5,}$/u.test(word),
    )
    const [first, second] = words
    if (first === undefined || second === undefined) throw new Error('no words in the errors')
    const q = `${second.toUpperCase()} ${first}`
    const expected = runs().filter((run) =>
      [first, second].every((word) => searchableWords(run).includes(word)),
    )
    expect(expected.length).toBeGreaterThan(0)
    const page = await pageOf(`/api/sources/${source}/runs?q=${encodeURIComponent(q)}`)
    expect(page.total).toBe(expected.length)
    const listed = await allRuns(source, `&q=${encodeURIComponent(q)}&status=failed`)
    expect(listed.map((run) => run.id)).toEqual(
      expected.filter((run) => run.status === 'failed').map((run) => run.id),
    )
  })
})

function searchableWords(run: Run): string[] {
  return [...(wordsOf(run.error) ?? []), ...(wordsOf(run.workflowName) ?? [])]
}

describe('search parameter', () => {
  it.each([
    ['q=%20%20', 'q: must not be empty'],
    [`q=${'x'.repeat(201)}`, 'q: must be at most 200 characters'],
  ])('refuses %s with a 400 that names it', async (query, message) => {
    const response = await server.get(`/api/sources/demo-puq/runs?${query}`)
    expect(response.status).toBe(400)
    expect(apiErrorSchema.parse(JSON.parse(response.body)).error.message).toBe(message)
  })
})
