// requests module (诉求工单): categories, filing, the queue, one request with its timeline, actions.
// Mirrors views/requests/. Contract: docs/http-api.md, "Requests (诉求工单)".
import { http, type Page, type RequestOptions } from './http'

// ---- vocabularies (codes in the API; the UI shows localized names) ----
export const REQUEST_STATUSES = [
  'submitted', 'accepted', 'assigned', 'in_progress', 'waiting_on_resident',
  'resolved', 'closed', 'rejected', 'cancelled', 'reopened',
] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type Priority = (typeof PRIORITIES)[number]
export const CHANNELS = ['web', 'hotline', 'integration'] as const
export const UNITS = ['grid', 'community', 'department'] as const
/** What may be done to a request; `actions` of a request lists the ones open to the caller. */
/** The contact's phone in full for the request's handler; the reason is audited. */
export const revealContact = (id: string, reason: 'callback' | 'verify' | 'handle') =>
  http.post<{ phone: string }>(`/api/v1/requests/${encodeURIComponent(id)}/contact/reveal`, { reason })

export const REQUEST_ACTIONS = [
  'receive', 'accept', 'assign', 'start', 'decline', 'wait', 'resume', 'resolve', 'close', 'rate', 'reject', 'cancel', 'reopen', 'report_in',
  'categorize', 'note',
] as const
export type RequestAction = (typeof REQUEST_ACTIONS)[number]

/** Escalation (吹哨) colours, first level first; configuration may name others. */
export const ESCALATION_COLORS = ['blue', 'yellow', 'red'] as const

/** The level called on an overdue request; the detail view adds who, since when and the report-in. */
export interface Escalation {
  level: number
  color: string
  /** Who is called, e.g. 职能部门科室负责人到场报到 (detail only). */
  called?: string | null
  at?: string | null
  report_in_due?: string | null
  reported_at?: string | null
}

export interface Category {
  code: string
  /** null for the national classes and the community-needs class. */
  parent: string | null
  name: string
  name_en: string
  unit: string
  response_hours: number
  resolve_hours: number
}

export interface RequestPlace {
  community_id: string | null
  grid_id: string | null
  building_id: string | null
  household_id: string | null
  address: string | null
  lat: number | null
  lng: number | null
}

export interface ServiceRequest {
  id: string
  /** e.g. FX-20261122-0007 */
  number: string
  status: RequestStatus
  category: string | null
  category_name: string | null
  priority: Priority
  description: string
  channel: string
  place: RequestPlace
  /** `phone` in full only in the answer to the filing that typed it. */
  contact: { name: string | null; phone_masked: string | null; method: string | null; phone?: string }
  /** 签收: when its handler marked it received; `new` while assigned and not yet received. */
  received_at?: string | null
  new?: boolean
  assignee: { id: string; display_name: string } | null
  filed_by_me: boolean
  created_at: string
  response_due: string | null
  resolve_due: string | null
  resolved_at: string | null
  closed_at: string | null
  overdue: boolean
  rating: number | null
  rating_comment: string | null
  actions: RequestAction[]
  /** null until the resolve deadline is breached and the first level is called. */
  escalation?: Escalation | null
  /** Only on GET /requests/{id}. */
  timeline?: RequestEvent[]
  /** Only on GET /requests/{id}: the photos, oldest first (at most MAX_PHOTOS). */
  photos?: RequestPhoto[]
  /** Only on GET /requests/{id}: the caller (filer or handler) may add a photo now. */
  can_add_photo?: boolean
}

/** A photo of a request; `url` serves the image (same-origin, the session cookie is enough). */
export interface RequestPhoto {
  id: string
  content_type: string
  size: number
  url: string
}

/** Who did it: the contract does not pin the shape, so both a name and an object are read. */
export type EventActor = string | { id?: string; display_name?: string; username?: string; name?: string } | null

export interface RequestEvent {
  id: string
  at: string
  /**
   * `warn` (internal, before the deadline) and `escalate` come from the server's scheduler;
   * `followup_planned` after a low rating, `followup` when the visit is recorded, `photo` when
   * a photo is added.
   */
  kind: 'submitted' | 'warn' | 'escalate' | 'followup_planned' | 'followup' | 'photo' | RequestAction
  from: RequestStatus | null
  to: RequestStatus | null
  actor: EventActor
  note: string | null
  internal: boolean
}

export interface NewRequest {
  category?: string
  description: string
  building_id?: string
  household_id?: string
  address?: string
  lat?: number
  lng?: number
  priority?: Priority
  contact_name?: string
  contact_phone?: string
  contact_method?: string
}

export interface RequestQuery {
  status?: string
  mine?: 1
  overdue?: 1
  grid_id?: string
  /** One person's requests (the workload page). */
  assignee_id?: string
  q?: string
  /** The home page's lists (今日待办): each count there is this list's total. */
  open?: 1
  unreceived?: 1
  escalated?: 1
  awaiting_report_in?: 1
  community_id?: string
  page?: number
  page_size?: number
}

export interface ActionBody {
  note?: string
  reason?: string
  assignee_id?: string
  rating?: number
  comment?: string
  internal?: boolean
  /** `categorize`: the corrected category. */
  category?: string
}

/** POST /requests/classify: the likeliest categories (confidence 0–1) and a priority. */
export interface Classification {
  categories: { code: string; name: string; confidence: number }[]
  priority: { value: Priority; confidence: number } | null
}

/** A follow-up visit (回访) planned after a low rating; `done_at` and `note` once recorded. */
export interface Followup {
  id: string
  request_id: string
  number: string
  assignee_id: string | null
  created_at: string
  due_at: string
  done_at: string | null
  note: string | null
}

const R = '/api/v1/requests'

export const listCategories = () => http.get<{ items: Category[] }>(`${R}/categories`)

/**
 * Files a request. `idempotencyKey` stays the same for retries of one submission, so a retry
 * after a lost answer returns the first request instead of filing twice.
 */
export const fileRequest = (r: NewRequest, idempotencyKey: string, o?: RequestOptions) =>
  http.post<ServiceRequest>(R, r, { ...o, headers: { ...o?.headers, 'Idempotency-Key': idempotencyKey } })

export const listRequests = (q: RequestQuery, o?: RequestOptions) => http.get<Page<ServiceRequest>>(R, { ...q }, o)

export const getRequest = (id: string) => http.get<ServiceRequest>(`${R}/${encodeURIComponent(id)}`)

export const requestAction = (id: string, action: RequestAction, body: ActionBody = {}, o?: RequestOptions) =>
  http.post<ServiceRequest>(`${R}/${encodeURIComponent(id)}/actions/${action}`, body, o)

/** Uploads one photo: the body is the image's bytes, sent with its (sniffed) content type. */
export const uploadPhoto = (id: string, photo: Blob, contentType: string, o?: RequestOptions) =>
  http.post<{ id: string; content_type: string; size: number; created_at: string }>(
    `${R}/${encodeURIComponent(id)}/photos`,
    undefined,
    { ...o, rawBody: photo, contentType },
  )

/** A request changed after `since`; `new` when it was filed after `since`. */
export interface RequestUpdate {
  id: string
  number: string
  status: RequestStatus
  escalation: { level: number; color: string } | null
  updated_at: string
  new: boolean
}

/**
 * The requests in the caller's scope changed after `since` (without it: just now); pass the
 * answer's `now` as the next `since`.
 */
export const requestUpdates = (since: string | undefined, o?: RequestOptions) =>
  http.get<{ now: string; items: RequestUpdate[] }>(`${R}/updates`, { since }, o)

export const classifyRequest = (description: string, o?: RequestOptions) =>
  http.post<Classification>(`${R}/classify`, { description }, o)

export const listFollowups = (q: { mine?: 1; open: 0 | 1 }, o?: RequestOptions) =>
  http.get<{ items: Followup[] }>(`${R}/followups`, { ...q }, o)

export const followupDone = (id: string, note: string, o?: RequestOptions) =>
  http.post<void>(`${R}/followups/${encodeURIComponent(id)}/done`, { note }, o)

/** A fresh Idempotency-Key. crypto.randomUUID exists only on https and localhost. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
