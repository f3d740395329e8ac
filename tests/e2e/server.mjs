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
export const zhCN = JSON.parse(fs.readFileSync(path.join(REPO, 'web/src/locales/zh-CN.json'), 'utf8'))
export const en = JSON.parse(fs.readFileSync(path.join(REPO, 'web/src/locales/en.json'), 'utf8'))

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
 * Starts `linli serve --demo` and resolves once GET /healthz answers 200.
 * Returns { url, dataDir, output(), stop() }.
 */
export async function startServer({ timeoutMs = 20000, extraArgs = [] } = {}) {
  if (!fs.existsSync(LINLI_BIN)) throw new Error(`linli binary not found at ${LINLI_BIN} (build it, or set LINLI_BIN)`)
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIR}/index.html missing: run "cd web && npm ci && npm run build" first`)
  }
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'))
  const url = `http://127.0.0.1:${port}`
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--web-dir', WEB_DIR, '--demo', ...extraArgs]
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
  return { url, dataDir, output: () => out, stop }
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

/** Sets up a server and a browser for a test file; call in before()/after(). */
export async function setup() {
  const server = await startServer()
  let browser
  try {
    browser = await launchBrowser()
  } catch (e) {
    await server.stop()
    throw e
  }
  return {
    server,
    browser,
    url: server.url,
    async teardown() {
      await browser.close().catch(() => {})
      await server.stop()
    },
  }
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
