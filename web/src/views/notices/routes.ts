import { Message, Promotion } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav, under } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('notices/new', 'notice-new', () => import('./NoticeComposeView.vue'), 'nav.noticeNew', 'notices.send', nav(Promotion, 'nav-notice-new', 140, 'notices')),
  page('notices', 'notices', () => import('./NoticesView.vue'), 'nav.notices', 'notices.send', nav(Message, 'nav-notices', 150, 'notices')),
  page('notices/:id', 'notice', () => import('./NoticeReportView.vue'), 'notices.reportTitle', 'notices.send', under('/notices')),
]
