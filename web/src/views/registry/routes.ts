import { OfficeBuilding, SetUp, Upload, UserFilled } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav, under } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('registry/residents', 'residents', () => import('./ResidentsView.vue'), 'nav.residents', 'registry.read', nav(UserFilled, 'nav-residents', 80, 'registry')),
  page('registry/residents/:id', 'resident', () => import('./ResidentDetailView.vue'), 'resident.title', 'registry.read', under('/registry/residents')),
  page('registry/buildings', 'buildings', () => import('./BuildingsView.vue'), 'nav.buildings', 'registry.read', nav(OfficeBuilding, 'nav-buildings', 90, 'registry')),
  page('registry/buildings/:id', 'building', () => import('./BuildingDetailView.vue'), 'building.detailTitle', 'registry.read', under('/registry/buildings')),
  page('registry/households/:id', 'household', () => import('./HouseholdDetailView.vue'), 'household.title', 'registry.read', under('/registry/buildings')),
  page('registry/assets', 'assets', () => import('./AssetsView.vue'), 'nav.assets', 'registry.read', nav(SetUp, 'nav-assets', 100, 'registry')),
  page('registry/import', 'import', () => import('./ImportView.vue'), 'nav.import', 'registry.import', nav(Upload, 'nav-import', 120, 'registry')),
]
