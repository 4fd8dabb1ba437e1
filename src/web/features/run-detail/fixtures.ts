/**
 * One run per case the drawer must handle, shaped like the server's answers: a puq run that
 * failed after a retry (with an HTML error page in its message), a Trigify run (no steps, the
 * failed step named in the error) and a puq run still running.
 */
import type { RunDetail } from '../../../shared/model'

const t0 = Date.parse('2026-11-20T11:00:00.000Z')
const at = (ms: number) => new Date(t0 + ms).toISOString()

export const htmlError =
  'HubSpot responded 502: <html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><script>window.hacked = true</script></body></html>'

export const failedPuqRun: RunDetail = {
  id: 'pq_fail001',
  source: 'demo-puq',
  workflowId: 'wf_enrich',
  workflowName: 'Lead enrichment',
  status: 'failed',
  vendorStatus: 'FAILED',
  createdAt: at(-500),
  startedAt: at(0),
  finishedAt: at(12_000),
  durationMs: 12_000,
  error: htmlError,
  version: 'v3 (published)',
  trigger: 'WEBHOOK_ASYNC',
  steps: [
    {
      id: 'st_trigger',
      name: 'New lead webhook',
      kind: 'trigger',
      status: 'succeeded',
      vendorStatus: 'SUCCEEDED',
      attempt: 1,
      startedAt: at(0),
      finishedAt: at(200),
      durationMs: 200,
    },
    {
      id: 'st_find',
      name: 'Find profile',
      kind: 'action',
      status: 'succeeded',
      vendorStatus: 'SUCCEEDED',
      attempt: 1,
      startedAt: at(200),
      finishedAt: at(3_000),
      durationMs: 2_800,
    },
    {
      id: 'st_push_1',
      name: 'Push to HubSpot',
      kind: 'action',
      status: 'failed',
      vendorStatus: 'FAILED',
      attempt: 1,
      error: 'HubSpot responded 429 Too Many Requests',
      startedAt: at(3_000),
      finishedAt: at(4_000),
      durationMs: 1_000,
    },
    {
      id: 'st_push_2',
      name: 'Push to HubSpot',
      kind: 'action',
      status: 'failed',
      vendorStatus: 'FAILED',
      attempt: 2,
      error: htmlError,
      startedAt: at(9_000),
      finishedAt: at(12_000),
      durationMs: 3_000,
    },
    {
      id: 'st_notify',
      name: 'Notify Slack',
      kind: 'action',
      status: 'pending',
      vendorStatus: 'PENDING',
      attempt: 1,
    },
  ],
}

export const failedTrigifyRun: RunDetail = {
  id: 'tg_fail001',
  source: 'demo-trigify',
  workflowId: 'wf_social',
  workflowName: 'Social listening',
  status: 'failed',
  vendorStatus: 'failed',
  startedAt: at(0),
  finishedAt: at(4_500),
  durationMs: 4_500,
  error: "Step 'Enrich profile' failed: profile not found",
  failedStep: 'Enrich profile',
  steps: null,
}

export const runningPuqRun: RunDetail = {
  id: 'pq_run001',
  source: 'demo-puq',
  workflowId: 'wf_enrich',
  workflowName: 'Lead enrichment',
  status: 'running',
  vendorStatus: 'RUNNING',
  startedAt: at(0),
  trigger: 'TEST',
  steps: [
    {
      id: 'st_r1',
      name: 'Manual trigger',
      kind: 'trigger',
      status: 'succeeded',
      vendorStatus: 'SUCCEEDED',
      attempt: 1,
      startedAt: at(0),
      finishedAt: at(100),
    },
    {
      id: 'st_r2',
      name: 'Score lead',
      kind: 'action',
      status: 'running',
      vendorStatus: 'RUNNING',
      attempt: 1,
      startedAt: at(100),
    },
  ],
}
