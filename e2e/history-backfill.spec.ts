/**
 * While Runboard is still reading a source's history, the page shows what it has at once and
 * says how far it got. The test starts a server of its own on a slow demo vendor (250 ms an
 * answer), so the backfill is still running while the page is looked at.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRunboard } from '../src/server/runboard'
import { test, expect, frozenNow } from './fixtures'

test('shows the first runs at once, with the backfill as a progress bar', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'runboard-e2e-slow-'))
  const slow = await startRunboard(
    {
      HOST: '127.0.0.1',
      PORT: '0',
      RUNBOARD_DEMO: '1',
      RUNBOARD_DATA_DIR: dataDir,
      SANDBOX_NOW: frozenNow,
      SANDBOX_LATENCY_MS: '250',
      SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
    },
    { logger: false },
  )
  try {
    await page.clock.setFixedTime(new Date(frozenNow))
    await page.goto(`${slow.url}/runs?source=demo-puq&tz=utc&window=30d`)
    const table = page.getByRole('table', { name: /Runs of/ })
    await expect(table.locator('tbody tr').first()).toBeVisible()
    const progress = page.getByRole('progressbar', { name: 'Reading puq.ai (demo) history' })
    await expect(progress).toBeVisible()
    await expect(page.getByText(/^Reading history: [\d,]+ of [\d,]+ runs/)).toBeVisible()
    await expect(page.getByText(/^[\d,]+ of [\d,]+ runs read so far/)).toBeVisible()
    const panel = page.getByRole('region', { name: 'Outcomes' })
    await expect(panel.getByRole('note')).toContainText('bars before that are incomplete')
  } finally {
    await slow.close()
    await rm(dataDir, { recursive: true, force: true })
  }
})
