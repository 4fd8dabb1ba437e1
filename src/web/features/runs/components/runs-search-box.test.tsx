import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../../../test/render-app'

async function rowIds() {
  const table = await screen.findByRole('table', { name: /Runs of/ })
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-run-id'))
    .map((row) => row.getAttribute('data-run-id'))
}

describe('the run search', () => {
  it('writes q to the URL after a pause, in place, back on page 1, and marks the words', async () => {
    const app = renderApp('/runs?source=demo-puq&page=2')
    await screen.findByText('Page 2 of 3')
    const box = screen.getByRole('searchbox', { name: 'Search runs' })
    await app.user.type(box, 'Profile 14')
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', q: 'Profile 14' }))
    // Typing replaced the entry: Back would not step through every letter.
    expect(app.history.length).toBe(1)
    await waitFor(async () => expect(await rowIds()).toEqual(['run_0015']))
    const row = screen.getByRole('row', { name: /run_0015/ })
    expect(
      Array.from(row.querySelectorAll('mark')).map((mark) => mark.textContent.toLowerCase()),
    ).toEqual(['profile', 'profile', '14'])
  })

  it('takes focus on /, clears on Escape and lets go on a second Escape', async () => {
    const app = renderApp('/runs?source=demo-puq&q=profile')
    await waitFor(async () => expect(await rowIds()).toHaveLength(8))
    const box = screen.getByRole('searchbox', { name: 'Search runs' })
    expect(box).toHaveValue('profile')
    await app.user.click(document.body)

    await app.user.keyboard('/')
    expect(box).toHaveFocus()
    await app.user.keyboard('{Escape}')
    expect(box).toHaveValue('')
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq' }))
    expect(box).toHaveFocus()
    await app.user.keyboard('{Escape}')
    expect(box).not.toHaveFocus()
  })

  it('says when nothing matches and clears the search from there', async () => {
    const app = renderApp('/runs?source=demo-puq&status=failed')
    await screen.findByText('8 failed runs')
    await app.user.type(screen.getByRole('searchbox', { name: 'Search runs' }), 'zebra{Enter}')
    expect(await screen.findByText('No runs match ‘zebra’.')).toBeInTheDocument()
    expect(screen.getByText('Also filtered by Status: Failed')).toBeInTheDocument()

    await app.user.click(screen.getByRole('button', { name: 'Clear search' }))
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-puq', status: 'failed' }))
    expect(await rowIds()).toHaveLength(8)
    expect(screen.getByRole('searchbox', { name: 'Search runs' })).toHaveValue('')
  })

  it('follows the URL when it changes from outside', async () => {
    const app = renderApp('/runs?source=demo-puq&q=profile')
    const box = await screen.findByRole('searchbox', { name: 'Search runs' })
    expect(box).toHaveValue('profile')
    app.history.push('/runs?source=demo-puq&q=run_0003')
    await waitFor(() => expect(box).toHaveValue('run_0003'))
    await waitFor(async () => expect(await rowIds()).toEqual(['run_0003']))
  })
})
