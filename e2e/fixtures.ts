/**
 * Starts a real sandbox and a real Runboard server per worker, on free loopback ports, with
 * the sandbox clock frozen so every run sees the same history, and a store of the worker's
 * own. Tests get `baseURL` pointed at the server once its demo history is read;
 * `runboard.sandbox` drives the fault switches.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect } from '@playwright/test'
import { startRunboard, type RunboardHandle } from '../src/server/runboard'
import { startSandbox } from '../src/sandbox/start'
import { waitForLive } from '../src/server/testing/harness'

// The server renders pages with React, in this worker: with its production build, as `npm start`
// does (the development one is several times slower and would slow every test's first HTML).
process.env.NODE_ENV ??= 'production'

/** The instant the demo history is frozen at in every e2e test. */
export const frozenNow = '2026-11-20T12:00:00.000Z'

/**
 * A Runboard in demo mode on a store of its own, the demo clock frozen and Trigify's limit
 * lifted (its backfill is measured by the bench, not waited out here); `close` removes the store.
 */
export async function startDemoRunboard(env: Record<string, string> = {}): Promise<RunboardHandle> {
  const dataDir = await mkdtemp(join(tmpdir(), 'runboard-e2e-'))
  const server = await startRunboard(
    {
      HOST: '127.0.0.1',
      PORT: '0',
      RUNBOARD_DEMO: '1',
      RUNBOARD_DATA_DIR: dataDir,
      SANDBOX_NOW: frozenNow,
      SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
      // Rows in the first HTML every time, however loaded the machine: the 100 ms fallback is
      // the server tests' (runboard.rendered-page.test.ts).
      RUNBOARD_PAGE_DATA_BUDGET_MS: '10000',
      ...env,
    },
    { logger: false },
  )
  return {
    ...server,
    close: async () => {
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

type Runboard = {
  url: string
  sandbox: Awaited<ReturnType<typeof startSandbox>>
}

export const test = base.extend<object, { runboard: Runboard }>({
  runboard: [
    async ({}, use) => {
      // One sandbox serves the "real" Trigify source, configured with a wrong key on purpose
      // so the rejected-key path is always available to tests; the demo sources are embedded.
      const sandbox = await startSandbox({ now: frozenNow })
      const server = await startDemoRunboard({
        TRIGIFY_BASE_URL: sandbox.trigifyBaseUrl,
        TRIGIFY_API_KEY: 'not-the-right-key',
      })
      // Reading the demo history takes seconds; on a loaded 2-core CI machine, up to a minute.
      await waitForLive(
        { ...server, syncs: server.syncs.filter((sync) => sync.feed.info.isDemo) },
        100_000,
      )
      await use({ url: server.url, sandbox })
      await server.close()
      await sandbox.close()
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ runboard }, use) => {
    await use(runboard.url)
  },
})

export { expect }
