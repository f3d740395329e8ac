// Category keywords (关键词): the words that lean the request classifier towards a leaf
// category, edited by the street admin (action requests.keywords). Contract: docs/http-api.md,
// "Requests (诉求工单)".
import { http } from './http'

export interface CategoryKeywords {
  code: string
  name: string
  keywords: string[]
}

const R = '/api/v1/requests'

export const listKeywords = () => http.get<{ items: CategoryKeywords[] }>(`${R}/keywords`)

export const setKeywords = (code: string, keywords: string[]) =>
  http.put<CategoryKeywords>(`${R}/categories/${encodeURIComponent(code)}/keywords`, { keywords })
