import { screen, waitFor, within } from '@testing-library/react'
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
