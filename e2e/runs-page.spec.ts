/**
 * The runs page against the real server and sandbox: filters through the controls, the URL
 * as the whole view state (reload, a fresh page, history), paging, the rejected-key error,
 * accessibility and a phone-sized window.
 */
import { z } from 'zod'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { runPageSchema } from '../src/shared/model'

const runsTable = (page: Page) => page.getByRole('table', { name: /^Runs of/ })
const rows = (page: Page) => runsTable(page).locator('tbody tr[data-run-id]')

async function rowIds(page: Page): Promise<string[]> {
  await expect(rows(page).first()).toBeVisible()
  return rows(page).evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('data-run-id') ?? ''),
  )
}

/** Text of one column in every visible row, found by its header so column order can change. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await runsTable(page).locator('thead th').allTextContents()
  const index = headers.indexOf(header)
  expect(index, `column ${header} is shown`).toBeGreaterThanOrEqual(0)
  return rows(page)
    .locator(`td:nth-child(${index + 1})`)
    .allTextContents()
}

async function waitForSettledTable(page: Page) {
  await expect(runsTable(page).locator('tbody[aria-busy="false"]')).toBeVisible()
  await expect(rows(page).first()).toBeVisible()
}

test.describe('runs page', () => {
  test('opens on the first source; its rejected key is explained in place', async ({ page }) => {
    await page.goto('/runs')
    await expect(page).toHaveURL(/\/runs\?source=trigify$/)
    // The table's own error (the chart above says it too, in a line of its own).
    const alert = page.getByRole('alert').filter({ hasNotText: 'The chart could not load' })
    await expect(alert).toContainText('The Trigify API rejected the configured API key.')
    await expect(alert).toContainText("Check TRIGIFY_API_KEY in the server's environment")
    // Retrying cannot fix a refused key: the words above say what can.
    await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(0)
    // The rest of the page is still there to move on from.
    await expect(page.getByRole('banner')).toContainText('Runboard')
    await expect(page.getByRole('button', { name: /^Status/ })).toBeVisible()
    await page.getByRole('combobox', { name: 'Source' }).selectOption('demo-puq')
    await expect(page).toHaveURL(/source=demo-puq/)
    await waitForSettledTable(page)
    await expect(page.getByRole('banner')).toContainText('Demo data')
  })

  test('filters by status and workflow; every row matches; the URL restores the view', async ({
    page,
    context,
  }) => {
    await page.goto('/runs?source=demo-puq')
    await waitForSettledTable(page)

    await page.getByRole('button', { name: /^Status/ }).click()
    await page.getByRole('checkbox', { name: 'Failed' }).check()
    await page.keyboard.press('Escape')
    await expect(page).toHaveURL(/[?&]status=failed(&|$)/)
    await waitForSettledTable(page)
    for (const status of await columnTexts(page, 'Status')) expect(status).toBe('Failed')

    // A workflow that has failed runs: the one of the first failed run on screen.
    const [workflowName = ''] = await columnTexts(page, 'Workflow')
    const workflowInput = page.getByRole('combobox', { name: 'Workflow' })
    await workflowInput.click()
    await workflowInput.fill(workflowName.slice(0, 8))
    await page
      .getByRole('listbox', { name: 'Workflows' })
      .getByRole('option')
      .filter({ has: page.getByText(workflowName, { exact: true }) })
      .click()
    await expect(page).toHaveURL(/[?&]workflow=[^&]+/)
    await waitForSettledTable(page)
    await expect(workflowInput).toHaveValue(workflowName)
    for (const status of await columnTexts(page, 'Status')) expect(status).toBe('Failed')
    for (const name of await columnTexts(page, 'Workflow')) expect(name).toBe(workflowName)

    const url = page.url()
    expect(new URL(url).searchParams.get('page')).toBeNull()
    const ids = await rowIds(page)
    const count = await page
      .getByText(/\d+ failed runs?/)
      .first()
      .textContent()

    await page.reload()
    await waitForSettledTable(page)
    expect(page.url()).toBe(url)
    expect(await rowIds(page)).toEqual(ids)
    await expect(page.getByRole('button', { name: 'Status: Failed' })).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Workflow' })).toHaveValue(workflowName)

    const fresh = await context.newPage()
    await fresh.goto(url)
    await waitForSettledTable(fresh)
    expect(await rowIds(fresh)).toEqual(ids)
    await expect(fresh.getByText(count ?? '').first()).toBeVisible()
    await fresh.close()

    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(page).toHaveURL(/\/runs\?source=demo-puq$/)
  })

  test('pages forward and back, with the buttons and with browser history', async ({ page }) => {
    await page.goto('/runs?source=demo-puq&pageSize=10')
    await waitForSettledTable(page)
    const firstPage = await rowIds(page)
    expect(firstPage).toHaveLength(10)
    await expect(page.getByText(/^Page 1 of [\d,]+$/)).toBeVisible()

    await page.getByRole('button', { name: 'Next page' }).click()
    await expect(page).toHaveURL(/[?&]page=2(&|$)/)
    await expect(page.getByText(/^Page 2 of [\d,]+$/)).toBeVisible()
    await expect.poll(() => rowIds(page)).not.toEqual(firstPage)
    const secondPage = await rowIds(page)
    expect(secondPage.some((id) => firstPage.includes(id))).toBe(false)

    await page.getByRole('button', { name: 'Previous page' }).click()
    await expect(page).not.toHaveURL(/[?&]page=/)
    await expect.poll(() => rowIds(page)).toEqual(firstPage)

    await page.goBack()
    await expect(page).toHaveURL(/[?&]page=2(&|$)/)
    await expect.poll(() => rowIds(page)).toEqual(secondPage)
    await page.goBack()
    await expect(page).not.toHaveURL(/[?&]page=/)
    await expect.poll(() => rowIds(page)).toEqual(firstPage)
    await page.goForward()
    await expect.poll(() => rowIds(page)).toEqual(secondPage)
  })

  test('counts every failed Trigify run exactly, across all workflows', async ({
    page,
    request,
  }) => {
    const answer = runPageSchema.parse(
      await (await request.get('/api/sources/demo-trigify/runs?status=failed&pageSize=1')).json(),
    )
    expect(answer.coverage).toBeUndefined()
    await page.goto('/runs?source=demo-trigify&status=failed')
    await waitForSettledTable(page)
    await expect(
      page.getByText(`${answer.total.toLocaleString('en-GB')} failed runs`, { exact: true }),
    ).toBeVisible()
    for (const status of await columnTexts(page, 'Status')) expect(status).toBe('Failed')
  })

  test('corrects an invalid URL instead of failing', async ({ page }) => {
    await page.goto('/runs?source=demo-puq&page=-3&pageSize=7&status=nope&tz=mars')
    await expect(page).toHaveURL(/\/runs\?source=demo-puq$/)
    await waitForSettledTable(page)
    // Corrected, and said: once, above the table, until dismissed.
    const notice = page.getByRole('status', { name: 'Address corrected' })
    await expect(notice.getByRole('listitem')).toHaveText([
      "Page '-3' is not a page number; showing page 1",
      'Page size 7 is not offered; showing 20',
      "Ignored status 'nope'",
      "Time zone 'mars' is not offered; showing local time",
    ])
    await notice.getByRole('button', { name: 'Dismiss the address notice' }).click()
    await expect(notice).toHaveCount(0)
  })

  test('names the source it shows for an unknown one, not the all-sources view', async ({
    page,
    request,
  }) => {
    // Several sources, so the switcher offers "All sources" first; the page shows the first
    // configured source instead, and must say that one.
    const [first] = z
      .object({ items: z.array(z.object({ id: z.string(), label: z.string() })).min(2) })
      .parse(await (await request.get('/api/sources')).json()).items
    if (first === undefined) throw new Error('the server lists no sources')
    await page.goto('/runs?source=nope')
    await expect(page).toHaveURL(new RegExp(`/runs\\?source=${first.id}$`))
    await expect(page.getByRole('status', { name: 'Address corrected' })).toContainText(
      `No source named 'nope'; showing ${first.label}`,
    )
    await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue(first.id)
  })

  test('asks the API only for the view it shows, never for the address as written', async ({
    page,
  }) => {
    const asked: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search)
    })
    // An unknown source (shown as the first, whose key is rejected: its error, in place)...
    await page.goto('/runs?source=nope&status=failed')
    await expect(page).toHaveURL(/\/runs\?source=trigify&status=failed$/)
    await expect(page.getByRole('alert').first()).toContainText('rejected the configured API key')
    // ...and a workflow filter, which all sources do not have (the API would say 400).
    await page.goto('/runs?source=all&workflow=wf_x')
    await expect(page).toHaveURL(/\/runs\?source=all$/)
    await waitForSettledTable(page)
    expect(
      asked.filter((path) => path.includes('/nope/') || path.includes('workflow=wf_x')),
    ).toEqual([])
    // The listener saw the page's own requests (its next page's prefetch, at least).
    expect(asked.length).toBeGreaterThan(0)
  })

  test('has no serious or critical accessibility violations', async ({ page }) => {
    for (const url of ['/runs?source=demo-puq', '/runs?source=trigify']) {
      await page.goto(url)
      await expect(page.locator('tbody[aria-busy="false"], [role="alert"]').first()).toBeVisible()
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze()
      const serious = results.violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      )
      expect(
        serious.map((violation) => `${violation.id}: ${violation.help}`),
        url,
      ).toEqual([])
    }
  })

  test('on a 390 px phone each run is a card that says why it failed, without sideways scroll', async ({
    page,
    request,
  }) => {
    const answer = runPageSchema.parse(
      await (
        await request.get('/api/sources/demo-puq/runs?status=failed&page=1&pageSize=20')
      ).json(),
    )
    const firstRun = answer.items[0]
    const error = firstRun?.error
    if (!firstRun || !error) throw new Error('the demo has no failed run with an error')
    const errorLine = error.split('\n')[0]?.trim() ?? ''

    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/runs?source=demo-puq&status=failed')
    await waitForSettledTable(page)
    const card = rows(page).first()
    await expect(card).toHaveAttribute('data-run-id', firstRun.id)
    await card.scrollIntoViewIfNeeded()
    const shownError = card.getByText(errorLine, { exact: true })
    await expect(shownError).toBeVisible()
    await expect(shownError).toBeInViewport({ ratio: 1 })
    // And in which step, whether or not the error's own words name it.
    if (firstRun.failedStep === undefined) throw new Error('the failed demo run names no step')
    await expect(card).toContainText(firstRun.failedStep)
    // The card also says which workflow, when (relative) and for how long.
    await expect(card).toContainText(/started .+ ago|started just now/)
    await expect(card.getByRole('link', { name: `Open run ${firstRun.id}` })).toBeVisible()
    // Neither the page nor the table's own box scrolls sideways.
    const page390 = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth }
    })
    expect(page390.scrollWidth).toBeLessThanOrEqual(page390.clientWidth)
    const tableBox = runsTable(page).locator('xpath=..')
    expect(await tableBox.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(
      true,
    )
    const box = await shownError.boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(390)

    // The whole card opens the run: a tap on its error text, and Enter on a focused card.
    await shownError.click()
    await expect(page).toHaveURL(new RegExp(`[?&]run=${firstRun.id}(&|$)`))
    await page.getByRole('button', { name: 'Close run details' }).click()
    await expect(page).not.toHaveURL(/[?&]run=/)
    await expect(page.getByRole('button', { name: /^Status/ })).toBeInViewport()
    const next = page.getByRole('button', { name: 'Next page' })
    await next.scrollIntoViewIfNeeded()
    await expect(next).toBeInViewport()
  })

  test('offers Trigify only the statuses it reports', async ({ page }) => {
    await page.goto('/runs?source=demo-trigify')
    await waitForSettledTable(page)
    await page.getByRole('button', { name: /^Status/ }).click()
    const menu = page.getByRole('group', { name: 'Status' })
    await expect(menu.getByRole('checkbox')).toHaveCount(3)
    for (const name of ['Running', 'Succeeded', 'Failed']) {
      await expect(menu.getByRole('checkbox', { name })).toBeVisible()
    }
  })

  test('j on the last row opens the next page on its first row; the title names an open run', async ({
    page,
  }) => {
    await page.goto('/runs?source=demo-puq&pageSize=10')
    await waitForSettledTable(page)
    await expect(page).toHaveTitle('Runs · puq.ai (demo) · Runboard')
    const firstPage = await rowIds(page)
    for (let row = 0; row < 10; row += 1) await page.keyboard.press('j')
    await expect(rows(page).last()).toBeFocused()

    await page.keyboard.press('j')
    await expect(page).toHaveURL(/[?&]page=2(&|$)/)
    await expect.poll(() => rowIds(page)).not.toEqual(firstPage)
    await expect(rows(page).first()).toBeFocused()

    const [runId = ''] = await rowIds(page)
    const [workflowName = ''] = await columnTexts(page, 'Workflow')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('dialog')).toBeVisible()
    await expect(page).toHaveTitle(`Run ${runId} · ${workflowName} · Runboard`)
  })
})

test.describe('in New York', () => {
  test.use({ timezoneId: 'America/New_York' })

  test('names the zone, not a bare GMT offset', async ({ page }) => {
    await page.goto('/runs?source=demo-puq')
    await waitForSettledTable(page)
    const [started = ''] = await columnTexts(page, 'Started')
    expect(started).toContain('New York (UTC−5)')
    await expect(page.getByText(/GMT-5/)).toHaveCount(0)
  })
})
