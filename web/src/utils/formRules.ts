// Form rules several forms share.
import type { FormItemRule } from 'element-plus'
import { isoDate } from '@/utils/registry'

/** A required date (YYYY-MM-DD) no later than today, checked on change. */
export function pastDateRule(required: string, future: string): FormItemRule {
  return {
    trigger: 'change',
    validator: (_r, v, cb) => (!v ? cb(new Error(required)) : v > isoDate() ? cb(new Error(future)) : cb()),
  }
}

/** A text that is not only blanks, checked on blur. */
export function requiredText(message: string): FormItemRule {
  return { required: true, trigger: 'blur', validator: (_r, v, cb) => (String(v ?? '').trim() ? cb() : cb(new Error(message))) }
}
