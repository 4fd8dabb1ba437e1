/**
 * The export route over HTTP against a demo sandbox read whole into the store: the file is
 * parsed here (CSV by a separate RFC 4180 reader, NDJSON line by line with the shared schema)
 * and its runs compared with what the runs listing says for the same filter, never with
 * numbers of the export code. Also: the access token applies, bad parameters are named, and a
 * client that goes away mid-export stops the store being read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { failuresResponseSchema } from '../shared/failures-model'
import { apiErrorSchema, runPageSchema, runSchema, type Run } from '../shared/model'
import { csvObjects } from './testing/csv-parse'
import { startTestServer, type TestServer, waitForLive, waitUntil } from './testing/harness'

const token = 'export-token-0123456789'
let server: TestServer
let guarded: TestServer

beforeAll(async () => {
  server = await startTestServer({ RUNBOARD_DEMO: '1', SANDBOX_RUNS: '600' })
  guarded = await startTestServer({ SANDBOX_RUNS: '100', RUNBOARD_ACCESS_TOKEN: token })
  await waitForLive(server)
})

afterAll(async () => {
  await server.close()
  await guarded.close()
})

async function listed(source: string, filter: string): Promise<{ total: number; ids: string[] }> {
  const ids: string[] = []
  for (let page = 1; ; page += 1) {
    const answer = await server.json(
      `/api/sources/${source}/runs?pageSize=100&page=${page}${filter}`,
      runPageSchema,
    )
    ids.push(...answer.items.map((run) => run.id))
    if (page >= answer.totalPages) return { total: answer.total, ids }
  }
}

const filters = [
  ['no filter', ''],
  ['failed runs of a window', '&status=failed&from=2026-11-01T00:00:00Z&to=2026-11-15T12:30Z'],
  ['an open-ended window', '&from=2026-11-18T00:00:00%2B02:00'],
] as const

describe.each(['demo-puq', 'demo-trigify'])('exporting %s', (source) => {
  it.each(filters)('as CSV: %s, every listed run once, newest first', async (_, filter) => {
    const response = await server.get(`/api/sources/${source}/runs/export?format=csv${filter}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present')
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(
        `^attachment; filename="runboard-${source}-[A-Za-z0-9._-]*\\d{4}-\\d\\d-\\d\\d\\.csv"$`,
      ),
    )
    const rows = csvObjects(response.body)
    const truth = await listed(source, filter)
    expect(truth.total).toBeGreaterThan(0)
    expect(rows).toHaveLength(truth.total)
    expect(rows.map((row) => row.id)).toEqual(truth.ids)
    expect(rows.every((row) => row.source === source)).toBe(true)
  })

  it.each(filters)('as NDJSON: %s, the normalized runs', async (_, filter) => {
    const response = await server.get(`/api/sources/${source}/runs/export?format=ndjson${filter}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
    const lines = response.body.split('\n')
    expect(lines.pop()).toBe('')
    const runs: Run[] = lines.map((line) => runSchema.parse(JSON.parse(line)))
    const truth = await listed(source, filter)
    expect(runs.map((run) => run.id)).toEqual(truth.ids)
  })
})

it('exports a search: the runs the listing finds for it', async () => {
  const [newest] = (await listed('demo-puq', '')).ids
  if (newest === undefined) throw new Error('no runs')
  const q = encodeURIComponent(newest.slice(0, -1))
  const truth = await listed('demo-puq', `&q=${q}`)
  expect(truth.total).toBeGreaterThan(0)
  const response = await server.get(`/api/sources/demo-puq/runs/export?format=csv&q=${q}`)
  expect(csvObjects(response.body).map((row) => row.id)).toEqual(truth.ids)
  expect(response.headers.get('content-disposition')).toContain('-search-')
})

it("exports a failure group: the runs the failure inbox's link lists", async () => {
  const { groups } = await server.json(
    '/api/sources/demo-trigify/failures?from=2026-08-23T12:00Z&to=2026-11-20T12:00Z',
    failuresResponseSchema,
  )
  const group = groups.find((candidate) => candidate.count > 1)
  if (group === undefined) throw new Error('no failure group of two runs or more')
  const truth = await listed('demo-trigify', `&failure=${group.fingerprint}`)
  expect(truth.total).toBeGreaterThan(1)
  const response = await server.get(
    `/api/sources/demo-trigify/runs/export?format=csv&failure=${group.fingerprint}`,
  )
  expect(response.status).toBe(200)
  expect(csvObjects(response.body).map((row) => row.id)).toEqual(truth.ids)
})

it('names the filter in the file name', async () => {
  const response = await server.get(
    '/api/sources/demo-puq/runs/export?format=csv&status=failed,running&from=2026-11-20T02:00Z',
  )
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="runboard-demo-puq-failed_running-from-20261120T0200Z-\d{4}-\d\d-\d\d\.csv"$/,
  )
})

describe('export parameters', () => {
  it.each([
    ['', 'format: must be one of csv, ndjson'],
    ['format=xlsx', 'format: must be one of csv, ndjson'],
    ['format=csv&page=2', 'page: is not a parameter of this route'],
    ['format=csv&to=tomorrow', 'to: must be an ISO 8601 time'],
    ['format=csv&from=2026-11-20T00:00Z&to=2026-11-19T00:00Z', 'from: must be before to'],
  ])('refuses ?%s with a 400 that names it', async (query, message) => {
    const response = await server.get(`/api/sources/demo-puq/runs/export?${query}`)
    expect(response.status).toBe(400)
    expect(apiErrorSchema.parse(JSON.parse(response.body)).error.message).toContain(message)
  })
})

describe('the export behind the access token', () => {
  it('refuses without the token and answers with it', async () => {
    await waitForLive(guarded)
    const path = '/api/sources/demo-puq/runs/export?format=ndjson'
    const refused = await guarded.get(path)
    expect(refused.status).toBe(401)
    expect(refused.body).not.toContain('"workflowId"')
    const answered = await guarded.get(path, { headers: { authorization: `Bearer ${token}` } })
    expect(answered.status).toBe(200)
    expect(answered.headers.get('content-disposition')).toContain('attachment')
  })
})

describe('a client that goes away mid-export', () => {
  it('stops the reading of the store', async () => {
    const seen = { chunks: 0, closed: false }
    const original = server.store.iterateRuns.bind(server.store)
    // An endless store: without the stop, the export would read it forever.
    server.store.iterateRuns = (filter) =>
      (async function* () {
        try {
          for (;;) {
            for await (const chunk of original(filter, 100)) {
              seen.chunks += 1
              yield chunk
            }
          }
        } finally {
          seen.closed = true
        }
      })()
    try {
      const abort = new AbortController()
      const response = await fetch(`${server.url}/api/sources/demo-puq/runs/export?format=csv`, {
        signal: abort.signal,
      })
      const reader = response.body?.getReader()
      if (reader === undefined) throw new Error('no body')
      await reader.read()
      abort.abort()
      await waitUntil(() => Promise.resolve(seen.closed), 'the store iteration to be closed')
      const atClose = seen.chunks
      const after = await server.get('/api/sources')
      expect(after.status).toBe(200)
      expect(seen.chunks).toBe(atClose)
    } finally {
      server.store.iterateRuns = original
    }
  })
})
