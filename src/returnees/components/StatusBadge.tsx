import { STATUS_LABELS, type DeclarationStatus } from '@/core/contract/returnees'
import { StatusTag, type Tone } from '@/core/ui'

const TONES: Record<DeclarationStatus, Tone> = { observing: 'info', flagged: 'danger', released: 'success' }

export function StatusBadge({ status }: { status: DeclarationStatus }) {
  return <StatusTag tone={TONES[status]}>{STATUS_LABELS[status]}</StatusTag>
}
