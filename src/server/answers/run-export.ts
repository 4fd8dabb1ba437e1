/**
 * `GET /api/sources/:source/runs/export`: every run the listing's filters match, newest first,
 * streamed from the store as CSV or NDJSON under a file name that says what it holds. While
 * the backfill has not reached the filter's oldest possible run the file holds what is stored
 * so far, and `X-Runboard-Coverage: partial` says so (a download has no body to say it in).
 */
import type { FastifyReply } from 'fastify'
import type { RunsExportQuery } from '../../shared/api-params'
import { attachment, exportFileName } from '../export/export-name'
import { exportContentTypes, exportStream } from '../export/export-stream'
import type { RunStore } from '../store/types'
import { coverageOf, filterOf } from './runs-page'
import type { RunScope } from './scope'

/** Rows per store read: big enough to amortize a query, small enough to stay a few 100 kB. */
const exportChunk = 500

export async function sendRunExport(
  store: RunStore,
  scope: RunScope,
  query: RunsExportQuery,
  reply: FastifyReply,
  nowMs: number,
): Promise<FastifyReply> {
  const filter = filterOf(scope.sources, query)
  const coverage = await coverageOf(scope, filter)
  const fileName = exportFileName({ source: scope.id, ...query }, query.format, nowMs)
  return reply
    .header('content-type', exportContentTypes[query.format])
    .header('content-disposition', attachment(fileName))
    .header('cache-control', 'no-store')
    .header('x-runboard-coverage', coverage === undefined ? 'complete' : 'partial')
    .send(exportStream(store.iterateRuns(filter, exportChunk), query.format))
}
