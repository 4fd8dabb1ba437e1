/**
 * The shapes of the demo workflows of both vendors and the ways their runs fail (the
 * workflows themselves are in trigify-catalog.ts and puq-catalog.ts). Names, step lists and
 * error texts are what a growth or ops team would really automate, so the dashboard is
 * judged against plausible data (long tails, noisy errors, HTML in messages) from day one.
 */

export type ErrorSpec = {
  /** Index into the workflow's steps (0 is the trigger), or null when no step is to blame. */
  step: number | null
  /**
   * Vendor-neutral cause; Trigify prefixes it with the step, puq puts it on the step row. A
   * template: `{profile}`, `{requestId}`, `{int:1-40}` and the like are filled per run (see
   * error-text.ts), so one cause reads differently in every run as real errors do.
   */
  message: string
  weight: number
}

export type StepSpec = {
  name: string
  /** Trigify action kind; for puq, step 0 is the TRIGGER and the rest are PIECEs. */
  kind: string
}

export type PuqRunType = 'WEBHOOK_ASYNC' | 'WEBHOOK_SYNC' | 'SCHEDULE' | 'TEST'
export const puqRunTypes: readonly PuqRunType[] = [
  'WEBHOOK_ASYNC',
  'WEBHOOK_SYNC',
  'SCHEDULE',
  'TEST',
]

export type WorkflowSpec = {
  name: string
  description: string | null
  /** Relative share of the vendor's runs; 0 leaves the workflow without history. */
  weight: number
  failureRate: number
  cancelledRate: number
  /** Runs that stop to wait for a human (puq only). */
  pausedRate: number
  medianMs: number
  /** Log-normal spread of durations: 0.5 is steady, 1.5 has a long tail of minutes. */
  sigma: number
  /** Scheduled workflows run on a grid; the others arrive randomly, denser in office hours. */
  isScheduled: boolean
  /** Share of runs that arrive in bursts (a list import, a webhook storm). */
  burstShare: number
  isEnabled: boolean
  /** Step 0 is the trigger. */
  steps: readonly StepSpec[]
  /** puq: the run type of its runs (a `PuqRunType`); Trigify: the trigger kind. */
  trigger: string
  errors: readonly ErrorSpec[]
  /** Puq versions, oldest first. */
  versionNames: readonly string[]
}

export const second = 1000
export const minute = 60 * second

/** One error deliberately far longer than a table cell, as real stack traces are. */
export const longErrorMessage = [
  'OpenAI request failed after 3 attempts: 400 {"error":{"message":"This model\'s maximum context',
  'length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the',
  'length of the messages.","type":"invalid_request_error","param":"messages","code":',
  '"context_length_exceeded"}}',
  ...Array.from(
    { length: 40 },
    (_, frame) =>
      `    at step_${frame} (/app/runtime/executor/${['http', 'llm', 'template', 'retry'][frame % 4]}.js:${120 + frame * 7}:${(frame * 13) % 80})`,
  ),
].join('\n')

export const htmlBadGateway = '<html><body>502 Bad Gateway</body></html>'
export const htmlUnavailable =
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>'

/** What most workflows share; each spec overrides what makes it different. */
export const workflowDefaults = {
  cancelledRate: 0.004,
  pausedRate: 0,
  isScheduled: false,
  burstShare: 0.2,
  isEnabled: true,
  versionNames: ['Initial Version'],
} as const

/** Upper bound for any run, so the clock view only re-examines a short recent window. */
export const maxRunMs = 60 * minute
/** Upper bound for the wait between a puq run's creation and its start. */
export const maxQueueMs = 10 * minute
