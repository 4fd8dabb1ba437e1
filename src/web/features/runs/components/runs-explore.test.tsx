import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fixtureNow } from '../../../test/fixtures'
import { server } from '../../../test/msw-server'
import { renderApp } from '../../../test/render-app'

async function rowIds() {
  const table = await screen.findByRole('table', { name: /Runs of/ })
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-run-id'))
    .map((row) => row.getAttribute('data-run-id'))
}

/** The query strings of the runs requests the page makes, in order. */
function recordRunsRequests(): string[] {
  const seen: string[] = []
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url)
    if (/\/api\/sources\/[^/]+\/runs$/.test(url.pathname)) seen.push(url.search)
  })
  return seen
}

afterEach(() => {
  vi.useRealTimers()
  server.events.removeAllListeners()
})

describe('the time range control', () => {
  it('sets a preset that moves with the clock, and removes it', async () => {
    // Only Date is faked: the fixture history ends at fixtureNow, so "the last hour" has runs.
    vi.useFakeTimers({ toFake: ['Date'], now: fixtureNow + 42_000 })
    const requests = recordRunsRequests()
    const app = renderApp('/runs?source=demo-puq&page=2')
    await screen.findByText('Page 2 of 3')

    await app.user.click(screen.getByRole('button', { name: 'Started: Any time' }))
    await app.user.click(screen.getByRole('button', { name: 'Last hour' }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', range: '1h' }))
    // Runs start every 7 minutes back from 12:00: 8 of them in the hour since 11:00.
    await screen.findByText('8 runs')
    expect(requests.at(-1)).toBe('?from=2026-11-20T11%3A00%3A00.000Z&page=1&pageSize=20')
    expect(screen.getByRole('button', { name: 'Started: Last hour' })).toHaveFocus()

    await app.user.click(screen.getByRole('button', { name: 'Remove the time filter Last hour' }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq' }))
    await screen.findByText('45 runs')
  })

  it('takes a custom range in the page’s time zone', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: fixtureNow })
    const app = renderApp('/runs?source=demo-puq&tz=utc&range=7d')
    await screen.findByText('45 runs')
    await app.user.click(screen.getByRole('button', { name: 'Started: Last 7 days' }))
    const panel = screen.getByRole('group', { name: 'Time range' })
    expect(within(panel).getByText('Custom range, in UTC')).toBeInTheDocument()
    await app.user.type(within(panel).getByLabelText('From'), '2026-11-20T10:00')
    await app.user.type(within(panel).getByLabelText('To'), '2026-11-20T11:00')
    await app.user.click(within(panel).getByRole('button', { name: 'Apply' }))

    await waitFor(() =>
      expect(app.search()).toEqual({
        source: 'demo-puq',
        tz: 'utc',
        from: '2026-11-20T10:00:00.000Z',
        to: '2026-11-20T11:00:00.000Z',
      }),
    )
    // 10:01 … 10:57, every 7 minutes.
    await screen.findByText('9 runs')
    expect(
      screen.getByRole('button', { name: 'Started: 20 Nov, 10:00–11:00 UTC' }),
    ).toBeInTheDocument()

    // Reopened, the form shows the range in the same zone, and refuses a backwards one.
    await app.user.click(screen.getByRole('button', { name: /^Started: 20 Nov/ }))
    const again = screen.getByRole('group', { name: 'Time range' })
    expect(within(again).getByLabelText('From')).toHaveValue('2026-11-20T10:00')
    await app.user.clear(within(again).getByLabelText('To'))
    await app.user.type(within(again).getByLabelText('To'), '2026-11-20T09:00')
    await app.user.click(within(again).getByRole('button', { name: 'Apply' }))
    expect(within(again).getByRole('alert')).toHaveTextContent('The end must be after the start.')
    expect(app.search().to).toBe('2026-11-20T11:00:00.000Z')
  })
})

describe('the sortable headers', () => {
  it('say their order with aria-sort and keep it in the URL, back on page 1', async () => {
    const app = renderApp('/runs?source=demo-puq&page=2')
    await screen.findByText('Page 2 of 3')
    const started = screen.getByRole('columnheader', { name: /Started/ })
    const duration = screen.getByRole('columnheader', { name: /Duration/ })
    expect(started).toHaveAttribute('aria-sort', 'descending')
    expect(duration).toHaveAttribute('aria-sort', 'none')

    await app.user.click(within(duration).getByRole('button', { name: /Duration/ }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', sort: '-duration' }))
    expect(duration).toHaveAttribute('aria-sort', 'descending')
    expect(started).toHaveAttribute('aria-sort', 'none')
    // The longest run first: durations grow by a second per run back in time.
    await waitFor(async () => expect((await rowIds())[0]).toBe('run_0045'))

    await app.user.click(within(duration).getByRole('button', { name: /Duration/ }))
    await waitFor(() => expect(app.search().sort).toBe('duration'))
    expect(duration).toHaveAttribute('aria-sort', 'ascending')
    await waitFor(async () => expect((await rowIds())[0]).toBe('run_0001'))

    await app.user.click(within(started).getByRole('button', { name: /Started/ }))
    // Newest first is the default: it leaves the URL.
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq' }))
    expect(started).toHaveAttribute('aria-sort', 'descending')
  })
})

describe('the export menu', () => {
  it('links to the export of exactly the current filters, with the count in its label', async () => {
    const app = renderApp(
      '/runs?source=demo-puq&status=failed&q=profile&from=2026-11-19T00:00:00.000Z&to=2026-11-21T00:00:00.000Z&sort=-duration&page=1',
    )
    await screen.findByText('8 failed runs')
    await app.user.click(await screen.findByRole('button', { name: 'Export 8 runs' }))
    const panel = screen.getByRole('group', { name: 'Export' })
    const query =
      'q=profile&status=failed&from=2026-11-19T00%3A00%3A00.000Z&to=2026-11-21T00%3A00%3A00.000Z'
    expect(within(panel).getByRole('link', { name: /CSV/ })).toHaveAttribute(
      'href',
      `/api/sources/demo-puq/runs/export?format=csv&${query}`,
    )
    expect(within(panel).getByRole('link', { name: /NDJSON/ })).toHaveAttribute(
      'href',
      `/api/sources/demo-puq/runs/export?format=ndjson&${query}`,
    )
    expect(within(panel).getByRole('link', { name: /CSV/ })).toHaveAttribute('download')
  })
})
