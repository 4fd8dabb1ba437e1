/**
 * Builds each configured source's feed: the vendor's upstream client (key, auth header,
 * allowed paths, rate budget) and its contract, for the sync. Demo and real sources go
 * through the very same code; only the base URL, key and label differ.
 */
import type { Dispatcher } from 'undici'
import type { Source } from '../../shared/model'
import type { RunStatus } from '../../shared/run-status'
import type { SourceFeed } from '../sync/feed'
import { UpstreamClient } from '../upstream/client'
import type { RateBudgetRegistry } from '../upstream/rate-budget'
import { describePuqError, puqAllowedPaths, puqStatuses } from './puq'
import { createPuqFeed } from './puq-feed'
import { describeTrigifyError, trigifyAllowedPaths, trigifyStatuses } from './trigify'
import { createTrigifyFeed } from './trigify-feed'

export type FeedSettings = {
  id: string
  label: string
  isDemo: boolean
  baseUrl: string
  apiKey: string
}

export type FeedUpstream = {
  dispatcher: Dispatcher
  budgets: RateBudgetRegistry
  timeoutMs: number
  trigifyRateReserve: number
}

/** What each vendor's history can answer once it is in the store. */
const storeCapabilities = (
  stepDetail: boolean,
  statuses: readonly RunStatus[],
): Source['capabilities'] => ({
  crossWorkflowListing: true,
  upstreamStatusFilter: true,
  stepDetail,
  exactTotals: true,
  statuses: [...statuses],
})

export function trigifyFeed(settings: FeedSettings, upstream: FeedUpstream): SourceFeed {
  const client = new UpstreamClient({
    vendorName: 'Trigify',
    sourceId: settings.id,
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    authHeaders: { 'x-api-key': settings.apiKey },
    dispatcher: upstream.dispatcher,
    timeoutMs: upstream.timeoutMs,
    allowedPaths: trigifyAllowedPaths,
    rateBudget: upstream.budgets.forKey(settings.baseUrl, settings.apiKey),
    describeErrorBody: describeTrigifyError,
  })
  const info: Source = {
    id: settings.id,
    label: settings.label,
    vendor: 'trigify',
    isDemo: settings.isDemo,
    capabilities: storeCapabilities(false, trigifyStatuses),
  }
  return createTrigifyFeed({ info, client, rateReserve: upstream.trigifyRateReserve })
}

export function puqFeed(settings: FeedSettings, upstream: FeedUpstream): SourceFeed {
  const client = new UpstreamClient({
    vendorName: 'puq.ai',
    sourceId: settings.id,
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    authHeaders: { authorization: `Token ${settings.apiKey}` },
    dispatcher: upstream.dispatcher,
    timeoutMs: upstream.timeoutMs,
    allowedPaths: puqAllowedPaths,
    describeErrorBody: describePuqError,
  })
  const info: Source = {
    id: settings.id,
    label: settings.label,
    vendor: 'puq',
    isDemo: settings.isDemo,
    capabilities: storeCapabilities(true, puqStatuses),
  }
  return createPuqFeed({ info, client })
}
