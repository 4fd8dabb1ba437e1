import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppErrorBoundary } from './error-boundary'

let shouldThrow = true
function Fragile() {
  if (shouldThrow) throw new Error('boom')
  return <p>All good</p>
}

// React reports caught errors to the console; the boundary's message is what is under test.
beforeEach(() => {
  shouldThrow = true
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('AppErrorBoundary', () => {
  it('shows a crashed page in words, and its retry renders it again', async () => {
    render(
      <AppErrorBoundary scope="page" resetKey="/runs">
        <Fragile />
      </AppErrorBoundary>,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('This page hit a problem.')
    shouldThrow = false
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(screen.getByText('All good')).toBeInTheDocument()
  })

  it('renders the page again after a navigation', () => {
    const view = render(
      <AppErrorBoundary scope="page" resetKey="/runs?page=1">
        <Fragile />
      </AppErrorBoundary>,
    )
    expect(screen.getByRole('alert')).toBeInTheDocument()
    shouldThrow = false
    view.rerender(
      <AppErrorBoundary scope="page" resetKey="/runs?page=2">
        <Fragile />
      </AppErrorBoundary>,
    )
    expect(screen.getByText('All good')).toBeInTheDocument()
  })

  it('around the whole app, offers a reload and a way to the runs page', () => {
    render(
      <AppErrorBoundary scope="app">
        <Fragile />
      </AppErrorBoundary>,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Runboard hit an unexpected problem.')
    expect(screen.getByRole('link', { name: 'Go to runs' })).toHaveAttribute('href', '/runs')
  })
})
