/** The inbox's rows while the first answer is on its way: the same shape, so nothing jumps. */
import { Skeleton } from '../../../components/ui/skeleton'

export function FailuresSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading failures">
      <div className="hidden h-9 border-b border-line bg-surface-muted md:block" />
      {Array.from({ length: 6 }, (_, index) => (
        <div
          key={index}
          className="flex flex-col gap-2 border-b border-line px-4 py-3 last:border-b-0 md:flex-row md:items-center md:gap-6"
        >
          <div className="flex-1 space-y-1.5">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-3 w-1/3" />
          </div>
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-6 w-24" />
          <Skeleton className="h-3.5 w-20" />
          <Skeleton className="h-3.5 w-20" />
        </div>
      ))}
    </div>
  )
}
