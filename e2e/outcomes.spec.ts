/**
 * The outcomes chart in a real browser on the frozen demo history: its tooltips show the
 * stats route's counts, and a click on a bar's failed part narrows the table (and the URL) to
 * that bucket's failed runs. The partial answer has a spec of its own (another server budget).
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test'
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

/** The full-height columns laid over the plot, one per bucket, in bucket order. */
function columns(page: Page) {
  return page.getByRole('group', { name: /^Chart buckets/ }).locator(':scope > :not([role=status])')
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
        await columns(page).nth(index).hover()
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
    await columns(page).nth(index).click()
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

  test('a click high above a short failed bar hits its bucket, and leaves no tooltip or ring', async ({
    page,
    request,
  }) => {
    const expected = await stats(request, 'demo-puq')
    // The bucket whose failed part is shortest against the tallest bar: the hardest to hit.
    const tallest = Math.max(...expected.buckets.map((bucket) => bucket.total))
    const candidates = expected.buckets
      .map((bucket, index) => ({ bucket, index }))
      .filter(({ bucket }) => (bucket.counts.failed ?? 0) > 0)
      .sort((a, b) => (a.bucket.counts.failed ?? 0) - (b.bucket.counts.failed ?? 0))
    const target = candidates[0]
    if (!target) throw new Error('the demo week has no failed run')
    expect((target.bucket.counts.failed ?? 0) / tallest).toBeLessThan(0.2)

    await page.goto('/runs?source=demo-puq&tz=utc')
    // Series order is the vocabulary's: succeeded, then failed (at the top of each stack).
    // The drawing and its columns are in place, the week's every bucket among them.
    await expect(columns(page)).toHaveCount(expected.buckets.length)
    await expect(segments(page, 1).first()).toBeVisible()
    const column = await columns(page).nth(target.index).boundingBox()
    if (!column) throw new Error('the chart did not draw')
    const failedBar = await barInColumn(segments(page, 1), column)
    expect(failedBar.height).toBeLessThan(column.height / 4)
    // 6 px below the column's top: far above the bar's own failed part.
    const clickY = column.y + 6
    expect(clickY).toBeLessThan(failedBar.y)
    await page.mouse.click(column.x + column.width / 2, clickY)
    await expect(page).toHaveURL(/[?&]status=failed/)
    const url = new URL(page.url())
    expect(url.searchParams.get('from')).toBe(target.bucket.start)
    expect(url.searchParams.get('to')).toBe(target.bucket.end)

    // The pointer moves away: no tooltip stays, and the mouse-focused column shows no ring.
    await page.mouse.move(1, 1)
    await expect(page.getByTestId('outcomes-tooltip')).toHaveCount(0)
    expect(await page.evaluate(() => document.activeElement?.matches(':focus-visible'))).toBe(false)
  })

  test('Tab reaches the buckets, arrows move, Enter lists one, with a ring', async ({
    page,
    request,
  }) => {
    const expected = await stats(request, 'demo-puq')
    const failedBuckets = expected.buckets.filter((bucket) => (bucket.counts.failed ?? 0) > 0)
    const second = failedBuckets[1]
    if (!second) throw new Error('the demo week has fewer than two buckets with failed runs')

    await page.goto('/runs?source=demo-puq&tz=utc')
    await expect(columns(page).first()).toBeVisible()
    // From the window control (the one before the chart), Tab lands on the first failed bucket.
    await page.getByRole('radio', { name: '7d' }).focus()
    await page.keyboard.press('Tab')
    const focused = page.locator('[data-bucket-index]:focus')
    await expect(focused).toHaveAttribute('aria-label', /^List the \d+ failed runs of/)
    await page.keyboard.press('ArrowRight')
    await expect(page.getByTestId('outcomes-tooltip')).toContainText(
      `Failed${(second.counts.failed ?? 0).toLocaleString('en-GB')}`,
    )
    const outline = await focused.evaluate((element) => getComputedStyle(element).outlineStyle)
    expect(outline).toBe('solid')
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/[?&]status=failed/)
    const url = new URL(page.url())
    expect(url.searchParams.get('from')).toBe(second.start)
    expect(url.searchParams.get('to')).toBe(second.end)
  })
})

/** The drawn segment of a series whose middle lies in a column (recharts skips empty ones). */
async function barInColumn(
  series: Locator,
  column: { x: number; width: number },
): Promise<{ y: number; height: number }> {
  for (const segment of await series.all()) {
    const box = await segment.boundingBox()
    const middle = box ? box.x + box.width / 2 : Number.NaN
    if (box && middle > column.x && middle < column.x + column.width) return box
  }
  throw new Error('no segment of the series in that column')
}
