import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { makeRun, toRunPage } from '../../../test/fixtures'
import { apiPaths, history } from '../../../test/handlers'
import { server } from '../../../test/msw-server'
import { renderApp } from '../../../test/render-app'

function rowIds() {
  const table = screen.getByRole('table', { name: /Runs of/ })
  return within(table)
    .getAllByRole('row')
    .flatMap((row) => row.getAttribute('data-run-id') ?? [])
}

describe('live updates', () => {
  it('does not move rows under the pointer; offers new runs instead', async () => {
    const app = renderApp()
    const table = await screen.findByRole('table', { name: /Runs of/ })
    await within(table).findByText('run_0001')
    expect(screen.getByText('Live')).toBeInTheDocument()
    const before = rowIds()

    const fresh = makeRun({ id: 'run_new', status: 'running', vendorStatus: 'RUNNING' })
    const updatedFirst = { ...history[0]!, status: 'failed' as const, vendorStatus: 'FAILED' }
    server.use(
      http.get(apiPaths.runs, () =>
        HttpResponse.json(
          toRunPage([fresh, updatedFirst, ...history.slice(1)], { page: 1, pageSize: 20 }),
        ),
      ),
    )

    const scroller = table.parentElement!
    fireEvent.pointerEnter(scroller)
    await act(() => app.queryClient.refetchQueries())

    const offer = await screen.findByRole('button', { name: '1 new run · Show' })
    expect(rowIds()).toEqual(before)
    // Rows already on screen still show their latest state.
    const firstRow = within(table).getAllByRole('row')[1]!
    expect(firstRow).toHaveTextContent('Failed')

    await app.user.click(offer)
    await waitFor(() => expect(rowIds()[0]).toBe('run_new'))
    expect(screen.queryByRole('button', { name: /new run/ })).not.toBeInTheDocument()
  })

  it('shows the new rows once the pointer leaves', async () => {
    const app = renderApp()
    const table = await screen.findByRole('table', { name: /Runs of/ })
    await within(table).findByText('run_0001')
    server.use(
      http.get(apiPaths.runs, () =>
        HttpResponse.json(
          toRunPage([makeRun({ id: 'run_new' }), ...history], { page: 1, pageSize: 20 }),
        ),
      ),
    )
    const scroller = table.parentElement!
    fireEvent.pointerEnter(scroller)
    await act(() => app.queryClient.refetchQueries())
    await screen.findByRole('button', { name: '1 new run · Show' })
    fireEvent.pointerLeave(scroller)
    await waitFor(() => expect(rowIds()[0]).toBe('run_new'))
  })
})
