// What the menu and the phone's tab bar show: the layout's routes the user may open, as entries.
import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { appRoutes } from '@/router'
import { MENU_GROUPS, type MenuGroup } from '@/router/page'
import { useAuthStore } from '@/stores/auth'

export interface MenuEntry {
  name: string
  path: string
  title: string
  icon?: Component
  testid?: string
}
/** A block of the menu: an ungrouped entry (Home), or a group with its entries. */
export type MenuBlock = { entry: MenuEntry } | { group: MenuGroup; entries: MenuEntry[] }

function toEntry(r: RouteRecordRaw, role?: string): MenuEntry {
  const menu = r.meta?.menu
  return {
    name: String(r.name),
    path: '/' + r.path,
    title: (role === 'resident' && menu?.residentTitle) || r.meta!.title!,
    icon: menu?.icon,
    testid: menu?.testid,
  }
}

/** The route named `name` as an entry, if the user may open it. */
export function entryFor(name: string): MenuEntry | undefined {
  const auth = useAuthStore()
  const r = appRoutes.find((x) => x.name === name)
  return r && auth.can(r.meta?.permission) ? toEntry(r, auth.user?.role) : undefined
}

/**
 * The menu by group, in MENU_GROUPS order after the ungrouped entries; a group holding only one
 * entry the user may open is shown as that entry (a group of one is a tap for nothing).
 */
export function menuBlocks(): MenuBlock[] {
  const auth = useAuthStore()
  const routes = appRoutes
    .filter((r) => r.meta?.menu && auth.can(r.meta.permission))
    .sort((a, b) => a.meta!.menu!.order - b.meta!.menu!.order)
  const top: MenuBlock[] = routes.filter((r) => !r.meta!.menu!.group).map((r) => ({ entry: toEntry(r, auth.user?.role) }))
  const grouped = MENU_GROUPS.flatMap((group): MenuBlock[] => {
    const entries = routes.filter((r) => r.meta!.menu!.group === group).map((r) => toEntry(r, auth.user?.role))
    if (entries.length === 0) return []
    return entries.length === 1 ? [{ entry: entries[0] }] : [{ group, entries }]
  })
  return [...top, ...grouped]
}
