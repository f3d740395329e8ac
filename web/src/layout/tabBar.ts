// The phone's bottom tab bar, per role: the four pages each role opens most (issue 14: a grid
// worker between two home visits), as data. A tab names a route and a short label; tabs whose
// page the user may not open are left out; roles not listed get `default`.
import { Bell, DataAnalysis, EditPen, HomeFilled, Location, Setting, Tickets, UserFilled } from '@element-plus/icons-vue'
import { markRaw, type Component } from 'vue'
import type { Role } from '@/api/auth'

export interface Tab {
  /** Route name. */
  route: string
  /** Locale key under `menu.tabs`. */
  label: string
  icon: Component
}

const tab = (route: string, label: string, icon: Component): Tab => ({ route, label, icon: markRaw(icon) })
const today = tab('home', 'today', HomeFilled)
const requests = tab('requests', 'requests', Tickets)
const visits = tab('visits', 'visits', Location)
const residents = tab('residents', 'residents', UserFilled)
const reports = tab('reports', 'reports', DataAnalysis)
const inbox = tab('notifications', 'inbox', Bell)

export const TAB_BAR: Partial<Record<Role, Tab[]>> & { default: Tab[] } = {
  grid_worker: [today, requests, visits, residents],
  community_staff: [today, requests, visits, residents],
  community_admin: [today, requests, residents, reports],
  street_admin: [today, reports, requests, tab('users', 'admin', Setting)],
  department: [today, requests, inbox],
  resident: [today, tab('request-new', 'file', EditPen), tab('requests', 'myRequests', Tickets), inbox],
  default: [today, requests, inbox],
}
