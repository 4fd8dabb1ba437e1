import { describe, expect, it } from 'vitest'
import { attachment, exportFileName } from './export-name'

const now = Date.parse('2026-11-20T12:34:56Z')

describe('exportFileName', () => {
  it('says the source and the day when nothing narrows', () => {
    expect(exportFileName({ source: 'demo-puq' }, 'csv', now)).toBe(
      'runboard-demo-puq-2026-11-20.csv',
    )
  })

  it('says every filter, the range in compact UTC', () => {
    const name = exportFileName(
      {
        source: 'puq',
        workflow: 'wf-42',
        status: ['failed', 'running'],
        from: '2026-11-20T02:00+01:00',
        to: '2026-11-20T04:00:00Z',
      },
      'ndjson',
      now,
    )
    expect(name).toBe(
      'runboard-puq-workflow-wf-42-failed_running-from-20261120T0100Z-to-20261120T0400Z-2026-11-20.ndjson',
    )
  })

  it('keeps nothing of an id that could break a header or a path', () => {
    const name = exportFileName({ source: 'puq', workflow: '../"x";\r\nSet-Cookie: a' }, 'csv', now)
    expect(name).toMatch(/^[A-Za-z0-9._-]+$/)
    expect(attachment(name)).toBe(`attachment; filename="${name}"`)
  })
})
