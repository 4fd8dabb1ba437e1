import { describe, expect, it } from 'vitest'
import { sourceSchema } from '../../shared/model'
import { testFeedUpstream } from '../testing/harness'
import { puqFeed, trigifyFeed } from './feed-registry'

const settings = { label: 'Demo', isDemo: true, baseUrl: 'http://127.0.0.1:9', apiKey: 'key' }

describe('the statuses each source says it can report', () => {
  it('Trigify offers only running, succeeded and failed: it has no other word', () => {
    const feed = trigifyFeed({ ...settings, id: 'demo-trigify' }, testFeedUpstream())
    const info = sourceSchema.parse(feed.info)
    expect(info.capabilities.statuses).toEqual(['running', 'succeeded', 'failed'])
  })

  it('puq.ai offers every status of the vocabulary but unknown', () => {
    const feed = puqFeed({ ...settings, id: 'demo-puq' }, testFeedUpstream())
    const info = sourceSchema.parse(feed.info)
    expect(info.capabilities.statuses).toEqual([
      'pending',
      'running',
      'succeeded',
      'failed',
      'cancelled',
      'paused',
    ])
  })
})
