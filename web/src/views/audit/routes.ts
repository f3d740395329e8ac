import { Document } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('audit', 'audit', () => import('./AuditView.vue'), 'nav.audit', 'audit.read', nav(Document, 'nav-audit', 180, 'admin')),
]
