import { t, te } from '@/locales'
import type { Scope } from '@/api/auth'

export function roleLabel(role: string | undefined | null): string {
  if (!role) return ''
  return te(`roles.${role}`) ? t(`roles.${role}`) : role
}

export function scopeKindLabel(kind: string | undefined | null): string {
  if (!kind) return ''
  return te(`scopeKinds.${kind}`) ? t(`scopeKinds.${kind}`) : kind
}

export function scopeLabel(scope: Scope | undefined | null): string {
  if (!scope) return ''
  const kind = scopeKindLabel(scope.kind)
  return scope.name ? `${kind} · ${scope.name}` : `${kind} ${scope.id}`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Local time as YYYY-MM-DD HH:mm:ss. */
export function formatTime(iso: string | undefined | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  )
}

/** ISO 8601 with the browser's UTC offset, e.g. 2026-11-22T00:00:00+08:00. */
export function toIsoWithOffset(d: Date): string {
  const off = -d.getTimezoneOffset()
  const sign = off >= 0 ? '+' : '-'
  const abs = Math.abs(off)
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}
