import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import {
  detailSteps,
  enrichGroup,
  errorsOnlySteps,
  failuresAnswer,
  syncGroup,
} from '../../features/failures/fixtures'
import { errorResponse } from '../../test/handlers'
import { server } from '../../test/msw-server'
import { renderApp } from '../../test/render-app'

const failuresPath = '*/api/sources/:source/failures'
const stepsPath = '*/api/sources/:source/steps'

/** Answers the inbox and records what the page asked for. */
function serveFailures(answer = failuresAnswer()) {
  const asked: URL[] = []
  server.use(
    http.get(failuresPath, ({ request }) => {
      asked.push(new URL(request.url))
      return HttpResponse.json(answer)
    }),
  )
  return asked
}

function cellsOf(row: HTMLElement | undefined): (string | null)[] {
  return row
    ? within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    : []
}

async function groupsTable() {
  return screen.findByRole('table', { name: /Failure groups of puq\.ai demo/ })
}

describe('the /failures route', () => {
  it('shows one row per group with its totals, badges and the raw sample', async () => {
    serveFailures()
    renderApp('/failures?source=demo-puq&window=7d')
    const table = await groupsTable()
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(3)
    expect(screen.getByText('19 failed runs in 3 groups, the last 7 days')).toBeInTheDocument()

    const [enrich, sync, unread] = rows as [HTMLElement, HTMLElement, HTMLElement]
    // Trigify's masked step prefix is dropped: the step is said beside the cause.
    expect(
      within(enrich).getByRole('link', {
        name: 'HTTP 429 Too Many Requests (retry after <duration>)',
      }),
    ).toBeInTheDocument()
    expect(within(enrich).getByText('12 runs')).toBeInTheDocument()
    expect(within(enrich).getByText('Enrich profile')).toBeInTheDocument()
    expect(within(enrich).queryByText('New')).not.toBeInTheDocument()
    expect(within(enrich).getByText(enrichGroup.sample ?? '')).toBeInTheDocument()
    expect(
      within(enrich).getByRole('img', {
        name: /Failures per day \(UTC\): 14 Nov: 1, 15 Nov: 0, 16 Nov: 3/,
      }),
    ).toBeInTheDocument()
    expect(within(enrich).getByText('Raw error')).toBeInTheDocument()

    expect(within(sync).getByText('New')).toBeInTheDocument()
    expect(within(sync).queryByText('Awaiting detail')).not.toBeInTheDocument()
    expect(within(unread).getByText('Awaiting detail')).toBeInTheDocument()
    expect(
      within(unread).getByRole('link', { name: 'Step detail not read yet' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('note')).toHaveTextContent('2 failed runs are awaiting step detail')

    // First and last seen: relative, with the absolute time as the title.
    const lastSeen = within(enrich).getByText(
      (_, element) => element?.getAttribute('datetime') === enrichGroup.lastSeenAt,
    )
    expect(lastSeen).toHaveAttribute('title', expect.stringMatching(/20 Nov 2026/))
  })

  it("asks for the URL's window and links each group to exactly its runs in it", async () => {
    const asked = serveFailures()
    renderApp('/failures?source=demo-puq&window=24h&tz=utc')
    const table = await groupsTable()
    const request = asked.at(-1)
    const from = request?.searchParams.get('from') ?? ''
    const to = request?.searchParams.get('to') ?? ''
    expect(Date.parse(to) - Date.parse(from)).toBe(24 * 3_600_000)
    expect(Math.abs(Date.parse(to) - Date.now())).toBeLessThan(120_000)

    const link = within(table).getByRole('link', { name: syncGroup.message })
    const href = new URL(link.getAttribute('href') ?? '', 'http://x')
    expect(href.pathname).toBe('/runs')
    expect(Object.fromEntries(href.searchParams)).toEqual({
      source: 'demo-puq',
      failure: syncGroup.fingerprint,
      from,
      to,
      tz: 'utc',
      window: '24h',
    })
  })

  it('corrects an invalid window and an unknown source in place', async () => {
    serveFailures()
    const app = renderApp('/failures?source=nope&window=99d&workflow=wf_sync&junk=1')
    await groupsTable()
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', window: '7d' }))
    expect(app.history.length).toBe(1)
  })

  it('changes the window in the URL (replace)', async () => {
    const asked = serveFailures()
    const app = renderApp('/failures?source=demo-puq&window=7d')
    await groupsTable()
    await app.user.click(screen.getByRole('radio', { name: '30d' }))
    await waitFor(() => expect(app.search().window).toBe('30d'))
    await waitFor(() => {
      const last = asked.at(-1)
      const span =
        Date.parse(last?.searchParams.get('to') ?? '') -
        Date.parse(last?.searchParams.get('from') ?? '')
      expect(span).toBe(30 * 86_400_000)
    })
    expect(app.history.length).toBe(1)
  })

  it('says when the window has no failures', async () => {
    serveFailures(failuresAnswer([], { awaitingDetail: 0 }))
    renderApp('/failures?source=demo-puq&window=7d')
    expect(await screen.findByText('No failures in the last 7 days')).toBeInTheDocument()
    expect(screen.getByText('0 failed runs in 0 groups, the last 7 days')).toBeInTheDocument()
  })

  it('shows a skeleton, then explains an error and retries', async () => {
    server.use(http.get(failuresPath, () => errorResponse('UPSTREAM_UNAVAILABLE', 502)))
    const app = renderApp('/failures?source=demo-puq&window=7d')
    expect(await screen.findByLabelText('Loading failures')).toBeInTheDocument()
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not load the failures.')
    serveFailures()
    await app.user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await groupsTable()).toBeInTheDocument()
  })

  it("narrows to a workflow from its name and shows that workflow's steps, worst first", async () => {
    const asked = serveFailures()
    const stepsAsked: URL[] = []
    server.use(
      http.get(stepsPath, ({ request }) => {
        stepsAsked.push(new URL(request.url))
        return HttpResponse.json(detailSteps)
      }),
    )
    const app = renderApp('/failures?source=demo-puq&window=7d')
    const table = await groupsTable()
    await app.user.click(within(table).getByRole('link', { name: 'Enrich new leads' }))
    await waitFor(() => expect(app.search().workflow).toBe('wf_enrich'))
    expect(asked.at(-1)?.searchParams.get('workflow')).toBe('wf_enrich')

    const steps = await screen.findByRole('table', {
      name: 'Steps of Enrich new leads, worst first',
    })
    expect(stepsAsked.at(-1)?.searchParams.get('workflow')).toBe('wf_enrich')
    const [, worst, best] = within(steps).getAllByRole('row')
    expect(within(worst ?? document.body).getByRole('rowheader')).toHaveTextContent(
      'Enrich profile',
    )
    expect(cellsOf(worst)).toEqual(['40', '12', '30%', '7', '1.2 s', '8.4 s'])
    expect(best).toHaveTextContent(/Trigger/)

    await app.user.click(screen.getByRole('link', { name: /Remove the workflow filter/ }))
    await waitFor(() => expect(app.search().workflow).toBeUndefined())
    expect(screen.queryByRole('region', { name: /Steps of/ })).not.toBeInTheDocument()
  })

  it('says that Trigify step figures come from what its errors reveal', async () => {
    serveFailures()
    server.use(http.get(stepsPath, () => HttpResponse.json(errorsOnlySteps)))
    renderApp('/failures?source=demo-trigify&window=7d&workflow=wf_enrich')
    const region = await screen.findByRole('region', { name: /Steps of/ })
    expect(await within(region).findByRole('note')).toHaveTextContent(
      'these figures come from what its errors reveal',
    )
    const [, row] = within(region).getAllByRole('row')
    expect(cellsOf(row)).toEqual(['—', '12', '—', '—', '—', '—'])
  })
})
