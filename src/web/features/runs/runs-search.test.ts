import { describe, expect, it } from 'vitest'
import { parseSearch, stringifySearch } from '../../lib/search-serializer'
import { parseRunsSearch, toUrlSearch } from './runs-search'

describe('parseRunsSearch', () => {
  it('fills defaults for an empty URL', () => {
    expect(parseRunsSearch({})).toEqual({
      page: 1,
      pageSize: 20,
      tz: 'local',
      window: '7d',
      sort: '-started',
    })
  })

  it('reads every valid parameter', () => {
    expect(
      parseRunsSearch({
        source: 'demo-puq',
        workflow: 'wf_enrich',
        status: 'running,failed',
        page: '3',
        pageSize: '50',
        run: 'run_x7k9m2',
        step: 'step_3',
        tz: 'utc',
        window: '30d',
        from: '2026-11-19T00:00:00.000Z',
        to: '2026-11-20T00:00:00.000Z',
        q: 'timeout stripe',
        sort: 'duration',
      }),
    ).toEqual({
      q: 'timeout stripe',
      sort: 'duration',
      source: 'demo-puq',
      workflow: 'wf_enrich',
      // Normalized to the vocabulary's order, so equal filters make equal URLs.
      status: ['running', 'failed'],
      page: 3,
      pageSize: 50,
      run: 'run_x7k9m2',
      step: 'step_3',
      tz: 'utc',
      window: '30d',
      from: '2026-11-19T00:00:00.000Z',
      to: '2026-11-20T00:00:00.000Z',
    })
  })

  it.each([
    [{ from: '2026-11-20T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' }],
    [{ from: '2026-11-20T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' }],
    [{ range: '24h', from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' }],
  ])('drops a time window that is backwards or under a preset: %j', (raw) => {
    const search = parseRunsSearch(raw)
    expect(search.from).toBeUndefined()
    expect(search.to).toBeUndefined()
  })

  it('keeps a window open at one end, and drops only the invalid end', () => {
    const since = parseRunsSearch({ from: '2026-11-19T00:00:00.000Z' })
    expect([since.from, since.to]).toEqual(['2026-11-19T00:00:00.000Z', undefined])
    const before = parseRunsSearch({ from: 'yesterday', to: '2026-11-19T00:00:00.000Z' })
    expect([before.from, before.to]).toEqual([undefined, '2026-11-19T00:00:00.000Z'])
  })

  it('trims the search and drops an empty or overlong one', () => {
    expect(parseRunsSearch({ q: '  disk full ' }).q).toBe('disk full')
    expect(parseRunsSearch({ q: '   ' }).q).toBeUndefined()
    expect(parseRunsSearch({ q: 'x'.repeat(201) }).q).toBeUndefined()
  })

  it.each([
    ['page', 'abc', { page: 1 }],
    ['page', '0', { page: 1 }],
    ['page', '-4', { page: 1 }],
    ['page', '2.5', { page: 1 }],
    ['pageSize', '7', { pageSize: 20 }],
    ['pageSize', '1000', { pageSize: 20 }],
    ['tz', 'mars', { tz: 'local' }],
    ['window', '1y', { window: '7d' }],
    ['status', 'bogus', { status: undefined }],
    ['status', ',', { status: undefined }],
    ['source', '../etc/passwd', { source: undefined }],
    ['workflow', 'a b', { workflow: undefined }],
    ['run', '', { run: undefined }],
    ['sort', 'name', { sort: '-started' }],
    ['range', '2h', { range: undefined }],
  ])('falls back when %s is %j', (key, value, expected) => {
    expect(parseRunsSearch({ [key]: value })).toMatchObject(expected)
  })

  it('keeps the valid statuses of a partly invalid list', () => {
    expect(parseRunsSearch({ status: 'failed,nope,succeeded' }).status).toEqual([
      'succeeded',
      'failed',
    ])
  })

  it('accepts arrays and numbers from navigation as well as strings from the URL', () => {
    expect(parseRunsSearch({ status: ['failed'], page: 2, pageSize: 100 })).toMatchObject({
      status: ['failed'],
      page: 2,
      pageSize: 100,
    })
  })
})

describe('URL form', () => {
  it('leaves defaults out and joins lists with commas', () => {
    const search = parseRunsSearch({ source: 'demo-puq', status: 'failed,running' })
    expect(stringifySearch(toUrlSearch(search))).toBe('?source=demo-puq&status=running,failed')
  })

  it('leaves the default order out and keeps the others', () => {
    expect(stringifySearch(toUrlSearch(parseRunsSearch({ sort: '-started' })))).toBe('')
    expect(stringifySearch(toUrlSearch(parseRunsSearch({ sort: '-duration', range: '1h' })))).toBe(
      '?range=1h&sort=-duration',
    )
  })

  it('round-trips through the address bar', () => {
    const search = parseRunsSearch({
      source: 'demo-trigify',
      workflow: 'wf:1',
      status: 'failed',
      page: '4',
      pageSize: '50',
      tz: 'utc',
      q: 'card declined "quoted" & more',
      sort: 'started',
      range: '7d',
    })
    const url = stringifySearch(toUrlSearch(search))
    expect(parseRunsSearch(parseSearch(url))).toEqual(search)
  })
})
