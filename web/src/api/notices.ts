// notices module (群发通知): send one notice to the residents a saved smart report, a place
// and/or buildings select, by SMS and in-app; follow its delivery. Action notices.send.
// Mirrors views/notices/.
import { http, type RequestOptions } from './http'

/** Who a notice reaches: the union of everything given, each resident counted once. */
export interface Audience {
  /** A saved smart-report template (GET /reports/templates). */
  report_id?: string
  community_id?: string
  grid_id?: string
  building_ids?: string[]
}

export interface AudienceCount {
  residents: number
  /** Residents reached by SMS (one per phone number). */
  sms: number
  /** Residents with an account, reached in the app. */
  in_app: number
  without_phone: number
  /** Households where nobody has a phone: to visit instead (走访). */
  households_without_phone: number
}

export interface NoticeProgress {
  queued: number
  sent: number
  failed: number
  read: number
}

export interface Notice {
  id: string
  title: string
  body: string
  urgent: boolean
  created_at: string
  created_by_name: string
  recipients: number
  status: 'sending' | 'done'
  progress: NoticeProgress
}

export interface DeliveryFailure {
  address_masked: string
  error: string
  attempts: number
}

export interface NoticeDetail extends Notice {
  failures: DeliveryFailure[]
}

export interface VisitHousehold {
  household_id: string
  address: string
  residents: number
}

export interface NewNotice {
  title: string
  body: string
  audience: Audience
  urgent?: boolean
}

const P = '/api/v1/notices'

export const previewAudience = (audience: Audience, o?: RequestOptions) =>
  http.post<AudienceCount>(`${P}/preview`, { audience }, o)

/** Sends a notice; `idempotencyKey` stays the same for retries of one send. */
export const sendNotice = (n: NewNotice, idempotencyKey: string, o?: RequestOptions) =>
  http.post<Notice>(P, n, { ...o, headers: { ...o?.headers, 'Idempotency-Key': idempotencyKey } })

export const listNotices = (o?: RequestOptions) => http.get<{ items: Notice[] }>(P, undefined, o)

export const getNotice = (id: string, o?: RequestOptions) => http.get<NoticeDetail>(`${P}/${encodeURIComponent(id)}`, undefined, o)

export const noticeVisits = (id: string, o?: RequestOptions) =>
  http.get<{ items: VisitHousehold[] }>(`${P}/${encodeURIComponent(id)}/visits`, undefined, o)
