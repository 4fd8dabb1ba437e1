/**
 * An export as a byte stream pulled from the store: one chunk of runs is read only when the
 * response has taken the last, so memory stays flat however many runs match, and a client
 * that goes away ends the pull (the stream is destroyed, which returns the store's iterator,
 * so no further chunk is read).
 */
import { Readable } from 'node:stream'
import type { ExportFormat } from '../../shared/api-params'
import type { Run } from '../../shared/model'
import { csvHeader, runCsvLine } from './csv'

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
}

async function* lines(chunks: AsyncIterable<Run[]>, format: ExportFormat) {
  if (format === 'csv') yield csvHeader
  for await (const runs of chunks) {
    // One string per chunk: a few hundred rows per write, not one write per row.
    yield format === 'csv'
      ? runs.map(runCsvLine).join('')
      : runs.map((run) => `${JSON.stringify(run)}\n`).join('')
  }
}

export function exportStream(chunks: AsyncIterable<Run[]>, format: ExportFormat): Readable {
  // A small buffer ahead of the socket: the store is read as fast as the client takes it.
  return Readable.from(lines(chunks, format), { objectMode: false, highWaterMark: 64 * 1024 })
}
