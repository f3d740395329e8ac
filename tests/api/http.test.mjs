// HTTP layer: routing errors, limits, timeouts, connections, request ids, logs, static files,
// health, metrics, OpenAPI and graceful shutdown (docs/http-api.md).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {
  startServer, login, api, assertError, rawRequest, connect, parseResponses, sleep, waitFor,
  REPO, INDEX_HTML, APP_JS,
} from './server.mjs'

// L: the main server of this file, with small body and header limits.
let L
const others = []
before(async () => { L = await startServer(['--max-body-bytes', '1024', '--max-header-bytes', '2048']) })
after(async () => {
  await L?.stop()
  for (const s of others) await s.stop()
})

/** Parses the JSON body of a raw response and checks the error shape. */
function assertRawError(r, status, code) {
  assert.ok(r, 'no response at all')
  const ctx = `${r.status} ${r.text?.slice(0, 300)}`
  assert.equal(r.status, status, `status: ${ctx}`)
  assert.match(r.headers['content-type'] || '', /application\/json/, ctx)
  const j = JSON.parse(r.text)
  assert.equal(j.error.code, code, ctx)
  assert.equal(typeof j.error.message, 'string', ctx)
  const rid = r.headers['x-request-id']
  assert.ok(rid, `X-Request-Id header missing: ${ctx}`)
  assert.equal(j.error.request_id, rid, `error.request_id must equal X-Request-Id: ${ctx}`)
  return j.error
}

test('unknown /api route: 404 JSON NotFound', async () => {
  for (const [m, p] of [['GET', '/api/v1/nope'], ['GET', '/api/v2/auth/me'], ['POST', '/api/v1/nothing/here'], ['GET', '/api/v1/auth/users/1/nothing'], ['GET', '/api']]) {
    assertError(await api(L.base, m, p, m === 'POST' ? { body: {} } : {}), 404, 'NotFound')
  }
})

test('wrong method on a known path: 405 with Allow and JSON', async () => {
  const cases = [
    ['DELETE', '/api/v1/auth/me', ['GET']],
    ['PUT', '/api/v1/auth/users', ['GET', 'POST']],
    ['GET', '/api/v1/auth/login', ['POST']],
    ['DELETE', '/api/v1/auth/users/1', ['GET', 'PATCH']],
    ['POST', '/api/v1/audit', ['GET']],
  ]
  for (const [m, p, allowed] of cases) {
    const r = await api(L.base, m, p, m === 'GET' || m === 'DELETE' ? {} : { body: {} })
    assertError(r, 405, 'MethodNotAllowed')
    const allow = (r.headers.get('allow') || '').split(',').map((s) => s.trim()).filter(Boolean)
    for (const a of allowed) assert.ok(allow.includes(a), `${m} ${p}: Allow "${r.headers.get('allow')}" lacks ${a}`)
    assert.ok(!allow.includes(m), `${m} ${p}: Allow must not list ${m}`)
  }
})

test('body over --max-body-bytes: 413 JSON PayloadTooLarge', async () => {
  // just below the limit the body is read and judged (not 413): a 900-character password is
  // longer than any login accepts (256), so 400 naming the field
  const small = await api(L.base, 'POST', '/api/v1/auth/login', { body: JSON.stringify({ username: 'nobody_x', password: 'y'.repeat(900) }) })
  assertError(small, 400, 'InvalidArgument', 'password')
  const big = JSON.stringify({ username: 'x'.repeat(100 * 1024), password: 'y' })
  const r = await api(L.base, 'POST', '/api/v1/auth/login', { body: big })
  assertError(r, 413, 'PayloadTooLarge')
})

test('Content-Length of 50 MB with a few bytes sent: 413 right after the headers', async () => {
  const req = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${50 * 1024 * 1024}\r\n\r\n{"username":`
  const r = await rawRequest(L.port, req, { timeoutMs: 3000 })
  assert.ok(r.responses.length > 0, `no answer within ${r.elapsed} ms (server waits for the body?); got ${JSON.stringify(r.raw.toString())}`)
  assert.ok(r.elapsed < 2500, `413 took ${r.elapsed} ms`)
  assertRawError(r.responses[0], 413, 'PayloadTooLarge')
})

test('chunked body over --max-body-bytes: 413', async () => {
  const chunk = 'a'.repeat(800)
  const req = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' +
    `${(800).toString(16)}\r\n${chunk}\r\n`.repeat(3) + '0\r\n\r\n'
  const r = await rawRequest(L.port, req, { timeoutMs: 3000 })
  assertRawError(r.responses[0], 413, 'PayloadTooLarge')
})

test('headers over --max-header-bytes: 431', async () => {
  const req = `GET /api/v1/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fill: ${'a'.repeat(4000)}\r\n\r\n`
  // below the limit is fine
  const ok = await rawRequest(L.port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fill: ${'a'.repeat(1000)}\r\nConnection: close\r\n\r\n`)
  assert.equal(ok.responses[0]?.status, 200)
  const r = await rawRequest(L.port, req, { timeoutMs: 3000 })
  assertRawError(r.responses[0], 431, 'HeadersTooLarge')
})

test('slow client: a request not received within --read-timeout-ms is cut off', async () => {
  const T = await startServer(['--read-timeout-ms', '1000'])
  others.push(T)
  // half a request line, then silence
  const r = await rawRequest(T.port, 'GET /healthz HT', { timeoutMs: 6000 })
  assert.ok(r.closed, `connection still open after ${r.elapsed} ms`)
  assert.ok(r.elapsed >= 700, `closed too early (${r.elapsed} ms): the timeout is 1000 ms`)
  assert.ok(r.elapsed < 3000, `closed after ${r.elapsed} ms, expected ~1 s`)
  for (const x of r.responses) assert.notEqual(x.status, 200)
  // a trickle: one byte every 250 ms never completes the request within 1 s
  const sock = await connect(T.port)
  const started = Date.now()
  let closedAt = null
  sock.on('close', () => { closedAt = Date.now() })
  sock.on('error', () => {})
  const line = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'z'.repeat(40)
  for (let i = 0; i < line.length && closedAt === null && Date.now() - started < 5000; i++) {
    sock.write(line[i])
    await sleep(250) // the pace of the trickle is the point of this test, not a wait for something
  }
  sock.destroy()
  assert.ok(closedAt !== null, 'a trickling client was never cut off')
  assert.ok(closedAt - started < 3500, `trickling client cut off after ${closedAt - started} ms`)
  // and a normal request is still served
  const ok = await api(T.base, 'GET', '/healthz')
  assert.equal(ok.status, 200)
})

test('max connections: the 6th connection gets 503 and is closed; the first 5 still work', async () => {
  const C = await startServer(['--max-connections', '5'])
  others.push(C)
  const held = async () => {
    const s = await connect(C.port)
    s.refused = false
    s.on('data', () => { s.refused = true })
    s.on('close', () => { s.refused = true })
    s.on('error', () => {})
    return s
  }
  // Five idle connections, then a sixth. The server counts a connection until it has closed it,
  // a little after the client saw the answer: a held connection refused because the health
  // check's was still counted is replaced, until five are held and the sixth is refused.
  const idle = []
  const sixth = await waitFor(async () => {
    for (let i = idle.length - 1; i >= 0; i--) if (idle[i].refused) idle.splice(i, 1)[0].destroy()
    while (idle.length < 5) idle.push(await held())
    const r = await rawRequest(C.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', { timeoutMs: 3000 })
    return r.responses[0]?.status === 503 && idle.every((x) => !x.refused) && r
  }, { timeoutMs: 10000, message: 'five connections held and the sixth answered 503' })
  assert.equal(sixth.responses[0]?.status, 503, `6th connection: ${JSON.stringify(sixth.raw.toString().slice(0, 200))}`)
  // Was it closed? A request without "Connection: close" on a fresh 6th: the server closes it.
  const sixthAgain = await rawRequest(C.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { timeoutMs: 3000, expect: 2 })
  assert.equal(sixthAgain.responses[0]?.status, 503)
  assert.ok(sixthAgain.closed, 'the refused connection must be closed')
  assert.ok(sixthAgain.elapsed < 2500, `closed after ${sixthAgain.elapsed} ms, not at once`)
  // One of the 5 accepted connections is served.
  const r = await rawRequest(C.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { socket: idle[0], timeoutMs: 3000 })
  assert.equal(r.responses[0]?.status, 200, 'an accepted connection must be served')
  for (const x of idle) x.destroy()
  // Connections are accepted again once the others are closed (as soon as the server has seen it).
  await waitFor(async () => {
    const after5 = await rawRequest(C.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', { timeoutMs: 3000 })
    return after5.responses[0]?.status === 200
  }, { timeoutMs: 5000, message: 'a connection accepted again once the five were closed' })
  // every response carries X-Request-Id, the refusal too
  assert.ok(sixth.responses[0].headers['x-request-id'], `every response carries X-Request-Id: ${JSON.stringify(sixth.raw.toString().slice(0, 300))}`)
})

test('keep-alive: two requests on one connection are both answered', async () => {
  const sock = await connect(L.port)
  const first = await new Promise((resolve) => {
    let buf = Buffer.alloc(0)
    const onData = (d) => {
      buf = Buffer.concat([buf, d])
      const rs = parseResponses(buf)
      if (rs[0]?.complete) { sock.off('data', onData); resolve(rs[0]) }
    }
    sock.on('data', onData)
    sock.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  })
  assert.equal(first.status, 200)
  assert.ok(!/close/i.test(first.headers.connection || ''), 'server must keep the connection open')
  const second = await rawRequest(L.port, 'GET /api/v1/auth/permissions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { socket: sock, timeoutMs: 3000 })
  assert.equal(second.responses[0]?.status, 200, 'second request on the same connection')
  assert.ok(JSON.parse(second.responses[0].text).roles.length > 0)
  // pipelined
  const two = await rawRequest(L.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { expect: 2, timeoutMs: 3000 })
  assert.deepEqual(two.responses.map((x) => x.status), [200, 200])
})

test('request id: an incoming alphanumeric X-Request-Id is echoed, also in error bodies', async () => {
  const ok = await api(L.base, 'GET', '/healthz', { headers: { 'X-Request-Id': 'abcDEF0123456789' } })
  assert.equal(ok.headers.get('x-request-id'), 'abcDEF0123456789')
  const err = await api(L.base, 'GET', '/api/v1/auth/me', { headers: { 'X-Request-Id': 'trace42' } })
  assert.equal(assertError(err, 401, 'Unauthenticated').request_id, 'trace42')
  // without one, each response gets its own fresh id
  const a = await api(L.base, 'GET', '/healthz')
  const b = await api(L.base, 'GET', '/healthz')
  assert.ok(a.headers.get('x-request-id'))
  assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'))
})

test('request id: a non-alphanumeric incoming X-Request-Id is replaced, not echoed', async () => {
  const r = await api(L.base, 'GET', '/healthz', { headers: { 'X-Request-Id': 'evil id"<script>' } })
  const rid = r.headers.get('x-request-id')
  assert.ok(rid)
  assert.notEqual(rid, 'evil id"<script>')
  assert.match(rid, /^[A-Za-z0-9-]+$/)
})

test('access log has the requests but no password, session cookie or CSRF token', async () => {
  // Only what is logged from here on: the startup banner names the demo password on purpose.
  const from = L.output().length
  const s = await login(L.base, 'street_admin')
  const sessionValue = s.cookie.split('=')[1]
  const me = await api(L.base, 'GET', '/api/v1/auth/me', { auth: { cookie: s.cookie } })
  assert.equal(me.status, 200)
  const created = await api(L.base, 'POST', '/api/v1/auth/users', {
    auth: s, body: { username: 'log_probe', display_name: '日志', password: 'Sup3r-Secret-Pw', role: 'resident', scope: { kind: 'grid', id: '1' } },
  })
  assert.equal(created.status, 201, created.text)
  const failed = await api(L.base, 'POST', '/api/v1/auth/login', { body: { username: 'street_admin', password: 'Wr0ng-Secret-Pw' } })
  assert.equal(failed.status, 401)
  const rids = [s.res.headers.get('x-request-id'), me.headers.get('x-request-id'), failed.headers.get('x-request-id')]
  const log = await waitFor(() => {
    const l = L.output().slice(from)
    return rids.every((rid) => l.includes(rid)) && l
  }, { message: `the access log lists requests ${rids.join(', ')}` })
  for (const secret of ['Linli@2026', 'Sup3r-Secret-Pw', 'Wr0ng-Secret-Pw', sessionValue, s.csrf]) {
    assert.ok(!log.includes(secret), `the log contains a secret: ${secret}`)
  }
})

test('static files: index.html for / and client routes, immutable assets', async () => {
  for (const p of ['/', '/users/3', '/index.html']) {
    const r = await fetch(L.base + p)
    const body = await r.text()
    assert.equal(r.status, 200, p)
    assert.match(r.headers.get('content-type') || '', /^text\/html/, p)
    assert.match(r.headers.get('cache-control') || '', /no-cache/, p)
    assert.equal(body, INDEX_HTML, p)
    assert.ok(r.headers.get('x-request-id'), `${p}: X-Request-Id`)
  }
  const js = await fetch(L.base + '/assets/app-abc.js')
  assert.equal(js.status, 200)
  assert.match(js.headers.get('content-type') || '', /^text\/javascript/)
  const cc = js.headers.get('cache-control') || ''
  assert.match(cc, /immutable/)
  assert.match(cc, /max-age=\d{6,}/)
  assert.equal(await js.text(), APP_JS)
  assert.ok(js.headers.get('x-request-id'), 'X-Request-Id on assets')
})

test('path traversal never returns the data dir\'s secret.key', async () => {
  const keyFile = path.join(L.dataDir, 'secret.key')
  assert.ok(fs.existsSync(keyFile), 'secret.key exists in the data dir')
  assert.equal(path.resolve(L.webDir, '..', 'secret.key'), keyFile, 'test layout: web dir is one level below the data dir')
  const secret = fs.readFileSync(keyFile)
  assert.ok(secret.length >= 16)
  const hexSecret = secret.toString('hex')
  const b64Secret = secret.toString('base64')
  const paths = [
    '/../secret.key', '/%2e%2e/secret.key', '/assets/..%2f..%2fsecret.key', '/%2e%2e%2fsecret.key',
    '/assets/../../secret.key', '/..%2fsecret.key', '/%2E%2E/secret.key', '/assets/%2e%2e/%2e%2e/secret.key',
    '/..\\secret.key', '/%2e%2e%5csecret.key', '//../secret.key', '/./../secret.key', '/assets/....//....//secret.key',
  ]
  for (const p of paths) {
    const r = await rawRequest(L.port, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, { timeoutMs: 3000 })
    const raw = r.raw
    assert.ok(raw.length > 0 || r.closed, `${p}: no answer`)
    assert.equal(raw.indexOf(secret), -1, `${p} returned secret.key!`)
    const text = raw.toString('latin1')
    assert.ok(!text.includes(hexSecret) && !text.includes(b64Secret), `${p} returned secret.key (encoded)!`)
    assert.ok(!text.includes('SQLite format 3'), `${p} returned the database!`)
    if (r.responses[0]) assert.ok(r.responses[0].status < 500, `${p}: ${r.responses[0].status}`)
  }
})

test('GET /healthz: 200 {"status":"ok"}', async () => {
  const r = await api(L.base, 'GET', '/healthz')
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-type') || '', /application\/json/)
  assert.deepEqual(r.json, { status: 'ok' })
  assert.ok(r.headers.get('x-request-id'))
})

test('GET /metrics: Prometheus text with request, latency and DB transaction metrics', async () => {
  await login(L.base, 'resident') // at least one DB transaction
  const r = await api(L.base, 'GET', '/metrics')
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-type') || '', /^text\/plain/)
  assert.ok(r.headers.get('x-request-id'))
  for (const name of ['linli_http_requests_total', 'linli_http_request_duration_seconds_bucket', 'linli_db_transaction_seconds']) {
    assert.ok(r.text.includes(name), `metrics lack ${name}`)
  }
  assert.match(r.text, /# TYPE linli_http_requests_total counter/)
  assert.match(r.text, /# TYPE linli_http_request_duration_seconds histogram/)
  const samples = r.text.split('\n').filter((l) => l.startsWith('linli_http_requests_total'))
  const sum = samples.reduce((a, l) => a + Number(l.trim().split(/\s+/).pop()), 0)
  assert.ok(sum >= 3, `linli_http_requests_total should count the requests made so far: ${samples.join(' | ')}`)
  assert.match(r.text, /linli_http_request_duration_seconds_bucket\{[^}]*le="\+Inf"[^}]*\} \d+/)
})

test('GET /api/openapi.json: OpenAPI 3.x with every route of the contract (to logged-in users)', async () => {
  const r = await api(L.base, 'GET', '/api/openapi.json', { auth: await login(L.base, 'resident') })
  assert.equal(r.status, 200)
  assert.match(r.json.openapi, /^3\.\d+\.\d+$/)
  assert.ok(r.json.info?.title)
  const doc = fs.readFileSync(path.join(REPO, 'docs/http-api.md'), 'utf8')
  const routes = [...doc.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| (\/\S*) \|/gm)].map((m) => [m[1], m[2]])
  assert.ok(routes.length >= 12, `routes parsed from the contract: ${routes.length}`)
  for (const [m, p] of routes) {
    assert.ok(r.json.paths[p], `openapi lacks path ${p}`)
    assert.ok(r.json.paths[p][m.toLowerCase()], `openapi lacks ${m} ${p}`)
  }
})

test('SIGTERM: in-flight logins still get their 200, then the process exits 0', async () => {
  const S = await startServer()
  others.push(S)
  const body = JSON.stringify({ username: 'street_admin', password: 'Linli@2026' })
  const req = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  // Four connections with a request each written before the signal. No wait for the server to
  // accept them: on SIGTERM it takes in what the kernel has already established before it stops
  // listening, so a connection still in the listen backlog is in flight too.
  const socks = []
  for (let i = 0; i < 4; i++) socks.push(await connect(S.port))
  const pending = socks.map((sock) => rawRequest(S.port, [], { socket: sock, timeoutMs: 10000 }))
  await Promise.all(socks.map((sock) => new Promise((resolve) => sock.write(req, resolve))))
  S.proc.kill('SIGTERM') // right after the requests are written; each login hashes a password
  const rs = await Promise.all(pending)
  for (const r of rs) {
    assert.equal(r.responses[0]?.status, 200, `in-flight request after SIGTERM: ${JSON.stringify(r.raw.toString().slice(0, 300))} ${r.error?.code ?? ''}`)
    assert.ok(JSON.parse(r.responses[0].text).csrf_token)
  }
  const exit = await Promise.race([S.exited, sleep(10000).then(() => 'timeout')])
  assert.notEqual(exit, 'timeout', 'process did not exit within 10 s of SIGTERM')
  assert.deepEqual(exit, { code: 0, signal: null })
  assert.match(S.output(), /signal 15|stopp/i)
})
