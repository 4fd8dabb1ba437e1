import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Run } from '../../../shared/model'
import { makeRun, sources, toRunPage, workflows } from '../../test/fixtures'
import { apiPaths, errorResponse } from '../../test/handlers'
import { server } from '../../test/msw-server'
import { renderApp } from '../../test/render-app'

// Two sources' runs, interleaved as the all-sources listing returns them (newest first).
const mixed: Run[] = [
  makeRun({ id: 'puq_run_1', source: 'demo-puq', startedAt: '2026-03-10T10:03:00.000Z' }),
  makeRun({ id: 'tg_run_1', source: 'demo-trigify', startedAt: '2026-03-10T10:02:00.000Z' }),
  makeRun({ id: 'puq_run_2', source: 'demo-puq', startedAt: '2026-03-10T10:01:00.000Z' }),
]

/** The run detail requests the drawer made, as `source/runId`. */
let detailRequests: string[] = []

beforeEach(() => {
  detailRequests = []
  server.use(
    http.get(apiPaths.sources, () =>
      HttpResponse.json({
        items: sources,
        all: { id: 'all', label: 'All sources', sources: sources.map((source) => source.id) },
      }),
    ),
    http.get(apiPaths.workflows, ({ params }) =>
      HttpResponse.json({ items: params.source === 'all' ? [] : workflows }),
    ),
    http.get(apiPaths.runs, ({ params }) =>
      params.source === 'all'
        ? HttpResponse.json(toRunPage(mixed, { page: 1, pageSize: 20 }))
        : undefined,
    ),
    http.get(apiPaths.run, ({ params }) => {
      detailRequests.push(`${String(params.source)}/${String(params.runId)}`)
      const run = mixed.find(
        (candidate) => candidate.id === params.runId && candidate.source === params.source,
      )
      return run
        ? HttpResponse.json({ ...run, steps: null })
        : errorResponse('BAD_REQUEST', 400, { message: 'run details exist per source only' })
    }),
  )
})

describe('the all-sources view', () => {
  it('is offered first in the source switcher and opens /runs?source=all', async () => {
    const app = renderApp('/runs?source=demo-trigify')
    const switcher = await screen.findByRole('combobox', { name: 'Source' })
    await waitFor(() =>
      expect(
        within(switcher)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['All sources', 'puq.ai demo', 'Trigify demo', 'Trigify']),
    )
    await app.user.selectOptions(switcher, 'All sources')
    await waitFor(() => expect(app.search()).toEqual({ source: 'all' }))
    await screen.findByRole('table', { name: /Runs of All sources/ })
  })

  it('is a known source: no correction notice, and a Source column says where runs are from', async () => {
    const app = renderApp('/runs?source=all')
    const table = await screen.findByRole('table', { name: /Runs of All sources/ })
    expect(within(table).getByRole('columnheader', { name: 'Source' })).toBeInTheDocument()
    const row = within(table).getByRole('row', { name: /tg_run_1/ })
    expect(within(row).getByText('Trigify demo')).toBeInTheDocument()
    expect(screen.queryByRole('status', { name: 'Address corrected' })).not.toBeInTheDocument()
    expect(app.search()).toEqual({ source: 'all' })
  })

  it('offers no workflow filter, saying why', async () => {
    renderApp('/runs?source=all')
    await screen.findByRole('table', { name: /Runs of All sources/ })
    const workflow = screen.getByRole('textbox', { name: 'Workflow' })
    expect(workflow).toBeDisabled()
    expect(workflow).toHaveAttribute('title', 'Pick one source to filter by workflow')
  })

  it("opens a run's drawer on the run's own source, and the URL says which", async () => {
    const app = renderApp('/runs?source=all')
    const table = await screen.findByRole('table', { name: /Runs of All sources/ })
    await app.user.click(within(table).getByRole('row', { name: /tg_run_1/ }))
    const dialog = await screen.findByRole('dialog', { name: /tg_run_1/ })
    await within(dialog).findByRole('region', { name: 'Run summary' })
    expect(detailRequests).toEqual(['demo-trigify/tg_run_1'])
    expect(app.search()).toEqual({ source: 'all', run: 'tg_run_1', runSource: 'demo-trigify' })

    await app.user.click(within(dialog).getByRole('button', { name: 'Close run details' }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'all' }))
  })

  it('opens a run the same way from its id link as from its row: one URL, one request', async () => {
    const app = renderApp('/runs?source=all')
    const table = await screen.findByRole('table', { name: /Runs of All sources/ })
    const link = within(table).getByRole('link', { name: 'Open run tg_run_1' })
    const href = new URL(link.getAttribute('href')!, 'http://runboard.test')
    expect(href.pathname).toBe('/runs')
    expect(Object.fromEntries(href.searchParams)).toEqual({
      source: 'all',
      run: 'tg_run_1',
      runSource: 'demo-trigify',
    })
    await app.user.click(link)
    const dialog = await screen.findByRole('dialog', { name: /tg_run_1/ })
    await within(dialog).findByRole('region', { name: 'Run summary' })
    expect(app.search()).toEqual({ source: 'all', run: 'tg_run_1', runSource: 'demo-trigify' })

    await app.user.click(within(dialog).getByRole('button', { name: 'Close run details' }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'all' }))
    await app.user.click(within(table).getByRole('row', { name: /tg_run_1/ }))
    await within(await screen.findByRole('dialog', { name: /tg_run_1/ })).findByRole('region', {
      name: 'Run summary',
    })
    // The row reopened what the link had fetched: the one detail answer is shared.
    expect(detailRequests).toEqual(['demo-trigify/tg_run_1'])
  })

  it('reopens the same run from a copied link', async () => {
    const app = renderApp('/runs?source=all&run=puq_run_2&runSource=demo-puq')
    await screen.findByRole('table', { name: /Runs of All sources/ })
    const dialog = await screen.findByRole('dialog', { name: /puq_run_2/ })
    await within(dialog).findByRole('region', { name: 'Run summary' })
    expect(detailRequests).toEqual(['demo-puq/puq_run_2'])
    expect(app.search()).toEqual({ source: 'all', run: 'puq_run_2', runSource: 'demo-puq' })
  })

  it('sends the Failures tab to a real source', async () => {
    renderApp('/runs?source=all')
    await screen.findByRole('table', { name: /Runs of All sources/ })
    const tab = screen.getByRole('link', { name: 'Failures' })
    expect(tab.getAttribute('href')).not.toContain('source=all')
  })
})
