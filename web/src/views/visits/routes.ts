import { Location } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav, under } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('visits', 'visits', () => import('./VisitsView.vue'), 'nav.visits', 'visits.read', nav(Location, 'nav-visits', 70, 'visits')),
  page('visits/residents/:id', 'visit-resident', () => import('./VisitResidentView.vue'), 'visits.residentTitle', 'visits.read', under('/visits')),
]
