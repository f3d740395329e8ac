import type { RouteRecordRaw } from 'vue-router'
import { page } from '@/router/page'

export const standalone: RouteRecordRaw[] = [
  page('/setup', 'setup', () => import('./SetupView.vue'), 'setup.title', undefined, { public: true }),
]
