import type { RouteRecordRaw } from 'vue-router'
import { page } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('403', 'forbidden', () => import('./ForbiddenView.vue'), 'forbidden.title'),
  page(':pathMatch(.*)*', 'not-found', () => import('./NotFoundView.vue'), 'notFound.title'),
]
