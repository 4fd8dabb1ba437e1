import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import {
  AppLink,
  createBrowserHistory,
  createMemoryHistory,
  HistoryProvider,
  useLocation,
} from './navigation'

function Where() {
  const location = useLocation()
  return <output aria-label="where">{location.pathname + location.search}</output>
}

describe('memory history', () => {
  it('pushes, replaces, goes back and forward, and drops the forward entries on a push', () => {
    const history = createMemoryHistory('/runs?source=a')
    history.push('/runs?source=b')
    history.push('/runs?source=c')
    history.back()
    expect(history.location.search).toBe('?source=b')
    history.replace('/runs?source=b2')
    expect(history.length).toBe(3)
    history.forward()
    expect(history.location.search).toBe('?source=c')
    history.back()
    history.back()
    history.push('/runs?source=d')
    expect(history.length).toBe(2)
    history.forward()
    expect(history.location.search).toBe('?source=d')
  })
})

describe('browser history', () => {
  it('pushes and replaces the window’s own history, and follows back and forward', async () => {
    window.history.replaceState(null, '', '/runs?source=a')
    const startLength = window.history.length
    const history = createBrowserHistory()
    render(
      <HistoryProvider history={history}>
        <Where />
      </HistoryProvider>,
    )
    expect(screen.getByLabelText('where')).toHaveTextContent('/runs?source=a')

    act(() => history.push('/runs?source=b'))
    expect(window.location.search).toBe('?source=b')
    expect(window.history.length).toBe(startLength + 1)
    expect(screen.getByLabelText('where')).toHaveTextContent('/runs?source=b')

    act(() => history.replace('/runs?source=b2'))
    expect(window.location.search).toBe('?source=b2')
    expect(window.history.length).toBe(startLength + 1)
    expect(screen.getByLabelText('where')).toHaveTextContent('/runs?source=b2')

    // Back is the browser's: the page hears of it through popstate, asynchronously.
    const popped = new Promise((resolve) =>
      window.addEventListener('popstate', resolve, { once: true }),
    )
    act(() => history.back())
    await act(() => popped)
    expect(window.location.search).toBe('?source=a')
    expect(history.location.search).toBe('?source=a')
    expect(screen.getByLabelText('where')).toHaveTextContent('/runs?source=a')
  })
})

describe('AppLink', () => {
  it('navigates in place on a plain click and re-renders what reads the location', async () => {
    const history = createMemoryHistory('/runs')
    render(
      <HistoryProvider history={history}>
        <AppLink href="/runs?run=r1">Open</AppLink>
        <Where />
      </HistoryProvider>,
    )
    expect(screen.getByRole('link', { name: 'Open' })).toHaveAttribute('href', '/runs?run=r1')
    await userEvent.click(screen.getByRole('link', { name: 'Open' }))
    expect(screen.getByLabelText('where')).toHaveTextContent('/runs?run=r1')
    expect(history.length).toBe(2)
  })

  it('leaves a modified click (new tab) to the browser', async () => {
    const history = createMemoryHistory('/runs')
    render(
      <HistoryProvider history={history}>
        <AppLink href="/runs?run=r1">Open</AppLink>
      </HistoryProvider>,
    )
    const user = userEvent.setup()
    await user.keyboard('{Control>}')
    await user.click(screen.getByRole('link', { name: 'Open' }))
    await user.keyboard('{/Control}')
    expect(history.location.search).toBe('')
  })
})
