/**
 * While Runboard is still reading a source's history, the page shows what it has at once and
 * says how far it got. This file's workers run a slow demo vendor, so the backfill lasts.
 */
import { test, expect, frozenNow } from './fixtures'

test.use({ demoLatencyMs: '250' })

test('shows the first runs at once, with the backfill as a progress bar', async ({ page }) => {
  await page.clock.setFixedTime(new Date(frozenNow))
  await page.goto('/runs?source=demo-puq&tz=utc&window=30d')
  const table = page.getByRole('table', { name: /Runs of/ })
  await expect(table.locator('tbody tr').first()).toBeVisible()
  const progress = page.getByRole('progressbar', { name: 'Reading puq.ai (demo) history' })
  await expect(progress).toBeVisible()
  await expect(page.getByText(/^Reading history: [\d,]+ of [\d,]+ runs/)).toBeVisible()
  const panel = page.getByRole('region', { name: 'Outcomes' })
  await expect(panel.getByRole('note')).toContainText('bars before that are incomplete')
})
