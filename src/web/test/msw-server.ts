/** The one MSW server of the web tests; `setup.ts` starts and resets it around every test. */
import { setupServer } from 'msw/node'
import { handlers } from './handlers'

export const server = setupServer(...handlers)
