/**
 * The entry chunk, kept tiny on purpose: it starts the deep link's API requests first, holds
 * what the reader clicks on the server's HTML meanwhile, then loads the app. Data and code
 * download in parallel instead of one after the other.
 */
import { startEarlyFetches } from './lib/early-fetch'
import { dropEarlyInput, holdEarlyInput } from './lib/early-input'
import './styles.css'

startEarlyFetches(document)
holdEarlyInput(document)
import('./app/boot').catch(dropEarlyInput)
