// Visit (走访) wording and order: outcome names, how a due date reads, the due list's order.
import { t, te } from '@/locales'
import type { DueVisit } from '@/api/visits'
import { isoDate } from '@/utils/registry'

export function outcomeLabel(code: string | null | undefined): string {
  if (!code) return ''
  return te(`visits.outcome.${code}`) ? t(`visits.outcome.${code}`) : code
}

const DAY_MS = 86400000
/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** "已逾期 3 天" / "今天到期" / "11月27日前走访". */
export function dueText(v: Pick<DueVisit, 'due_on' | 'overdue'>, today = isoDate()): string {
  const late = daysBetween(v.due_on, today)
  if (v.overdue || late > 0) return late > 0 ? t('visits.overdueDays', { n: late }) : t('visits.overdue')
  if (late === 0) return t('visits.dueToday')
  return t('visits.dueBy', { date: v.due_on })
}

/** Overdue ones first, then the soonest due. */
export const dueOrder = (a: DueVisit, b: DueVisit) => Number(b.overdue) - Number(a.overdue) || a.due_on.localeCompare(b.due_on)

/** Every N days in words: 每周 / 每月 / 每 N 天. */
export function everyText(days: number): string {
  if (days === 7) return t('visits.everyWeek')
  if (days === 14) return t('visits.everyTwoWeeks')
  if (days === 30) return t('visits.everyMonth')
  return t('visits.everyDays', { n: days })
}
