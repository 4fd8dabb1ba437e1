import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fixtureNow, toRunStats } from '../../../test/fixtures'
import { apiPaths, errorResponse, history } from '../../../test/handlers'
import { server } from '../../../test/msw-server'
import { renderApp } from '../../../test/render-app'

async function panel() {
  const region = await screen.findByRole('region', { name: 'Outcomes' })
  await within(region).findByText('Show the numbers as a table')
  return region
}

function figure(region: HTMLElement, label: string) {
  const term = within(region).getByText(label, { selector: 'dt' })
  return term.nextElementSibling?.textContent
}

// The fake world's runs are from the morning of 20 Nov 2026: the browser's clock says so too.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(fixtureNow)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('OutcomesPanel', () => {
  it('shows headline figures for the window, from the stats answer', async () => {
    renderApp('/runs?source=demo-puq&tz=utc')
    const region = await panel()
    // Counted here from the fixture, not by the fake server's function: the runs started in
    // the default window (14 Nov 00:00 UTC up to now, 20 Nov 12:00 UTC).
    const inWindow = history.filter((run) => {
      const startedMs = Date.parse(run.startedAt ?? '')
      return (
        startedMs >= Date.parse('2026-11-14T00:00:00.000Z') &&
        startedMs < Date.parse('2026-11-20T12:00:00.000Z')
      )
    })
    expect(inWindow.length).toBeGreaterThan(0)
    await waitFor(() => expect(figure(region, 'Runs')).toBe(String(inWindow.length)))
    // The same 8 failed runs the status-filter test below names.
    expect(figure(region, 'Failed')).toBe('8')
    expect(inWindow.filter((run) => run.status === 'failed')).toHaveLength(8)
  })

  it('under a status filter, says whose figures they are and the window’s failure rate', async () => {
    // As the server does: the stats answer counts only the runs of the chosen statuses.
    server.use(
      http.get(apiPaths.stats, ({ request }) => {
        const url = new URL(request.url)
        const status = url.searchParams.get('status')?.split(',')
        const runs = history.filter((run) => !status || status.includes(run.status))
        const window = {
          from: url.searchParams.get('from') ?? '',
          to: url.searchParams.get('to') ?? '',
        }
        return HttpResponse.json(toRunStats(runs, window))
      }),
    )
    renderApp('/runs?source=demo-puq&tz=utc&status=failed')
    const region = await panel()
    // The fake history has 23 succeeded and 8 failed runs in the window: 8 / 31 fails.
    await waitFor(() => expect(figure(region, 'Failure rate, all runs')).toBe('26%'))
    expect(figure(region, 'Failed runs')).toBe('8')
    const labels = within(region)
      .getAllByRole('term')
      .map((term) => term.textContent)
    expect(labels).toEqual([
      'Failed runs',
      'Failure rate, all runs',
      'p50 duration, these runs',
      'p95 duration, these runs',
    ])
  })

  it('asks for the window in the URL, in the chosen zone', async () => {
    const asked: URL[] = []
    server.use(
      http.get(apiPaths.stats, ({ request }) => {
        const url = new URL(request.url)
        asked.push(url)
        return HttpResponse.json(
          toRunStats(history, {
            from: url.searchParams.get('from') ?? '',
            to: url.searchParams.get('to') ?? '',
          }),
        )
      }),
    )
    const app = renderApp('/runs?source=demo-puq&tz=utc&window=24h&status=failed')
    await panel()
    // The filtered runs, and the unfiltered window for its failure rate.
    await waitFor(() =>
      expect(asked.map((url) => url.searchParams.get('status'))).toEqual(['failed', null]),
    )
    for (const url of asked) {
      expect(url.searchParams.get('bucket')).toBe('hour')
      expect(url.searchParams.get('tz')).toBe('UTC')
    }

    await app.user.click(screen.getByRole('radio', { name: '30d' }))
    await waitFor(() => expect(app.search().window).toBe('30d'))
    await waitFor(() => expect(asked.at(-1)?.searchParams.get('bucket')).toBe('day'))
  })

  it('narrows the table to a bucket’s failed runs, in the URL, and clears it again', async () => {
    const app = renderApp('/runs?source=demo-puq&tz=utc')
    const region = await panel()
    await app.user.click(within(region).getByText('Show the numbers as a table'))
    const [first] = within(region).getAllByRole('button', { name: /^List the \d+ failed runs of/ })
    await app.user.click(first!)

    await waitFor(() => expect(app.search().status).toBe('failed'))
    const { from, to } = app.search()
    expect(from).toBeDefined()
    expect(to).toBeDefined()
    const rows = await screen.findAllByRole('row', { name: /Failed/ })
    const expected = history.filter(
      (run) =>
        run.status === 'failed' &&
        Date.parse(run.startedAt ?? '') >= Date.parse(from ?? '') &&
        Date.parse(run.startedAt ?? '') < Date.parse(to ?? ''),
    )
    await waitFor(() =>
      expect(screen.getAllByRole('row').filter((row) => row.dataset.runId)).toHaveLength(
        expected.length,
      ),
    )
    expect(rows.length).toBeGreaterThan(0)

    await app.user.click(screen.getByRole('button', { name: /^Remove the time filter/ }))
    await waitFor(() => expect(app.search().from).toBeUndefined())
    expect(app.search().status).toBe('failed')
  })

  it('says in place when the chart cannot load, and retries', async () => {
    server.use(
      http.get(apiPaths.stats, () =>
        errorResponse('UPSTREAM_RATE_LIMITED', 429, { retryAfterSeconds: 30 }),
      ),
    )
    const app = renderApp('/runs?source=demo-puq')
    const alert = await within(await screen.findByRole('region', { name: 'Outcomes' })).findByRole(
      'alert',
    )
    expect(alert).toHaveTextContent('The chart could not load')
    // The table is still there and working.
    expect(await screen.findByRole('table', { name: /Runs of/ })).toBeInTheDocument()
    server.resetHandlers()
    await app.user.click(within(alert).getByRole('button', { name: 'Retry' }))
    await panel()
  })

  it('says how far a partial answer reaches, in words beside the chart', async () => {
    server.use(
      http.get(apiPaths.stats, ({ request }) => {
        const url = new URL(request.url)
        const window = {
          from: url.searchParams.get('from') ?? '',
          to: url.searchParams.get('to') ?? '',
        }
        return HttpResponse.json(
          toRunStats(history, window, {
            coverage: {
              complete: false,
              scannedRuns: 500,
              coveredFrom: '2026-11-18T00:00:00.000Z',
              undatedRuns: 0,
            },
          }),
        )
      }),
    )
    renderApp('/runs?source=demo-puq&tz=utc')
    const region = await panel()
    expect(within(region).getByRole('note')).toHaveTextContent(
      'Based on the newest 500 runs, back to 18 Nov 2026, 00:00:00 UTC',
    )
    expect(within(region).getByText('Runs read so far')).toBeInTheDocument()
  })
})
