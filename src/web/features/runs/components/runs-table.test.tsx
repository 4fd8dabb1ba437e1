import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { makeRun, toRunPage } from '../../../test/fixtures'
import { apiPaths } from '../../../test/handlers'
import { server } from '../../../test/msw-server'
import { renderApp } from '../../../test/render-app'
import type { Run } from '../../../../shared/model'

function serveRuns(runs: Run[]) {
  server.use(
    http.get(apiPaths.runs, () => HttpResponse.json(toRunPage(runs, { page: 1, pageSize: 20 }))),
  )
}

async function findTable() {
  return screen.findByRole('table', { name: /Runs of/ })
}

async function rows() {
  const table = await findTable()
  await within(table).findAllByRole('row', { name: /Open run/ })
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-run-id'))
}

describe('RunsTable', () => {
  it('is a real table with column headers and a caption describing the view', async () => {
    renderApp('/runs?source=demo-puq&status=failed&tz=utc')
    const table = await findTable()
    expect(table).toHaveAccessibleName(
      'Runs of puq.ai demo, Status: Failed, page 1 of 1, times in UTC',
    )
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent)
    expect(headers).toEqual([
      'Status',
      'Run',
      'Workflow',
      'Started',
      'Duration',
      'Trigger',
      'Version',
      'Error',
    ])
    for (const header of within(table).getAllByRole('columnheader')) {
      expect(header).toHaveAttribute('scope', 'col')
    }
  })

  it('shows status, id, workflow, start time and duration of each run', async () => {
    serveRuns([
      makeRun({ id: 'run_x7k9m2', durationMs: 4320 }),
      makeRun({
        id: 'run_p3n8q1',
        status: 'failed',
        vendorStatus: 'failed',
        durationMs: 125_000,
        error: "Step 'Enrich profile' failed: profile not found",
      }),
    ])
    renderApp('/runs?source=demo-puq&tz=utc')
    const [first, second] = await rows()
    expect(first).toHaveTextContent('Succeeded')
    expect(first).toHaveTextContent('run_x7k9m2')
    expect(first).toHaveTextContent('Enrich new leads')
    expect(first).toHaveTextContent('20 Nov 2026, 11:00:00 UTC')
    expect(first).toHaveTextContent('4.32 s')
    expect(second).toHaveTextContent('Failed')
    expect(second).toHaveTextContent('2 min 5 s')
    expect(within(second!).getByText(/profile not found/)).toHaveAttribute(
      'title',
      "Step 'Enrich profile' failed: profile not found",
    )
  })

  it('says the trigger as the drawer does, with the vendor word on hover', async () => {
    serveRuns([makeRun({ id: 'run_hook', trigger: 'WEBHOOK_ASYNC' })])
    renderApp()
    const [row] = await rows()
    expect(within(row!).getByText('Webhook async')).toHaveAttribute('title', 'WEBHOOK_ASYNC')
    expect(row).not.toHaveTextContent('WEBHOOK_ASYNC')
  })

  it("shows the vendor's word for a status Runboard does not know", async () => {
    serveRuns([makeRun({ id: 'run_odd', status: 'unknown', vendorStatus: 'TIMED_OUT' })])
    renderApp()
    const [row] = await rows()
    expect(within(row!).getByText('TIMED_OUT')).toBeInTheDocument()
    expect(row).not.toHaveTextContent('Unknown')
  })

  it('renders HTML in error messages as text', async () => {
    const error = '<img src=x onerror="alert(1)"><b>bold</b> failed'
    serveRuns([makeRun({ id: 'run_html', status: 'failed', vendorStatus: 'FAILED', error })])
    const { container } = renderApp()
    const [row] = await rows()
    expect(row).toHaveTextContent(error)
    expect(container.querySelector('img, b')).toBeNull()
  })

  it('falls back to the workflow list for names, and to the id when unknown', async () => {
    serveRuns([
      makeRun({ id: 'run_named', workflowId: 'wf_sync', workflowName: undefined }),
      makeRun({ id: 'run_orphan', workflowId: 'wf_gone', workflowName: undefined }),
    ])
    renderApp()
    const [named, orphan] = await rows()
    expect(await within(named!).findByText('Nightly CRM sync')).toBeInTheDocument()
    expect(orphan).toHaveTextContent('wf_gone')
  })

  it('counts up the duration of running runs from their start', async () => {
    const startedAt = new Date(Date.now() - 65_000).toISOString()
    serveRuns([
      makeRun({
        id: 'run_live',
        status: 'running',
        vendorStatus: 'RUNNING',
        startedAt,
        finishedAt: undefined,
        durationMs: undefined,
      }),
    ])
    renderApp()
    const [row] = await rows()
    expect(row).toHaveTextContent(/1 min [5-7] s/)
  })

  it('hides columns no run on the page fills (Trigify has no trigger or version)', async () => {
    serveRuns([makeRun({ id: 'run_a', trigger: undefined, version: undefined, error: undefined })])
    renderApp()
    const table = await findTable()
    await rows()
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent)
    expect(headers).toEqual(['Status', 'Run', 'Workflow', 'Started', 'Duration'])
  })

  it('remembers hidden columns in this browser', async () => {
    const first = renderApp()
    await rows()
    await first.user.click(screen.getByRole('button', { name: 'Columns' }))
    await first.user.click(screen.getByRole('checkbox', { name: 'Workflow' }))
    expect(screen.queryByRole('columnheader', { name: 'Workflow' })).not.toBeInTheDocument()
    first.unmount()

    renderApp()
    await rows()
    expect(screen.queryByRole('columnheader', { name: 'Workflow' })).not.toBeInTheDocument()
    expect(screen.getByRole('columnheader', { name: 'Started' })).toBeInTheDocument()
  })

  it('opens a run on click and on Enter, keeping it in the URL', async () => {
    const app = renderApp()
    const [first] = await rows()
    await app.user.click(within(first!).getByText('Enrich new leads'))
    expect(app.search().run).toBe('run_0001')

    await screen.findByRole('dialog', { name: /run_0001/ })
    await app.user.keyboard('{Escape}')
    expect(app.search().run).toBeUndefined()
    // Closing the drawer gives focus back to the row that opened it.
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-run-id', 'run_0001'))

    await app.user.keyboard('j')
    expect(document.activeElement).toHaveAttribute('data-run-id', 'run_0002')
    await app.user.keyboard('k')
    expect(document.activeElement).toHaveAttribute('data-run-id', 'run_0001')
    await app.user.keyboard('{Enter}')
    expect(app.search().run).toBe('run_0001')
    expect(await screen.findByRole('dialog', { name: /run_0001/ })).toBeInTheDocument()
  })

  it('ignores shortcuts while typing, and explains them on ?', async () => {
    const app = renderApp()
    await rows()
    await app.user.click(screen.getByRole('combobox', { name: 'Workflow' }))
    await app.user.keyboard('jk')
    expect(screen.getByRole('combobox', { name: 'Workflow' })).toHaveValue('jk')
    expect(document.activeElement).not.toHaveAttribute('data-run-id')
    await app.user.keyboard('{Escape}')
    await app.user.click(document.body)

    await app.user.keyboard('?')
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(dialog).toHaveTextContent('Focus the next run')
    await app.user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })
})
