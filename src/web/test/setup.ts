/**
 * Setup for every web test: jest-dom matchers, the MSW server (unhandled requests fail the
 * test, so nothing reaches a real network), and a clean DOM and storage between tests.
 */
import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { server } from './msw-server'

// Lazy chunks (the drawer, the chart) load on first use; on a busy two-core machine that alone
// can pass the default one-second wait of `findBy*`.
configure({ asyncUtilTimeout: 5_000 })

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
})

afterEach(() => {
  cleanup()
  server.resetHandlers()
  window.localStorage.clear()
})

afterAll(() => server.close())
