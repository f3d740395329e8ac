// visits module (走访): visit rules (who is visited how often, a smart-report filter), the
// worker's due list, recording a visit (a concern files a request in the same step), a
// resident's visit history, and who has not been visited for a while. Mirrors views/visits/.
import { http, type Page, type RequestOptions } from './http'
import type { ReportFilter } from './reports'

export const VISIT_OUTCOMES = ['met', 'not_home', 'refused'] as const
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number]

export interface VisitRule {
  id: string
  name: string
  /** Whom the rule covers: a smart-report filter, as in saved reports. */
  filter: ReportFilter
  every_days: number
  active: boolean
}

export interface NewVisitRule {
  name: string
  filter: ReportFilter
  every_days: number
}

export interface DueVisit {
  resident_id: string
  name: string
  age: number
  address: string
  household_id: string
  /** Names of the rules that cover the resident. */
  rules: string[]
  every_days: number
  /** YYYY-MM-DD, null when never visited. */
  last_visit: string | null
  due_on: string
  overdue: boolean
}

/** The request a concern filed. */
export interface VisitRequestRef {
  id: string
  number: string
}

export interface NewVisit {
  resident_id: string
  /** YYYY-MM-DD (the server takes today without it). */
  visited_on?: string
  outcome: VisitOutcome
  notes?: string
  concern?: { description: string; category?: string }
}

export interface Visit {
  id: string
  resident_id: string
  visited_on: string
  outcome: VisitOutcome
  notes: string
  request: VisitRequestRef | null
}

export interface VisitHistoryEntry {
  id: string
  visited_on: string
  outcome: VisitOutcome
  notes: string
  visitor_name: string
  request: VisitRequestRef | null
}

export interface StaleResident {
  resident_id: string
  name: string
  address: string
  last_visit: string | null
  days_since: number | null
}

const P = '/api/v1/visits'

export const listVisitRules = (o?: RequestOptions) => http.get<{ items: VisitRule[] }>(`${P}/rules`, undefined, o)
/** Action requests.assign. */
export const createVisitRule = (r: NewVisitRule, o?: RequestOptions) => http.post<VisitRule>(`${P}/rules`, r, o)
export const updateVisitRule = (id: string, patch: Partial<Pick<VisitRule, 'active' | 'every_days' | 'name'>>, o?: RequestOptions) =>
  http.patch<VisitRule>(`${P}/rules/${encodeURIComponent(id)}`, patch, o)

/** One page of my visit list; `overdue` counts the whole list's overdue visits. */
export interface DuePage extends Page<DueVisit> {
  overdue: number
}

/** My visit list, soonest due first (a grid worker: their grid; others may pick a grid). */
export const listDueVisits = (q: { grid_id?: string; due?: 'today'; page?: number; page_size?: number } = {}, o?: RequestOptions) =>
  http.get<DuePage>(`${P}/due`, { grid_id: q.grid_id, due: q.due, page: q.page, page_size: q.page_size }, o)

/**
 * Records a visit; `idempotencyKey` stays the same for retries of one record: a retry returns the
 * first visit, and a concern the same request.
 */
export const recordVisit = (v: NewVisit, idempotencyKey: string, o?: RequestOptions) =>
  http.post<Visit>(P, v, { ...o, headers: { ...o?.headers, 'Idempotency-Key': idempotencyKey } })

/** A resident's visits, newest first. */
export async function visitHistory(residentId: string, o?: RequestOptions): Promise<VisitHistoryEntry[]> {
  return (await http.get<{ items: VisitHistoryEntry[] }>(P, { resident_id: residentId }, o)).items ?? []
}

/** Residents under any rule not visited for `days` days, never visited first; one page. */
export const listStale = (days: number, q: { page?: number; page_size?: number } = {}, o?: RequestOptions) =>
  http.get<Page<StaleResident>>(`${P}/stale`, { days, page: q.page, page_size: q.page_size }, o)
