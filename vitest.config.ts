/** Unit and component tests: node for server, sandbox and shared code; jsdom for the SPA. */
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// The store's tests need a PostgreSQL cluster; only their project starts one.
const storeTests = 'src/server/store/**/*.test.ts'

export default defineConfig({
  test: {
    // The JSON report is what .ci/count-tests.mjs adds up into one total line; it is written on
    // every run so that the count never depends on how CI's environment is set.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/{server,sandbox,shared}/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: [storeTests],
          testTimeout: 20_000,
          // Integration suites wait in beforeAll for a sync to read a sandbox's whole history.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'store',
          environment: 'node',
          include: [storeTests],
          globalSetup: ['src/server/store/testing/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          setupFiles: ['src/web/test/setup.ts'],
          testTimeout: 15_000,
        },
      },
    ],
  },
})
