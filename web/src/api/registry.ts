// registry module: streets, communities, grids (and later buildings, households, residents).
import { http } from './http'

export interface Grid { id: string; code: string; name: string }
export interface Community { id: string; code: string; name: string; grids: Grid[] }
export interface Street { id: string; code: string; name: string; communities: Community[] }

/** The places the caller's scope covers, as a street → community → grid tree. */
export const places = () => http.get<{ streets: Street[] }>('/api/v1/registry/places')
