import { QueryClientProvider } from '@tanstack/react-query'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { failedPuqRun, failedTrigifyRun, htmlError, runningPuqRun } from '../fixtures'
import { server } from '../../../test/msw-server'
import {
  bodyHandler,
  errorHandler,
  renderWithQuery,
  runDetailHandler,
  runDetailPath,
} from '../test-utils'
import { RunDrawer, type RunDrawerProps } from './run-drawer'
import { stepRowId } from './step-timeline'

function renderDrawer(overrides: Partial<RunDrawerProps> = {}) {
  const props: RunDrawerProps = {
    source: failedPuqRun.source,
    runId: failedPuqRun.id,
    tz: 'utc',
    onStepChange: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  }
  const utils = renderWithQuery(<RunDrawer {...props} />)
  return { ...utils, props }
}

function useRuns() {
  server.use(runDetailHandler([failedPuqRun, failedTrigifyRun, runningPuqRun]))
}

function stepRow(stepId: string): HTMLElement {
  const row = document.getElementById(stepRowId(stepId))
  if (!row) throw new Error(`no row for step ${stepId}`)
  return row
}

describe('RunDrawer', () => {
  it('is a modal dialog named after the run, with focus moved into it', async () => {
    useRuns()
    renderDrawer()
    const dialog = screen.getByRole('dialog', { name: /pq_fail001/ })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(dialog).toHaveFocus()
    await screen.findByText('Lead enrichment', { selector: 'p' })
  })

  it('shows the run header: status, workflow, version, trigger, times with their zone, duration', async () => {
    useRuns()
    renderDrawer()
    const summary = await screen.findByRole('region', { name: 'Run summary' })
    expect(within(summary).getByText('Failed')).toBeInTheDocument()
    expect(within(summary).getByText('wf_enrich')).toBeInTheDocument()
    expect(within(summary).getByText('Lead enrichment')).toBeInTheDocument()
    expect(within(summary).getByText('v3 (published)')).toBeInTheDocument()
    expect(within(summary).getByText('Webhook async')).toBeInTheDocument()
    expect(within(summary).getByText('20 Nov 2026, 11:00:00 UTC')).toBeInTheDocument()
    expect(within(summary).getByText('20 Nov 2026, 11:00:12 UTC')).toBeInTheDocument()
    expect(within(summary).getByText('12 s')).toBeInTheDocument()
  })

  it('shows a failed puq run with its failed step, the attempt and the error', async () => {
    useRuns()
    renderDrawer()
    await screen.findByText('Push to HubSpot', { selector: '#' + stepRowId('st_push_2') + ' *' })

    const failedRow = stepRow('st_push_2')
    expect(within(failedRow).getByText('Failed step')).toBeInTheDocument()
    expect(within(failedRow).getByText(/Attempt 2 of 2/)).toBeInTheDocument()
    expect(within(failedRow).getByLabelText('Error of step Push to HubSpot')).toHaveTextContent(
      htmlError,
    )

    // The first attempt failed too, but it was retried: it is not the failed step.
    const firstAttempt = stepRow('st_push_1')
    expect(within(firstAttempt).getByText(/Attempt 1 of 2/)).toBeInTheDocument()
    expect(within(firstAttempt).queryByText('Failed step')).not.toBeInTheDocument()

    // A step the vendor gave no times for is listed, not dropped.
    expect(within(stepRow('st_notify')).getByText('Not started')).toBeInTheDocument()
    expect(screen.getByText(/5 steps · 1 retried · 1 without timing/)).toBeInTheDocument()
  })

  it('shows the run error in full, as text, never as HTML', async () => {
    useRuns()
    renderDrawer()
    const errorBlock = await screen.findByLabelText('Run error message')
    expect(errorBlock).toHaveTextContent(htmlError)
    expect(errorBlock.tagName).toBe('PRE')
    expect(errorBlock).toHaveClass('whitespace-pre-wrap', 'wrap-anywhere', 'overflow-auto')
    const dialog = screen.getByRole('dialog')
    expect(dialog.querySelector('h1, script, title, body')).toBeNull()
    expect(window).not.toHaveProperty('hacked')
  })

  it('says plainly that Trigify reports no steps, and names the step from the error', async () => {
    useRuns()
    renderDrawer({ source: 'demo-trigify', vendor: 'trigify', runId: 'tg_fail001' })
    expect(
      await screen.findByText('Trigify does not report steps for its runs.'),
    ).toBeInTheDocument()
    expect(screen.getByText(/Failed step, named in the error/)).toHaveTextContent('Enrich profile')
    expect(screen.getByLabelText('Run error message')).toHaveTextContent(
      "Step 'Enrich profile' failed: profile not found",
    )
    expect(
      screen.getByRole('heading', { name: /Error in step Enrich profile/ }),
    ).toBeInTheDocument()
    expect(screen.queryByRole('list', { name: /Steps in order/ })).not.toBeInTheDocument()
  })

  it('asks for the run by its source and id alone, so every way of opening it reads one answer', async () => {
    const seen: string[] = []
    server.use(runDetailHandler([failedTrigifyRun], (request) => seen.push(request.url)))
    renderDrawer({ source: 'demo-trigify', runId: 'tg_fail001' })
    await screen.findByText('This source does not report steps for its runs.')
    expect(seen).toHaveLength(1)
    const url = new URL(seen[0] ?? '')
    expect(url.pathname).toBe('/api/sources/demo-trigify/runs/tg_fail001')
    expect(url.search).toBe('')
  })

  it('says a run that no longer exists was not found, with a way to close', async () => {
    useRuns()
    const user = userEvent.setup()
    const { props } = renderDrawer({ runId: 'pq_gone' })
    expect(await screen.findByText('This run no longer exists')).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('pq_gone')
    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(props.onClose).toHaveBeenCalledTimes(1)
  })

  it('says an invalid id is invalid', async () => {
    server.use(errorHandler(400, 'BAD_REQUEST', 'runId must be 1-128 letters, digits, _ . : or -'))
    renderDrawer({ runId: 'not valid' })
    expect(await screen.findByText('This is not a valid run id')).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('runId must be 1-128 letters')
    expect(screen.getByRole('button', { name: 'Close' })).toBeInTheDocument()
  })

  it('offers a retry after a server failure, and shows the run once it answers', async () => {
    let calls = 0
    server.use(
      http.get(runDetailPath, () => {
        calls += 1
        if (calls === 1) {
          return HttpResponse.json(
            { error: { code: 'UPSTREAM_UNAVAILABLE', message: 'puq.ai answered 503' } },
            { status: 502 },
          )
        }
        return HttpResponse.json(failedPuqRun)
      }),
    )
    const user = userEvent.setup()
    renderDrawer()
    expect(await screen.findByText(/Could not load this run/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByLabelText('Run error message')).toBeInTheDocument()
    expect(calls).toBe(2)
  })

  it('treats an answer that does not match the model as an error', async () => {
    server.use(bodyHandler({ ...failedPuqRun, status: 42 }))
    renderDrawer()
    expect(await screen.findByText(/could not read/)).toBeInTheDocument()
  })

  it('shows a skeleton while loading', () => {
    useRuns()
    renderDrawer()
    expect(screen.getByRole('status', { name: 'Loading run' })).toBeInTheDocument()
  })

  it('closes on Escape and on the close button', async () => {
    useRuns()
    const user = userEvent.setup()
    const { props } = renderDrawer()
    await user.keyboard('{Escape}')
    expect(props.onClose).toHaveBeenCalledTimes(1)
    await user.click(screen.getByRole('button', { name: 'Close run details' }))
    expect(props.onClose).toHaveBeenCalledTimes(2)
  })

  it('returns focus to the row that opened it when it closes', async () => {
    useRuns()
    const row = document.createElement('button')
    row.textContent = 'row'
    document.body.append(row)
    const { unmount } = renderDrawer({ returnFocusTo: row })
    await screen.findByLabelText('Run error message')
    expect(screen.getByRole('dialog')).toHaveFocus()
    unmount()
    expect(row).toHaveFocus()
    row.remove()
  })

  it('keeps Tab inside the dialog', async () => {
    useRuns()
    const user = userEvent.setup()
    renderDrawer({ runId: 'pq_gone' })
    await screen.findByText('This run no longer exists')
    const dialog = screen.getByRole('dialog')
    for (let press = 0; press < 8; press += 1) {
      await user.tab()
      expect(dialog).toContainElement(document.activeElement as HTMLElement)
    }
    await user.tab({ shift: true })
    expect(dialog).toContainElement(document.activeElement as HTMLElement)
  })

  it('selects a step on click, and clears the selection on a second click', async () => {
    useRuns()
    const user = userEvent.setup()
    const { props, rerender, queryClient } = renderDrawer()
    await screen.findByLabelText('Run error message')

    const findButton = within(stepRow('st_find')).getByRole('button', { name: /Find profile/ })
    expect(findButton).toHaveAttribute('aria-pressed', 'false')
    await user.click(findButton)
    expect(props.onStepChange).toHaveBeenLastCalledWith('st_find')

    // The route feeds the URL's `step` back in as a prop.
    rerender(
      <QueryClientProvider client={queryClient}>
        <RunDrawer {...props} stepId="st_find" />
      </QueryClientProvider>,
    )
    const selected = within(stepRow('st_find')).getByRole('button', { name: /Find profile/ })
    expect(selected).toHaveAttribute('aria-pressed', 'true')
    await user.click(selected)
    expect(props.onStepChange).toHaveBeenLastCalledWith(undefined)
  })

  it('shows the details of the step selected in the URL', async () => {
    useRuns()
    renderDrawer({ stepId: 'st_push_1' })
    await screen.findByLabelText('Run error message')
    const row = stepRow('st_push_1')
    expect(within(row).getByRole('button', { name: /Push to HubSpot/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    expect(within(row).getByText('st_push_1')).toBeInTheDocument()
    expect(within(row).getByText('20 Nov 2026, 11:00:03 UTC')).toBeInTheDocument()
    expect(within(row).getByLabelText('Error of step Push to HubSpot')).toHaveTextContent(
      'HubSpot responded 429 Too Many Requests',
    )
  })

  it('scrolls the failed step into view when the run opens', async () => {
    useRuns()
    // jsdom does not lay out, so it has no scrollIntoView of its own to spy on.
    const scrollIntoView = vi.fn()
    Element.prototype.scrollIntoView = scrollIntoView
    try {
      renderDrawer()
      await screen.findByLabelText('Run error message')
      await waitFor(() => expect(scrollIntoView).toHaveBeenCalledTimes(1))
      expect(scrollIntoView.mock.contexts[0]).toBe(stepRow('st_push_2'))
    } finally {
      Reflect.deleteProperty(Element.prototype, 'scrollIntoView')
    }
  })

  it('copies a link to this exact view', async () => {
    useRuns()
    const user = userEvent.setup()
    window.history.replaceState(null, '', '/?source=demo-puq&run=pq_fail001&step=st_find')
    renderDrawer()
    await user.click(screen.getByRole('button', { name: 'Copy link' }))
    expect(await navigator.clipboard.readText()).toBe(
      `${window.location.origin}/?source=demo-puq&run=pq_fail001&step=st_find`,
    )
    expect(screen.getByRole('button', { name: 'Link copied' })).toBeInTheDocument()
    window.history.replaceState(null, '', '/')
  })

  it('shows a running run growing up to now, and says it refreshes', async () => {
    useRuns()
    renderDrawer({ runId: 'pq_run001' })
    expect(await screen.findByText(/Refreshing every 5 s while it runs/)).toBeInTheDocument()
    expect(screen.getByText('Still running')).toBeInTheDocument()
    expect(screen.getByText('so far')).toBeInTheDocument()
    expect(within(stepRow('st_r2')).getByText(/Running/)).toBeInTheDocument()
  })

  it('asks for a running run again while it runs, and stops once it has finished', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    try {
      let calls = 0
      server.use(
        http.get(runDetailPath, () => {
          calls += 1
          return HttpResponse.json(calls < 2 ? runningPuqRun : { ...failedPuqRun, id: 'pq_run001' })
        }),
      )
      renderDrawer({ runId: 'pq_run001' })
      await screen.findByText('Still running')
      await vi.advanceTimersByTimeAsync(5_000)
      await screen.findByLabelText('Run error message')
      expect(calls).toBe(2)
      await vi.advanceTimersByTimeAsync(15_000)
      expect(calls).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })
})
