/**
 * Test support for the integration suites: starts sandboxes and Runboard servers on free
 * loopback ports with a frozen clock, records every response (so a suite can assert that no
 * key leaked anywhere), captures log lines, and reads "the truth" straight from a sandbox.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { Agent, Client } from 'undici'
import { parse, type $ZodType, type output } from 'zod/v4/core'
import { startSandbox } from '../../sandbox/start'
import { startRunboard, type RunboardHandle } from '../runboard'
import type { FeedUpstream } from '../sources/feed-registry'
import { RateBudgetRegistry } from '../upstream/rate-budget'

export const frozenNow = '2026-11-20T12:00:00.000Z'

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>

/** A response read to the end. */
export type Fetched = { status: number; headers: Headers; body: string }

export type Recorded = { path: string; status: number; headers: string; body: string }

export class LogCapture extends Writable {
  readonly lines: string[] = []
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    done()
  }
}

export function startTestSandbox(options: Parameters<typeof startSandbox>[0] = {}) {
  return startSandbox({ now: frozenNow, trigifyRateLimit: 1_000_000, ...options })
}

export type TestServer = RunboardHandle & {
  logs: LogCapture
  recorded: Recorded[]
  get(path: string, init?: RequestInit): Promise<Fetched>
  json<S extends $ZodType>(path: string, schema: S): Promise<output<S>>
  raw(method: string, path: string, headers?: Record<string, string>): Promise<Recorded>
}

export async function startTestServer(
  env: NodeJS.ProcessEnv,
  options: { distDir?: string } = {},
): Promise<TestServer> {
  const logs = new LogCapture()
  // Every server its own store: no test reads another's history.
  const dataDir = await mkdtemp(join(tmpdir(), 'runboard-test-'))
  const handle = await startRunboard(
    {
      HOST: '127.0.0.1',
      PORT: '0',
      SANDBOX_NOW: frozenNow,
      SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
      RUNBOARD_DATA_DIR: dataDir,
      ...env,
    },
    { logger: { level: 'info', stream: logs }, distDir: options.distDir ?? '/nonexistent-dist' },
  )
  const recorded: Recorded[] = []
  const record = (
    path: string,
    status: number,
    headers: Iterable<[string, string]>,
    body: string,
  ) => {
    const entry = {
      path,
      status,
      headers: [...headers].map(([name, value]) => `${name}: ${value}`).join('\n'),
      body,
    }
    recorded.push(entry)
    return entry
  }
  const get = async (path: string, init?: RequestInit) => {
    const response = await fetch(handle.url + path, init)
    const body = await response.text()
    record(path, response.status, response.headers.entries(), body)
    return { status: response.status, headers: response.headers, body }
  }
  const client = new Client(handle.url)
  return {
    ...handle,
    logs,
    recorded,
    get,
    async json(path, schema) {
      const response = await get(path)
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.body}`)
      return parse(schema, JSON.parse(response.body))
    },
    /** Sends the path exactly as given (no URL normalization), for path-trick tests. */
    async raw(method, path, headers = {}) {
      const response = await client.request({ method, path, headers })
      const body = await response.body.text()
      const pairs: [string, string][] = Object.entries(response.headers).map(([name, value]) => [
        name,
        String(value),
      ])
      return record(path, response.statusCode, pairs, body)
    },
    close: async () => {
      await client.close()
      await handle.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Reads JSON straight from a sandbox (the expected values of the integration tests). */
export async function oracle(sandbox: Sandbox, path: string): Promise<unknown> {
  const isTrigify = path.startsWith('/trigify')
  const response = await fetch(sandbox.url + path, {
    headers: isTrigify
      ? { 'x-api-key': sandbox.apiKey }
      : { authorization: `Token ${sandbox.apiKey}` },
  })
  if (!response.ok) throw new Error(`oracle ${path}: ${response.status}`)
  return response.json()
}

export type OracleExecution = {
  workflowId: string
  started_at: string
  status: string
  error?: string | null
}

/** Every Trigify execution of every workflow, read straight from the sandbox. */
export async function oracleTrigifyExecutions(sandbox: Sandbox): Promise<OracleExecution[]> {
  const list = (await oracle(sandbox, '/trigify/v1/workflows?limit=100')) as {
    data: { items: { id: string }[] }
  }
  const executions: OracleExecution[] = []
  for (const { id } of list.data.items) {
    for (let page = 1; page < 1000; page += 1) {
      const body = (await oracle(
        sandbox,
        `/trigify/v1/workflows/${id}/executions?page=${page}&page_size=100`,
      )) as {
        data: {
          executions: Omit<OracleExecution, 'workflowId'>[]
          pagination: { total_pages: number }
        }
      }
      for (const execution of body.data.executions)
        executions.push({ ...execution, workflowId: id })
      if (page >= body.data.pagination.total_pages) break
    }
  }
  return executions
}

/** Polls a condition every 20 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Resolves once every source of the server has read its whole history. */
export function waitForLive(server: RunboardHandle, timeoutMs = 30_000): Promise<void> {
  return waitUntil(
    async () =>
      (await Promise.all(server.syncs.map((sync) => sync.progress()))).every(
        (progress) => progress.state === 'live',
      ),
    'every source to be live',
    timeoutMs,
  )
}

/** What feeds share in a test that drives a sync without a server; close its dispatcher after. */
export function testFeedUpstream(): FeedUpstream {
  return {
    dispatcher: new Agent({ connections: 8 }),
    budgets: new RateBudgetRegistry(),
    timeoutMs: 5_000,
    trigifyRateReserve: 10,
  }
}
