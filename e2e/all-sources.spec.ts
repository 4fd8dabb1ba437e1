/**
 * The all-sources view in a real browser against the sandbox server: its total is the sum of
 * the sources' own, and a run of each source opens in the drawer from it, asked of its source.
 */
import type { Page } from '@playwright/test'
import { runPageSchema } from '../src/shared/model'
import { test, expect, frozenNow } from './fixtures'

const runsTable = (page: Page) => page.getByRole('table', { name: /^Runs of/ })

/** The total the page states above the table (`1,234 runs`). */
async function statedTotal(page: Page): Promise<number> {
  const text = await page.locator('p[aria-live="polite"]').first().textContent()
  const match = /^([\d,]+) /.exec(text ?? '')
  if (!match?.[1]) throw new Error(`no total in ${text}`)
  return Number(match[1].replaceAll(',', ''))
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date(frozenNow))
})

test('all sources: the sum of both totals, and runs of each source open', async ({
  page,
  request,
}) => {
  const totalOf = async (source: string) =>
    runPageSchema.parse(await (await request.get(`/api/sources/${source}/runs?pageSize=1`)).json())
      .total
  const expected = (await totalOf('demo-trigify')) + (await totalOf('demo-puq'))
  expect(expected).toBeGreaterThan(0)

  await page.goto('/runs?source=all')
  await expect(runsTable(page)).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('all')
  await expect(page.getByRole('status', { name: 'Address corrected' })).toHaveCount(0)
  await expect.poll(() => statedTotal(page)).toBe(expected)

  for (const [source, label] of [
    ['demo-puq', 'puq.ai (demo)'],
    ['demo-trigify', 'Trigify (demo)'],
  ] as const) {
    // Each row names its source; open the first of this one.
    const row = runsTable(page)
      .locator('tbody tr[data-run-id]')
      .filter({ has: page.getByText(label, { exact: true }) })
      .first()
    const runId = await row.getAttribute('data-run-id')
    if (!runId) throw new Error(`no ${source} run on the first page of all sources`)
    const detail = page.waitForResponse(
      (response) => new URL(response.url()).pathname === `/api/sources/${source}/runs/${runId}`,
    )
    await row.click()
    expect((await detail).status()).toBe(200)
    const dialog = page.getByRole('dialog', { name: new RegExp(runId) })
    await expect(dialog.getByRole('region', { name: 'Run summary' })).toBeVisible()
    await expect(page).toHaveURL(new RegExp(`runSource=${source}`))
    await dialog.getByRole('button', { name: 'Close run details' }).click()
    await expect(dialog).toBeHidden()
    await expect(page).not.toHaveURL(/runSource=/)
  }
})
