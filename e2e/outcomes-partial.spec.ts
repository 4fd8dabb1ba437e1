/**
 * A chart that rests on part of its window says so in words. This file's workers run a server
 * that may spend only 3 upstream requests per window answer, so 30 days of Trigify history
 * cannot be read in one call.
 */
import { test, expect, frozenNow } from './fixtures'

test.use({ windowBudget: '3' })

test('the outcomes chart says in words how far back a partial answer reaches', async ({ page }) => {
  await page.clock.setFixedTime(new Date(frozenNow))
  await page.goto('/runs?source=demo-trigify&tz=utc&window=30d')
  const panel = page.getByRole('region', { name: 'Outcomes' })
  await expect(panel.getByRole('note')).toContainText(/^Based on the newest [\d,]+ runs, back to /)
  await expect(panel.getByRole('note')).toContainText('bars before that are incomplete')
  await expect(panel.getByText('Runs read so far')).toBeVisible()
})
