import { ROLES, type Role, type ScopeKind } from '@/api/auth'

// Rank used only to offer sensible choices; the server decides (an admin may give only
// roles ranked below their own, and only scopes inside their own).
const RANK: Record<Role, number> = {
  street_admin: 100,
  department: 90,
  org: 90,
  community_admin: 80,
  community_staff: 60,
  grid_worker: 40,
  volunteer: 20,
  resident: 10,
}

/** The scope kind each role usually has (matches the demo accounts). */
export const DEFAULT_SCOPE_KIND: Record<Role, ScopeKind> = {
  street_admin: 'street',
  department: 'street',
  org: 'street',
  community_admin: 'community',
  community_staff: 'community',
  volunteer: 'community',
  grid_worker: 'grid',
  resident: 'grid',
}

export function assignableRoles(own: Role | undefined): Role[] {
  if (!own) return []
  return ROLES.filter((r) => RANK[r] < RANK[own])
}
