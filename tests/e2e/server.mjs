// Shared helpers for the browser tests, built on tests/support: a real `linli serve` on its own
// loopback port with a fresh data directory and the demo accounts, and Debian's chromium driven
// by playwright-core.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { REPO, DEMO_PASSWORD, TEST_NOW, sleep, startLinli } from '../support/server.mjs'

export { REPO, LINLI_BIN, DEMO, DEMO_PASSWORD, TEST_NOW } from '../support/server.mjs'
export { loginAPI, apiAs, must } from '../support/http.mjs'
export { idNumber, badCheck } from '../support/id_number.mjs'
export const WEB_DIR = process.env.LINLI_WEB_DIR || path.join(REPO, 'web/dist')
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium'

/** The street's local time (the server keeps +08:00); browsers are given the same zone. */
export const TIME_ZONE = 'Asia/Shanghai'
const OFFSET_MS = 8 * 3600e3

/** The UI's own locale files, so tests follow the strings the app shows. */
export const zhCN = (await import('../../web/scripts/locales.mjs')).mergedLocale('zh-CN')
export const en = (await import('../../web/scripts/locales.mjs')).mergedLocale('en')

/**
 * Waits until `check()` (sync or async) returns something truthy and resolves with it; asks again
 * every `every` ms and fails after `timeout` ms, naming `what` and the last value seen.
 */
export async function until(check, { timeout = 10000, every = 100, what = 'the condition' } = {}) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    last = await check()
    if (last) return last
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeout} ms (last: ${JSON.stringify(last)})`)
    await sleep(every)
  }
}

/** YYYY-MM-DD of the street's local date (+08:00) at `ms`, `days` later. */
export function localDate(ms, days = 0) {
  return new Date(ms + OFFSET_MS + days * 86400e3).toISOString().slice(0, 10)
}
/** The date `n` days after the date `ymd`. */
export const addDays = (ymd, n) => new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10)

/**
 * Starts `linli serve --demo` (on a port of its own, with a fresh data dir) and resolves once
 * GET /healthz answers 200. The server runs on a test clock that starts at `clockStart`
 * (default TEST_NOW) and runs at real speed; clockNow() reads it (ms) and advanceClock(seconds)
 * moves it forward. clock=false: the real clock; demo=false: no demo data (a street not set up yet).
 * Returns { url, dataDir, output(), stop(), clockNow(), advanceClock() }.
 */
export async function startServer({ timeoutMs = 20000, extraArgs = [], clock = true, clockStart = TEST_NOW, demo = true } = {}) {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIR}/index.html missing: run "cd web && npm ci && npm run build" first`)
  }
  return startLinli({
    extraArgs,
    freshDataDir: () => fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-')),
    webDir: WEB_DIR,
    cwd: REPO,
    clock,
    clockStart,
    timeoutMs,
    demo,
  })
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
}

/**
 * The browser as the tests use it: every context it makes (newContext, newPage) is in the
 * street's time zone and has its clock installed at the server's time, running at real speed,
 * so what a page computes from Date.now() ("due in 3 hours", today's date) agrees with the
 * server. `contexts` keeps the open ones, so advancing the server's clock moves theirs too.
 */
function serverTimedBrowser(browser, server, contexts) {
  async function newContext(options = {}) {
    const context = await browser.newContext({ timezoneId: TIME_ZONE, ...options })
    try {
      await context.clock.install({ time: await server.clockNow() })
    } catch (e) {
      await context.close().catch(() => {})
      throw e
    }
    contexts.add(context)
    context.on('close', () => contexts.delete(context))
    return context
  }
  async function newPage(options) {
    const context = await newContext(options)
    const page = await context.newPage()
    page.on('close', () => context.close().catch(() => {}))
    return page
  }
  return new Proxy(browser, {
    get(target, prop) {
      if (prop === 'newContext') return newContext
      if (prop === 'newPage') return newPage
      const v = Reflect.get(target, prop)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

/**
 * Sets up a server and a browser for a test file; call in before()/after().
 * env.clockNow() is the server's time (ms); env.advanceClock(seconds) moves the server's clock
 * and every open browser context's clock forward together.
 */
export async function setup(options = {}) {
  const server = await startServer(options)
  let raw
  try {
    raw = await launchBrowser()
  } catch (e) {
    await server.stop()
    throw e
  }
  const contexts = new Set()
  const browser = options.clock === false ? raw : serverTimedBrowser(raw, server, contexts)
  return {
    server,
    browser,
    url: server.url,
    clockNow: () => server.clockNow(),
    async advanceClock(seconds) {
      const now = await server.advanceClock(seconds)
      for (const context of contexts) await context.clock.fastForward(Math.round(seconds) * 1000)
      return now
    },
    async teardown() {
      await raw.close().catch(() => {})
      await server.stop()
    },
  }
}

/**
 * Sets the browser clock of `context` (or a page's) back to the server's time, e.g. after a test
 * paused it with page.clock.pauseAt() and let it run by hand.
 */
export async function syncClock(env, context) {
  await context.clock.setSystemTime(await env.clockNow())
  await context.clock.resume()
}

/** Fills the login form and waits until the app left /login. */
export async function loginUI(page, baseUrl, username, password = DEMO_PASSWORD) {
  if (!page.url().includes('/login')) await page.goto(`${baseUrl}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 10000 })
}

/** A short unique suffix so tests do not collide with demo data or each other. */
export const uniq = () => `${Date.now() % 1000000}${Math.floor(Math.random() * 90 + 10)}`

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
export const SHOTS = process.env.LINLI_SCREENSHOTS || '/tmp'

/** Pixels the page scrolls sideways (0 when it fits the screen). */
export const sideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

/**
 * A phone-sized browser context of `env` (from setup()) signed in as `username`: { context, page }.
 * pollMs: how often the app's pages poll for updates (window.__LINLI_POLL_MS__), when a test
 * wants it faster than the app's own.
 */
export async function phonePage(env, username, { pollMs } = {}) {
  const context = await env.browser.newContext(PHONE)
  if (pollMs !== undefined) {
    await context.addInitScript((ms) => {
      window.__LINLI_POLL_MS__ = ms
    }, pollMs)
  }
  const page = await context.newPage()
  await loginUI(page, env.url, username)
  return { context, page }
}

/**
 * Opens the phone's menu drawer and, when the entry `testid` sits in a closed group (the drawer
 * opens only the current page's), taps that group open; resolves with the visible entry. An
 * entry the user does not have is not waited for: the locator is returned as it is.
 */
export async function menuEntry(page, testid) {
  await page.getByTestId('menu-toggle').click()
  await page.getByTestId('nav-menu').waitFor({ state: 'visible' })
  const entry = page.getByTestId(testid)
  if ((await entry.count()) === 0) return entry
  const group = page.locator('.el-sub-menu', { has: entry })
  if ((await group.count()) > 0 && !(await group.getAttribute('class')).includes('is-opened')) {
    await group.locator('.el-sub-menu__title').click()
  }
  await entry.waitFor({ state: 'visible' })
  return entry
}

/** Opens a menu entry through the phone drawer and waits for its page. */
// On a loaded CI machine a tap that lands while the drawer or a menu group is still sliding open
// can be lost (the run of 2026-12-04 timed out so in call_list (c)); a person taps again, so does
// this, once, and then waits as long as before.
export async function navigate(page, testid, pathname) {
  const there = (u) => u.pathname === pathname
  await (await menuEntry(page, testid)).click()
  try {
    await page.waitForURL(there, { timeout: 10000 })
  } catch {
    if (!(await page.getByTestId('nav-menu').isVisible())) await (await menuEntry(page, testid)).click()
    else await page.getByTestId(testid).click()
    await page.waitForURL(there)
  }
}

/** The next response to a `method` request whose URL passes `test(url: URL)`. */
export const answer = (page, method, test) =>
  page.waitForResponse((r) => r.request().method() === method && test(new URL(r.url())))
