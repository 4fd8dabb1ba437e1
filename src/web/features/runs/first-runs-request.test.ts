/**
 * The first runs request of a deep link is built twice: by the server's HTML preload
 * (`firstApiPaths`, whose links the entry chunk's early fetch also takes) and by the app
 * (`runsListParams` → `runsApiPath`). A preload is used only when the URLs match byte for byte.
 */
import { describe, expect, it } from 'vitest'
import { runsApiPath } from '../../../shared/api-path'
import { firstApiPaths, runsListParams } from '../../../shared/runs-view'
import { parseSearch } from '../../lib/search-serializer'
import { parseRunsSearch } from './runs-search'

const nowMs = Date.parse('2026-11-20T12:00:42.123Z')
const sources = ['demo-trigify', 'demo-puq']

function appPath(search: string, atMs: number): string {
  return runsApiPath(
    runsListParams({ ...parseRunsSearch(parseSearch(search)), source: 'demo-puq' }, atMs),
  )
}

describe('the first runs request', () => {
  it.each([
    [
      '?q=disk%20full&range=1h&sort=-duration&source=demo-puq',
      '/api/sources/demo-puq/runs?q=disk+full&from=2026-11-20T11%3A00%3A00.000Z&sort=-duration&page=1&pageSize=20',
    ],
    [
      '?from=2026-11-19T00:00:00.000Z&page=2&q=run_00&sort=started&source=demo-puq&status=failed&to=2026-11-20T00:00:00.000Z',
      '/api/sources/demo-puq/runs?q=run_00&status=failed&from=2026-11-19T00%3A00%3A00.000Z&to=2026-11-20T00%3A00%3A00.000Z&sort=started&page=2&pageSize=20',
    ],
    [
      '?range=30d&source=demo-puq&workflow=wf_enrich',
      '/api/sources/demo-puq/runs?workflow=wf_enrich&from=2026-10-21T12%3A00%3A00.000Z&page=1&pageSize=20',
    ],
  ])('is the same URL from the app and from the preload: %s', (search, expected) => {
    expect(appPath(search, nowMs)).toBe(expected)
    expect(firstApiPaths('/runs', search, sources, nowMs)).toContain(expected)
  })

  it('agrees on a preset between two clocks in the same minute', () => {
    const search = '?range=24h&source=demo-puq'
    const preload = firstApiPaths('/runs', search, sources, Date.parse('2026-11-20T12:00:00.000Z'))
    expect(preload).toContain(appPath(search, Date.parse('2026-11-20T12:00:59.999Z')))
  })

  it('preloads the all-sources view when there is more than one source, without a workflow', () => {
    expect(firstApiPaths('/runs', '?source=all&workflow=wf_enrich', sources, nowMs)).toEqual([
      '/api/sources',
      '/api/sources/all/runs?page=1&pageSize=20',
      '/api/sources/all/workflows',
    ])
    // One source has no all-sources view: `all` is then an unknown source, corrected.
    expect(firstApiPaths('/runs', '?source=all', ['demo-puq'], nowMs)).toContain(
      '/api/sources/demo-puq/runs?page=1&pageSize=20',
    )
  })
})
