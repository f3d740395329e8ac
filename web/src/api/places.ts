// places: the street's communities and grids as administrators manage them, building moves,
// the places import and the first-run status. Mirrors views/places/ and views/setup/.
// Contract: docs/http-api.md, "Places administration".
import { http, type RequestOptions } from './http'
import { importContentType } from './registry'

export interface PlaceWorker { id: string; name: string }
export interface AdminPlace {
  id: string
  kind: 'street' | 'community' | 'grid'
  code: string
  name: string
  retired: boolean
  retired_at: string | null
  buildings: number
  residents: number
  worker?: PlaceWorker | null
}
export interface AdminGrid extends AdminPlace { kind: 'grid' }
export interface AdminCommunity extends AdminPlace { kind: 'community'; grids: AdminGrid[] }
export interface AdminStreet extends AdminPlace { kind: 'street'; communities: AdminCommunity[] }

export interface PlaceInput { name?: string; code?: string; worker_id?: string | null }

export interface PlacesImportRowError { row: number; column: string; reason: string }
export interface PlacesImportResult {
  rows: number
  communities: number
  grids: number
  existing: number
  committed: boolean
  errors: PlacesImportRowError[]
}

export interface BuildingMove {
  id: string
  at: string
  by: { id: string; name: string } | null
  from: { id: string; name: string }
  to: { id: string; name: string }
  households: number
  residents: number
  note: string
}

const R = '/api/v1/registry'
const plural = { street: 'streets', community: 'communities', grid: 'grids' } as const

export const setupStatus = () =>
  http.get<{ street_exists: boolean }>('/api/v1/setup/status', undefined, { silent: true, allowUnauthenticated: true })

export const adminPlaces = (includeRetired: boolean) =>
  http.get<{ streets: AdminStreet[] }>(`${R}/places/admin`, { include_retired: includeRetired ? 'true' : undefined })

export const createCommunity = (p: PlaceInput, o?: RequestOptions) => http.post<AdminPlace>(`${R}/communities`, p, o)
export const createGrid = (communityId: string, p: PlaceInput, o?: RequestOptions) =>
  http.post<AdminPlace>(`${R}/grids`, { ...p, community_id: communityId }, o)
export const updatePlace = (kind: AdminPlace['kind'], id: string, p: PlaceInput, o?: RequestOptions) =>
  http.patch<AdminPlace>(`${R}/${plural[kind]}/${encodeURIComponent(id)}`, p, o)
export const retirePlace = (kind: AdminPlace['kind'], id: string, o?: RequestOptions) =>
  http.post<AdminPlace>(`${R}/${plural[kind]}/${encodeURIComponent(id)}/retire`, undefined, o)

export const moveBuilding = (id: string, gridId: string, note: string, o?: RequestOptions) =>
  http.post<unknown>(`${R}/buildings/${encodeURIComponent(id)}/move`, { grid_id: gridId, note }, o)
export const buildingMoves = (id: string) =>
  http.get<{ items: BuildingMove[] }>(`${R}/buildings/${encodeURIComponent(id)}/moves`)

const importStep = (step: 'dry-run' | 'commit') => (file: File, o?: RequestOptions) =>
  http.post<PlacesImportResult>(`${R}/places/import/${step}`, undefined, {
    ...o,
    rawBody: file,
    contentType: importContentType(file.name),
  })
export const dryRunPlacesImport = importStep('dry-run')
export const commitPlacesImport = importStep('commit')
