// Localized names of the request vocabularies (codes come from the API), status colours,
// the category list (loaded once) and who counts as staff.
import { computed, ref } from 'vue'
import { currentLocale, t, te } from '@/locales'
import {
  listCategories, type Category, type EventActor, type RequestEvent, type RequestStatus, type RequestUpdate,
} from '@/api/requests'

function vocab(group: string, code: string | null | undefined): string {
  if (!code) return ''
  const key = `vocab.${group}.${code}`
  return te(key) ? t(key) : code
}

export const requestStatusLabel = (c: string | null | undefined) => vocab('requestStatus', c)
export const priorityLabel = (c: string | null | undefined) => vocab('priority', c)
export const channelLabel = (c: string | null | undefined) => vocab('channel', c)
export const eventKindLabel = (c: string | null | undefined) => vocab('requestEvent', c)
export const actionLabel = (c: string | null | undefined) => vocab('requestAction', c)
/** A department's `start` is how it accepts (受理) a request handed to it. */
export const actionLabelFor = (c: string | null | undefined, role: string | null | undefined) =>
  role === 'department' && c === 'start' ? t('requests.departmentStart') : actionLabel(c)
export const unitLabel = (c: string | null | undefined) => vocab('unit', c)
/** 蓝牌 / 黄牌 / 红牌 */
export const escalationColorLabel = (c: string | null | undefined) => vocab('escalationColor', c)

/** The level colours (Element's primary / warning / danger); an unknown colour shows grey. */
const ESCALATION_HEX: Record<string, { fg: string; bg: string }> = {
  blue: { fg: '#409EFF', bg: '#ecf5ff' },
  yellow: { fg: '#E6A23C', bg: '#fdf6ec' },
  red: { fg: '#F56C6C', bg: '#fef0f0' },
}
export const escalationHex = (c: string | null | undefined) => ESCALATION_HEX[c ?? ''] ?? { fg: '#909399', bg: '#f4f4f5' }

/** An `escalate` event's note reads like "blue：职能部门科室负责人到场报到": the colour is localized. */
export function escalateNote(note: string): string {
  const m = /^([a-z]+)\s*[：:]\s*(.*)$/s.exec(note)
  return m && ESCALATION_HEX[m[1]] ? `${escalationColorLabel(m[1])}：${m[2]}` : note
}

/** The note the server writes when a resolved request nobody rated closes by itself. */
export const AUTO_CLOSE_NOTE = '逾期未评价，自动关闭'

/** An event's note as shown: escalation colours and the server's fixed notes localized. */
export function eventNote(e: Pick<RequestEvent, 'kind' | 'note'>): string {
  if (!e.note) return ''
  if (e.kind === 'escalate') return escalateNote(e.note)
  if (e.kind === 'close' && e.note === AUTO_CLOSE_NOTE) return t('requests.autoClosed')
  return e.note
}

/**
 * "2 条新诉求，1 条升级" for live updates: new requests, ones whose escalation level rose above
 * what the page knew (`knownLevel`), and the other changes.
 */
export function updatesNotice(items: RequestUpdate[], knownLevel: (id: string) => number): string {
  const created = items.filter((i) => i.new).length
  const escalated = items.filter((i) => !i.new && (i.escalation?.level ?? 0) > knownLevel(i.id)).length
  const changed = items.length - created - escalated
  const parts: string[] = []
  if (created) parts.push(t('requests.updates.new', { n: created }))
  if (escalated) parts.push(t('requests.updates.escalated', { n: escalated }))
  if (changed) parts.push(t('requests.updates.changed', { n: changed }))
  return parts.join(t('requests.updates.sep'))
}

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** Colour of a status tag: waiting for someone = warning, being handled = primary, done = success. */
export function statusTagType(s: RequestStatus | string | null | undefined): TagType {
  switch (s) {
    case 'submitted':
    case 'reopened':
    case 'waiting_on_resident':
      return 'warning'
    case 'accepted':
    case 'assigned':
    case 'in_progress':
      return 'primary'
    case 'resolved':
    case 'closed':
      return 'success'
    case 'rejected':
      return 'danger'
    default:
      return 'info'
  }
}

export function priorityTagType(p: string | null | undefined): TagType {
  return p === 'urgent' ? 'danger' : p === 'high' ? 'warning' : 'info'
}

export function actorName(a: EventActor): string {
  if (!a) return ''
  if (typeof a === 'string') return a
  return a.display_name || a.name || a.username || (a.id ? `#${a.id}` : '')
}

/** Anyone but a resident works requests (queue tabs, hotline fields, internal notes). */
export const isStaffRole = (role: string | null | undefined) => !!role && role !== 'resident'

// ---- categories (GET /requests/categories, the same for everyone) ----
export const categories = ref<Category[]>([])
let categoriesLoading: Promise<void> | null = null

export function loadCategories(): Promise<void> {
  if (!categoriesLoading) {
    categoriesLoading = listCategories()
      .then((res) => {
        categories.value = res.items ?? []
      })
      .catch(() => {
        categoriesLoading = null
      })
  }
  return categoriesLoading
}

export function categoryName(c: Category): string {
  return currentLocale.value === 'en' && c.name_en ? c.name_en : c.name
}

const byCode = computed(() => new Map(categories.value.map((c) => [c.code, c])))

/** The category's name in the current language; the server's name when the list lacks it. */
export function categoryLabel(code: string | null | undefined, fallback?: string | null): string {
  const c = code ? byCode.value.get(code) : undefined
  if (c) return categoryName(c)
  return fallback || (code ?? '') || t('requests.uncategorized')
}

/** The national classes and the community-needs class, each with its categories. */
export const categoryTree = computed(() => {
  const top = categories.value.filter((c) => !c.parent)
  return top.map((p) => ({ ...p, children: categories.value.filter((c) => c.parent === p.code) }))
})
