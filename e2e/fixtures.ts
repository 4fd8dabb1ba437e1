/**
 * Starts a real sandbox and a real Runboard server per worker, on free loopback ports, with
 * the sandbox clock frozen so every run sees the same history. Tests get `baseURL` pointed at
 * the server; `runboard.sandbox` lets a test drive the sandbox's fault switches.
 */
import { test as base, expect } from '@playwright/test'
import { startRunboard } from '../src/server/runboard'
import { startSandbox } from '../src/sandbox/start'

/** The instant the demo history is frozen at in every e2e test. */
export const frozenNow = '2026-11-20T12:00:00.000Z'

type Runboard = {
  url: string
  sandbox: Awaited<ReturnType<typeof startSandbox>>
}

export const test = base.extend<object, { runboard: Runboard; windowBudget: string | undefined }>({
  /** RUNBOARD_WINDOW_BUDGET of the worker's server; a spec sets it with `test.use`. */
  windowBudget: [undefined, { scope: 'worker', option: true }],
  runboard: [
    async ({ windowBudget }, use) => {
      // One sandbox serves both the demo sources and the "real" ones: `trigify` is configured
      // with a wrong key on purpose, so the rejected-key path is always available to tests.
      const sandbox = await startSandbox({ now: frozenNow })
      const server = await startRunboard(
        {
          HOST: '127.0.0.1',
          PORT: '0',
          RUNBOARD_DEMO: '1',
          SANDBOX_NOW: frozenNow,
          TRIGIFY_BASE_URL: sandbox.trigifyBaseUrl,
          TRIGIFY_API_KEY: 'not-the-right-key',
          ...(windowBudget === undefined ? {} : { RUNBOARD_WINDOW_BUDGET: windowBudget }),
        },
        { logger: false },
      )
      await use({ url: server.url, sandbox })
      await server.close()
      await sandbox.close()
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ runboard }, use) => {
    await use(runboard.url)
  },
})

export { expect }
