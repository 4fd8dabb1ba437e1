/**
 * Builds the configured sources: real vendors when their keys are set, and the two demo
 * sources pointing at the embedded sandbox. Demo and real sources go through the very same
 * adapters and upstream client; only the base URL, key and label differ.
 */
import type { Dispatcher } from 'undici'
import { UpstreamClient } from '../upstream/client'
import type { RateBudgetRegistry } from '../upstream/rate-budget'
import { createPuqSource, describePuqError, puqAllowedPaths } from './puq'
import { createTrigifySource, describeTrigifyError, trigifyAllowedPaths } from './trigify'
import type { SourceAdapter } from './types'

export type SourceSettings = {
  id: string
  label: string
  isDemo: boolean
  baseUrl: string
  apiKey: string
}

export type SharedUpstream = {
  dispatcher: Dispatcher
  budgets: RateBudgetRegistry
  timeoutMs: number
  scanBudget: number
  trigifyRateReserve: number
  windowBudget: number
}

export function createTrigify(settings: SourceSettings, shared: SharedUpstream): SourceAdapter {
  const client = new UpstreamClient({
    vendorName: 'Trigify',
    sourceId: settings.id,
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    authHeaders: { 'x-api-key': settings.apiKey },
    dispatcher: shared.dispatcher,
    timeoutMs: shared.timeoutMs,
    allowedPaths: trigifyAllowedPaths,
    rateBudget: shared.budgets.forKey(settings.baseUrl, settings.apiKey),
    describeErrorBody: describeTrigifyError,
  })
  return createTrigifySource({
    id: settings.id,
    label: settings.label,
    isDemo: settings.isDemo,
    client,
    scanBudget: shared.scanBudget,
    rateReserve: shared.trigifyRateReserve,
    windowBudget: shared.windowBudget,
  })
}

export function createPuq(settings: SourceSettings, shared: SharedUpstream): SourceAdapter {
  const client = new UpstreamClient({
    vendorName: 'puq.ai',
    sourceId: settings.id,
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    authHeaders: { authorization: `Token ${settings.apiKey}` },
    dispatcher: shared.dispatcher,
    timeoutMs: shared.timeoutMs,
    allowedPaths: puqAllowedPaths,
    describeErrorBody: describePuqError,
  })
  return createPuqSource({
    id: settings.id,
    label: settings.label,
    isDemo: settings.isDemo,
    client,
    windowBudget: shared.windowBudget,
  })
}
