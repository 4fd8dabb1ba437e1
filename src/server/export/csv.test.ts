import { describe, expect, it } from 'vitest'
import { csvCell, csvHeader, runCsvLine } from './csv'

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['<b>html</b> & more', '<b>html</b> & more'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('writes numbers as they are and an absent field as an empty cell', () => {
    expect(csvCell(1500)).toBe('1500')
    expect(csvCell(undefined)).toBe('')
  })
})

describe('runCsvLine', () => {
  it('writes every column in the header order, CRLF-terminated', () => {
    expect(csvHeader).toBe(
      'source,id,workflowId,workflowName,status,vendorStatus,createdAt,startedAt,finishedAt,durationMs,failedStep,error,version,trigger\r\n',
    )
    const line = runCsvLine({
      id: 'r1',
      source: 'puq',
      workflowId: 'wf',
      workflowName: 'Enrich, then "score"',
      status: 'failed',
      vendorStatus: 'ERROR',
      startedAt: '2026-01-10T00:00:00.000Z',
      durationMs: 1200,
      error: '=cmd|" /C calc"!A0',
    })
    expect(line).toBe(
      'puq,r1,wf,"Enrich, then ""score""",failed,ERROR,,2026-01-10T00:00:00.000Z,,1200,,"\'=cmd|"" /C calc""!A0",,\r\n',
    )
  })
})
