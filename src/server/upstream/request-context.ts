/**
 * Per-request bookkeeping carried through async calls without threading it through every
 * function: how many upstream calls one API request caused (for the request log line), and
 * the one deadline its answer has, however many upstream requests or waits it takes. The
 * upstream client and the waits read the deadline from here, so no caller can forget it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

/** When an answer is due: `atMs` on the `Date.now()` clock, `ms` as configured (for words). */
export type Deadline = { atMs: number; ms: number }

export type RequestContext = { upstreamCalls: number; deadline?: Deadline }

export const requestContext = new AsyncLocalStorage<RequestContext>()

export function countUpstreamCall(): void {
  const store = requestContext.getStore()
  if (store !== undefined) store.upstreamCalls += 1
}

/** The deadline of the API answer being worked on, if any (background work has none). */
export function currentDeadline(): Deadline | undefined {
  return requestContext.getStore()?.deadline
}

/** Milliseconds the current answer has left (never negative), or undefined without one. */
export function timeLeftMs(now: number = Date.now()): number | undefined {
  const deadline = currentDeadline()
  return deadline === undefined ? undefined : Math.max(0, deadline.atMs - now)
}

/** "15 s", "1.5 s", "300 ms": a deadline in the words of an error message. */
export function describeDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  return `${Math.round(ms / 100) / 10} s`
}

const contexts = new WeakMap<object, RequestContext>()

/**
 * The context of one incoming request (any object identifying it), created on first use.
 * Given `deadlineMs`, the first call that gives one starts the request's deadline; later
 * calls keep it, so every part of one answer shares the same deadline.
 */
export function contextOf(request: object, deadlineMs?: number): RequestContext {
  let context = contexts.get(request)
  if (context === undefined) {
    context = { upstreamCalls: 0 }
    contexts.set(request, context)
  }
  if (deadlineMs !== undefined && context.deadline === undefined) {
    context.deadline = { atMs: Date.now() + deadlineMs, ms: deadlineMs }
  }
  return context
}
