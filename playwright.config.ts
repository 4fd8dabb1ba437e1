/**
 * e2e in a real Chromium. Each worker starts its own sandbox and server on free loopback
 * ports (see e2e/fixtures.ts), with the sandbox clock frozen and the timezone pinned.
 */
import { defineConfig } from '@playwright/test'
import { chromiumArgs, resolveChromiumPath } from './e2e/chromium-path'

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: true,
  workers: 2,
  retries: 0,
  // Each worker's server keeps syncing in the background; a loaded 2-core CI machine needs room.
  timeout: 60_000,
  // A cold deep link takes about 3 s to show its drawer on a quiet machine (parse, two
  // renders, the chart); with both workers' browsers and servers on 2 cores, over 10 s at times.
  expect: { timeout: 20_000 },
  // Playwright empties its outputDir at start: keep it apart from the CI reports beside it.
  outputDir: 'test-results/artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
    launchOptions: { executablePath: resolveChromiumPath(), args: chromiumArgs },
    trace: 'retain-on-failure',
  },
})
