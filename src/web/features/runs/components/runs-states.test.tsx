import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import type { ErrorCode } from '../../../../shared/model'
import { makeRun, toRunPage } from '../../../test/fixtures'
import { apiPaths, errorResponse } from '../../../test/handlers'
import { server } from '../../../test/msw-server'
import { renderApp } from '../../../test/render-app'

describe('loading', () => {
  it('shows skeleton rows of the table, marked busy, until the first answer', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    server.use(
      http.get(apiPaths.runs, async () => {
        await gate
        return HttpResponse.json(
          toRunPage([makeRun({ id: 'run_late' })], { page: 1, pageSize: 20 }),
        )
      }),
    )
    renderApp()
    const table = await screen.findByRole('table', { name: /Runs of/ })
    const body = table.querySelector('tbody')
    expect(body).toHaveAttribute('aria-busy', 'true')
    expect(body?.querySelectorAll('tr[aria-hidden="true"]')).toHaveLength(20)
    expect(screen.getByText('Loading runs…')).toBeInTheDocument()
    release()
    expect(await within(table).findByText('run_late')).toBeInTheDocument()
    expect(body).toHaveAttribute('aria-busy', 'false')
  })
})

describe('empty', () => {
  it('names the active filters and clears them in one click', async () => {
    server.use(
      http.get(apiPaths.runs, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 20, total: 0, totalPages: 0 }),
      ),
    )
    const app = renderApp('/runs?source=demo-puq&status=paused&workflow=wf_sync')
    expect(await screen.findByText('No runs match these filters.')).toBeInTheDocument()
    expect(
      await screen.findByText('Status: Paused · Workflow: Nightly CRM sync'),
    ).toBeInTheDocument()
    const buttons = screen.getAllByRole('button', { name: 'Clear filters' })
    await app.user.click(buttons[buttons.length - 1]!)
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq' }))
  })

  it('says so plainly when a source has no runs at all', async () => {
    server.use(
      http.get(apiPaths.runs, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 20, total: 0, totalPages: 0 }),
      ),
    )
    renderApp()
    expect(await screen.findByText('No runs yet.')).toBeInTheDocument()
  })
})

describe('errors', () => {
  const cases: [string, ErrorCode, number, object, RegExp][] = [
    [
      'trigify',
      'UPSTREAM_RATE_LIMITED',
      429,
      { retryAfterSeconds: 37 },
      /Trigify is rate limiting requests\.\s*Try again in 37 seconds\./,
    ],
    ['trigify', 'UPSTREAM_TIMEOUT', 504, {}, /Trigify did not answer in time\./],
    ['demo-puq', 'UPSTREAM_UNAVAILABLE', 502, {}, /puq\.ai is unavailable right now\./],
    [
      'trigify',
      'UPSTREAM_BAD_DATA',
      502,
      {},
      /Trigify answered with data Runboard could not read\./,
    ],
    ['demo-puq', 'INTERNAL', 500, {}, /The Runboard server hit an unexpected error\./],
  ]

  it.each(cases)(
    '%s %s shows its message in place, with Retry',
    async (source, code, status, extra, message) => {
      server.use(http.get(apiPaths.runs, () => errorResponse(code, status, extra)))
      const app = renderApp(`/runs?source=${source}`)
      const alert = await screen.findByRole('alert')
      expect(alert).toHaveTextContent(message)
      // The page around the error stays: header, filters, pagination.
      expect(screen.getByRole('button', { name: 'Status: Any' })).toBeInTheDocument()

      server.resetHandlers()
      await app.user.click(within(alert).getByRole('button', { name: 'Retry' }))
      expect(await screen.findByRole('table', { name: /Runs of/ })).toBeInTheDocument()
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    },
  )

  // Another attempt gets the same answer until someone changes the server or the URL.
  const settled: [string, ErrorCode, number, RegExp][] = [
    [
      'trigify',
      'UPSTREAM_AUTH',
      502,
      /The Trigify API rejected the configured API key\.\s*Check TRIGIFY_API_KEY in the server's environment, then restart the server\./,
    ],
    [
      'demo-puq',
      'UPSTREAM_AUTH',
      502,
      /The puq\.ai API rejected the configured API key\.\s*Check PUQ_API_KEY in the server's environment/,
    ],
    [
      'trigify',
      'UPSTREAM_FORBIDDEN',
      502,
      /The Trigify API refused access.*set TRIGIFY_API_KEY in the server's environment/,
    ],
    ['demo-puq', 'BAD_REQUEST', 400, /The server refused this request\./],
    ['demo-puq', 'NOT_FOUND', 404, /Not found\./],
  ]

  it.each(settled)(
    '%s %s says what to do instead, with no Retry',
    async (source, code, status, message) => {
      server.use(http.get(apiPaths.runs, () => errorResponse(code, status)))
      renderApp(`/runs?source=${source}`)
      const alert = await screen.findByRole('alert')
      expect(alert).toHaveTextContent(message)
      expect(within(alert).queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument()
    },
  )

  it('offers no Retry on a refresh the vendor refused the key for, and says why', async () => {
    const app = renderApp('/runs?source=trigify')
    const table = await screen.findByRole('table', { name: /Runs of/ })
    await within(table).findByText('run_0001')

    server.use(http.get(apiPaths.runs, () => errorResponse('UPSTREAM_AUTH', 502)))
    await app.user.click(screen.getByRole('button', { name: 'Refresh now' }))

    const notice = await screen.findByText(/Couldn’t refresh: The Trigify API rejected/)
    const status = notice.closest('[role="status"]')
    expect(status).toHaveTextContent(/Check TRIGIFY_API_KEY in the server's environment/)
    expect(status?.querySelector('button')).toBeNull()
    expect(within(table).getByText('run_0001')).toBeInTheDocument()
  })

  it('explains data that does not match the model', async () => {
    server.use(http.get(apiPaths.runs, () => HttpResponse.json({ items: [{ id: 42 }] })))
    renderApp()
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The Runboard server answered with data this page could not read.',
    )
  })

  it('keeps the rows on screen when a refresh fails, with a quiet notice', async () => {
    const app = renderApp()
    const table = await screen.findByRole('table', { name: /Runs of/ })
    await within(table).findByText('run_0001')

    server.use(http.get(apiPaths.runs, () => errorResponse('UPSTREAM_TIMEOUT', 504)))
    await app.user.click(screen.getByRole('button', { name: 'Refresh now' }))

    const notice = await screen.findByText(/Couldn’t refresh: .*did not answer in time/)
    expect(notice).toBeInTheDocument()
    expect(within(table).getByText('run_0001')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    server.resetHandlers()
    await app.user.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(screen.queryByText(/Couldn’t refresh/)).not.toBeInTheDocument())
  })
})

describe('partial answers', () => {
  it('says how much of the history is read while the backfill runs', async () => {
    server.use(
      http.get(apiPaths.runs, () =>
        HttpResponse.json(
          toRunPage(
            [makeRun({ id: 'run_f', status: 'failed', vendorStatus: 'failed' })],
            { page: 1, pageSize: 20 },
            { total: 12, coverage: { complete: false, scannedRuns: 500, totalRuns: 1420 } },
          ),
        ),
      ),
    )
    renderApp('/runs?source=demo-trigify&status=failed')
    expect(
      await screen.findByText(/12 failed runs among the 500 of 1,420 read so far/),
    ).toBeInTheDocument()
    expect(screen.getByText('(history still being read)')).toBeInTheDocument()
  })
})
