/**
 * Every error answers `{ error: { code, message } }` as JSON, including the ones raised before
 * any route runs: a path that is not valid percent-encoding (Fastify's router), headers too
 * large and a method token Node's parser does not know (no request exists yet), and ids longer
 * than the router's parameter limit. Requests go over raw sockets, since an HTTP client would
 * refuse to send them or would normalize them first. Also: a page past the end is a 404 that
 * says how many pages there are, and a page number is plain decimal.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { apiErrorSchema, runPageSchema } from '../shared/model'
import {
  oracle,
  startTestSandbox,
  startTestServer,
  waitForLive,
  type Sandbox,
  type TestServer,
} from './testing/harness'

const key = 'sk-live-SHAPE-KEY-777777'

let upstream: Sandbox
let server: TestServer

beforeAll(async () => {
  upstream = await startTestSandbox({ apiKey: key, runs: 1_000 })
  server = await startTestServer({ PUQ_API_KEY: key, PUQ_BASE_URL: upstream.puqBaseUrl })
  await waitForLive(server)
})

afterAll(async () => {
  await server.close()
  await upstream.close()
})

type RawAnswer = { status: number; headers: Map<string, string>; body: string }

/** Sends `head` (request line and headers, without the blank line) exactly as written. */
function rawRequest(head: string): Promise<RawAnswer> {
  const { port, hostname } = new URL(server.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const split = text.indexOf('\r\n\r\n')
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n')
      const headers = new Map(
        lines.map((line) => {
          const colon = line.indexOf(':')
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const
        }),
      )
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) })
    })
    socket.write(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
  })
}

/** The answer is the one error shape, as JSON, with this status and code. */
function expectError(answer: RawAnswer, status: number, code: string) {
  expect(answer.status).toBe(status)
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
  const body: unknown = JSON.parse(answer.body)
  const parsed = apiErrorSchema.parse(body)
  expect(parsed.error.code).toBe(code)
  // Nothing beside the shape (Fastify's own adds `statusCode`); parsing drops unknown keys.
  expect(body).toEqual(parsed)
  return parsed.error
}

describe('errors raised before any route answer in the one shape', () => {
  it.each(['/api/sources/%E0%A4%A', '/api/sources/puq/runs/%E0%A4%A', '/runs/%zz'])(
    'GET %s (broken percent-encoding) is a JSON 400 that does not echo the path',
    async (path) => {
      const answer = await rawRequest(`GET ${path} HTTP/1.1`)
      const error = expectError(answer, 400, 'BAD_REQUEST')
      expect(error.message).toBe('The request path is not valid percent-encoding')
      expect(answer.body).not.toContain(path.slice(path.lastIndexOf('/') + 1))
    },
  )

  it.each([
    ['a 20 kB cookie', `Cookie: session=${'c'.repeat(20_000)}`],
    ['a 20 kB header', `X-Padding: ${'p'.repeat(20_000)}`],
  ])('answers %s with a JSON 431', async (_what, header) => {
    const answer = await rawRequest(`GET /api/sources HTTP/1.1\r\n${header}`)
    const error = expectError(answer, 431, 'BAD_REQUEST')
    expect(error.message).toMatch(/headers are larger than this server accepts/)
    expect(answer.body).not.toContain('ccccc')
    expect(answer.body).not.toContain('ppppp')
  })

  it.each(['FOO', 'PROPFIND', 'MKCOL'])(
    'answers the method %s with a JSON 405 and an Allow header',
    async (method) => {
      const answer = await rawRequest(`${method} /api/sources HTTP/1.1`)
      expectError(answer, 405, 'METHOD_NOT_ALLOWED')
      expect(answer.headers.get('allow')).toBe('GET, HEAD')
    },
  )
})

describe('long ids reach the check that names them', () => {
  it.each([301, 1_000, 2_000])('a %i-character run id is a 400 naming runId', async (length) => {
    const answer = await rawRequest(`GET /api/sources/puq/runs/${'r'.repeat(length)} HTTP/1.1`)
    const error = expectError(answer, 400, 'BAD_REQUEST')
    expect(error.message).toMatch(/^runId: must be 1-128/)
  })

  it('a 400-character source is a 400 naming source', async () => {
    const answer = await rawRequest(`GET /api/sources/${'s'.repeat(400)}/runs HTTP/1.1`)
    expect(expectError(answer, 400, 'BAD_REQUEST').message).toMatch(/^source: must be 1-128/)
  })

  it('a path part past every limit is still a JSON 400 that does not echo it', async () => {
    const answer = await rawRequest(`GET /api/sources/puq/runs/${'q'.repeat(5_000)} HTTP/1.1`)
    expectError(answer, 400, 'BAD_REQUEST')
    expect(answer.body).not.toContain('qqqqq')
  })
})

describe('pages', () => {
  const totalSchema = z.object({ total: z.number().int() })

  it('answers a page past the end with a 404 that says how many pages there are', async () => {
    const { total } = totalSchema.parse(await oracle(upstream, '/puq/v1/executions?limit=1'))
    const pages = Math.ceil(total / 20)
    expect(pages).toBeGreaterThan(1)
    for (const page of [pages + 1, 5_000, 99_999]) {
      const answer = await rawRequest(`GET /api/sources/puq/runs?page=${page} HTTP/1.1`)
      const error = expectError(answer, 404, 'NOT_FOUND')
      expect(error.message).toContain(`there is no page ${page}`)
      expect(error.message).toContain(`${pages} pages`)
    }
    const last = await server.json(`/api/sources/puq/runs?page=${pages}`, runPageSchema)
    expect(last.items.length).toBeGreaterThan(0)
  })

  it('answers page 1 of an empty result with 200 and no items, page 2 with a 404', async () => {
    const empty = await server.json('/api/sources/puq/runs?status=unknown', runPageSchema)
    expect(empty).toMatchObject({ items: [], page: 1, total: 0 })
    const answer = await rawRequest('GET /api/sources/puq/runs?status=unknown&page=2 HTTP/1.1')
    expect(expectError(answer, 404, 'NOT_FOUND').message).toContain('0 pages')
  })

  it.each(['0x10', '1e5', '1e1', '%205', '5%20', '%2B5', '+5', '5.0', '05', '0b11', '', '-1'])(
    'refuses page=%s: a page is written in plain decimal',
    async (spelling) => {
      const answer = await rawRequest(`GET /api/sources/puq/runs?page=${spelling} HTTP/1.1`)
      expect(expectError(answer, 400, 'BAD_REQUEST').message).toBe('page: must be a whole number')
    },
  )

  it('refuses pageSize=2e1 and reads pageSize=20', async () => {
    const answer = await rawRequest('GET /api/sources/puq/runs?pageSize=2e1 HTTP/1.1')
    expect(expectError(answer, 400, 'BAD_REQUEST').message).toBe('pageSize: must be a whole number')
    const page = await server.json('/api/sources/puq/runs?pageSize=20&page=2', runPageSchema)
    expect(page).toMatchObject({ page: 2, pageSize: 20 })
  })
})
