/**
 * Gives every failed run without a fingerprint its fingerprint and normalized error: the rows
 * stored before schema version 3, and the few a write could not fingerprint itself (a listing
 * merged with the failed step or error kept from an earlier detail read). Batched, and safe to
 * stop at any point: what is left is found again by the next call.
 */
import { fingerprintOf, normalizeError } from '../failures/fingerprint'
import type { Db } from './db'

const batchSize = 500

type Unfingerprinted = {
  source: string
  id: string
  workflow_id: string
  failed_step: string | null
  error: string | null
}

export async function fillFingerprints(db: Db): Promise<number> {
  let filled = 0
  for (;;) {
    const rows = await db.all<Unfingerprinted>(
      `SELECT source, id, workflow_id, failed_step, error FROM runs
       WHERE status = 'failed' AND fingerprint IS NULL LIMIT ?`,
      [batchSize],
    )
    if (rows.length === 0) return filled
    await db.transact(
      rows.map((row) => ({
        // The status and the inputs are checked again: a write in between wins.
        sql: `UPDATE runs SET fingerprint = ?, error_norm = ?
              WHERE source = ? AND id = ? AND status = 'failed' AND fingerprint IS NULL
                AND workflow_id = ? AND failed_step IS NOT DISTINCT FROM ?
                AND error IS NOT DISTINCT FROM ?`,
        params: [
          fingerprintOf({
            source: row.source,
            workflowId: row.workflow_id,
            failedStep: row.failed_step,
            error: row.error,
          }),
          normalizeError(row.error ?? ''),
          row.source,
          row.id,
          row.workflow_id,
          row.failed_step,
          row.error,
        ],
      })),
    )
    filled += rows.length
    if (rows.length < batchSize) return filled
  }
}
