// The shape of a route module: every view folder has a `routes.ts` exporting its pages (and,
// through route meta, its sidebar entries); `router/index.ts` collects them all by glob.
import { markRaw, type Component } from 'vue'
import type { RouteMeta, RouteRecordRaw, RouteRecordSingleView } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Locale key of the page title. */
    title?: string
    /** Pages reachable without a session. */
    public?: boolean
    /** The action the user must hold (user.permissions) to open the page. */
    permission?: string
    /**
     * Shown in the sidebar menu under `group` (none: at the top, as Home), entries sorted by
     * `order` (`residentTitle`: the entry's title for residents).
     */
    menu?: { icon: Component; testid: string; order: number; group?: MenuGroup; residentTitle?: string }
    /** Sidebar entry to highlight on a page that has none (detail pages). */
    activeMenu?: string
  }
}

/**
 * The menu's groups, in the order shown; a module's entries name theirs (the menu has 12–17
 * entries for an admin, too many to read as one list on a phone).
 */
export const MENU_GROUPS = ['requests', 'registry', 'visits', 'notices', 'admin'] as const
export type MenuGroup = (typeof MENU_GROUPS)[number]

/** What a view folder's `routes.ts` exports. */
export interface RouteModule {
  /** Pages inside the app layout (sidebar and header); paths relative to `/`. */
  routes?: RouteRecordRaw[]
  /** Pages of their own, outside the layout (the login page). */
  standalone?: RouteRecordRaw[]
}

/** A page of the app: its route name, lazy view, title key, and the permission it needs (if any). */
export function page(
  path: string,
  name: string,
  view: RouteRecordSingleView['component'],
  title: string,
  permission?: string,
  meta: RouteMeta = {},
): RouteRecordSingleView {
  return { path, name, component: view, meta: permission ? { title, permission, ...meta } : { title, ...meta } }
}

/** Shown in the sidebar menu in `group` at `order` (entries are sorted by it across all modules). */
export const nav = (icon: Component, testid: string, order: number, group?: MenuGroup, residentTitle?: string): RouteMeta => ({
  menu: { icon: markRaw(icon), testid, order, group, residentTitle },
})

/** A detail page highlights the sidebar entry of its list. */
export const under = (activeMenu: string): RouteMeta => ({ activeMenu })
