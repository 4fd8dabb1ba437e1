/**
 * The outcomes chart in a real browser on the frozen demo history: its tooltips show the
 * stats route's counts, and a click on a bar's failed part narrows the table (and the URL) to
 * that bucket's failed runs. The partial answer has a spec of its own (another server budget).
 */
import type { APIRequestContext, Page } from '@playwright/test'
import { runPageSchema, runStatsSchema, type RunStats } from '../src/shared/model'
import { test, expect, frozenNow } from './fixtures'

// The 7 UTC days up to the frozen instant, as the page asks for them (`tz=utc`, `window=7d`).
const from = '2026-11-14T00:00:00.000Z'
const to = frozenNow

async function stats(request: APIRequestContext, source: string): Promise<RunStats> {
  const response = await request.get(
    `/api/sources/${source}/stats?from=${from}&to=${to}&bucket=day&tz=UTC`,
  )
  expect(response.ok()).toBe(true)
  return runStatsSchema.parse(await response.json())
}

/** The segments of one status's bars, one per bucket, in bucket order. */
function segments(page: Page, series: number) {
  return page.locator('.recharts-bar').nth(series).locator('.recharts-bar-rectangle')
}

test.beforeEach(async ({ page }) => {
  // The sandbox's clock is frozen; the browser's must agree, or "the last 7 days" is empty.
  await page.clock.setFixedTime(new Date(frozenNow))
})

test.describe('outcomes chart', () => {
  for (const source of ['demo-puq', 'demo-trigify']) {
    test(`${source}: headline and tooltips show the stats route's counts`, async ({
      page,
      request,
    }) => {
      const expected = await stats(request, source)
      await page.goto(`/runs?source=${source}&tz=utc`)
      const panel = page.getByRole('region', { name: 'Outcomes' })
      const figures = panel.getByLabel('Outcome figures')
      await expect(figures).toContainText(`Runs${expected.totals.total.toLocaleString('en-GB')}`)
      await expect(figures).toContainText(
        `Failed${(expected.totals.counts.failed ?? 0).toLocaleString('en-GB')}`,
      )
      await expect(segments(page, 0)).toHaveCount(expected.buckets.length)

      for (const index of [2, expected.buckets.length - 2]) {
        const bucket = expected.buckets[index]
        if (!bucket) throw new Error(`no bucket ${index}`)
        await segments(page, 0).nth(index).hover()
        const tooltip = page.getByTestId('outcomes-tooltip')
        await expect(tooltip).toBeVisible()
        await expect(tooltip).toContainText(
          `Succeeded${(bucket.counts.succeeded ?? 0).toLocaleString('en-GB')}`,
        )
        await expect(tooltip).toContainText(
          `Failed${(bucket.counts.failed ?? 0).toLocaleString('en-GB')}`,
        )
        await expect(tooltip).toContainText(`Total${bucket.total.toLocaleString('en-GB')}`)
      }
    })
  }

  test('a click on a bar’s failed part lists exactly that bucket’s failed runs', async ({
    page,
    request,
  }) => {
    const expected = await stats(request, 'demo-puq')
    const index = expected.buckets.findIndex((bucket) => (bucket.counts.failed ?? 0) > 0)
    const bucket = expected.buckets[index]
    if (!bucket) throw new Error('the demo week has no failed run')

    await page.goto('/runs?source=demo-puq&tz=utc')
    // Series order is the vocabulary's: succeeded, then failed.
    await segments(page, 1).nth(index).click()
    await expect(page).toHaveURL(/[?&]status=failed/)
    const url = new URL(page.url())
    expect(url.searchParams.get('from')).toBe(bucket.start)
    expect(url.searchParams.get('to')).toBe(bucket.end)

    const failed = bucket.counts.failed ?? 0
    await expect(page.getByText(`${failed} failed ${failed === 1 ? 'run' : 'runs'}`)).toBeVisible()

    // The figures are the week's failed runs, beside the failure rate of all the week's runs.
    const figures = page.getByRole('region', { name: 'Outcomes' }).getByLabel('Outcome figures')
    const weekFailed = (expected.totals.counts.failed ?? 0).toLocaleString('en-GB')
    await expect(figures).toContainText(`Failed runs${weekFailed}`)
    const rate = (expected.totals.failureRate ?? 0) * 100
    const shownRate = rate < 10 ? rate.toFixed(1) : String(Math.round(rate))
    await expect(figures).toContainText(`Failure rate, all runs${shownRate}%`)
    await expect(figures).not.toContainText('Succeeded')
    const listed = runPageSchema.parse(
      await (
        await request.get(
          `/api/sources/demo-puq/runs?status=failed&from=${bucket.start}&to=${bucket.end}&pageSize=20`,
        )
      ).json(),
    )
    const rowIds = page.locator('tbody tr[data-run-id]')
    await expect(rowIds).toHaveCount(Math.min(failed, 20))
    expect(await rowIds.evaluateAll((rows) => rows.map((row) => row.dataset.runId))).toEqual(
      listed.items.map((run) => run.id),
    )
    await expect(page.getByText('Started 14 Nov', { exact: false })).toBeVisible()

    // The chip clears the window and keeps the status filter.
    await page.getByRole('button', { name: /^Remove the time filter/ }).click()
    await expect(page).not.toHaveURL(/[?&]from=/)
    await expect(page).toHaveURL(/[?&]status=failed/)
  })
})
