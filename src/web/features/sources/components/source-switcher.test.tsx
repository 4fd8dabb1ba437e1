import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../../../test/render-app'

describe('SourceSwitcher', () => {
  it('marks sandbox sources as demo data', async () => {
    renderApp('/runs?source=demo-puq')
    const select = await screen.findByRole('combobox', { name: 'Source' })
    expect(select).toHaveValue('demo-puq')
    expect(screen.getByRole('banner')).toHaveTextContent('Demo data')
  })

  it('does not mark a real source', async () => {
    renderApp('/runs?source=trigify')
    await screen.findByRole('combobox', { name: 'Source' })
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Source' })).toHaveValue('trigify'),
    )
    expect(screen.getByRole('banner')).not.toHaveTextContent('Demo data')
  })

  it('switches source, dropping filters that belong to the old one', async () => {
    const app = renderApp('/runs?source=demo-puq&workflow=wf_sync&status=failed&page=2&tz=utc')
    const select = await screen.findByRole('combobox', { name: 'Source' })
    await app.user.selectOptions(select, 'demo-trigify')
    await waitFor(() => expect(app.search()).toEqual({ source: 'demo-trigify', tz: 'utc' }))
    await screen.findByRole('table', { name: /Runs of Trigify demo/ })
  })
})
