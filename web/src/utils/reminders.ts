// Inspection reminders as the page shows them: one card per asset and due date. The scan may
// write two reminders for one inspection (due_soon, then overdue once the date passed); the
// card shows the worse kind, the notice of whichever told the residents, and acts on one of them.
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'
import { t } from '@/locales'
import type { AssetReminder, ReminderKind } from '@/api/reminders'
import { isoDate } from '@/utils/registry'

export interface ReminderCard {
  key: string
  asset_id: string
  asset_name: string
  asset_kind: string
  address: string
  due_on: string
  kind: ReminderKind
  done: boolean
  /** The notice that told the residents, once one of the reminders was confirmed. */
  notice_id: string | null
  confirmed: boolean
  /** The reminder to confirm or record the inspection on (the newest). */
  id: string
  /** Open and past its due date (red), also before the next scan wrote the overdue one. */
  late: boolean
}

export function reminderCards(items: AssetReminder[], today = isoDate()): ReminderCard[] {
  const byKey = new Map<string, AssetReminder[]>()
  for (const r of items) {
    const key = `${r.asset_id}@${r.due_on}`
    byKey.set(key, [...(byKey.get(key) ?? []), r])
  }
  const cards: ReminderCard[] = []
  for (const [key, rs] of byKey) {
    const newest = rs.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a))
    const told = rs.find((r) => r.notice_id || r.confirmed_at)
    const done = rs.some((r) => r.done)
    cards.push({
      key,
      asset_id: newest.asset_id,
      asset_name: newest.asset_name,
      asset_kind: newest.asset_kind,
      address: newest.address,
      due_on: newest.due_on,
      kind: rs.some((r) => r.kind === 'overdue') ? 'overdue' : 'due_soon',
      done,
      notice_id: told?.notice_id ?? null,
      confirmed: !!told,
      id: newest.id,
      late: !done && newest.due_on < today,
    })
  }
  // Open ones first, then the soonest due.
  return cards.sort((a, b) => Number(a.done) - Number(b.done) || a.due_on.localeCompare(b.due_on))
}

/** A colleague acted first (409: told or inspected already) or it left my area (404). */
export const isStaleReminder = (e: unknown) => e instanceof ApiError && (e.status === 409 || e.status === 404)

/**
 * The error handler of a dialog acting on a reminder (useFormDialog's handleError): when the
 * reminder is stale, says so and calls `then` (close the dialog, reload the list).
 */
export function staleReminderHandler(then: () => void) {
  return (e: unknown) => {
    if (!isStaleReminder(e)) return false
    ElMessage({ type: 'warning', message: t('reminders.changed') })
    then()
    return true
  }
}
