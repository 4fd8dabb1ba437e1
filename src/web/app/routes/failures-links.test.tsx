/**
 * The failure inbox joined to the rest: a group's link opens the runs table narrowed to it (a
 * removable chip says which group), the drawer of a failed run counts the runs that failed the
 * same way, and the header's tabs move between the views keeping source and time zone.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { enrichGroup, failuresAnswer } from '../../features/failures/fixtures'
import { history } from '../../test/handlers'
import { toRunPage } from '../../test/fixtures'
import { server } from '../../test/msw-server'
import { renderApp } from '../../test/render-app'

const groupRuns = history.filter((run) => run.status === 'failed').slice(0, 7)

/** The runs API, where `failure` is the group above; records every runs request. */
function serveRunsOfGroup() {
  const asked: URL[] = []
  server.use(
    http.get('*/api/sources/:source/failures', () => HttpResponse.json(failuresAnswer())),
    http.get('*/api/sources/:source/runs', ({ request }) => {
      const url = new URL(request.url)
      asked.push(url)
      const failure = url.searchParams.get('failure')
      const runs = failure === enrichGroup.fingerprint ? groupRuns : failure ? [] : history
      const pageSize = Number(url.searchParams.get('pageSize') ?? 20)
      return HttpResponse.json(toRunPage(runs, { page: 1, pageSize }))
    }),
  )
  return asked
}

describe('links between the failure inbox and the runs', () => {
  it("opens a group's runs, says which group, and clears it", async () => {
    const asked = serveRunsOfGroup()
    const app = renderApp('/failures?source=demo-puq&window=7d')
    const table = await screen.findByRole('table', { name: /Failure groups/ })
    await app.user.click(
      within(table).getByRole('link', {
        name: 'HTTP 429 Too Many Requests (retry after <duration>)',
      }),
    )
    await screen.findByRole('table', { name: /Runs of puq\.ai demo/ })
    expect(app.history.location.pathname).toBe('/runs')
    expect(app.search().failure).toBe(enrichGroup.fingerprint)
    await waitFor(() =>
      expect(asked.at(-1)?.searchParams.get('failure')).toBe(enrichGroup.fingerprint),
    )
    expect(await screen.findByText(`${groupRuns.length} runs`)).toBeInTheDocument()
    expect(screen.getByText('Failure group:')).toBeInTheDocument()
    expect(
      await screen.findByText(
        'Enrich new leads · Enrich profile · HTTP 429 Too Many Requests (retry after <duration>)',
      ),
    ).toBeInTheDocument()

    await app.user.click(screen.getByRole('button', { name: 'Remove the failure group filter' }))
    await waitFor(() => expect(app.search().failure).toBeUndefined())
    expect(screen.queryByText('Failure group:')).not.toBeInTheDocument()
    await waitFor(() => expect(asked.at(-1)?.searchParams.has('failure')).toBe(false))
  })

  it('drops a fingerprint that is not one from the URL', async () => {
    serveRunsOfGroup()
    const app = renderApp('/runs?source=demo-puq&failure=DROP%20TABLE')
    await screen.findByRole('table', { name: /Runs of/ })
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq' }))
  })

  it("says in a failed run's drawer how many other runs failed the same way", async () => {
    const asked = serveRunsOfGroup()
    const failed = groupRuns[0]
    server.use(
      http.get('*/api/sources/:source/runs/:runId', () =>
        HttpResponse.json({ ...failed, steps: null, fingerprint: enrichGroup.fingerprint }),
      ),
    )
    const app = renderApp(`/runs?source=demo-puq&run=${failed?.id ?? ''}&tz=utc`)
    const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 })
    const others = groupRuns.length - 1
    const line = await within(dialog).findByRole('link', {
      name: `${others} other runs failed the same way`,
    })
    expect(
      asked.some(
        (url) =>
          url.searchParams.get('failure') === enrichGroup.fingerprint &&
          url.searchParams.get('pageSize') === '1',
      ),
    ).toBe(true)
    const href = new URL(line.getAttribute('href') ?? '', 'http://x')
    expect(href.pathname).toBe('/runs')
    expect(Object.fromEntries(href.searchParams)).toEqual({
      source: 'demo-puq',
      failure: enrichGroup.fingerprint,
      tz: 'utc',
    })
    const steps = within(dialog).getByRole('link', { name: 'Steps of this workflow' })
    expect(steps).toHaveAttribute(
      'href',
      `/failures?source=demo-puq&tz=utc&window=7d&workflow=${failed?.workflowId ?? ''}`,
    )
    await app.user.click(line)
    await waitFor(() => expect(app.search().failure).toBe(enrichGroup.fingerprint))
    expect(app.search().run).toBeUndefined()
  })

  it('moves between the views from the header, keeping source and time zone', async () => {
    serveRunsOfGroup()
    const app = renderApp('/runs?source=demo-trigify&tz=utc&status=failed')
    await screen.findByRole('table', { name: /Runs of Trigify demo/ })
    const nav = screen.getByRole('navigation', { name: 'Views' })
    expect(within(nav).getByRole('link', { name: 'Runs' })).toHaveAttribute('aria-current', 'page')
    await app.user.click(within(nav).getByRole('link', { name: 'Failures' }))
    await screen.findByRole('table', { name: /Failure groups of Trigify demo/ })
    expect(app.history.location.pathname).toBe('/failures')
    expect(app.search()).toEqual({ source: 'demo-trigify', tz: 'utc', window: '7d' })
    expect(within(nav).getByRole('link', { name: 'Failures' })).toHaveAttribute(
      'aria-current',
      'page',
    )
    await app.user.click(within(nav).getByRole('link', { name: 'Runs' }))
    await screen.findByRole('table', { name: /Runs of Trigify demo/ })
    expect(app.search()).toEqual({ source: 'demo-trigify', tz: 'utc' })
  })
})
