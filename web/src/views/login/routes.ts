import type { RouteRecordRaw } from 'vue-router'
import { page } from '@/router/page'

export const standalone: RouteRecordRaw[] = [
  page('/login', 'login', () => import('./LoginView.vue'), 'login.submit', undefined, { public: true }),
]
