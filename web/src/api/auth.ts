// auth module: session, current user, user administration.
import { http, type Page, type RequestOptions } from './http'

export type Role =
  | 'resident' | 'volunteer' | 'grid_worker' | 'community_staff'
  | 'community_admin' | 'street_admin' | 'department' | 'org'

export const ROLES: Role[] = [
  'street_admin', 'community_admin', 'community_staff', 'grid_worker',
  'department', 'org', 'volunteer', 'resident',
]

export type ScopeKind = 'street' | 'community' | 'grid'

export interface Scope {
  kind: ScopeKind
  id: string
  name?: string
}

export interface User {
  id: string
  username: string
  display_name: string
  role: Role
  scope: Scope
  disabled: boolean
  created_at?: string
  permissions?: string[]
}

export interface Session {
  csrf_token: string
  user: User
}

export interface UserQuery {
  page?: number
  page_size?: number
  q?: string
  role?: string
}

export interface NewUser {
  username: string
  display_name: string
  password: string
  role: Role
  scope: { kind: ScopeKind; id: string }
}

export interface UserPatch {
  display_name?: string
  role?: Role
  scope?: { kind: ScopeKind; id: string }
  disabled?: boolean
}

export interface PermissionRule {
  role: Role
  action: string
  scope: string
}

const base = '/api/v1/auth'

export const login = (username: string, password: string) =>
  http.post<Session>(`${base}/login`, { username, password }, { silent: true, allowUnauthenticated: true })

export const logout = () => http.post<void>(`${base}/logout`, undefined, { silent: true, allowUnauthenticated: true })

export const me = () => http.get<Session>(`${base}/me`, undefined, { silent: true, allowUnauthenticated: true })

export const permissions = () =>
  http.get<{ roles: Role[]; rules: PermissionRule[] }>(`${base}/permissions`)

export const listUsers = (q: UserQuery) => http.get<Page<User>>(`${base}/users`, { ...q })

export const getUser = (id: string) => http.get<User>(`${base}/users/${encodeURIComponent(id)}`)

export const createUser = (u: NewUser, opts?: RequestOptions) => http.post<User>(`${base}/users`, u, opts)

export const updateUser = (id: string, patch: UserPatch, opts?: RequestOptions) =>
  http.patch<User>(`${base}/users/${encodeURIComponent(id)}`, patch, opts)

export const setPassword = (id: string, password: string, opts?: RequestOptions) =>
  http.post<void>(`${base}/users/${encodeURIComponent(id)}/password`, { password }, opts)

/** An API token as admins see it (the token itself is shown only once, when it is made). */
export interface ApiToken {
  id: string
  name: string
  user: { id: string; username: string; display_name: string; role: Role; scope_name: string }
  created_at: string
  last_used_at: string | null
  revoked: boolean
  revoked_at: string | null
  revoked_reason: 'revoked' | 'user_disabled' | 'password_reset' | null
}

export interface TokenQuery {
  page?: number
  page_size?: number
  q?: string
  include_revoked?: boolean
}

export const listTokens = (q: TokenQuery) => http.get<Page<ApiToken>>(`${base}/tokens`, { ...q })

export const revokeToken = (id: string) => http.post<ApiToken>(`${base}/tokens/${encodeURIComponent(id)}/revoke`)
