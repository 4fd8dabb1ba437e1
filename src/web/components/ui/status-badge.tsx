/**
 * A run status as colour, icon and word together (colour is never the only signal). Labels and
 * tones come from the shared `statusMeta`; an unknown status shows the vendor's own word.
 */
import type { ComponentType, SVGProps } from 'react'
import { statusMeta, type RunStatus } from '../../../shared/run-status'
import { cn } from '../../lib/cn'
import { Badge } from './badge'
import {
  BanIcon,
  CheckCircleIcon,
  ClockIcon,
  HelpCircleIcon,
  PauseCircleIcon,
  SpinnerIcon,
  XCircleIcon,
} from './icons'

export const statusIcons: Record<RunStatus, ComponentType<SVGProps<SVGSVGElement>>> = {
  pending: ClockIcon,
  running: SpinnerIcon,
  succeeded: CheckCircleIcon,
  failed: XCircleIcon,
  cancelled: BanIcon,
  paused: PauseCircleIcon,
  unknown: HelpCircleIcon,
}

export function StatusBadge({
  status,
  vendorStatus,
  className,
}: {
  status: RunStatus
  vendorStatus?: string
  className?: string
}) {
  const meta = statusMeta[status]
  const Icon = statusIcons[status]
  const label = status === 'unknown' && vendorStatus ? vendorStatus : meta.label
  const description =
    status === 'unknown'
      ? `Status "${vendorStatus ?? 'unknown'}": ${meta.description}`
      : meta.description
  return (
    <Badge tone={meta.tone} title={description} className={className}>
      <Icon
        width={13}
        height={13}
        className={cn('shrink-0', status === 'running' && 'animate-spin-slow')}
      />
      <span>{label}</span>
    </Badge>
  )
}
