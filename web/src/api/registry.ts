// registry module (一户一档): places, buildings, households, residents, assets, tags, imports.
// Mirrors views/registry/. Contract: docs/http-api.md, "Registry (一户一档), import and smart reports".
import { http, type Page, type RequestOptions } from './http'

export interface Grid { id: string; code: string; name: string }
export interface Community { id: string; code: string; name: string; grids: Grid[] }
export interface Street { id: string; code: string; name: string; communities: Community[] }

/** The places the caller's scope covers, as a street → community → grid tree. */
export const places = () => http.get<{ streets: Street[] }>('/api/v1/registry/places')

// ---- vocabularies (codes in the API; the UI shows localized names) ----
export const BUILTIN_TAGS = [
  'living_alone', 'advanced_age', 'empty_nest', 'left_behind_child', 'low_income',
  'disabled', 'bereaved_parent', 'veteran', 'party_member',
] as const
export const SKILLS = [
  'doctor', 'nurse', 'teacher', 'lawyer', 'counselor', 'social_worker', 'electrician',
  'plumber', 'accountant', 'driver', 'cook', 'it',
] as const
export const RELATIONS = [
  'householder', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'tenant', 'other',
] as const
export const RESIDENCE_STATUSES = ['registered', 'permanent', 'floating', 'nominal'] as const
export const RESIDENT_STATUSES = ['active', 'moved_out', 'deceased'] as const
export const SEXES = ['male', 'female'] as const
export const RESIDENCE_TYPES = ['registered', 'actual'] as const
export const ASSET_KINDS = ['elevator', 'fire_equipment', 'camera', 'charging_station', 'other'] as const
export const EVENT_KINDS = ['moved', 'moved_out', 'returned', 'deceased'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export interface Ref { id: string; name: string }

export interface Building {
  id: string
  name: string
  address: string
  community: Ref
  grid: Ref
  units: number | null
  floors: number | null
  elevators: number | null
  lat: number | null
  lng: number | null
  households: number
}

export interface BuildingInput {
  grid_id?: string
  name?: string
  address?: string
  units?: number | null
  floors?: number | null
  elevators?: number | null
  lat?: number | null
  lng?: number | null
}

export interface Household {
  id: string
  building: Ref
  grid_id: string
  unit: string
  room: string
  address: string
  phone_masked: string
  residence_type: string
  members: number
}

export interface HouseholdInput {
  building_id?: string
  unit?: string
  room?: string
  phone?: string
  residence_type?: string
}

export interface HistoryEntry {
  id: string
  at: string
  date: string
  kind: string
  detail: Record<string, unknown> | string | null
}

export interface Resident {
  id: string
  name: string
  sex: string
  /** null for callers who may not reveal: beside the last 4 it would complete the ID number */
  birth_date: string | null
  age: number
  ethnicity: string
  id_number_masked: string
  phone_masked: string
  household: { id: string; address: string; size: number }
  building_id: string
  grid: Ref
  community_id: string
  relation: string
  residence_status: string
  tags: string[]
  skills: string[]
  notes: string
  status: string
  history?: HistoryEntry[]
}

export interface ResidentInput {
  household_id?: string
  name?: string
  id_number?: string
  sex?: string
  birth_date?: string
  ethnicity?: string
  phone?: string
  relation?: string
  residence_status?: string
  tags?: string[]
  skills?: string[]
  notes?: string
}

export interface ResidentQuery {
  page?: number
  page_size?: number
  q?: string
  phone_last4?: string
  id_number?: string
  community_id?: string
  grid_id?: string
  building_id?: string
  household_id?: string
  status?: string
}

export interface Asset {
  id: string
  building: Ref
  grid_id: string
  kind: string
  name: string
  location: string
  owner: string
  maintainer: string
  last_inspection: string | null
  next_inspection: string | null
}

export interface AssetInput {
  building_id?: string
  kind?: string
  name?: string
  location?: string
  owner?: string
  maintainer?: string
  last_inspection?: string | null
  next_inspection?: string | null
}

export interface Tag { code: string; name?: string; builtin: boolean }

const R = '/api/v1/registry'

export const listBuildings = (q: { grid_id?: string; q?: string; page?: number; page_size?: number }) =>
  http.get<Page<Building>>(`${R}/buildings`, { ...q })
export const getBuilding = (id: string) => http.get<Building>(`${R}/buildings/${encodeURIComponent(id)}`)
export const createBuilding = (b: BuildingInput, o?: RequestOptions) => http.post<Building>(`${R}/buildings`, b, o)
export const updateBuilding = (id: string, b: BuildingInput, o?: RequestOptions) =>
  http.patch<Building>(`${R}/buildings/${encodeURIComponent(id)}`, b, o)

export const listHouseholds = (q: { building_id?: string; page?: number; page_size?: number }) =>
  http.get<Page<Household>>(`${R}/households`, { ...q })
export const getHousehold = (id: string) => http.get<Household>(`${R}/households/${encodeURIComponent(id)}`)
export const createHousehold = (h: HouseholdInput, o?: RequestOptions) => http.post<Household>(`${R}/households`, h, o)
export const updateHousehold = (id: string, h: HouseholdInput, o?: RequestOptions) =>
  http.patch<Household>(`${R}/households/${encodeURIComponent(id)}`, h, o)

export const listResidents = (q: ResidentQuery, o?: RequestOptions) =>
  http.get<Page<Resident>>(`${R}/residents`, { ...q }, o)
export const getResident = (id: string) => http.get<Resident>(`${R}/residents/${encodeURIComponent(id)}`)
export const createResident = (r: ResidentInput, o?: RequestOptions) => http.post<Resident>(`${R}/residents`, r, o)
export const updateResident = (id: string, r: ResidentInput, o?: RequestOptions) =>
  http.patch<Resident>(`${R}/residents/${encodeURIComponent(id)}`, r, o)
export const residentEvent = (
  id: string,
  e: { kind: EventKind; date: string; household_id?: string; note?: string },
  o?: RequestOptions,
) => http.post<Resident>(`${R}/residents/${encodeURIComponent(id)}/events`, e, o)
/** The full value of a masked field; audited as registry.reveal. Never cache the answer. */
export const revealResident = (id: string, field: 'id_number' | 'phone', reason: string, o?: RequestOptions) =>
  http.post<{ field: string; value: string }>(`${R}/residents/${encodeURIComponent(id)}/reveal`, { field, reason }, o)

export const listAssets = (q: { building_id?: string; kind?: string; due_before?: string; page?: number; page_size?: number }) =>
  http.get<Page<Asset>>(`${R}/assets`, { ...q })
export const createAsset = (a: AssetInput, o?: RequestOptions) => http.post<Asset>(`${R}/assets`, a, o)
export const updateAsset = (id: string, a: AssetInput, o?: RequestOptions) =>
  http.patch<Asset>(`${R}/assets/${encodeURIComponent(id)}`, a, o)

export const listTags = () => http.get<{ items: Tag[] }>(`${R}/tags`)
export const createTag = (tag: { code: string; name: string }, o?: RequestOptions) => http.post<Tag>(`${R}/tags`, tag, o)

// ---- import (action registry.import) ----
export interface ImportUpload {
  id: string
  filename: string
  headers: string[]
  rows: number
  sample: string[][]
  suggested_mapping: Record<string, string | null>
  fields: string[]
}
/** `reason` in English (logs, tools); `key` and `params` render in the worker's language (catalogText). */
export interface ImportRowError { row: number; column: string; reason: string; key?: string; params?: Record<string, string> }
export interface ImportPlan {
  mapping: Record<string, string | null>
  default_grid_id?: string
}
export interface DryRun {
  rows: number
  valid: number
  would_create: number
  would_update: number
  errors: ImportRowError[]
}
export interface ImportResult {
  rows: number
  imported: number
  created: number
  updated: number
  errors: ImportRowError[]
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Content-Type the server expects for an upload, from the file name. */
export function importContentType(filename: string): string {
  return /\.xlsx$/i.test(filename) ? XLSX_TYPE : 'text/csv'
}

export const uploadImport = (file: File, o?: RequestOptions) =>
  http.post<ImportUpload>(`${R}/imports?filename=${encodeURIComponent(file.name)}`, undefined, {
    ...o,
    rawBody: file,
    contentType: importContentType(file.name),
  })
export const dryRunImport = (id: string, plan: ImportPlan, o?: RequestOptions) =>
  http.post<DryRun>(`${R}/imports/${encodeURIComponent(id)}/dry-run`, plan, o)
export const commitImport = (id: string, plan: ImportPlan, o?: RequestOptions) =>
  http.post<ImportResult>(`${R}/imports/${encodeURIComponent(id)}/commit`, plan, o)
