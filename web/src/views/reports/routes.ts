import { DataAnalysis } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('reports', 'reports', () => import('./ReportView.vue'), 'nav.reports', 'reports.run', nav(DataAnalysis, 'nav-reports', 130, 'registry')),
]
