// The UI's strings live beside the code that shows them: `src/views/<module>/locales/<lang>.json`
// for a module's pages, `src/locales/common/<lang>.json` for what several use (layout, shared
// components, errors, vocabularies). `src/locales/index.ts` merges them in the browser; this
// script is the check run by `npm run build`, and `mergedLocale(lang)` gives the browser tests
// the same merged messages.
//
//   node scripts/locales.mjs    exits 1, naming file and key, when two files of a language
//                               define the same key, or a key (or file) exists in one
//                               language and not in the other.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SRC = path.join(WEB, 'src')

/** The languages of the UI; the first is the default. */
export const LANGUAGES = ['zh-CN', 'en']

/** The folders that hold locale files, relative to src/: common first, then each view module. */
function localeDirs() {
  const views = path.join(SRC, 'views')
  const modules = fs
    .readdirSync(views, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(views, d.name, 'locales')))
    .map((d) => `views/${d.name}/locales`)
    .sort()
  return ['locales/common', ...modules]
}

const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(SRC, rel), 'utf8'))
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Every leaf key of `messages` as a dotted path. */
function leafKeys(messages, prefix = '') {
  return Object.entries(messages).flatMap(([k, v]) => (isObject(v) ? leafKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

/**
 * Merges the files of `lang` into one messages object; `problems` collects every key defined by
 * two files (or a leaf in one and a section in another).
 */
function merge(lang, problems) {
  const messages = {}
  const definedIn = new Map()
  for (const dir of localeDirs()) {
    const rel = `${dir}/${lang}.json`
    if (!fs.existsSync(path.join(SRC, rel))) continue
    const into = (target, source, prefix) => {
      for (const [k, v] of Object.entries(source)) {
        const key = prefix + k
        if (isObject(v) && (target[k] === undefined || isObject(target[k]))) {
          target[k] ??= {}
          definedIn.set(key, definedIn.get(key) ?? rel)
          into(target[k], v, key + '.')
        } else if (target[k] !== undefined) {
          problems.push(`${key}: defined in both ${definedIn.get(key)} and ${rel}`)
        } else {
          target[k] = v
          definedIn.set(key, rel)
        }
      }
    }
    into(messages, readJson(rel), '')
  }
  return messages
}

/** The merged messages of one language, as the app sees them. Throws on a duplicate key. */
export function mergedLocale(lang) {
  if (!LANGUAGES.includes(lang)) throw new Error(`unknown language ${lang} (${LANGUAGES.join(', ')})`)
  const problems = []
  const messages = merge(lang, problems)
  if (problems.length) throw new Error(`locale files of ${lang}:\n  ${problems.join('\n  ')}`)
  return messages
}

/** Every problem of the locale files, as lines naming file and key; empty when they are sound. */
export function checkLocales() {
  const problems = []
  for (const lang of LANGUAGES) merge(lang, problems)
  for (const dir of localeDirs()) {
    const present = LANGUAGES.filter((lang) => fs.existsSync(path.join(SRC, `${dir}/${lang}.json`)))
    for (const lang of LANGUAGES.filter((l) => !present.includes(l))) problems.push(`${dir}/${lang}.json: missing`)
    const keys = Object.fromEntries(present.map((lang) => [lang, new Set(leafKeys(readJson(`${dir}/${lang}.json`)))]))
    for (const lang of present) {
      for (const other of present.filter((l) => l !== lang)) {
        for (const key of keys[lang]) if (!keys[other].has(key)) problems.push(`${dir}/${other}.json: no ${key} (${lang} has it)`)
      }
    }
  }
  for (const stray of ['locales/zh-CN.json', 'locales/en.json']) {
    if (fs.existsSync(path.join(SRC, stray))) problems.push(`${stray}: strings belong in locales/common/ or views/<module>/locales/`)
  }
  return problems
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkLocales()
  if (problems.length) {
    console.error(`locales: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }
  const counts = LANGUAGES.map((lang) => `${lang} ${leafKeys(mergedLocale(lang)).length}`)
  console.log(`locales: ${localeDirs().length} folders, keys ${counts.join(', ')}`)
}
