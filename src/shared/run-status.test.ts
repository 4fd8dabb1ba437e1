import { describe, expect, it } from 'vitest'
import { isActiveStatus, isProgressingStatus, runStatuses, type RunStatus } from './run-status'

// Written out by hand, one row per status: a status added to the vocabulary fails to compile
// (and the check below) until someone decides which meanings of "live" it has.
const expected: Record<RunStatus, { active: boolean; progressing: boolean }> = {
  pending: { active: true, progressing: true },
  running: { active: true, progressing: true },
  paused: { active: true, progressing: false },
  succeeded: { active: false, progressing: false },
  failed: { active: false, progressing: false },
  cancelled: { active: false, progressing: false },
  unknown: { active: false, progressing: false },
}

describe('the live vocabulary', () => {
  it('has a row for every status', () => {
    expect(Object.keys(expected).sort()).toEqual([...runStatuses].sort())
  })

  it.each(Object.entries(expected) as [RunStatus, { active: boolean; progressing: boolean }][])(
    '%s',
    (status, { active, progressing }) => {
      expect(isActiveStatus(status)).toBe(active)
      expect(isProgressingStatus(status)).toBe(progressing)
    },
  )

  it('progressing implies active: a run moving on its own can still change', () => {
    for (const status of runStatuses) {
      if (isProgressingStatus(status)) expect(isActiveStatus(status)).toBe(true)
    }
  })
})
