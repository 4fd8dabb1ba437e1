import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SyncBanner } from './sync-banner'

describe('SyncBanner', () => {
  it('shows the backfill as a progress bar with counts, reach and time left', () => {
    render(
      <SyncBanner
        label="Trigify"
        sync={{
          state: 'backfilling',
          runsStored: 6100,
          vendorTotal: 9336,
          oldestStoredAt: '2026-11-03T10:00:00.000Z',
          etaSeconds: 40,
        }}
      />,
    )
    const bar = screen.getByRole('progressbar', { name: 'Reading Trigify history' })
    expect(bar).toHaveAttribute('aria-valuenow', '65')
    // The day is written in the browser's locale (3 Nov, Nov 3).
    expect(screen.getByRole('status')).toHaveTextContent(
      /^Reading history: 6,100 of 9,336 runs, back to (3 Nov|Nov 3), about 40 s left$/,
    )
  })

  it('says a failing sync in words with the age of the data', () => {
    render(
      <SyncBanner
        label="puq.ai"
        sync={{
          state: 'error',
          runsStored: 120,
          lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString(),
          lastError: 'puq.ai rejected the API key',
        }}
      />,
    )
    expect(screen.getByRole('status')).toHaveTextContent(
      /puq\.ai cannot be read right now \(puq\.ai rejected the API key\); showing stored runs, data last updated 5 minutes ago/,
    )
  })

  it('stays out of the way once the source is live', () => {
    const { container } = render(
      <SyncBanner label="Trigify" sync={{ state: 'live', runsStored: 10 }} />,
    )
    expect(container).toBeEmptyDOMElement()
  })
})
