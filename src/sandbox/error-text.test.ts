/**
 * The catalog's error templates: every placeholder is known, and the filled texts replay
 * exactly for one seed while differing from run to run.
 */
import { describe, expect, it } from 'vitest'
import { errorTextOf, renderErrorTemplate, unknownPlaceholders } from './error-text'
import { FAILED, generateHistory } from './history'
import type { VendorHistory } from './history'
import { puqWorkflows } from './puq-catalog'
import { createRng } from './rng'
import { planSteps } from './steps'
import { trigifyWorkflows } from './trigify-catalog'
import { trigifyErrorText } from './trigify-routes'

const anchorMs = Date.parse('2026-11-20T12:00:00.000Z')
const templates = [...trigifyWorkflows, ...puqWorkflows].flatMap((workflow) =>
  workflow.errors.map((error) => error.message),
)

function failedRows(history: VendorHistory): number[] {
  const rows: number[] = []
  for (let row = 0; row < history.count; row++) if (history.outcome[row] === FAILED) rows.push(row)
  return rows
}

describe('error templates', () => {
  it('use only placeholders the renderer knows', () => {
    expect(templates.flatMap(unknownPlaceholders)).toEqual([])
  })

  it('fill every placeholder', () => {
    const rng = createRng(7)
    for (const template of templates) {
      expect(renderErrorTemplate(template, rng)).not.toMatch(/\{[a-zA-Z]+(?::[^{}]*)?\}/)
    }
  })

  it('leave text without placeholders alone', () => {
    expect(renderErrorTemplate('{"error":{"message":"x"}} {unknown}', createRng(1))).toBe(
      '{"error":{"message":"x"}} {unknown}',
    )
  })

  it('fill from the range and choices given', () => {
    for (let seed = 0; seed < 50; seed++) {
      const rng = createRng(seed)
      expect(Number(renderErrorTemplate('{int:3-5}', rng))).toBeGreaterThanOrEqual(3)
      expect(Number(renderErrorTemplate('{int:3-5}', rng))).toBeLessThanOrEqual(5)
      expect(['a', 'b']).toContain(renderErrorTemplate('{one:a|b}', rng))
    }
  })
})

describe('error texts of a history', () => {
  const data = generateHistory({ seed: 42, runs: 6000, anchorMs })
  const again = generateHistory({ seed: 42, runs: 6000, anchorMs })
  const other = generateHistory({ seed: 43, runs: 6000, anchorMs })
  const texts = (history: VendorHistory) =>
    failedRows(history).map((row) =>
      history.vendor === 'trigify' ? trigifyErrorText(history, row) : errorTextOf(history, row),
    )

  it('are the same for the same seed', () => {
    expect(texts(again.trigify)).toEqual(texts(data.trigify))
    expect(texts(again.puq)).toEqual(texts(data.puq))
    const row = failedRows(data.puq)[0] ?? 0
    expect(planSteps(again.puq, row, 42)).toEqual(planSteps(data.puq, row, 42))
  })

  it('differ for another seed', () => {
    expect(texts(other.trigify)).not.toEqual(texts(data.trigify))
  })

  it('vary from run to run', () => {
    const trigify = texts(data.trigify)
    expect(trigify.length).toBeGreaterThan(100)
    expect(new Set(trigify).size).toBeGreaterThan(trigify.length / 2)
  })
})
