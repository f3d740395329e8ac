// Shared helpers for the black-box HTTP API tests (docs/http-api.md is the contract).
// Each test file starts its own `linli serve --demo` on a free loopback port with a fresh
// data directory, so files are independent. Only Node built-ins are used.
//
// Directory layout of one server: a fresh temp dir T is the data dir (T/secret.key, the
// database) and T/web is the web dir, so "/../secret.key" from the web root would reach the
// data dir's secret key: the path traversal tests can really fail.
import { spawn, execFile } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const LINLI_BIN = process.env.LINLI_BIN || path.join(REPO, 'build/linli')
export const DEMO_PASSWORD = 'Linli@2026'
export const INDEX_HTML = '<!doctype html><html><head><title>linli test</title></head><body><div id="app">linli-index-marker</div></body></html>\n'
export const APP_JS = 'console.log("linli-app-js-marker");\n'

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

/**
 * The instant the server's clock starts at, unless a test asks otherwise: LINLI_TEST_NOW
 * (ISO 8601, e.g. "2026-12-04T18:30:00+08:00" for a Friday evening in Asia/Shanghai), or a
 * Wednesday morning. Tests never depend on the day they happen to run on.
 */
export const TEST_NOW = process.env.LINLI_TEST_NOW || '2026-12-02T10:00:00+08:00'

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export function freePort() {
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

// Servers still running when the test process exits are killed, so no orphan is left behind.
const running = new Set()
process.on('exit', () => {
  for (const p of running) {
    try { p.kill('SIGKILL') } catch { /* gone */ }
  }
})

// Server time minus real time, per data dir: a server restarted on the same data carries on
// from the time its predecessor had reached (a clock that went back would reorder events).
const clockOffsets = new Map()

/** A temp dir holding the web dir layout the static-file tests need. */
function makeDirs() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-api-'))
  const webDir = path.join(dataDir, 'web')
  fs.mkdirSync(path.join(webDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX_HTML)
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc.js'), APP_JS)
  return { dataDir, webDir }
}

/**
 * Starts `$LINLI_BIN serve --listen 127.0.0.1:<free port> --data-dir <fresh> --web-dir <dir>
 * --demo ...extraArgs` and resolves once GET /healthz answers 200.
 * opts.listen=false leaves out --listen (opts.port then names the port the server is expected
 * on, e.g. from LINLI_LISTEN or a config file); opts.env adds environment variables.
 * The server runs on a test clock starting at opts.clockStart (default TEST_NOW), which
 * srv.clockNow() reads and srv.advanceClock(seconds) moves forward; opts.clock=false runs it
 * on the real clock without the test clock routes.
 * Returns {base, port, dataDir, webDir, proc, output(), exited, stop(), clockNow(), advanceClock()}.
 */
export async function startServer(extraArgs = [], opts = {}) {
  if (!fs.existsSync(LINLI_BIN)) throw new Error(`linli binary not found at ${LINLI_BIN} (set LINLI_BIN)`)
  const timeoutMs = opts.timeoutMs ?? 20000
  const port = opts.port ?? (await freePort())
  const { dataDir, webDir } = opts.dataDir ? { dataDir: opts.dataDir, webDir: path.join(opts.dataDir, 'web') } : makeDirs()
  const listenArgs = opts.listen === false ? [] : ['--listen', `127.0.0.1:${port}`]
  const carriedOn = clockOffsets.has(dataDir) ? new Date(Date.now() + clockOffsets.get(dataDir)).toISOString() : undefined
  const clockStart = opts.clockStart ?? carriedOn ?? TEST_NOW
  if (opts.clock !== false) clockOffsets.set(dataDir, Date.parse(clockStart) - Date.now())
  const clockArgs = opts.clock === false ? [] : ['--clock-start', clockStart, '--test-clock']
  const args = ['serve', ...listenArgs, '--data-dir', dataDir, '--web-dir', webDir, '--demo', ...clockArgs, ...extraArgs]
  const env = { ...process.env, ...(opts.env || {}) }
  const proc = spawn(LINLI_BIN, args, { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(proc)
  let stdout = ''
  let stderr = ''
  proc.stdout.on('data', (d) => (stdout += d))
  proc.stderr.on('data', (d) => (stderr += d))
  const state = { exit: null }
  const exitPromise = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      state.exit = { code, signal }
      running.delete(proc)
      resolve(state.exit)
    })
  })

  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (state.exit) {
      throw new Error(`linli serve exited early (${JSON.stringify(state.exit)}); args: ${args.join(' ')}\nstderr:\n${stderr}\nstdout:\n${stdout}`)
    }
    try {
      // A raw request with "Connection: close": no pooled keep-alive connection is left open
      // (it would count against --max-connections).
      const r = await rawRequest(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, { timeoutMs: 2000 })
      if (r.responses[0]?.status === 200) break
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL')
      await exitPromise
      throw new Error(`linli serve not healthy within ${timeoutMs} ms; args: ${args.join(' ')}\nstderr:\n${stderr}\nstdout:\n${stdout}`)
    }
    await sleep(50)
  }

  return {
    base,
    port,
    dataDir,
    webDir,
    proc,
    output: () => stdout + stderr,
    stderr: () => stderr,
    stdout: () => stdout,
    exited: exitPromise,
    /** The server's time, in ms since the epoch. */
    async clockNow() {
      const r = await fetch(`${base}/api/v1/testing/clock`)
      if (r.status !== 200) throw new Error(`GET /api/v1/testing/clock -> ${r.status}`)
      return Number((await r.json()).now_ms)
    },
    /** Moves the server's time forward; resolves to the new time in ms. */
    async advanceClock(seconds) {
      const r = await fetch(`${base}/api/v1/testing/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advance_s: Math.round(seconds) }),
      })
      if (r.status !== 200) throw new Error(`POST /api/v1/testing/clock -> ${r.status} ${await r.text()}`)
      const now = Number((await r.json()).now_ms)
      clockOffsets.set(dataDir, now - Date.now())
      return now
    },
    /** SIGTERM, then wait for the exit (SIGKILL after 10 s); resolves {code, signal}. */
    async stop({ keepDir = false } = {}) {
      if (!state.exit) {
        proc.kill('SIGTERM')
        const t = setTimeout(() => proc.kill('SIGKILL'), 10000)
        await exitPromise
        clearTimeout(t)
      }
      if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true })
      return state.exit
    },
  }
}

/** Logs in; throws unless 200. Returns {cookie: "linli_session=…", csrf, user, res}. */
export async function login(base, username, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const text = await res.text()
  if (res.status !== 200) throw new Error(`login ${username} -> ${res.status} ${text}`)
  const body = JSON.parse(text)
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('linli_session='))
  if (!setCookie) throw new Error(`login ${username}: no linli_session cookie`)
  const cookie = setCookie.split(';')[0]
  return { cookie, csrf: body.csrf_token, user: body.user, res, setCookie }
}

/**
 * One HTTP request with fetch. auth: {cookie, csrf} (csrf sent only when given) or {bearer}.
 * body: an object (sent as JSON) or a string (sent as is, with the given Content-Type).
 * Returns {status, headers, text, json}.
 */
export async function api(base, method, urlPath, { auth, body, headers = {}, contentType } = {}) {
  const h = { ...headers }
  if (auth?.cookie) h.Cookie = auth.cookie
  if (auth?.csrf) h['X-CSRF-Token'] = auth.csrf
  if (auth?.bearer) h.Authorization = `Bearer ${auth.bearer}`
  let payload
  if (body !== undefined) {
    payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)
    h['Content-Type'] = contentType ?? 'application/json'
  }
  const res = await fetch(base + urlPath, { method, headers: h, body: payload })
  const text = await res.text()
  let json
  try { json = JSON.parse(text) } catch { json = undefined }
  return { status: res.status, headers: res.headers, text, json }
}

/** Asserts an error answer: status, JSON body {error:{code,message,field?,request_id}}, X-Request-Id. */
export function assertError(res, status, code, field) {
  const ctx = `${res.status} ${res.text?.slice(0, 300)}`
  assert.equal(res.status, status, `status: ${ctx}`)
  assert.match(res.headers.get('content-type') || '', /application\/json/, `content type: ${ctx}`)
  assert.ok(res.json && typeof res.json.error === 'object' && res.json.error !== null, `error body: ${ctx}`)
  const e = res.json.error
  assert.equal(e.code, code, `error code: ${ctx}`)
  assert.equal(typeof e.message, 'string', `error message: ${ctx}`)
  assert.ok(e.message.length > 0, `error message empty: ${ctx}`)
  for (const k of Object.keys(e)) assert.ok(['code', 'message', 'field', 'request_id'].includes(k), `unexpected error key ${k}: ${ctx}`)
  if (field !== undefined) assert.equal(e.field, field, `error field: ${ctx}`)
  const rid = res.headers.get('x-request-id')
  assert.ok(rid && rid.length > 0, `X-Request-Id header missing: ${ctx}`)
  assert.equal(e.request_id, rid, `error.request_id must equal X-Request-Id: ${ctx}`)
  return e
}

/** Parses as many complete HTTP/1.1 responses as buf holds. */
export function parseResponses(buf) {
  const out = []
  let off = 0
  while (off < buf.length) {
    const headEnd = buf.indexOf('\r\n\r\n', off)
    if (headEnd < 0) break
    const head = buf.subarray(off, headEnd).toString('latin1')
    const lines = head.split('\r\n')
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0])
    if (!m) break
    const headers = {}
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':')
      if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim()
    }
    let bodyStart = headEnd + 4
    let body
    if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      const parts = []
      let p = bodyStart
      let done = false
      for (;;) {
        const le = buf.indexOf('\r\n', p)
        if (le < 0) break
        const size = parseInt(buf.subarray(p, le).toString('latin1'), 16)
        if (Number.isNaN(size)) break
        if (size === 0) { p = le + 4; done = true; break }
        if (le + 2 + size + 2 > buf.length) break
        parts.push(buf.subarray(le + 2, le + 2 + size))
        p = le + 2 + size + 2
      }
      if (!done) { out.push({ status: +m[1], headers, body: Buffer.concat(parts), complete: false }); break }
      body = Buffer.concat(parts)
      off = p
    } else if (headers['content-length'] !== undefined) {
      const n = parseInt(headers['content-length'], 10)
      if (bodyStart + n > buf.length) { out.push({ status: +m[1], headers, body: buf.subarray(bodyStart), complete: false }); break }
      body = buf.subarray(bodyStart, bodyStart + n)
      off = bodyStart + n
    } else {
      body = buf.subarray(bodyStart) // until close
      off = buf.length
    }
    out.push({ status: +m[1], headers, body, complete: true, text: body.toString('utf8') })
  }
  for (const r of out) if (r.text === undefined) r.text = r.body.toString('utf8')
  return out
}

/**
 * Raw exchange over a TCP socket. data: string/Buffer or an array of them (written in order).
 * Resolves when `expect` complete responses have arrived, or the server closed, or timeoutMs
 * passed: {responses, raw, closed, elapsed, error}.
 */
export function rawRequest(port, data, { timeoutMs = 5000, expect = 1, socket } = {}) {
  return new Promise((resolve) => {
    const started = Date.now()
    const sock = socket ?? net.connect(port, '127.0.0.1')
    let chunks = []
    let closed = false
    let error = null
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      const raw = Buffer.concat(chunks)
      sock.destroy()
      resolve({ responses: parseResponses(raw), raw, closed, elapsed: Date.now() - started, error })
    }
    const timer = setTimeout(finish, timeoutMs)
    sock.on('data', (d) => {
      chunks.push(d)
      const rs = parseResponses(Buffer.concat(chunks))
      if (rs.filter((r) => r.complete).length >= expect) finish()
    })
    sock.on('error', (e) => { error = e; closed = true; finish() })
    sock.on('close', () => { closed = true; finish() })
    for (const d of [].concat(data)) sock.write(d)
  })
}

/** Opens a TCP connection and resolves once connected. */
export function connect(port) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s))
    s.on('error', reject)
  })
}

/** Runs the linli CLI; resolves {code, stdout, stderr}. */
export function runCli(args, { env } = {}) {
  return new Promise((resolve) => {
    execFile(LINLI_BIN, args, { env: { ...process.env, ...(env || {}) }, timeout: 30000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr })
    })
  })
}

/** All pages of a list endpoint (page_size 200). */
export async function listAll(base, urlPath, auth) {
  const items = []
  for (let page = 1; ; page++) {
    const sep = urlPath.includes('?') ? '&' : '?'
    const r = await api(base, 'GET', `${urlPath}${sep}page=${page}&page_size=200`, { auth })
    assert.equal(r.status, 200, `${urlPath}: ${r.status} ${r.text}`)
    items.push(...r.json.items)
    if (items.length >= r.json.total || r.json.items.length === 0) return { items, total: r.json.total }
  }
}

/** Creates a user as `admin` (who must be allowed to) and signs them in (password longenough1). */
export async function addUser(base, admin, username, role, scope) {
  const r = await api(base, 'POST', '/api/v1/auth/users', {
    auth: { cookie: admin.cookie, csrf: admin.csrf },
    body: { username, display_name: username, password: 'longenough1', role, scope },
  })
  assert.equal(r.status, 201, r.text)
  return login(base, username, 'longenough1')
}

let added = 0
/** A new grid worker of another grid of the first community than `gridId`, signed in. */
export async function workerInOtherGrid(base, admin, gridId) {
  const places = await api(base, 'GET', '/api/v1/registry/places', { auth: { cookie: admin.cookie } })
  const other = places.json.streets[0].communities[0].grids.find((g) => g.id !== String(gridId))
  return addUser(base, admin, `gw_other_${Date.now()}_${++added}`, 'grid_worker', { kind: 'grid', id: other.id })
}

/**
 * Waits for a condition instead of sleeping: calls fn() (sync or async) until it returns a truthy
 * value, which is returned, and throws once timeoutMs has passed (fn throwing counts as "not
 * yet"; the last error is in the message).
 */
export async function waitFor(fn, { timeoutMs = 5000, intervalMs = 25, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    try {
      const v = await fn()
      if (v) return v
      last = undefined
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) {
      throw new Error(`waitFor: ${message} not met within ${timeoutMs} ms${last ? `; last error: ${last.message}` : ''}`)
    }
    await sleep(intervalMs)
  }
}

/** Every request visible to `auth` whose description contains `q`, by id (page by page). */
export async function requestsWith(base, auth, q) {
  const byId = new Map()
  for (let page = 1; ; ++page) {
    const r = await api(base, 'GET', `/api/v1/requests?q=${encodeURIComponent(q)}&page_size=200&page=${page}`, { auth })
    assert.equal(r.status, 200, r.text)
    for (const x of r.json.items) byId.set(x.id, x)
    if (r.json.items.length < 200) return byId
  }
}
