import { describe, expect, it } from 'vitest'
import { parseSearch } from '../../lib/search-serializer'
import { parseRunsSearch } from './runs-search'
import { describeUrlCorrections } from './url-corrections'

const sources = [
  { id: 'demo-trigify', label: 'Trigify (demo)' },
  { id: 'demo-puq', label: 'puq.ai (demo)' },
]

function corrections(query: string, known: typeof sources | undefined): string[] {
  const raw = parseSearch(query)
  return describeUrlCorrections(raw, parseRunsSearch(raw), known).map(({ message }) => message)
}

describe('describeUrlCorrections', () => {
  it.each([
    ['source=nope', ["No source named 'nope'; showing Trigify (demo)"]],
    ['source=%22%3E%3Cb%3E', ["No source named '\"><b>'; showing Trigify (demo)"]],
    ['source=demo-puq&status=bogus', ["Ignored status 'bogus'"]],
    ['source=demo-puq&status=failed,nope,later', ["Ignored statuses 'nope', 'later'"]],
    ['source=demo-puq&page=abc', ["Page 'abc' is not a page number; showing page 1"]],
    ['source=demo-puq&page=0', ["Page '0' is not a page number; showing page 1"]],
    ['source=demo-puq&pageSize=7', ['Page size 7 is not offered; showing 20']],
    ['source=demo-puq&window=1y', ["Window '1y' is not offered; showing 7 days"]],
    ['source=demo-puq&tz=mars', ["Time zone 'mars' is not offered; showing local time"]],
    [
      'source=demo-puq&from=yesterday&to=2026-11-20T00:00:00.000Z',
      ["'yesterday' is not a time; showing every start time"],
    ],
    [
      'source=demo-puq&range=24h&from=2026-11-19T00:00:00.000Z',
      ["The range '24h' replaces from and to; showing the last 24h"],
    ],
    ['source=demo-puq&range=1y', ["Ignored range '1y'"]],
    ['source=demo-puq&sort=slowest', ["Ignored sort 'slowest'; showing newest first"]],
    [
      'source=demo-puq&from=2026-11-20T00:00:00.000Z&to=2026-11-19T00:00:00.000Z',
      ['The time filter ends before it starts; showing every start time'],
    ],
    ['source=demo-puq&run=has%20space', ["Ignored run 'has space'"]],
    ['source=demo-puq&colour=red', ["Ignored 'colour', which this page does not use"]],
    [
      'source=nope&status=bogus&page=abc',
      [
        "No source named 'nope'; showing Trigify (demo)",
        "Ignored status 'bogus'",
        "Page 'abc' is not a page number; showing page 1",
      ],
    ],
  ])('%s', (query, expected) => {
    expect(corrections(query, sources)).toEqual(expected)
  })

  it.each([
    [''],
    ['source=demo-puq'],
    ['source=demo-puq&status=running,failed&page=3&pageSize=50&tz=utc&window=30d'],
    ['source=demo-puq&from=2026-11-19T00:00:00.000Z&to=2026-11-20T00:00:00.000Z'],
    // Either end of a time filter may be open: "since" and "before".
    ['source=demo-puq&from=2026-11-19T00:00:00.000Z'],
    ['source=demo-puq&q=disk%20full&range=7d&sort=-duration'],
    ['source=demo-puq&sort=-started'],
    // Other spellings of a valid value are rewritten quietly: nothing was misunderstood.
    ['source=demo-puq&page=02&status=failed,%20running'],
    ['source=demo-puq&page=1&pageSize=20&tz=local&window=7d'],
  ])('says nothing when everything was understood: %s', (query) => {
    expect(corrections(query, sources)).toEqual([])
  })

  it('names the first configured source, which the page shows, when "All sources" leads the list', () => {
    const withAll = [{ id: 'all', label: 'All sources' }, ...sources]
    expect(corrections('source=nope', withAll)).toEqual([
      "No source named 'nope'; showing Trigify (demo)",
    ])
  })

  it('judges the source only once the sources are known', () => {
    expect(corrections('source=nope&status=bogus', undefined)).toEqual(["Ignored status 'bogus'"])
  })
})
