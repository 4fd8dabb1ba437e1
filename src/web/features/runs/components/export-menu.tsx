/**
 * Export the current view's runs: every run the filters match, not only this page. Plain
 * download links to the export route, so the browser streams the file to disk itself (no
 * script holds a large file in memory) and a link can be copied like any other.
 */
import { useRef } from 'react'
import { runsExportApiPath } from '../../../../shared/api-path'
import type { ExportFormat } from '../../../../shared/api-params'
import { DownloadIcon } from '../../../components/ui/icons'
import { Popover } from '../../../components/ui/popover'
import { formatCount, plural } from '../../../lib/format'
import type { RunFilters } from '../api/fetch-runs'

const formats: { format: ExportFormat; label: string; detail: string }[] = [
  { format: 'csv', label: 'CSV', detail: 'For spreadsheets: one row per run' },
  { format: 'ndjson', label: 'NDJSON', detail: 'For scripts: one JSON run per line' },
]

export function exportHref(filters: RunFilters, format: ExportFormat): string {
  return runsExportApiPath({
    source: filters.source,
    format,
    q: filters.q,
    workflow: filters.workflow,
    status: filters.status,
    from: filters.from,
    to: filters.to,
  })
}

export function ExportMenu({
  filters,
  total,
}: {
  filters: RunFilters
  /** How many runs the view matches, once known. */
  total: number | undefined
}) {
  const closeRef = useRef<HTMLButtonElement>(null)
  const label =
    total === undefined
      ? 'Export runs'
      : `Export ${formatCount(total)} ${plural(total, 'run', 'runs')}`
  return (
    <Popover
      align="end"
      panelLabel="Export"
      triggerLabel={label}
      trigger={
        <>
          <DownloadIcon width={15} height={15} className="text-fg-muted" />
          <span className="hidden tabular-nums md:inline">{label}</span>
          <span className="md:hidden">Export</span>
        </>
      }
    >
      <div className="flex w-64 flex-col">
        <p className="px-2 pt-1 pb-1.5 text-xs text-fg-muted">
          {total === 0
            ? 'No runs match: the file will hold only a header.'
            : 'Every run of this view, newest first, not only this page.'}
        </p>
        {formats.map(({ format, label: formatLabel, detail }) => (
          <a
            key={format}
            href={exportHref(filters, format)}
            download
            // Closed after the click: a link taken out of the page mid-click downloads nothing.
            onClick={() => window.setTimeout(() => closeRef.current?.click(), 0)}
            className="flex flex-col rounded-md px-2 py-1.5 hover:bg-surface-muted focus-visible:bg-surface-muted"
          >
            <span className="font-medium text-fg">{formatLabel}</span>
            <span className="text-xs text-fg-muted">{detail}</span>
          </a>
        ))}
        <button ref={closeRef} type="button" hidden tabIndex={-1} data-popover-close />
      </div>
    </Popover>
  )
}
