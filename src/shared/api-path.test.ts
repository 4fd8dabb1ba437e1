import { describe, expect, it } from 'vitest'
import { runsApiPath, windowApiPath } from './api-path'

describe('failure inbox paths', () => {
  it("links a group's runs with its fingerprint", () => {
    expect(
      runsApiPath({ source: 'demo-puq', failure: 'v1:0123456789abcdef', page: 1, pageSize: 20 }),
    ).toBe('/api/sources/demo-puq/runs?failure=v1%3A0123456789abcdef&page=1&pageSize=20')
  })

  it('builds the failures and steps paths, empty values left out', () => {
    expect(
      windowApiPath('failures', { source: 'demo-trigify', from: '2026-11-13T12:00:00.000Z' }),
    ).toBe('/api/sources/demo-trigify/failures?from=2026-11-13T12%3A00%3A00.000Z')
    expect(windowApiPath('steps', { source: 'a b', workflow: '' })).toBe('/api/sources/a%20b/steps')
  })
})
