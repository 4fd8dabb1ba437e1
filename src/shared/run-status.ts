/**
 * The one status vocabulary. Every vendor status maps onto these; the table badge, the
 * filters and the chart all read the same labels, order and tones from here.
 */
import * as z from 'zod/mini'

export const runStatuses = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'paused',
  'unknown',
] as const

export const runStatusSchema = z.enum(runStatuses)
export type RunStatus = z.infer<typeof runStatusSchema>

export function isRunStatus(value: unknown): value is RunStatus {
  return runStatusSchema.safeParse(value).success
}

/*
 * "Live" has two meanings, said once here and nowhere else:
 * - active: the run may still change (pending, running, paused). Such runs are never cached as
 *   final, and a runs page holding one keeps polling.
 * - progressing: the run is moving on its own (pending, running). Only these are worth asking
 *   for every few seconds and drawing up to now: a paused run waits on a person, which may take
 *   days, so it stays active but does not progress.
 */

/** Statuses whose runs may still change: never cached as final, re-read by the sync. */
export const activeStatuses: readonly RunStatus[] = runStatuses.filter(
  (status) => status === 'pending' || status === 'running' || status === 'paused',
)

/** The run may still change: never cached as final. */
export function isActiveStatus(status: RunStatus): boolean {
  return activeStatuses.includes(status)
}

/** The run is moving on its own (an active run not waiting on a person): worth a ticking clock. */
export function isProgressingStatus(status: RunStatus): boolean {
  return status === 'pending' || status === 'running'
}

export type StatusTone = 'neutral' | 'info' | 'success' | 'danger' | 'warning' | 'muted'

export const statusMeta: Record<
  RunStatus,
  { label: string; tone: StatusTone; description: string }
> = {
  pending: { label: 'Pending', tone: 'neutral', description: 'Queued, not started yet' },
  running: { label: 'Running', tone: 'info', description: 'Started and not finished' },
  succeeded: { label: 'Succeeded', tone: 'success', description: 'Finished without error' },
  failed: { label: 'Failed', tone: 'danger', description: 'Finished with an error' },
  cancelled: { label: 'Cancelled', tone: 'muted', description: 'Stopped before finishing' },
  paused: { label: 'Paused', tone: 'warning', description: 'Waiting to be resumed' },
  unknown: {
    label: 'Unknown',
    tone: 'neutral',
    description: 'A status Runboard does not know yet',
  },
}

/** `Failed or Running`: the statuses of a filter, as the page says them. */
export function describeStatuses(statuses: readonly RunStatus[]): string {
  return statuses.map((status) => statusMeta[status].label).join(' or ')
}
