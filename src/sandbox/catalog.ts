/**
 * The demo workflows of both vendors and the ways their runs fail. Names, step lists and
 * error texts are what a growth or ops team would really automate, so the dashboard is
 * judged against plausible data (long tails, noisy errors, HTML in messages) from day one.
 */

export type ErrorSpec = {
  /** Index into the workflow's steps (0 is the trigger), or null when no step is to blame. */
  step: number | null
  /** Vendor-neutral cause; Trigify prefixes it with the step, puq puts it on the step row. */
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

const second = 1000
const minute = 60 * second

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

const htmlBadGateway = '<html><body>502 Bad Gateway</body></html>'
const htmlUnavailable =
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>'

const base = {
  cancelledRate: 0.004,
  pausedRate: 0,
  isScheduled: false,
  burstShare: 0.2,
  isEnabled: true,
  versionNames: ['Initial Version'],
} as const

export const trigifyWorkflows: readonly WorkflowSpec[] = [
  {
    ...base,
    name: 'Enrich new leads',
    description: 'Enrich every new inbound lead with LinkedIn and company data, then score it.',
    weight: 3,
    failureRate: 0.06,
    medianMs: 4 * second,
    sigma: 0.8,
    trigger: 'webhook',
    steps: [
      { name: 'New lead webhook', kind: 'webhook' },
      { name: 'Fetch lead', kind: 'http_request' },
      { name: 'Enrich profile', kind: 'enrich_profile' },
      { name: 'Score lead', kind: 'ai_prompt' },
      { name: 'Update CRM', kind: 'crm_update' },
    ],
    errors: [
      { step: 2, message: 'profile not found', weight: 6 },
      {
        step: 2,
        message: 'LinkedIn responded 429 Too Many Requests (retry after 60 s)',
        weight: 2,
      },
      { step: 4, message: `HubSpot responded 502: ${htmlBadGateway}`, weight: 1 },
      { step: null, message: 'Execution timed out after 300000 ms', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Sync HubSpot contacts',
    description: 'Mirror new and changed HubSpot contacts into the Trigify audience.',
    weight: 2,
    failureRate: 0.02,
    medianMs: 18 * second,
    sigma: 0.9,
    isScheduled: true,
    burstShare: 0,
    trigger: 'schedule',
    steps: [
      { name: 'Every 15 minutes', kind: 'schedule' },
      { name: 'List changed contacts', kind: 'crm_search' },
      { name: 'Upsert audience', kind: 'audience_upsert' },
    ],
    errors: [
      { step: 1, message: 'HubSpot responded 401: token expired', weight: 2 },
      { step: 1, message: 'HubSpot responded 429 Too Many Requests', weight: 3 },
      { step: 2, message: 'Request timed out after 30000 ms', weight: 2 },
    ],
  },
  {
    ...base,
    name: 'Post LinkedIn digest',
    description: 'Summarise the week’s top posts from tracked accounts and post a digest.',
    weight: 0.4,
    failureRate: 0.15,
    medianMs: 45 * second,
    sigma: 0.7,
    isScheduled: true,
    burstShare: 0,
    trigger: 'schedule',
    steps: [
      { name: 'Every morning at 8', kind: 'schedule' },
      { name: 'Collect top posts', kind: 'linkedin_search' },
      { name: 'Write digest', kind: 'ai_prompt' },
      { name: 'Publish post', kind: 'linkedin_post' },
    ],
    errors: [
      { step: 3, message: 'LinkedIn session expired, reconnect the account', weight: 3 },
      { step: 2, message: 'AI provider responded 529: overloaded', weight: 2 },
    ],
  },
  {
    ...base,
    name: 'Monitor competitor posts',
    description: 'Watch competitors’ company pages and flag posts about pricing or launches.',
    weight: 2,
    failureRate: 0.01,
    medianMs: 2500,
    sigma: 0.6,
    trigger: 'social_signal',
    steps: [
      { name: 'New post by tracked company', kind: 'social_signal' },
      { name: 'Classify post', kind: 'ai_prompt' },
      { name: 'Notify channel', kind: 'slack_message' },
    ],
    errors: [
      { step: 1, message: 'AI provider responded 500: internal error', weight: 1 },
      { step: 2, message: 'Slack responded channel_not_found', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Score inbound signals',
    description: 'Score engagement signals (likes, comments, profile views) against the ICP.',
    weight: 2.5,
    failureRate: 0.04,
    medianMs: 1800,
    sigma: 0.7,
    burstShare: 0.35,
    trigger: 'social_signal',
    steps: [
      { name: 'New engagement', kind: 'social_signal' },
      { name: 'Match ICP', kind: 'filter' },
      { name: 'Score signal', kind: 'ai_prompt' },
    ],
    errors: [
      { step: 2, message: 'Scoring model returned invalid JSON', weight: 2 },
      { step: 1, message: 'Company domain missing on profile', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Notify sales on Slack',
    description: 'Post hot leads to #sales-alerts with context for the account owner.',
    weight: 3,
    failureRate: 0.01,
    medianMs: 900,
    sigma: 0.5,
    trigger: 'webhook',
    steps: [
      { name: 'Hot lead webhook', kind: 'webhook' },
      { name: 'Find account owner', kind: 'crm_search' },
      { name: 'Send Slack message', kind: 'slack_message' },
    ],
    errors: [{ step: 2, message: 'Slack responded 429 Too Many Requests', weight: 1 }],
  },
  {
    ...base,
    name: 'Find decision makers',
    description: 'For each target account, find VP-level contacts and their verified emails.',
    weight: 1,
    failureRate: 0.22,
    medianMs: 25 * second,
    sigma: 1.1,
    trigger: 'manual',
    steps: [
      { name: 'Account added to list', kind: 'list_trigger' },
      { name: 'Search people', kind: 'people_search' },
      { name: 'Find email', kind: 'email_finder' },
      { name: 'Verify email', kind: 'email_verify' },
      { name: 'Add to sequence', kind: 'sequence_add' },
    ],
    errors: [
      { step: 2, message: 'no email found for contact', weight: 5 },
      { step: 3, message: 'email verification provider timed out after 20000 ms', weight: 2 },
      { step: 1, message: 'search quota exceeded for this billing period', weight: 1 },
      { step: 4, message: `Outreach responded 503: ${htmlUnavailable}`, weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Refresh company data',
    description: 'Re-enrich every account in the CRM once a day.',
    weight: 0.3,
    failureRate: 0.08,
    medianMs: 4 * minute,
    sigma: 0.6,
    isScheduled: true,
    burstShare: 0,
    trigger: 'schedule',
    steps: [
      { name: 'Every hour', kind: 'schedule' },
      { name: 'Load accounts', kind: 'crm_search' },
      { name: 'Enrich company', kind: 'enrich_company' },
      { name: 'Write back', kind: 'crm_update' },
    ],
    errors: [
      { step: 2, message: 'company not found for domain', weight: 2 },
      { step: null, message: 'Execution timed out after 900000 ms', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Weekly pipeline report',
    description: null,
    weight: 0.05,
    failureRate: 0.05,
    medianMs: 2 * minute,
    sigma: 0.4,
    isScheduled: true,
    burstShare: 0,
    trigger: 'schedule',
    steps: [
      { name: 'Mondays at 7', kind: 'schedule' },
      { name: 'Query pipeline', kind: 'crm_search' },
      { name: 'Email report', kind: 'email_send' },
    ],
    errors: [{ step: 2, message: 'SMTP 421 service not available', weight: 1 }],
  },
  {
    ...base,
    name: 'Track job changes',
    description: 'Alert account owners when a champion changes company.',
    weight: 1,
    failureRate: 0.03,
    medianMs: 6 * second,
    sigma: 0.8,
    trigger: 'job_change',
    steps: [
      { name: 'Job change detected', kind: 'job_change' },
      { name: 'Enrich profile', kind: 'enrich_profile' },
      { name: 'Create task', kind: 'crm_task' },
    ],
    errors: [
      { step: 1, message: 'profile not found', weight: 2 },
      { step: 2, message: 'Salesforce responded INVALID_SESSION_ID', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Import event attendees',
    description: 'Import attendee CSVs from webinars and enrich each row.',
    weight: 0.6,
    failureRate: 0.25,
    medianMs: 8 * second,
    sigma: 1.2,
    burstShare: 0.8,
    trigger: 'csv_upload',
    steps: [
      { name: 'CSV uploaded', kind: 'csv_upload' },
      { name: 'Parse row', kind: 'transform' },
      { name: 'Enrich profile', kind: 'enrich_profile' },
    ],
    errors: [
      { step: 1, message: 'row 0: missing required column "email"', weight: 2 },
      { step: 2, message: 'profile not found', weight: 3 },
      { step: 2, message: `enrichment API responded 502: ${htmlBadGateway}`, weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Draft outreach emails',
    description: 'Write a first-touch email for each new lead in the rep’s voice.',
    weight: 1.5,
    failureRate: 0.12,
    medianMs: 12 * second,
    sigma: 1,
    trigger: 'webhook',
    steps: [
      { name: 'Lead qualified', kind: 'webhook' },
      { name: 'Gather context', kind: 'enrich_profile' },
      { name: 'Generate email', kind: 'ai_prompt' },
      { name: 'Save draft', kind: 'email_draft' },
    ],
    errors: [
      { step: 2, message: longErrorMessage, weight: 1 },
      { step: 2, message: 'AI provider responded 429 Too Many Requests', weight: 3 },
      { step: 3, message: 'Gmail responded 403: insufficient permissions', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Untitled workflow',
    description: '',
    weight: 0,
    failureRate: 0,
    medianMs: second,
    sigma: 0.5,
    isEnabled: false,
    trigger: 'manual',
    steps: [
      { name: 'Manual trigger', kind: 'manual' },
      { name: 'HTTP request', kind: 'http_request' },
    ],
    errors: [],
  },
]

export const puqWorkflows: readonly WorkflowSpec[] = [
  {
    ...base,
    name: 'Process Stripe webhooks',
    description: 'Record payments and refunds from Stripe and update the customer record.',
    weight: 3,
    failureRate: 0.01,
    medianMs: 1500,
    sigma: 0.6,
    trigger: 'WEBHOOK_ASYNC',
    versionNames: ['Initial Version', 'Handle refunds', 'Idempotency keys'],
    steps: [
      { name: 'webhook_trigger', kind: 'TRIGGER' },
      { name: 'verify_signature', kind: 'PIECE' },
      { name: 'lookup_customer', kind: 'PIECE' },
      { name: 'update_customer', kind: 'PIECE' },
    ],
    errors: [
      { step: 1, message: 'Invalid Stripe signature', weight: 1 },
      { step: 3, message: 'Postgres: deadlock detected', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Nightly CRM backfill',
    description: 'Backfill missing firmographics for every account, in batches of 500.',
    weight: 0.05,
    failureRate: 0.1,
    medianMs: 25 * minute,
    sigma: 0.3,
    isScheduled: true,
    burstShare: 0,
    trigger: 'SCHEDULE',
    versionNames: ['Initial Version', 'Batch size 500'],
    steps: [
      { name: 'schedule_trigger', kind: 'TRIGGER' },
      { name: 'list_accounts', kind: 'PIECE' },
      { name: 'fetch_firmographics', kind: 'PIECE' },
      { name: 'merge_records', kind: 'PIECE' },
      { name: 'write_accounts', kind: 'PIECE' },
      { name: 'post_summary', kind: 'PIECE' },
    ],
    errors: [
      { step: 2, message: 'Request to https://api.clearbit.com timed out after 30s', weight: 2 },
      { step: 4, message: 'Salesforce: UNABLE_TO_LOCK_ROW', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Summarize support tickets',
    description: 'Summarize each new Zendesk ticket and suggest a macro.',
    weight: 2,
    failureRate: 0.08,
    medianMs: 7 * second,
    sigma: 0.9,
    burstShare: 0.3,
    trigger: 'WEBHOOK_ASYNC',
    versionNames: ['Initial Version', 'GPT-4o mini', 'Shorter summaries', 'Suggest macros'],
    steps: [
      { name: 'webhook_trigger', kind: 'TRIGGER' },
      { name: 'fetch_ticket', kind: 'PIECE' },
      { name: 'summarize', kind: 'PIECE' },
      { name: 'suggest_macro', kind: 'PIECE' },
      { name: 'add_internal_note', kind: 'PIECE' },
    ],
    errors: [
      { step: 2, message: 'HTTP 429 Too Many Requests from api.openai.com', weight: 4 },
      { step: 2, message: longErrorMessage, weight: 1 },
      { step: 1, message: 'Zendesk: ticket 48213 not found', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Generate invoice PDFs',
    description: 'Render an invoice PDF on request and return its URL.',
    weight: 1.5,
    failureRate: 0.03,
    medianMs: 2200,
    sigma: 0.5,
    trigger: 'WEBHOOK_SYNC',
    steps: [
      { name: 'webhook_trigger', kind: 'TRIGGER' },
      { name: 'render_pdf', kind: 'PIECE' },
    ],
    errors: [{ step: 1, message: 'Template variable "customer.vat_id" is undefined', weight: 1 }],
  },
  {
    ...base,
    name: 'Onboard new customer',
    description: 'Create accounts in every tool, then wait for a CSM to approve the welcome call.',
    weight: 0.8,
    failureRate: 0.05,
    pausedRate: 0.08,
    medianMs: 40 * second,
    sigma: 0.8,
    trigger: 'WEBHOOK_ASYNC',
    versionNames: ['Initial Version', 'Add Linear workspace'],
    steps: [
      { name: 'webhook_trigger', kind: 'TRIGGER' },
      { name: 'create_slack_channel', kind: 'PIECE' },
      { name: 'create_notion_space', kind: 'PIECE' },
      { name: 'create_linear_team', kind: 'PIECE' },
      { name: 'wait_for_approval', kind: 'PIECE' },
      { name: 'schedule_welcome_call', kind: 'PIECE' },
      { name: 'send_welcome_email', kind: 'PIECE' },
    ],
    errors: [
      { step: 1, message: 'Slack: name_taken', weight: 2 },
      { step: 3, message: `Linear API returned ${htmlBadGateway}`, weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Sync Airtable to Postgres',
    description: 'Copy the sales ops Airtable base into the warehouse.',
    weight: 1,
    failureRate: 0.21,
    medianMs: 50 * second,
    sigma: 0.7,
    isScheduled: true,
    burstShare: 0,
    trigger: 'SCHEDULE',
    steps: [
      { name: 'schedule_trigger', kind: 'TRIGGER' },
      { name: 'list_records', kind: 'PIECE' },
      { name: 'transform_rows', kind: 'PIECE' },
      { name: 'upsert_rows', kind: 'PIECE' },
    ],
    errors: [
      { step: 1, message: 'Airtable: 429 rate limit, 5 requests per second per base', weight: 3 },
      {
        step: 3,
        message: 'Postgres: duplicate key value violates unique constraint "deals_pkey"',
        weight: 2,
      },
      { step: 3, message: 'connect ETIMEDOUT 10.0.3.12:5432', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Translate product docs',
    description: 'Translate changed docs pages into German, French and Japanese.',
    weight: 0.4,
    failureRate: 0.05,
    medianMs: 3 * minute,
    sigma: 0.9,
    burstShare: 0.5,
    trigger: 'WEBHOOK_ASYNC',
    steps: [
      { name: 'webhook_trigger', kind: 'TRIGGER' },
      { name: 'fetch_page', kind: 'PIECE' },
      { name: 'split_sections', kind: 'PIECE' },
      { name: 'translate_de', kind: 'PIECE' },
      { name: 'translate_fr', kind: 'PIECE' },
      { name: 'translate_ja', kind: 'PIECE' },
      { name: 'open_pull_request', kind: 'PIECE' },
    ],
    errors: [
      { step: 5, message: 'DeepL: quota exceeded', weight: 1 },
      { step: 6, message: 'GitHub: 422 A pull request already exists', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Route inbound emails',
    description: 'Classify emails sent to hello@ and forward them to the right team.',
    weight: 2.5,
    failureRate: 0.02,
    medianMs: 1200,
    sigma: 0.6,
    trigger: 'WEBHOOK_SYNC',
    versionNames: ['Initial Version', 'Route billing to finance'],
    steps: [
      { name: 'webhook_trigger', kind: 'TRIGGER' },
      { name: 'parse_email', kind: 'PIECE' },
      { name: 'classify', kind: 'PIECE' },
      { name: 'forward_email', kind: 'PIECE' },
    ],
    errors: [
      { step: 1, message: "KeyError: 'from' in step input", weight: 1 },
      { step: 2, message: 'Request to https://api.anthropic.com timed out after 60s', weight: 1 },
    ],
  },
  {
    ...base,
    name: 'Classify GitHub issues',
    description: 'Label new GitHub issues and assign an owner.',
    weight: 1.2,
    failureRate: 0.12,
    medianMs: 5 * second,
    sigma: 1,
    burstShare: 0.3,
    trigger: 'WEBHOOK_ASYNC',
    steps: [
      { name: 'webhook_trigger', kind: 'TRIGGER' },
      { name: 'fetch_issue', kind: 'PIECE' },
      { name: 'classify_issue', kind: 'PIECE' },
      { name: 'apply_labels', kind: 'PIECE' },
      { name: 'assign_owner', kind: 'PIECE' },
      { name: 'notify_team', kind: 'PIECE' },
      { name: 'update_project', kind: 'PIECE' },
      { name: 'log_metrics', kind: 'PIECE' },
      { name: 'close_duplicates', kind: 'PIECE' },
    ],
    errors: [
      { step: 3, message: 'GitHub: 403 Resource not accessible by integration', weight: 2 },
      { step: 2, message: 'HTTP 502 from api.openai.com', weight: 2 },
      {
        step: 6,
        message: 'GraphQL: Could not resolve to a ProjectV2 with the number 7.',
        weight: 1,
      },
    ],
  },
  {
    ...base,
    name: 'Publish weekly newsletter',
    description: null,
    weight: 0.05,
    failureRate: 0.05,
    medianMs: 90 * second,
    sigma: 0.4,
    isScheduled: true,
    burstShare: 0,
    trigger: 'SCHEDULE',
    steps: [
      { name: 'schedule_trigger', kind: 'TRIGGER' },
      { name: 'collect_posts', kind: 'PIECE' },
      { name: 'render_newsletter', kind: 'PIECE' },
      { name: 'send_campaign', kind: 'PIECE' },
    ],
    errors: [{ step: 3, message: 'Mailchimp: Campaign has no recipients', weight: 1 }],
  },
  {
    ...base,
    name: 'Scrape pricing pages',
    description: 'Snapshot competitors’ pricing pages every hour and diff them.',
    weight: 1,
    failureRate: 0.3,
    medianMs: 20 * second,
    sigma: 0.8,
    isScheduled: true,
    burstShare: 0,
    trigger: 'SCHEDULE',
    steps: [
      { name: 'schedule_trigger', kind: 'TRIGGER' },
      { name: 'fetch_pages', kind: 'PIECE' },
      { name: 'extract_prices', kind: 'PIECE' },
      { name: 'diff_snapshot', kind: 'PIECE' },
      { name: 'post_changes', kind: 'PIECE' },
    ],
    errors: [
      { step: 1, message: `Upstream returned 503: ${htmlUnavailable}`, weight: 2 },
      { step: 1, message: 'Navigation timeout of 30000 ms exceeded', weight: 3 },
      { step: 2, message: 'Selector ".pricing-card" matched nothing', weight: 2 },
    ],
  },
  {
    ...base,
    name: 'Backup Notion workspace',
    description: 'Export the whole Notion workspace to S3 every night.',
    weight: 0.1,
    failureRate: 0.04,
    medianMs: 12 * minute,
    sigma: 0.5,
    isScheduled: true,
    burstShare: 0,
    trigger: 'SCHEDULE',
    steps: [
      { name: 'schedule_trigger', kind: 'TRIGGER' },
      { name: 'start_export', kind: 'PIECE' },
      { name: 'poll_export', kind: 'PIECE' },
      { name: 'upload_to_s3', kind: 'PIECE' },
    ],
    errors: [{ step: 2, message: 'Notion: export still running after 30 minutes', weight: 1 }],
  },
  {
    ...base,
    name: 'Expense approvals (draft)',
    description: null,
    weight: 0,
    failureRate: 0,
    medianMs: second,
    sigma: 0.5,
    isEnabled: false,
    trigger: 'WEBHOOK_ASYNC',
    steps: [
      { name: 'webhook_trigger', kind: 'TRIGGER' },
      { name: 'request_approval', kind: 'PIECE' },
    ],
    errors: [],
  },
]

/** Upper bound for any run, so the clock view only re-examines a short recent window. */
export const maxRunMs = 60 * minute
/** Upper bound for the wait between a puq run's creation and its start. */
export const maxQueueMs = 10 * minute
