// audit module: the append-only log of who did what.
import { http, type Page } from './http'

export type Outcome = 'ok' | 'denied' | 'failed'

export interface AuditEntry {
  id: string
  at: string
  actor_id: string | null
  actor_username: string | null
  action: string
  target_type: string | null
  target_id: string | null
  outcome: Outcome
  /** Free-form facts about the event, e.g. {"reason": "bad_credentials"}. */
  detail: Record<string, unknown> | string | null
  ip: string | null
  request_id: string | null
}

export interface AuditQuery {
  page?: number
  page_size?: number
  actor?: string
  action?: string
  target_type?: string
  outcome?: string
  from?: string
  to?: string
}

export const listAudit = (q: AuditQuery) => http.get<Page<AuditEntry>>('/api/v1/audit', { ...q })
