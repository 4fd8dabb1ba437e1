/**
 * The run detail drawer in a real browser, on the frozen demo history: opening a failed run
 * from the table and from a cold deep link, sharing the link, closing with back, a Trigify run
 * (no steps), an unknown run, and an accessibility scan with the drawer open. Runs are found
 * through the API rather than hard-coded, so a change of seed does not break the spec.
 */
import AxeBuilder from '@axe-core/playwright'
import type { APIRequestContext, Page } from '@playwright/test'
import { runDetailSchema, runPageSchema, type RunDetail } from '../src/shared/model'
import { test, expect, frozenNow } from './fixtures'

async function firstFailedRun(request: APIRequestContext, source: string): Promise<RunDetail> {
  const list = runPageSchema.parse(
    await (await request.get(`/api/sources/${source}/runs?status=failed&pageSize=20`)).json(),
  )
  const run = list.items[0]
  if (!run) throw new Error(`the demo history of ${source} has no failed run`)
  const detail = await request.get(
    `/api/sources/${source}/runs/${run.id}?workflow=${run.workflowId}`,
  )
  expect(detail.ok()).toBe(true)
  return runDetailSchema.parse(await detail.json())
}

/** The step the run failed on: the last step whose status is failed. */
function failedStepOf(run: RunDetail) {
  const step = run.steps?.filter((candidate) => candidate.status === 'failed').at(-1)
  if (!step) throw new Error(`run ${run.id} has no failed step`)
  return step
}

function drawer(page: Page, runId: string) {
  return page.getByRole('dialog', { name: new RegExp(runId) })
}

async function expectFailedStepShown(page: Page, run: RunDetail) {
  const step = failedStepOf(run)
  const dialog = drawer(page, run.id)
  await expect(dialog).toBeVisible()
  const row = dialog.locator('li').filter({ hasText: 'Failed step' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(step.name)
  if (step.attempt > 1) await expect(row).toContainText(`Attempt ${step.attempt}`)
  await expect(row.getByLabel(`Error of step ${step.name}`)).toHaveText(step.error ?? '')
  await expect(row).toBeInViewport()
  // The run's own error sits near the top, whole, as text.
  await expect(dialog.getByLabel('Run error message')).toHaveText(run.error ?? '')
}

test.describe('run detail drawer', () => {
  test('opens a failed puq run from the table and closes with Escape, focus back on the row', async ({
    page,
    request,
  }) => {
    const run = await firstFailedRun(request, 'demo-puq')
    await page.goto('/runs?source=demo-puq&status=failed')
    const row = page.locator('table tbody tr').filter({ hasText: run.id })
    await row.click()

    await expect(page).toHaveURL(new RegExp(`[?&]run=${run.id}`))
    await expectFailedStepShown(page, run)
    const dialog = drawer(page, run.id)
    await expect(dialog).toHaveAttribute('aria-modal', 'true')
    await expect(dialog).toContainText(run.workflowName ?? run.workflowId)

    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(page).not.toHaveURL(/[?&]run=/)
    await expect(row).toBeFocused()
  })

  test('a cold deep link opens the table and the drawer together', async ({ page, request }) => {
    const run = await firstFailedRun(request, 'demo-puq')
    await page.goto(`/runs?source=demo-puq&status=failed&run=${run.id}`)
    await expectFailedStepShown(page, run)
    await expect(page.locator('table tbody tr').first()).toBeAttached()

    // Times are shown in the chosen zone, and say which.
    await page.goto(`/runs?source=demo-puq&status=failed&run=${run.id}&tz=utc`)
    const summary = drawer(page, run.id).getByRole('region', { name: 'Run summary' })
    // `2026-11-20T10:41:07.000Z` is shown as `… 10:41:07 UTC`.
    await expect(summary).toContainText(`${run.startedAt?.slice(11, 19)} UTC`)
  })

  test('the close button and the browser back button close it', async ({ page, request }) => {
    const run = await firstFailedRun(request, 'demo-puq')
    await page.goto('/runs?source=demo-puq&status=failed')
    await page.locator('table tbody tr').filter({ hasText: run.id }).click()
    await expect(drawer(page, run.id)).toBeVisible()
    await page.goBack()
    await expect(drawer(page, run.id)).toBeHidden()
    await expect(page).not.toHaveURL(/[?&]run=/)

    await page.goForward()
    await expect(drawer(page, run.id)).toBeVisible()
    await drawer(page, run.id).getByRole('button', { name: 'Close run details' }).click()
    await expect(drawer(page, run.id)).toBeHidden()
  })

  test('a selected step is in the URL, and a copied link opens the same view', async ({
    page,
    context,
    request,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const run = await firstFailedRun(request, 'demo-puq')
    const firstStep = run.steps?.[0]
    if (!firstStep) throw new Error(`run ${run.id} has no steps`)

    await page.goto(`/runs?source=demo-puq&status=failed&run=${run.id}`)
    const dialog = drawer(page, run.id)
    await dialog
      .getByRole('button', { name: new RegExp(escapeRegExp(firstStep.name)) })
      .first()
      .click()
    await expect(page).toHaveURL(new RegExp(`[?&]step=${firstStep.id}`))
    await expect(dialog.getByText(firstStep.id, { exact: true })).toBeVisible()

    await dialog.getByRole('button', { name: 'Copy link' }).click()
    await expect(dialog.getByRole('button', { name: 'Link copied' })).toBeVisible()
    const link = await page.evaluate(() => navigator.clipboard.readText())
    expect(link).toBe(page.url())

    const other = await context.newPage()
    await other.goto(link)
    const otherDialog = drawer(other, run.id)
    await expect(otherDialog).toBeVisible()
    await expect(
      otherDialog.getByRole('button', { name: new RegExp(escapeRegExp(firstStep.name)) }).first(),
    ).toHaveAttribute('aria-pressed', 'true')
    await expect(otherDialog.getByText(firstStep.id, { exact: true })).toBeVisible()
    await other.close()
  })

  test('a failed Trigify run shows its error and says Trigify reports no steps', async ({
    page,
    request,
  }) => {
    const run = await firstFailedRun(request, 'demo-trigify')
    expect(run.steps).toBeNull()
    await page.goto(
      `/runs?source=demo-trigify&workflow=${run.workflowId}&status=failed&run=${run.id}`,
    )
    const dialog = drawer(page, run.id)
    await expect(dialog.getByText('Trigify does not report steps for its runs.')).toBeVisible()
    await expect(dialog.getByLabel('Run error message')).toHaveText(run.error ?? '')
    if (run.failedStep !== undefined) {
      await expect(dialog.getByText(/Failed step, named in the error/)).toContainText(
        run.failedStep,
      )
    }
  })

  test('an unknown run id says the run was not found', async ({ page }) => {
    await page.goto('/runs?source=demo-puq&run=pq_doesnotexist')
    const dialog = drawer(page, 'pq_doesnotexist')
    await expect(dialog.getByText('This run no longer exists')).toBeVisible()
    await dialog.getByRole('button', { name: 'Close', exact: true }).click()
    await expect(dialog).toBeHidden()
  })

  test('the error block keeps line breaks, wraps long tokens and scrolls', async ({
    page,
    request,
  }) => {
    const run = await firstFailedRun(request, 'demo-puq')
    await page.goto(`/runs?source=demo-puq&status=failed&run=${run.id}`)
    const block = drawer(page, run.id).getByLabel('Run error message')
    await expect(block).toBeVisible()
    const style = await block.evaluate((element) => {
      const computed = getComputedStyle(element)
      return {
        whiteSpace: computed.whiteSpace,
        overflowWrap: computed.overflowWrap,
        overflowY: computed.overflowY,
      }
    })
    expect(style).toEqual({ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', overflowY: 'auto' })
  })

  test('is full width on a narrow screen', async ({ page, request }) => {
    await page.setViewportSize({ width: 375, height: 740 })
    const run = await firstFailedRun(request, 'demo-puq')
    await page.goto(`/runs?source=demo-puq&status=failed&run=${run.id}`)
    // Polled: a page rendered in another zone is drawn afresh once, with a drawer of its own.
    await expect.poll(() => drawer(page, run.id).boundingBox()).toMatchObject({ x: 0, width: 375 })
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    )
    expect(overflow).toBe(false)
  })

  test('has no serious or critical accessibility violations with the drawer open', async ({
    page,
    request,
  }) => {
    const run = await firstFailedRun(request, 'demo-puq')
    await page.goto(`/runs?source=demo-puq&status=failed&run=${run.id}`)
    await expectFailedStepShown(page, run)
    const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze()
    const serious = results.violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    )
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])
  })

  test('a running run grows up to now and says it refreshes', async ({ page, request }) => {
    const list = runPageSchema.parse(
      await (await request.get('/api/sources/demo-puq/runs?status=running&pageSize=5')).json(),
    )
    const run = list.items[0]
    // The demo's clock is frozen and its history seeded: it always has runs in flight then.
    if (!run) throw new Error('the frozen demo has no running puq run: the fixture changed')
    // The sandbox's clock is frozen; the browser's must agree, or "now" is months away.
    await page.clock.setFixedTime(new Date(frozenNow))
    await page.goto(`/runs?source=demo-puq&status=running&run=${run.id}`)
    const dialog = drawer(page, run.id)
    await expect(dialog.getByText(/Refreshing every 5 s while it runs/)).toBeVisible()
    await expect(dialog.getByText('Still running')).toBeVisible()
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
