/**
 * Exploring the history in a real browser against the sandbox server: a search typed in the
 * box, a preset range, a sorted column and an export of exactly that view. The downloaded
 * files are parsed and counted against the total the table states.
 */
import { readFile } from 'node:fs/promises'
import type { Download, Page } from '@playwright/test'
import { runPageSchema } from '../src/shared/model'
import { parseCsv } from '../src/server/testing/csv-parse'
import { test, expect, frozenNow } from './fixtures'

const runsTable = (page: Page) => page.getByRole('table', { name: /^Runs of/ })
const rows = (page: Page) => runsTable(page).locator('tbody tr[data-run-id]')

/** The total the page states above the table (`1,234 runs`). */
async function statedTotal(page: Page): Promise<number> {
  const text = await page.locator('p[aria-live="polite"]').first().textContent()
  const match = /^([\d,]+) /.exec(text ?? '')
  if (!match?.[1]) throw new Error(`no total in ${text}`)
  return Number(match[1].replaceAll(',', ''))
}

async function downloaded(download: Download): Promise<string> {
  const path = await download.path()
  return readFile(path, 'utf8')
}

test.beforeEach(async ({ page }) => {
  // The sandbox's clock is frozen; the browser's must agree, or "the last 7 days" is empty.
  await page.clock.setFixedTime(new Date(frozenNow))
})

test('search, range, sort and export walk one view end to end', async ({ page, request }) => {
  // A word of a real error text in the demo history, to search for. Trigify's list carries its
  // errors, so what matches is settled once the history is read (puq's errors arrive with each
  // run's detail, which the sync keeps reading in the background: its matches would grow).
  const failed = runPageSchema.parse(
    await (await request.get('/api/sources/demo-trigify/runs?status=failed&pageSize=1')).json(),
  )
  const word = failed.items[0]?.error?.match(/[A-Za-z]{5,}/)?.[0]
  if (!word) throw new Error('the demo history has no failed run with an error text')

  await page.goto('/runs?source=demo-trigify&tz=utc')
  await expect(rows(page).first()).toBeVisible()

  // Search: `/` focuses the box; typing lands in the URL after a pause.
  // A click somewhere inert first (the chart's columns are buttons, the body's middle may be one).
  await page.getByRole('heading', { name: 'Runs', level: 1 }).click()
  await page.keyboard.press('/')
  const box = page.getByRole('searchbox', { name: 'Search runs' })
  await expect(box).toBeFocused()
  await page.keyboard.type(word)
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}(&|$)`))
  const searched = runPageSchema.parse(
    await (await request.get(`/api/sources/demo-trigify/runs?q=${word}`)).json(),
  )
  expect(searched.total).toBeGreaterThan(0)
  await expect.poll(() => statedTotal(page)).toBe(searched.total)
  await expect(runsTable(page).locator('mark').first()).toHaveText(new RegExp(word, 'i'))

  // Range: the last 7 days, from the minute 7 days before the frozen instant.
  await page.getByRole('button', { name: 'Started: Any time' }).click()
  await page.getByRole('button', { name: 'Last 7 days' }).click()
  await expect(page).toHaveURL(/[?&]range=7d(&|$)/)
  const from = new Date(Date.parse(frozenNow) - 7 * 86_400_000).toISOString()
  const ranged = runPageSchema.parse(
    await (await request.get(`/api/sources/demo-trigify/runs?q=${word}&from=${from}`)).json(),
  )
  await expect.poll(() => statedTotal(page)).toBe(ranged.total)
  // The chart follows: its window is the preset's.
  await expect(page.getByRole('radio', { name: '7d' })).toBeChecked()

  // Sort: the longest first, as the API orders them.
  const duration = runsTable(page).getByRole('columnheader', { name: /Duration/ })
  await duration.getByRole('button').click()
  await expect(page).toHaveURL(/[?&]sort=-duration(&|$)/)
  await expect(duration).toHaveAttribute('aria-sort', 'descending')
  const sorted = runPageSchema.parse(
    await (
      await request.get(`/api/sources/demo-trigify/runs?q=${word}&from=${from}&sort=-duration`)
    ).json(),
  )
  await expect(rows(page).first()).toHaveAttribute('data-run-id', sorted.items[0]?.id ?? '')

  // Export: the menu's label says the count; each file holds exactly that many runs.
  const total = await statedTotal(page)
  expect(total).toBe(ranged.total)
  const exportButton = page.getByRole('button', {
    name: `Export ${total.toLocaleString('en-GB')} runs`,
  })
  await exportButton.click()
  const csvDownload = page.waitForEvent('download')
  await page.getByRole('link', { name: /CSV/ }).click()
  const csv = parseCsv(await downloaded(await csvDownload))
  expect(csv[0]).toContain('id')
  expect(csv.length - 1).toBe(total)
  const idColumn = csv[0]?.indexOf('id') ?? -1
  // Every exported run is one the search found (the page's rows are among them).
  const pageIds = await rows(page).evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('data-run-id') ?? ''),
  )
  const exportedIds = new Set(csv.slice(1).map((record) => record[idColumn]))
  for (const id of pageIds) expect(exportedIds.has(id)).toBe(true)

  await exportButton.click()
  const ndjsonDownload = page.waitForEvent('download')
  await page.getByRole('link', { name: /NDJSON/ }).click()
  const lines = (await downloaded(await ndjsonDownload)).split('\n').filter((line) => line !== '')
  expect(lines).toHaveLength(total)
})
