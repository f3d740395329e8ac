// How the workload page reads the numbers: who is overloaded (well above the average of those at
// work), who is idle (nothing open, not away), the load bar, and dates for leave.
import type { WorkloadPerson } from '@/api/requestWorkload'

export type LoadState = 'leave' | 'overloaded' | 'idle' | 'normal'

/** Overloaded: at least this many times the average load of those at work... */
export const OVERLOAD_FACTOR = 1.5
/** ...and at least this many open requests (one request is never "overloaded"). */
export const OVERLOAD_MIN_OPEN = 3

export function loadStates(people: WorkloadPerson[]): Map<string, LoadState> {
  const working = people.filter((p) => !p.on_leave)
  const avg = working.length ? working.reduce((s, p) => s + p.weight, 0) / working.length : 0
  const out = new Map<string, LoadState>()
  for (const p of people) {
    if (p.on_leave) out.set(p.user_id, 'leave')
    else if (p.open === 0) out.set(p.user_id, 'idle')
    else if (working.length > 1 && p.open >= OVERLOAD_MIN_OPEN && p.weight >= avg * OVERLOAD_FACTOR) out.set(p.user_id, 'overloaded')
    else out.set(p.user_id, 'normal')
  }
  return out
}

/** The bar's length in percent of the heaviest person's load. */
export function loadPercent(p: WorkloadPerson, maxWeight: number): number {
  if (maxWeight <= 0 || p.weight <= 0) return 0
  return Math.max(2, Math.round((p.weight / maxWeight) * 100))
}

const pad = (n: number) => String(n).padStart(2, '0')

/** YYYY-MM-DD of a local date, `days` from today. */
export function localDate(days = 0): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A leave that has not begun yet (a current one has on_leave; a past one is not shown). */
export const leavePlanned = (p: WorkloadPerson) => !!p.leave && !p.on_leave && p.leave.from > localDate()
