/**
 * The sandbox's error catalog against the fingerprint rule: each cause reads differently in
 * every run yet normalizes to one text, and the demo's failures group into exactly the
 * causes the catalog declares, no more (a mask that misses a variable part) and no fewer (a
 * mask that swallows the words that tell causes apart).
 */
import { describe, expect, it } from 'vitest'
import { renderErrorTemplate } from '../../sandbox/error-text'
import { FAILED, generateHistory } from '../../sandbox/history'
import { puqWorkflows } from '../../sandbox/puq-catalog'
import { createRng, mixSeed } from '../../sandbox/rng'
import { trigifyWorkflows } from '../../sandbox/trigify-catalog'
import { trigifyErrorText } from '../../sandbox/trigify-routes'
import { fingerprintOf, normalizeError, trigifyFailedStep } from './fingerprint'

const workflows = [...trigifyWorkflows, ...puqWorkflows]
const renderings = (template: string, count: number): string[] =>
  Array.from({ length: count }, (_, seed) =>
    renderErrorTemplate(template, createRng(mixSeed(99, seed))),
  )

describe('the sandbox error catalog under rule v1', () => {
  it('gives each template several raw texts and one normalized text', () => {
    let varied = 0
    for (const template of workflows.flatMap((workflow) => workflow.errors.map((e) => e.message))) {
      const raw = renderings(template, 40)
      expect(new Set(raw.map(normalizeError)), template).toHaveLength(1)
      if (new Set(raw).size > 1) varied++
    }
    expect(varied).toBeGreaterThanOrEqual(40)
  })

  it('keeps the causes of one workflow apart', () => {
    for (const workflow of workflows) {
      const causes = workflow.errors.map(
        (error) => `${error.step}|${normalizeError(renderings(error.message, 1)[0] ?? '')}`,
      )
      expect(new Set(causes).size, workflow.name).toBe(causes.length)
    }
  })

  it('groups the demo’s Trigify failures into exactly the catalog’s causes', () => {
    const history = generateHistory({
      seed: 42,
      runs: 8000,
      anchorMs: Date.parse('2026-11-20T12:00:00.000Z'),
    }).trigify
    const causes = new Set<string>()
    const fingerprints = new Set<string>()
    for (let row = 0; row < history.count; row++) {
      if (history.outcome[row] !== FAILED) continue
      const workflowId = history.workflows[history.workflow[row] ?? 0]?.id ?? ''
      const error = trigifyErrorText(history, row)
      causes.add(`${workflowId}|${history.errorIndex[row]}`)
      fingerprints.add(
        fingerprintOf({
          source: 'trigify',
          workflowId,
          failedStep: trigifyFailedStep(error),
          error,
        }),
      )
    }
    expect(causes.size).toBeGreaterThan(15)
    expect(fingerprints.size).toBe(causes.size)
  })
})
