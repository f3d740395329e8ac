import { AlarmClock } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('reminders', 'reminders', () => import('./RemindersView.vue'), 'nav.reminders', 'reminders.read', nav(AlarmClock, 'nav-reminders', 110, 'visits')),
]
