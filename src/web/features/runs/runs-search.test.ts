import { describe, expect, it } from 'vitest'
import { parseSearch, stringifySearch } from '../../lib/search-serializer'
import { parseRunsSearch, toUrlSearch } from './runs-search'

describe('parseRunsSearch', () => {
  it('fills defaults for an empty URL', () => {
    expect(parseRunsSearch({})).toEqual({ page: 1, pageSize: 20, tz: 'local', window: '7d' })
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
      }),
    ).toEqual({
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
    [{ from: '2026-11-19T00:00:00.000Z' }],
    [{ from: '2026-11-20T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' }],
    [{ from: 'yesterday', to: '2026-11-19T00:00:00.000Z' }],
  ])('drops a time window that is half or backwards: %j', (raw) => {
    const search = parseRunsSearch(raw)
    expect(search.from).toBeUndefined()
    expect(search.to).toBeUndefined()
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

  it('round-trips through the address bar', () => {
    const search = parseRunsSearch({
      source: 'demo-trigify',
      workflow: 'wf:1',
      status: 'failed',
      page: '4',
      pageSize: '50',
      tz: 'utc',
    })
    const url = stringifySearch(toUrlSearch(search))
    expect(parseRunsSearch(parseSearch(url))).toEqual(search)
  })
})
