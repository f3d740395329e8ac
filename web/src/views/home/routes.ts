import { HomeFilled } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('', 'home', () => import('./HomeView.vue'), 'nav.home', undefined, nav(HomeFilled, 'nav-home', 10)),
]
