// reports module (smart report / 智能报表): filter residents, count, group, save templates,
// export. Mirrors views/reports/. Contract: docs/http-api.md, "Smart report".
import { http, type DownloadedFile, type RequestOptions } from './http'
import type { Resident } from './registry'

export interface ReportFilter {
  age_min?: number
  age_max?: number
  on?: string
  sex?: string
  tags_any?: string[]
  tags_all?: string[]
  tags_none?: string[]
  residence_status?: string[]
  community_id?: string
  grid_id?: string
  building_id?: string
  household_size_min?: number
  household_size_max?: number
  living_alone?: boolean
  skills_any?: string[]
  text?: string
  status?: string
}

export const GROUP_BY = ['grid', 'age_band', 'tag', 'community', 'sex', 'residence_status'] as const
export type GroupBy = (typeof GROUP_BY)[number]

export interface GroupRow { key: string; label?: string; count: number }

export interface ReportResult {
  count: number
  items: Resident[]
  groups: Partial<Record<GroupBy, GroupRow[]>>
  took_ms?: number
}

export interface Template {
  id: string
  name: string
  filter: ReportFilter
  group_by?: GroupBy[]
  created_at?: string
  /** The author's username. */
  owner?: string | null
  /** Mine to share, unshare or delete; others' come shared from someone whose area holds mine. */
  mine?: boolean
  shared?: boolean
}

const P = '/api/v1/reports'

export const runQuery = (
  body: { filter: ReportFilter; group_by?: GroupBy[]; page?: number; page_size?: number },
  o?: RequestOptions,
) => http.post<ReportResult>(`${P}/query`, body, o)

export const listTemplates = () => http.get<{ items: Template[] }>(`${P}/templates`)
export const createTemplate = (t: { name: string; filter: ReportFilter; group_by?: GroupBy[] }, o?: RequestOptions) =>
  http.post<Template>(`${P}/templates`, t, o)
export const deleteTemplate = (id: string) => http.del<void>(`${P}/templates/${encodeURIComponent(id)}`)
/** Shares one of my templates with everyone working inside my area (each runs it on their own). */
export const shareTemplate = (id: string, shared: boolean) =>
  http.patch<Template>(`${P}/templates/${encodeURIComponent(id)}`, { shared })
export const runTemplate = (id: string, body: { page?: number; page_size?: number } = {}, o?: RequestOptions) =>
  http.post<ReportResult>(`${P}/templates/${encodeURIComponent(id)}/run`, body, o)

/** All matching residents as a file (masked personal data); action registry.export, audited. */
export const exportReport = (filter: ReportFilter, format: 'csv' | 'xlsx') =>
  http.post<DownloadedFile>(`${P}/export`, { filter, format }, { asBlob: true })

/** Who may export the call list (full phones): the permission, or the street's grant to a role. */
export interface CallListAccess {
  allowed: boolean
  via: 'role' | 'street' | null
  street_roles: string[]
  grantable_roles: string[]
}
export const CALL_LIST_REASONS = ['callback', 'activity', 'emergency', 'other'] as const
export type CallListReason = (typeof CALL_LIST_REASONS)[number]
export const callListAccess = () => http.get<CallListAccess>(`${P}/call-list/access`)
/** Street admin: the roles of the street that may export the call list (their own area each). */
export const setCallListRoles = (roles: string[]) => http.put<{ roles: string[] }>(`${P}/call-list/roles`, { roles })
/** Names, phones in full and addresses as a file; reports.export_contacts (or the street's grant), a reason, audited. */
export const exportCallList = (filter: ReportFilter, format: 'csv' | 'xlsx', reason: string) =>
  http.post<DownloadedFile>(`${P}/call-list`, { filter, format, reason }, { asBlob: true })
