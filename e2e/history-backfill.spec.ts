/**
 * While Runboard is still reading a source's history, the page shows what it has at once and
 * says how far it got. The test starts a server of its own on a slow demo vendor (250 ms an
 * answer), so the backfill is still running while the page is looked at.
 */
import { test, expect, frozenNow, startDemoRunboard } from './fixtures'

test('shows the first runs at once, with the backfill as a progress bar', async ({ page }) => {
  const slow = await startDemoRunboard({ SANDBOX_LATENCY_MS: '250' })
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
  }
})
