import { MapLocation } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('places', 'places', () => import('./PlacesView.vue'), 'nav.places', 'places.manage', nav(MapLocation, 'nav-places', 155, 'admin')),
]
