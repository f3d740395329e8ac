// Shared helpers for the black-box HTTP API tests (docs/http-api.md is the contract), built on
// tests/support (server start, HTTP helpers). Each test file starts its own `linli serve --demo`
// on its own port with a fresh data directory, so files are independent and can run side by
// side. Only Node built-ins are used.
//
// Directory layout of one server: a fresh temp dir T is the data dir (T/secret.key, the
// database) and T/web is the web dir, so "/../secret.key" from the web root would reach the
// data dir's secret key: the path traversal tests can really fail.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import assert from 'node:assert/strict'
import { LINLI_BIN, sleep, startLinli } from '../support/server.mjs'
import { api, login } from '../support/http.mjs'

export { REPO, LINLI_BIN, DEMO, DEMO_PASSWORD, TEST_NOW, sleep, freePort, withFreePort, PortCollision } from '../support/server.mjs'
export { login, api, as, parseResponses, rawRequest, connect } from '../support/http.mjs'

export const INDEX_HTML = '<!doctype html><html><head><title>linli test</title></head><body><div id="app">linli-index-marker</div></body></html>\n'
export const APP_JS = 'console.log("linli-app-js-marker");\n'

/** A fresh temp dir holding the web dir layout the static-file tests need. */
function makeDirs() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-api-'))
  const webDir = path.join(dataDir, 'web')
  fs.mkdirSync(path.join(webDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX_HTML)
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc.js'), APP_JS)
  return dataDir
}

/**
 * Starts `$LINLI_BIN serve --listen 127.0.0.1:<port> --data-dir <fresh> --web-dir <dir>
 * --demo ...extraArgs` and resolves once GET /healthz answers 200 (tests/support/server.mjs).
 * Without opts.port the server picks a free port itself; opts.port names the port (start such a
 * server inside withFreePort()), and with opts.listen=false leaves out --listen (opts.port then
 * names the port the server is expected on, e.g. from LINLI_LISTEN or a config file).
 * opts.dataDir: start on that data dir (a restart); opts.env adds environment variables;
 * opts.demo=false starts without --demo.
 * The server runs on a test clock starting at opts.clockStart (default TEST_NOW, or where the
 * previous server of the same data dir had got to), which srv.clockNow() reads and
 * srv.advanceClock(seconds) moves forward; opts.clock=false runs it on the real clock without
 * the test clock routes.
 * Returns {base, port, dataDir, webDir, proc, output(), exited, stop(), clockNow(), advanceClock()}.
 */
export function startServer(extraArgs = [], opts = {}) {
  return startLinli({
    extraArgs,
    dataDir: opts.dataDir,
    freshDataDir: makeDirs,
    webDir: (dataDir) => path.join(dataDir, 'web'),
    cwd: (dataDir) => dataDir,
    port: opts.port,
    listen: opts.listen,
    env: opts.env,
    clock: opts.clock,
    clockStart: opts.clockStart,
    timeoutMs: opts.timeoutMs,
    demo: opts.demo,
  })
}

/** The server's message catalog (src/common/messages): every `key` an error carries is in it. */
const CATALOG = JSON.parse(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../../src/common/messages/zh-CN.json'), 'utf8'))

/** Asserts an error answer: status, JSON body {error:{code,message,field?,key?,params?,request_id}}, X-Request-Id. */
export function assertError(res, status, code, field) {
  const ctx = `${res.status} ${res.text?.slice(0, 300)}`
  assert.equal(res.status, status, `status: ${ctx}`)
  assert.match(res.headers.get('content-type') || '', /application\/json/, `content type: ${ctx}`)
  assert.ok(res.json && typeof res.json.error === 'object' && res.json.error !== null, `error body: ${ctx}`)
  const e = res.json.error
  assert.equal(e.code, code, `error code: ${ctx}`)
  assert.equal(typeof e.message, 'string', `error message: ${ctx}`)
  assert.ok(e.message.length > 0, `error message empty: ${ctx}`)
  for (const k of Object.keys(e)) assert.ok(['code', 'message', 'field', 'key', 'params', 'request_id'].includes(k), `unexpected error key ${k}: ${ctx}`)
  if (e.key !== undefined) {
    assert.ok(CATALOG[e.key], `error key ${e.key} is in the message catalog: ${ctx}`)
    assert.equal(typeof e.params, 'object', `error params: ${ctx}`)
  }
  if (field !== undefined) assert.equal(e.field, field, `error field: ${ctx}`)
  const rid = res.headers.get('x-request-id')
  assert.ok(rid && rid.length > 0, `X-Request-Id header missing: ${ctx}`)
  assert.equal(e.request_id, rid, `error.request_id must equal X-Request-Id: ${ctx}`)
  return e
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
