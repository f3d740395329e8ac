// Shared helpers for the browser tests: a real `linli serve` on a free loopback port with a
// fresh data directory and the demo accounts, and Debian's chromium driven by playwright-core.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const LINLI_BIN = process.env.LINLI_BIN || path.join(REPO, 'build/linli')
export const WEB_DIR = process.env.LINLI_WEB_DIR || path.join(REPO, 'web/dist')
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium'
export const DEMO_PASSWORD = 'Linli@2026'

/**
 * The instant the server's clock starts at: LINLI_TEST_NOW, else a Wednesday morning in
 * Asia/Shanghai. The tests must pass whatever it is (a Friday evening, a Sunday, a holiday).
 */
export const TEST_NOW = process.env.LINLI_TEST_NOW || '2026-12-02T10:00:00+08:00'
if (Number.isNaN(Date.parse(TEST_NOW))) throw new Error(`LINLI_TEST_NOW is not an ISO 8601 time: ${TEST_NOW}`)
/** The street's local time (the server keeps +08:00); browsers are given the same zone. */
export const TIME_ZONE = 'Asia/Shanghai'
const OFFSET_MS = 8 * 3600e3

/** The demo accounts of `linli serve --demo` (docs/http-api.md). */
export const DEMO = [
  { username: 'street_admin', role: 'street_admin', kind: 'street', scope: '幸福街道' },
  { username: 'community_admin', role: 'community_admin', kind: 'community', scope: '和平社区' },
  { username: 'community_staff', role: 'community_staff', kind: 'community', scope: '和平社区' },
  { username: 'grid_worker', role: 'grid_worker', kind: 'grid', scope: '和平社区第一网格' },
  { username: 'department', role: 'department', kind: 'street', scope: '幸福街道' },
  { username: 'org', role: 'org', kind: 'street', scope: '幸福街道' },
  { username: 'volunteer', role: 'volunteer', kind: 'community', scope: '和平社区' },
  { username: 'resident', role: 'resident', kind: 'grid', scope: '和平社区第一网格' },
]

/** The UI's own locale files, so tests follow the strings the app shows. */
export const zhCN = (await import('../../web/scripts/locales.mjs')).mergedLocale('zh-CN')
export const en = (await import('../../web/scripts/locales.mjs')).mergedLocale('en')

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

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
 * Starts `linli serve --demo` and resolves once GET /healthz answers 200. The server runs on a
 * test clock that starts at `clockStart` (default TEST_NOW) and runs at real speed; clockNow()
 * reads it (ms) and advanceClock(seconds) moves it forward. clock=false: the real clock.
 * Returns { url, dataDir, output(), stop(), clockNow(), advanceClock() }.
 */
export async function startServer({ timeoutMs = 20000, extraArgs = [], clock = true, clockStart = TEST_NOW } = {}) {
  if (!fs.existsSync(LINLI_BIN)) throw new Error(`linli binary not found at ${LINLI_BIN} (build it, or set LINLI_BIN)`)
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIR}/index.html missing: run "cd web && npm ci && npm run build" first`)
  }
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'))
  const url = `http://127.0.0.1:${port}`
  const clockArgs = clock ? ['--clock-start', clockStart, '--test-clock'] : []
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--web-dir', WEB_DIR, '--demo', ...clockArgs, ...extraArgs]
  const child = spawn(LINLI_BIN, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  let exited = null
  child.on('exit', (code, signal) => (exited = { code, signal }))
  child.on('error', (error) => (exited = { error: String(error) }))

  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exited) throw new Error(`linli serve exited early (${JSON.stringify(exited)}):\n${out}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.status === 200) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`linli serve not healthy within ${timeoutMs} ms:\n${out}`)
    }
    await sleep(100)
  }

  async function stop() {
    if (!exited && child.exitCode === null && child.signalCode === null) {
      const done = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000)
      await done
      clearTimeout(timer)
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  async function clockCall(init) {
    if (!clock) throw new Error('this server runs on the real clock (startServer({ clock: false }))')
    const r = await fetch(`${url}/api/v1/testing/clock`, init)
    const text = await r.text()
    if (r.status !== 200) throw new Error(`${init?.method ?? 'GET'} /api/v1/testing/clock -> ${r.status} ${text}`)
    return Number(JSON.parse(text).now_ms)
  }
  return {
    url,
    dataDir,
    output: () => out,
    stop,
    /** The server's time now, in ms since the epoch. */
    clockNow: () => clockCall(),
    /** Moves the server's time `seconds` forward; resolves with its new time (ms). */
    advanceClock: (seconds) =>
      clockCall({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_s: Math.round(seconds) }) }),
  }
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

/** Logs in through the API only (fills the audit log quickly). */
export async function loginAPI(baseUrl, username, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  return res
}

/**
 * A signed-in API client for setting up data: { get, post, patch, del, raw } answering
 * { status, body } (body parsed as JSON when possible). Uses the session cookie + CSRF header.
 */
export async function apiAs(baseUrl, username, password = DEMO_PASSWORD) {
  const res = await loginAPI(baseUrl, username, password)
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  const { csrf_token: csrf } = await res.json()
  const cookie = res.headers.get('set-cookie').split(';')[0]
  async function call(method, p, body, headers = {}) {
    const init = { method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...headers } }
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) init.body = body
      else {
        init.body = JSON.stringify(body)
        init.headers['Content-Type'] = 'application/json'
      }
    }
    const r = await fetch(baseUrl + p, init)
    const text = await r.text()
    let parsed = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      /* not JSON */
    }
    return { status: r.status, body: parsed, headers: r.headers }
  }
  return {
    get: (p) => call('GET', p),
    post: (p, b, h) => call('POST', p, b, h),
    patch: (p, b) => call('PATCH', p, b),
    del: (p) => call('DELETE', p),
  }
}

/** Calls the API and fails loudly unless the status is the expected one; returns the body. */
export async function must(promise, status, what) {
  const r = await promise
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

/** A valid GB 11643 ID number: 6-digit region + YYYYMMDD + 3-digit sequence + check character. */
export function idNumber(region, birth, seq) {
  const base = `${region}${birth}${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(base[i]) * w[i]
  return base + '10X98765432'[s % 11]
}

/** The same number with a wrong check character. */
export function badCheck(id) {
  const last = id[17]
  const other = last === '1' ? '2' : '1'
  return id.slice(0, 17) + other
}

/** A short unique suffix so tests do not collide with demo data or each other. */
export const uniq = () => `${Date.now() % 1000000}${Math.floor(Math.random() * 90 + 10)}`

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
export const SHOTS = process.env.LINLI_SCREENSHOTS || '/tmp'

/** Pixels the page scrolls sideways (0 when it fits the screen). */
export const sideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

/** A phone-sized browser context of `env` (from setup()) signed in as `username`: { context, page }. */
export async function phonePage(env, username) {
  const context = await env.browser.newContext(PHONE)
  const page = await context.newPage()
  await loginUI(page, env.url, username)
  return { context, page }
}

/** Opens a sidebar entry through the phone drawer and waits for its page. */
export async function navigate(page, testid, pathname) {
  await page.getByTestId('menu-toggle').click()
  await page.getByTestId(testid).click()
  await page.waitForURL((u) => u.pathname === pathname)
}

/** The next response to a `method` request whose URL passes `test(url: URL)`. */
export const answer = (page, method, test) =>
  page.waitForResponse((r) => r.request().method() === method && test(new URL(r.url())))
