// Locale handling: zh-CN first, en second. The choice is remembered in localStorage
// and drives vue-i18n, Element Plus and <html lang>. Strings live in `common/<lang>.json`
// (shared) and `views/<module>/locales/<lang>.json` (a module's own); `scripts/locales.mjs`
// checks at build time that no key is defined twice and both languages have the same keys.
import { createI18n } from 'vue-i18n'
import { computed, ref } from 'vue'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'

export type LocaleCode = 'zh-CN' | 'en'
export const LOCALES: LocaleCode[] = ['zh-CN', 'en']
export const LOCALE_STORAGE_KEY = 'linli.locale'

function initialLocale(): LocaleCode {
  try {
    const saved = localStorage.getItem(LOCALE_STORAGE_KEY)
    if (saved && (LOCALES as string[]).includes(saved)) return saved as LocaleCode
  } catch {
    /* storage unavailable: fall back to the default */
  }
  return 'zh-CN'
}

type Messages = { [key: string]: string | Messages }

/** Every locale file of `lang`, deep-merged (the build's check guarantees no key is in two). */
function messagesOf(files: Record<string, Messages>, lang: LocaleCode): Messages {
  const merge = (into: Messages, from: Messages) => {
    for (const [k, v] of Object.entries(from)) {
      if (typeof v === 'object' && typeof into[k] === 'object') merge(into[k] as Messages, v)
      else into[k] = typeof v === 'object' ? merge({}, v) : v
    }
    return into
  }
  const mine = Object.keys(files).filter((p) => p.endsWith(`/${lang}.json`)).sort()
  return mine.reduce((all, p) => merge(all, files[p]), {} as Messages)
}

const files = {
  ...import.meta.glob<Messages>('./common/*.json', { eager: true, import: 'default' }),
  ...import.meta.glob<Messages>('../views/*/locales/*.json', { eager: true, import: 'default' }),
}

const current = ref<LocaleCode>(initialLocale())

export const i18n = createI18n({
  legacy: false,
  locale: current.value,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': messagesOf(files, 'zh-CN'), en: messagesOf(files, 'en') },
  missingWarn: false,
  fallbackWarn: false,
})

export const currentLocale = computed(() => current.value)
export const elementLocale = computed(() => (current.value === 'en' ? elEn : elZhCn))

export function setLocale(code: LocaleCode) {
  current.value = code
  i18n.global.locale.value = code
  document.documentElement.lang = code
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, code)
  } catch {
    /* ignore */
  }
}

document.documentElement.lang = current.value

/** Translate outside components (request wrapper, router). */
export const t = i18n.global.t
export const te = i18n.global.te
