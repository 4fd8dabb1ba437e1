import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../../../test/render-app'

async function rowIds() {
  const table = await screen.findByRole('table', { name: /Runs of/ })
  await within(table).findAllByRole('row', { name: /Open run/ })
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-run-id'))
    .map((row) => row.getAttribute('data-run-id'))
}

describe('j on the last row', () => {
  it('turns to the next page and focuses its first row', async () => {
    const app = renderApp('/runs?source=demo-puq')
    expect(await rowIds()).toHaveLength(20)
    await app.user.keyboard('j'.repeat(20))
    expect(document.activeElement).toHaveAttribute('data-run-id', 'run_0020')

    await app.user.keyboard('j')
    await waitFor(() => expect(app.search().page).toBe('2'))
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-run-id', 'run_0021'))
    await screen.findByText('Page 2 of 3')
  })

  it('stays on the last row of the last page', async () => {
    const app = renderApp('/runs?source=demo-puq&page=3')
    expect(await rowIds()).toEqual(['run_0041', 'run_0042', 'run_0043', 'run_0044', 'run_0045'])
    await app.user.keyboard('jjjjjj')
    expect(document.activeElement).toHaveAttribute('data-run-id', 'run_0045')
    expect(app.search().page).toBe('3')
  })
})

describe('the tab title', () => {
  it('names the open run and its workflow, and the source once it closes', async () => {
    const app = renderApp('/runs?source=demo-puq&run=run_0002')
    await screen.findByRole('dialog', { name: /run_0002/ })
    await waitFor(() => expect(document.title).toBe('Run run_0002 · Nightly CRM sync · Runboard'))

    await app.user.keyboard('{Escape}')
    await waitFor(() => expect(document.title).toBe('Runs · puq.ai demo · Runboard'))
  })
})
