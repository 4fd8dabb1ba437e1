/**
 * Per-request bookkeeping carried through async calls without threading it through every
 * function: how many upstream calls one API request caused, for the request log line.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export type RequestContext = { upstreamCalls: number }

export const requestContext = new AsyncLocalStorage<RequestContext>()

export function countUpstreamCall(): void {
  const store = requestContext.getStore()
  if (store !== undefined) store.upstreamCalls += 1
}

const contexts = new WeakMap<object, RequestContext>()

/** The context of one incoming request (any object identifying it), created on first use. */
export function contextOf(request: object): RequestContext {
  let context = contexts.get(request)
  if (context === undefined) {
    context = { upstreamCalls: 0 }
    contexts.set(request, context)
  }
  return context
}
