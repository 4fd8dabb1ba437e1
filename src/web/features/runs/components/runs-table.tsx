/**
 * The runs table: a real <table> with a caption and column headers, server-side pages only
 * (`manualPagination`). Rows open a run on click or Enter; `j`/`k` move focus between rows.
 * While loading it shows skeleton rows of the same height, so nothing jumps when data lands.
 * Below 640 px the same rows are cards (CSS only, one DOM, so j/k and Enter work alike):
 * status, workflow and duration; the start (relative) and run id; the error's first line.
 */
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table'
import type { KeyboardEvent, MouseEvent, Ref } from 'react'
import type { RunSort } from '../../../../shared/api-params'
import type { Run } from '../../../../shared/model'
import { Skeleton } from '../../../components/ui/skeleton'
import { cn } from '../../../lib/cn'
import type { TimeZoneMode } from '../../../lib/format'
import { runColumns, type RunColumnId } from './columns'
import { sortDirection } from './sort-header'

export type RunsTableProps = {
  runs: Run[]
  caption: string
  tz: TimeZoneMode
  now: number
  workflowNames: ReadonlyMap<string, string>
  sourceLabels?: ReadonlyMap<string, string> | undefined
  columnVisibility: Partial<Record<RunColumnId, boolean>>
  pageCount: number
  activeRunId?: string | undefined
  /** Skeleton rows instead of data (first load). */
  skeletonRows?: number | undefined
  isStale?: boolean
  onOpenRun: (runId: string) => void
  bodyRef?: Ref<HTMLTableSectionElement>
  sort?: RunSort
  onSortChange?: (sort: RunSort) => void
  /** The applied search's words, marked in the cells. */
  searchWords?: readonly string[]
}

export function RunsTable({
  runs,
  caption,
  tz,
  now,
  workflowNames,
  sourceLabels,
  columnVisibility,
  pageCount,
  activeRunId,
  skeletonRows,
  isStale = false,
  onOpenRun,
  bodyRef,
  sort = '-started',
  onSortChange,
  searchWords = [],
}: RunsTableProps) {
  const visibility: VisibilityState = columnVisibility
  // React Compiler cannot memoize TanStack Table's mutable instance; the library documents this.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: runs,
    columns: runColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (run) => run.id,
    manualPagination: true,
    pageCount,
    state: { columnVisibility: visibility },
    meta: { tz, now, workflowNames, sourceLabels, searchWords, sort, onSortChange },
  })

  function onRowClick(event: MouseEvent<HTMLTableRowElement>, runId: string) {
    // Let links, buttons and text selection do their own thing.
    if (event.target instanceof Element && event.target.closest('a, button, input')) return
    if (window.getSelection()?.toString()) return
    onOpenRun(runId)
  }

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, runId: string) {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault()
      onOpenRun(runId)
    }
  }

  const visibleColumns = table.getVisibleLeafColumns()
  const sortOf = (field: 'started' | 'duration' | undefined) =>
    field && onSortChange ? sortDirection(field, sort) : undefined

  return (
    <table className="w-full border-separate border-spacing-0 text-left text-sm max-sm:block sm:min-w-max">
      <caption className="sr-only">{caption}</caption>
      <thead className="max-sm:sr-only">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th
                key={header.id}
                scope="col"
                aria-sort={sortOf(header.column.columnDef.meta?.sortField)}
                className={cn(
                  'h-9 border-b border-line bg-surface-muted px-3 text-xs font-medium tracking-wide text-fg-muted uppercase first:pl-4 last:pr-4',
                  header.column.columnDef.meta?.headerClassName,
                )}
              >
                {flexRender(header.column.columnDef.header, header.getContext())}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody
        ref={bodyRef}
        aria-busy={skeletonRows !== undefined || isStale}
        className={cn('transition-opacity max-sm:block', isStale && 'opacity-60')}
      >
        {skeletonRows !== undefined
          ? Array.from({ length: skeletonRows }, (_, index) => (
              <tr
                key={index}
                className="h-11 max-sm:flex max-sm:items-center max-sm:gap-3 max-sm:border-b max-sm:border-line max-sm:px-4 max-sm:[&>td:nth-child(n+4)]:hidden"
                aria-hidden="true"
              >
                {visibleColumns.map((column) => (
                  <td
                    key={column.id}
                    className="border-b border-line px-3 first:pl-4 last:pr-4 max-sm:border-0 max-sm:p-0"
                  >
                    <Skeleton
                      className={column.id === 'status' ? 'h-5 w-20 rounded-full' : 'h-3.5 w-24'}
                    />
                  </td>
                ))}
              </tr>
            ))
          : table.getRowModel().rows.map((row) => {
              const isActive = row.id === activeRunId
              return (
                <tr
                  key={row.id}
                  data-run-id={row.id}
                  tabIndex={-1}
                  aria-current={isActive ? 'true' : undefined}
                  onClick={(event) => onRowClick(event, row.id)}
                  onKeyDown={(event) => onRowKeyDown(event, row.id)}
                  className="group runs-row"
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={cn('runs-cell', cell.column.columnDef.meta?.cardClassName)}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              )
            })}
      </tbody>
    </table>
  )
}
