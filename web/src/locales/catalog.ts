// The server's message catalogs (src/common/messages/<locale>.json, compiled into linli too):
// the text of an error's or an import problem's `key`, its `{name}` parameters filled in. Keys
// hold dots ("id_number.check"), so they are looked up here, not through vue-i18n paths.
import zh from '../../../src/common/messages/zh-CN.json'
import en from '../../../src/common/messages/en.json'
import { currentLocale } from './index'

const CATALOGS: Record<string, Record<string, string>> = { 'zh-CN': zh, en }

/** The text of `key` in the current language, or undefined when no catalog has it. */
export function catalogText(key: string | undefined, params: Record<string, string> = {}): string | undefined {
  if (!key) return undefined
  const text = CATALOGS[currentLocale.value]?.[key] ?? CATALOGS['zh-CN'][key]
  if (text === undefined) return undefined
  return text.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m)
}
