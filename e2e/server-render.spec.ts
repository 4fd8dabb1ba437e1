/**
 * Rows in the first HTML: with JavaScript off a deep link still shows its runs; with it on,
 * the page hydrates the server's rows in place (the very same nodes, no warning) and then
 * works as before. The reader's zone is the context's (Europe/Berlin), told by cookie.
 */
import type { BrowserContext, Page } from '@playwright/test'
import { runPageSchema, type RunPage } from '../src/shared/model'
import { timeZoneCookie } from '../src/shared/page-render'
import { test, expect } from './fixtures'

const deepLink = '/runs?source=demo-puq&status=failed&page=2'

async function expectedPage(page: Page): Promise<RunPage> {
  const answer = await page.request.get(
    '/api/sources/demo-puq/runs?status=failed&page=2&pageSize=20',
  )
  return runPageSchema.parse(await answer.json())
}

/** The page's console errors and warnings and uncaught errors, as they come. */
function consoleProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return problems
}

async function rememberZone(context: BrowserContext, url: string) {
  await context.addCookies([{ name: timeZoneCookie, value: 'Europe%2FBerlin', url }])
}

/**
 * Before any script of the page: keeps the first run row the HTML parser made, and records the
 * rows that leave the document (by their text, so that a failure tells which rows went).
 */
async function watchRows(page: Page) {
  await page.addInitScript(() => {
    const seen = window as unknown as {
      firstRow?: Element | null | undefined
      removedRows: string[]
    }
    // The runs table's first row (the chart's numbers table comes before it once it draws).
    const runRow = () => document.querySelector('tbody tr a[href*="run="]')?.closest('tr')
    seen.removedRows = []
    new MutationObserver((records) => {
      seen.firstRow ??= runRow()
      for (const record of records) {
        for (const node of record.removedNodes) {
          if (node instanceof Element && (node.matches('tr') || node.querySelector('tr'))) {
            seen.removedRows.push(node.textContent.slice(0, 80))
          }
        }
      }
    }).observe(document, { childList: true, subtree: true })
  })
}

/** Whether the first run row is still the parser's node, and which rows were removed. */
function keptRows(page: Page) {
  return page.evaluate(() => {
    const seen = window as unknown as {
      firstRow?: Element | null | undefined
      removedRows: string[]
    }
    return {
      sameNode:
        seen.firstRow != null &&
        seen.firstRow === document.querySelector('tbody tr a[href*="run="]')?.closest('tr'),
      removedRows: seen.removedRows,
    }
  })
}

test('with JavaScript disabled, a deep link shows its rows, page and filters', async ({
  browser,
  runboard,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: runboard.url })
  const page = await context.newPage()
  const expected = await expectedPage(page)
  await page.goto(deepLink)
  const links = page.locator('table tbody tr a[href*="run="]')
  await expect(links).toHaveText(expected.items.map((run) => run.id))
  await expect(page.getByRole('button', { name: 'Status: Failed' })).toBeVisible()
  await expect(page.getByText(`Page 2 of ${expected.totalPages}`, { exact: true })).toBeVisible()
  // Without a zone cookie the times are UTC, and say so.
  await expect(page.locator('table tbody tr time').first()).toContainText('UTC')
  await context.close()
})

test('hydrates the same rows without re-creating them, then opens a run', async ({
  page,
  context,
  runboard,
}) => {
  const problems = consoleProblems(page)
  await rememberZone(context, runboard.url)
  await watchRows(page)
  const expected = await expectedPage(page)
  const apiCalls: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url())
  })
  await page.goto(deepLink)
  const first = expected.items[0]
  if (!first) throw new Error('page 2 has no runs')

  // Interactive: a click on the row opens its drawer, which only the hydrated app can do.
  await page.locator('table tbody tr').filter({ hasText: first.id }).click()
  await expect(page.getByRole('dialog', { name: new RegExp(first.id) })).toBeVisible()

  const kept = await keptRows(page)
  // Problems first: a hydration error says why rows were re-created.
  expect(problems).toEqual([])
  expect(kept).toEqual({ sameNode: true, removedRows: [] })
  // The rows came with the page: the browser did not ask for page 2 again.
  expect(apiCalls.filter((url) => url.includes('/runs?') && url.includes('page=2'))).toEqual([])
})

test("an open run's drawer comes with the page, is hydrated in place and then closes", async ({
  browser,
  page,
  context,
  runboard,
}) => {
  const failed = (await expectedPage(page)).items.find((run) => run.error !== undefined)
  if (!failed?.error) throw new Error('page 2 has no failed run with an error')
  const link = `${deepLink}&run=${failed.id}`
  const errorLine = failed.error.split('\n')[0] ?? ''

  // Without JavaScript the drawer is there, with the run's error.
  const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL: runboard.url })
  const plain = await noScript.newPage()
  await plain.goto(link)
  await expect(plain.getByRole('dialog', { name: new RegExp(failed.id) })).toContainText(errorLine)
  await noScript.close()

  const problems = consoleProblems(page)
  await rememberZone(context, runboard.url)
  await page.addInitScript(() => {
    const seen = window as unknown as { firstDialog?: Element | null | undefined }
    new MutationObserver(() => {
      seen.firstDialog ??= document.querySelector('[role="dialog"]')
    }).observe(document, { childList: true, subtree: true })
  })
  await page.goto(link)
  const dialog = page.getByRole('dialog', { name: new RegExp(failed.id) })
  await expect(dialog).toContainText(errorLine)
  // Hydrated: focus moves into the drawer, as when a click opens it.
  await expect(dialog).toBeFocused()
  const sameDialog = await page.evaluate(() => {
    const seen = window as unknown as { firstDialog?: Element | null | undefined }
    return (
      seen.firstDialog != null && seen.firstDialog === document.querySelector('[role="dialog"]')
    )
  })
  expect(sameDialog).toBe(true)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page).not.toHaveURL(/run=/)
  expect(problems).toEqual([])
})

test('a first visit (no zone cookie yet) hydrates in UTC, then shows the browser zone and remembers it', async ({
  page,
  context,
}) => {
  const problems = consoleProblems(page)
  await watchRows(page)
  const pageRequests: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('/api/sources/demo-puq/runs?')) pageRequests.push(request.url())
  })
  await page.goto(deepLink)
  await expect(page.locator('table tbody tr time').first()).toContainText(/CET/)
  const cookies = await context.cookies()
  expect(cookies.find((cookie) => cookie.name === timeZoneCookie)?.value).toBe('Europe%2FBerlin')
  // The same rows with new times, from the data the page came with.
  expect(problems).toEqual([])
  expect(await keptRows(page)).toEqual({ sameNode: true, removedRows: [] })
  expect(pageRequests.filter((url) => url.includes('page=2'))).toEqual([])
})

test('a click on a row before the app has loaded opens the run once it has', async ({
  page,
  context,
  runboard,
}) => {
  await rememberZone(context, runboard.url)
  const expected = await expectedPage(page)
  const first = expected.items[0]
  if (!first) throw new Error('page 2 has no runs')
  // The app's code is held back until the row has been clicked.
  let releaseApp = () => {}
  const appHeld = new Promise<void>((resolve) => (releaseApp = resolve))
  await page.route('**/assets/boot-*.js', async (route) => {
    await appHeld
    await route.continue()
  })
  await page.goto(deepLink, { waitUntil: 'domcontentloaded' })
  await page.locator('table tbody tr').filter({ hasText: first.id }).locator('td').last().click()
  await expect(page).not.toHaveURL(/run=/)
  releaseApp()
  await expect(page.getByRole('dialog', { name: new RegExp(first.id) })).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`[?&]run=${first.id}`))
})
