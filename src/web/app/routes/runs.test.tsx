import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { errorResponse } from '../../test/handlers'
import { server } from '../../test/msw-server'
import { renderApp } from '../../test/render-app'

describe('the /runs route', () => {
  it('sends / to the runs of the first source', async () => {
    const app = renderApp('/')
    await screen.findByRole('table', { name: /Runs of puq\.ai demo/ })
    expect(app.history.location.pathname).toBe('/runs')
    expect(app.search()).toEqual({ source: 'demo-puq' })
  })

  it('corrects invalid parameters in place (replace), never crashing', async () => {
    const app = renderApp(
      '/runs?source=demo-puq&page=abc&pageSize=7&status=failed,nope&tz=mars&workflow=a%20b&junk=1',
    )
    await screen.findByRole('table', { name: /Runs of/ })
    await waitFor(() => expect(app.history.location.search).toBe('?source=demo-puq&status=failed'))
    // Replaced, not pushed: going back does not return to the broken URL.
    expect(app.history.length).toBe(1)
  })

  it('swaps an unknown source for the first one and drops its filters', async () => {
    const app = renderApp('/runs?source=nope&workflow=wf_sync&status=failed&page=2&tz=utc')
    await screen.findByRole('table', { name: /Runs of puq\.ai demo/ })
    await waitFor(() =>
      expect(app.search()).toEqual({ source: 'demo-puq', status: 'failed', tz: 'utc' }),
    )
  })

  it('says once, above the table, what it could not use, after correcting the URL', async () => {
    const app = renderApp('/runs?source=nope&status=bogus&page=abc&window=1y')
    const notice = await screen.findByRole('status', { name: 'Address corrected' })
    await waitFor(() => expect(app.history.location.search).toBe('?source=demo-puq'))
    expect(app.history.length).toBe(1)
    expect(
      within(notice)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      "No source named 'nope'; showing puq.ai demo",
      "Ignored status 'bogus'",
      "Page 'abc' is not a page number; showing page 1",
      "Window '1y' is not offered; showing 7 days",
    ])
    // In place above the table, not over it.
    const table = await screen.findByRole('table', { name: /Runs of puq\.ai demo/ })
    expect(notice.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()

    await app.user.click(within(notice).getByRole('button', { name: 'Dismiss the address notice' }))
    expect(screen.queryByRole('status', { name: 'Address corrected' })).not.toBeInTheDocument()
  })

  it('drops the notice on the next navigation, and says nothing for a valid URL', async () => {
    const app = renderApp('/runs?source=demo-puq&pageSize=7')
    const notice = await screen.findByRole('status', { name: 'Address corrected' })
    expect(notice).toHaveTextContent('Page size 7 is not offered; showing 20')
    await screen.findByRole('table', { name: /Runs of/ })
    act(() => app.history.push('/runs?source=demo-puq&status=failed'))
    await waitFor(() =>
      expect(screen.queryByRole('status', { name: 'Address corrected' })).not.toBeInTheDocument(),
    )
    // Back to the corrected address: it was understood then, the notice was said already.
    act(() => app.history.back())
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq' }))
    expect(screen.queryByRole('status', { name: 'Address corrected' })).not.toBeInTheDocument()
  })

  it('keeps the open run and the time zone in the URL', async () => {
    const app = renderApp('/runs?source=demo-puq&run=run_0003&tz=utc')
    const dialog = await screen.findByRole('dialog', { name: /run_0003/ })
    expect(app.search()).toEqual({ source: 'demo-puq', run: 'run_0003', tz: 'utc' })
    await within(dialog).findByRole('region', { name: 'Run summary' })
    await app.user.click(within(dialog).getByRole('button', { name: 'Close run details' }))
    await waitFor(() => expect(app.search().run).toBeUndefined())
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('explains a failure to load the sources, with a retry', async () => {
    server.use(http.get('*/api/sources', () => errorResponse('INTERNAL', 500)))
    const app = renderApp('/runs')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Runboard could not load its sources.')
    server.resetHandlers()
    await app.user.click(within(alert).getByRole('button', { name: 'Retry' }))
    await screen.findByRole('table', { name: /Runs of/ })
    await waitFor(() => expect(app.search().source).toBe('demo-puq'))
  })

  it('says what to configure when there are no sources', async () => {
    server.use(http.get('*/api/sources', () => HttpResponse.json({ items: [] })))
    renderApp('/runs')
    expect(await screen.findByRole('alert')).toHaveTextContent('No sources are configured.')
  })

  it('shows a page for unknown paths', async () => {
    renderApp('/nowhere')
    expect(await screen.findByText('There is no page at this address.')).toBeInTheDocument()
  })
})
