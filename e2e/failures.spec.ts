/**
 * The failure inbox in a real browser on the frozen demo history: from the Failures view, a
 * group's link opens the runs table holding exactly that group's runs in the window, and a
 * run opened from there says how many other runs failed the same way. Every expected number
 * is read from the API here, not from the page.
 */
import AxeBuilder from '@axe-core/playwright'
import type { APIRequestContext } from '@playwright/test'
import { failuresResponseSchema, type FailureGroup } from '../src/shared/failures-model'
import { runPageSchema } from '../src/shared/model'
import { test, expect, frozenNow } from './fixtures'

// The page's 7-day window with the browser's clock at the frozen instant (a whole minute).
const to = frozenNow
const from = new Date(Date.parse(frozenNow) - 7 * 86_400_000).toISOString()

async function biggestGroup(request: APIRequestContext, source: string): Promise<FailureGroup> {
  const response = await request.get(`/api/sources/${source}/failures?from=${from}&to=${to}`)
  expect(response.ok()).toBe(true)
  const answer = failuresResponseSchema.parse(await response.json())
  // A group with a step is a read cause (one without may still move once its detail is read),
  // and with another run beside the one opened, so the drawer has a count to show.
  const group = answer.groups.find(
    (candidate) => candidate.step !== undefined && candidate.count >= 2,
  )
  if (!group) throw new Error(`the demo history of ${source} has no failure group with a step`)
  return group
}

async function runsOfGroup(request: APIRequestContext, source: string, fingerprint: string) {
  const response = await request.get(
    `/api/sources/${source}/runs?failure=${encodeURIComponent(fingerprint)}&pageSize=1`,
  )
  expect(response.ok()).toBe(true)
  return runPageSchema.parse(await response.json()).total
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date(frozenNow))
})

test('from a failure group to its runs, and into one of them', async ({ page, request }) => {
  const source = 'demo-puq'
  const group = await biggestGroup(request, source)
  const allTime = await runsOfGroup(request, source, group.fingerprint)

  await page.goto(`/failures?source=${source}&window=7d&tz=utc`)
  const table = page.getByRole('table', { name: /Failure groups of/ })
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: group.message, exact: true }) })
    .filter({ hasText: group.workflowName ?? group.workflowId })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(`${group.count} ${group.count === 1 ? 'run' : 'runs'}`)

  await row.getByRole('link', { name: group.message, exact: true }).click()
  await expect(page).toHaveURL(/\/runs\?/)
  const url = new URL(page.url())
  expect(url.searchParams.get('failure')).toBe(group.fingerprint)
  expect(url.searchParams.get('source')).toBe(source)

  const runs = page.getByRole('table', { name: /Runs of/ })
  await expect(page.getByText(new RegExp(`^${group.count} runs?$`))).toBeVisible()
  await expect(page.getByText('Failure group:')).toBeVisible()
  const firstRow = runs.locator('tbody tr').first()
  await expect(firstRow).toContainText('Failed')
  await firstRow.click()

  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  const others = allTime - 1
  await expect(
    dialog.getByRole('link', {
      name: `${others} other ${others === 1 ? 'run' : 'runs'} failed the same way`,
    }),
  ).toBeVisible()
})

test('the Failures view and its steps table pass an accessibility scan, light and dark', async ({
  page,
  request,
}) => {
  const group = await biggestGroup(request, 'demo-puq')
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.goto(`/failures?source=demo-puq&window=7d&workflow=${group.workflowId}`)
    await expect(page.getByRole('table', { name: /Failure groups of/ })).toBeVisible()
    await expect(page.getByRole('table', { name: /^Steps of/ })).toBeVisible()
    const results = await new AxeBuilder({ page }).include('main').analyze()
    const serious = results.violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    )
    expect(serious.map((violation) => `${colorScheme} ${violation.id}: ${violation.help}`)).toEqual(
      [],
    )
  }
})
