// Locale handling: zh-CN first, en second. The choice is remembered in localStorage
// and drives vue-i18n, Element Plus and <html lang>.
import { createI18n } from 'vue-i18n'
import { computed, ref } from 'vue'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import zhCN from './zh-CN.json'
import en from './en.json'

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

const current = ref<LocaleCode>(initialLocale())

export const i18n = createI18n({
  legacy: false,
  locale: current.value,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
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
