import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ErrorCell, firstLine } from './run-cells'

describe('the error cell', () => {
  it.each([
    ['TypeError: x is undefined\n    at step (a.js:1:2)', 'TypeError: x is undefined'],
    ['\n\n  Timeout after 30 s  \r\nretrying', 'Timeout after 30 s'],
    ['one line', 'one line'],
  ])('keeps the first line of %j', (text, expected) => {
    expect(firstLine(text)).toBe(expected)
  })

  it('shows the first line and keeps the whole text on hover', () => {
    const error = 'HTTP 502 from CRM\nat fetch (crm.ts:10)\nat step 3'
    render(<ErrorCell error={error} />)
    const cell = screen.getByText('HTTP 502 from CRM')
    expect(cell).toHaveAttribute('title', error)
    expect(cell).not.toHaveTextContent('crm.ts')
  })

  it('names the failed step before an error that does not name it (puq)', () => {
    render(<ErrorCell error="HTTP 502 from CRM" failedStep="Upsert contact" />)
    const cell = screen.getByTitle("Step 'Upsert contact' failed: HTTP 502 from CRM")
    expect(cell).toHaveTextContent(/^Upsert contact: HTTP 502 from CRM$/)
  })

  it('does not repeat a step the error already names (Trigify)', () => {
    const error = "Step 'Enrich profile' failed: profile not found"
    render(<ErrorCell error={error} failedStep="Enrich profile" />)
    expect(screen.getByTitle(error)).toHaveTextContent(
      /^Step 'Enrich profile' failed: profile not found$/,
    )
  })

  it('says which step failed when the run has no error text', () => {
    render(<ErrorCell error={undefined} failedStep="Classify" />)
    expect(screen.getByTitle("Step 'Classify' failed")).toHaveTextContent(/^Classify failed$/)
  })
})
