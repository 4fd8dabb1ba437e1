/**
 * The entry chunk, kept tiny on purpose: it starts the deep link's API requests first, then
 * loads the app. Data and code download in parallel instead of one after the other.
 */
import { startEarlyFetches } from './lib/early-fetch'
import './styles.css'

startEarlyFetches(document)
void import('./app/boot')
