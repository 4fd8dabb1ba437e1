import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../../../test/render-app'

async function visibleRows() {
  const table = await screen.findByRole('table', { name: /Runs of/ })
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-run-id'))
}

describe('Status filter', () => {
  it('filters by the checked statuses, in the URL, back on page 1', async () => {
    const app = renderApp('/runs?source=demo-puq&page=2')
    await screen.findByText('Page 2 of 3')

    await app.user.click(screen.getByRole('button', { name: 'Status: Any' }))
    await app.user.click(screen.getByRole('checkbox', { name: 'Failed' }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', status: 'failed' }))
    await screen.findByText('8 failed runs')
    for (const row of await visibleRows()) expect(row).toHaveTextContent('Failed')

    await app.user.click(screen.getByRole('checkbox', { name: 'Running' }))
    await waitFor(() => expect(app.search().status).toBe('running,failed'))
    await screen.findByText('15 running or failed runs')
  })

  it('works from the keyboard and closes on Escape', async () => {
    const app = renderApp()
    await visibleRows()
    const trigger = screen.getByRole('button', { name: 'Status: Any' })
    trigger.focus()
    await app.user.keyboard('{Enter}')
    expect(screen.getByRole('checkbox', { name: 'Pending' })).toHaveFocus()
    await app.user.keyboard(' ')
    await waitFor(() => expect(app.search().status).toBe('pending'))
    await app.user.keyboard('{Escape}')
    expect(screen.queryByRole('group', { name: 'Status' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Status: Pending' })).toHaveFocus()
  })

  it('offers only the statuses the source can report', async () => {
    const app = renderApp('/runs?source=demo-trigify')
    await visibleRows()
    await app.user.click(screen.getByRole('button', { name: 'Status: Any' }))
    const panel = screen.getByRole('group', { name: 'Status' })
    expect(
      within(panel)
        .getAllByRole('checkbox')
        .map((box) => box.parentElement?.textContent),
    ).toEqual(['Running', 'Succeeded', 'Failed'])
  })

  it('keeps a status the URL asks for, so that it can be unticked', async () => {
    const app = renderApp('/runs?source=demo-trigify&status=paused')
    await screen.findByRole('button', { name: 'Status: Paused' })
    await app.user.click(screen.getByRole('button', { name: 'Status: Paused' }))
    await app.user.click(screen.getByRole('checkbox', { name: 'Paused' }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-trigify' }))
  })
})

describe('Workflow filter', () => {
  it('searches workflows by typing and filters on Enter', async () => {
    const app = renderApp('/runs?source=demo-puq&page=3')
    await screen.findByText('Page 3 of 3')
    const input = screen.getByRole('combobox', { name: 'Workflow' })
    await app.user.click(input)
    await app.user.keyboard('crm')
    const listbox = screen.getByRole('listbox', { name: 'Workflows' })
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All workflows', 'Nightly CRM syncwf_sync'])
    await app.user.keyboard('{Enter}')
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', workflow: 'wf_sync' }))
    expect(input).toHaveValue('Nightly CRM sync')
    await screen.findByText('15 runs')
    for (const row of await visibleRows()) expect(row).toHaveTextContent('Nightly CRM sync')
  })

  it('picks with the mouse and clears with its button', async () => {
    const app = renderApp()
    await visibleRows()
    await app.user.click(screen.getByRole('combobox', { name: 'Workflow' }))
    await app.user.click(screen.getByRole('option', { name: /Slack alerts/ }))
    await waitFor(() => expect(app.search().workflow).toBe('wf_alerts'))
    await app.user.click(screen.getByRole('button', { name: 'Clear workflow filter' }))
    await waitFor(() => expect(app.search().workflow).toBeUndefined())
  })
})

describe('Clear filters', () => {
  it('removes every filter at once and keeps view preferences', async () => {
    const app = renderApp('/runs?source=demo-puq&status=failed&workflow=wf_alerts&tz=utc')
    await screen.findByText('8 failed runs')
    await app.user.click(screen.getByRole('button', { name: 'Clear filters' }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', tz: 'utc' }))
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument()
  })

  it('goes back to the previous filters with the browser history', async () => {
    const app = renderApp()
    await visibleRows()
    await app.user.click(screen.getByRole('button', { name: 'Status: Any' }))
    await app.user.click(screen.getByRole('checkbox', { name: 'Failed' }))
    await waitFor(() => expect(app.search().status).toBe('failed'))
    app.history.back()
    await waitFor(() => expect(app.search().status).toBeUndefined())
  })
})

describe('Time zone', () => {
  it('switches every time between local and UTC', async () => {
    const app = renderApp()
    await visibleRows()
    await app.user.click(screen.getByRole('radio', { name: 'UTC' }))
    await waitFor(() => expect(app.search().tz).toBe('utc'))
    const [row] = await visibleRows()
    expect(row).toHaveTextContent('UTC')
  })
})
