import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiPaths, history } from '../../../test/handlers'
import { server } from '../../../test/msw-server'
import { renderApp } from '../../../test/render-app'
import { toRunPage } from '../../../test/fixtures'

function firstRunId() {
  const table = screen.getByRole('table', { name: /Runs of/ })
  return within(table)
    .getAllByRole('row')
    .find((row) => row.hasAttribute('data-run-id'))
    ?.getAttribute('data-run-id')
}

describe('RunsPagination', () => {
  it('pages forward, to the end and back to the start', async () => {
    const app = renderApp()
    await screen.findByText('Page 1 of 3')
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'First page' })).toBeDisabled()
    expect(screen.getByText(/· 45 runs/, { selector: 'span' })).toBeInTheDocument()

    await app.user.click(screen.getByRole('button', { name: 'Next page' }))
    await screen.findByText('Page 2 of 3')
    expect(app.search().page).toBe('2')
    await waitFor(() => expect(firstRunId()).toBe('run_0021'))

    await app.user.click(screen.getByRole('button', { name: 'Last page' }))
    await screen.findByText('Page 3 of 3')
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()

    await app.user.click(screen.getByRole('button', { name: 'First page' }))
    await waitFor(() => expect(app.search().page).toBeUndefined())
    await waitFor(() => expect(firstRunId()).toBe('run_0001'))
  })

  it('prefetches the next page so paging is instant', async () => {
    const requested: string[] = []
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url)
      if (url.pathname.endsWith('/runs')) requested.push(url.searchParams.get('page') ?? '')
    })
    renderApp()
    await screen.findByText('Page 1 of 3')
    await waitFor(() => expect(requested).toContain('2'))
    server.events.removeAllListeners()
  })

  it('keeps the current rows on screen while the next page loads', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    server.use(
      http.get(apiPaths.runs, async ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'))
        if (page === 3) await gate
        return HttpResponse.json(toRunPage(history, { page, pageSize: 20 }))
      }),
    )
    const app = renderApp('/runs?source=demo-puq&page=2')
    await screen.findByText('Page 2 of 3')
    await waitFor(() => expect(firstRunId()).toBe('run_0021'))
    await app.user.click(screen.getByRole('button', { name: 'Next page' }))
    await screen.findByText('Page 3 of 3')
    expect(firstRunId()).toBe('run_0021')
    release()
    await waitFor(() => expect(firstRunId()).toBe('run_0041'))
  })

  it('changes the page size and keeps the first visible run in view', async () => {
    const app = renderApp('/runs?source=demo-puq&page=3&pageSize=10')
    await screen.findByText('Page 3 of 5')
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Rows per page' }), '20')
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', page: '2' }))
    await screen.findByText('Page 2 of 3')
  })

  it('offers the last page when the URL points past the end (the server answers 404)', async () => {
    const app = renderApp('/runs?source=demo-puq&page=9')
    await screen.findByText('This page is past the end of the results.')
    expect(await screen.findByText('The last page is 3.')).toBeInTheDocument()
    // A page that does not exist is not an error to retry.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await app.user.click(screen.getByRole('button', { name: 'Go to page 3' }))
    await waitFor(() => expect(app.search().page).toBe('3'))
    await waitFor(() => expect(firstRunId()).toBe('run_0041'))
  })

  it('says no runs match when a page past the end belongs to an empty view', async () => {
    renderApp('/runs?source=demo-puq&status=paused&page=4')
    expect(await screen.findByText('No runs match these filters.')).toBeInTheDocument()
    expect(screen.queryByText('This page is past the end of the results.')).not.toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('shows a real not-found error on page 1 as an error', async () => {
    server.use(
      http.get(apiPaths.runs, () =>
        HttpResponse.json(
          { error: { code: 'NOT_FOUND', message: 'There is no source named demo-puq' } },
          { status: 404 },
        ),
      ),
    )
    renderApp('/runs?source=demo-puq')
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no source named demo-puq')
  })
})
