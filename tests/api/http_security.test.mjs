// Issue 13, findings 7, 8 and part of 13, against a real server:
//  7. HTTP framing (RFC 9112): only `chunked` as the final transfer coding, never beside
//     Content-Length; exactly one Host. A refused request is answered 400 (501 for a coding
//     the server does not implement) and its connection closed, so nothing smuggled in its
//     body is ever answered as a request of its own.
//  8. Browser defences: CSP (no inline script, no framing), X-Frame-Options, Referrer-Policy
//     and nosniff on every response; `--public-url https://…` makes cookies Secure and adds
//     HSTS; handler answers and photos are `Cache-Control: no-store`.
// 13. /metrics only for loopback clients (not through a proxy) or, once --metrics-token is
//     set, only with that token (loopback included: that is how the refusal is tested here);
//     /api/openapi.json only to logged-in users and API tokens; a client's X-Request-Id is
//     kept only when it matches [A-Za-z0-9-]{1,64}.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { startServer, login, api, assertError, parseResponses, runCli, DEMO_PASSWORD } from './server.mjs'

let srv // default options
let tls // --public-url https://… and --metrics-token, given in a config file
const METRICS_TOKEN = 'metrics-token-0123456789'
before(async () => {
  srv = await startServer(['--demo-residents', '50'])
  const dir = fs.mkdtempSync(path.join(srv.dataDir, 'conf-'))
  const conf = path.join(dir, 'linli.conf')
  fs.writeFileSync(conf, `public_url = "https://linli.example.org"\nmetrics_token = ${METRICS_TOKEN}\n`)
  tls = await startServer(['--demo-residents', '50', '--config', conf])
})
after(async () => {
  await srv?.stop()
  await tls?.stop()
})

/**
 * Sends `data` on a fresh connection and waits until the server closes it (or timeoutMs).
 * Resolves {responses, closed}: closed is true only if the server ended the connection.
 */
function sendUntilClosed(port, data, { timeoutMs = 4000 } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1')
    const chunks = []
    let done = false
    const finish = (closed) => {
      if (done) return
      done = true
      clearTimeout(timer)
      sock.destroy()
      resolve({ responses: parseResponses(Buffer.concat(chunks)), closed })
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    sock.on('data', (d) => chunks.push(d))
    sock.on('end', () => finish(true))
    sock.on('close', () => finish(true))
    sock.on('error', () => finish(true))
    sock.write(data)
  })
}

// A request smuggled into the body of the first: answering it would be the bug.
const SMUGGLED = 'GET /api/v1/nope-smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'

async function assertRefusedAndClosed(head, body, status = 400) {
  const r = await sendUntilClosed(srv.port, head + '\r\n' + body)
  const ctx = JSON.stringify({ head, got: r.responses.map((x) => `${x.status} ${x.text}`) })
  assert.equal(r.responses.length, 1, `exactly one answer, nothing smuggled answered: ${ctx}`)
  assert.equal(r.responses[0].status, status, ctx)
  const err = JSON.parse(r.responses[0].text).error
  assert.equal(err.code, status === 501 ? 'NotImplemented' : 'InvalidArgument', ctx)
  assert.equal(r.responses[0].headers.connection, 'close', ctx)
  assert.ok(r.closed, `the server closes the connection: ${ctx}`)
  return r.responses[0]
}

const POST = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'

test('finding 7: Transfer-Encoding xchunked beside Content-Length → 400 and close', async () => {
  await assertRefusedAndClosed(POST + `Transfer-Encoding: xchunked\r\nContent-Length: ${SMUGGLED.length}\r\n`, SMUGGLED)
  await assertRefusedAndClosed(POST + `Content-Length: ${SMUGGLED.length}\r\nTransfer-Encoding: xchunked\r\n`, SMUGGLED)
  await assertRefusedAndClosed(POST + 'Transfer-Encoding: xchunked\r\n', SMUGGLED)
})

test('finding 7: Transfer-Encoding "chunked" (quoted) → 400 and close', async () => {
  await assertRefusedAndClosed(POST + `Transfer-Encoding: "chunked"\r\nContent-Length: ${SMUGGLED.length}\r\n`, SMUGGLED)
  await assertRefusedAndClosed(POST + 'Transfer-Encoding: "chunked"\r\n', `0\r\n\r\n${SMUGGLED}`)
})

test('finding 7: Transfer-Encoding identity beside Content-Length → 400 and close', async () => {
  await assertRefusedAndClosed(POST + `Transfer-Encoding: identity\r\nContent-Length: ${SMUGGLED.length}\r\n`, SMUGGLED)
  await assertRefusedAndClosed(POST + 'Transfer-Encoding: identity\r\n', SMUGGLED)
})

test('finding 7: chunked beside Content-Length, in either order → 400 and close', async () => {
  const body = `0\r\n\r\n${SMUGGLED}`
  await assertRefusedAndClosed(POST + `Transfer-Encoding: chunked\r\nContent-Length: ${body.length}\r\n`, body)
  await assertRefusedAndClosed(POST + `Content-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n`, body)
})

test('finding 7: chunked not final, twice, or after an unimplemented coding', async () => {
  await assertRefusedAndClosed(POST + 'Transfer-Encoding: chunked, identity\r\n', `0\r\n\r\n${SMUGGLED}`)
  await assertRefusedAndClosed(POST + 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${SMUGGLED}`)
  await assertRefusedAndClosed(POST + 'Transfer-Encoding: gzip, chunked\r\n', `0\r\n\r\n${SMUGGLED}`, 501)
  // HTTP/1.0 knows no transfer codings
  await assertRefusedAndClosed(POST.replace('HTTP/1.1', 'HTTP/1.0') + 'Transfer-Encoding: chunked\r\n', `0\r\n\r\n${SMUGGLED}`)
})

test('finding 7: no Host header → 400 and close', async () => {
  await assertRefusedAndClosed('GET /healthz HTTP/1.1\r\n', SMUGGLED)
})

test('finding 7: two Host headers → 400 and close', async () => {
  await assertRefusedAndClosed('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n', SMUGGLED)
  await assertRefusedAndClosed('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n', SMUGGLED)
  await assertRefusedAndClosed('GET /healthz HTTP/1.1\r\nHost: evil.example/x\r\n', SMUGGLED)
})

test('finding 7: well-framed requests still work: chunked, keep-alive, HTTP/1.0 without Host', async () => {
  const body = JSON.stringify({ username: 'resident', password: DEMO_PASSWORD })
  const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`
  const r = await sendUntilClosed(srv.port,
    POST + 'Transfer-Encoding: chunked\r\n\r\n' + chunked +
    'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
  assert.deepEqual(r.responses.map((x) => x.status), [200, 200], r.responses.map((x) => x.text).join(' | '))
  const old = await sendUntilClosed(srv.port, 'GET /healthz HTTP/1.0\r\n\r\n')
  assert.equal(old.responses[0]?.status, 200)
})

const SECURITY = {
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^same-origin$/,
  'x-content-type-options': /^nosniff$/,
}

function assertBrowserDefences(headers, what) {
  const get = (k) => (typeof headers.get === 'function' ? headers.get(k) : headers[k])
  const csp = get('content-security-policy') || ''
  assert.match(csp, /(^|; )default-src 'self'(;|$)/, `${what}: CSP ${csp}`)
  assert.match(csp, /(^|; )script-src 'self'(;|$)/, `${what}: script-src only 'self' (no inline): ${csp}`)
  assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/, `${what}: ${csp}`)
  assert.match(csp, /(^|; )object-src 'none'(;|$)/, `${what}: ${csp}`)
  assert.match(csp, /(^|; )base-uri 'self'(;|$)/, `${what}: ${csp}`)
  assert.doesNotMatch(csp.split(';').find((d) => d.trim().startsWith('script-src')) || '', /unsafe/, what)
  for (const [k, re] of Object.entries(SECURITY)) assert.match(get(k) || '', re, `${what}: ${k} = ${get(k)}`)
  return get
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010804000000b51c0c020000000b4944415478da6364600000000600023081d02f0000000049454e44ae426082', 'hex')

test('finding 8: CSP, X-Frame-Options, Referrer-Policy, nosniff on API answers, static files, 404s, photos and refusals', async () => {
  const resident = await login(srv.base, 'resident')
  assertBrowserDefences(resident.res.headers, 'login')
  const me = await api(srv.base, 'GET', '/api/v1/auth/me', { auth: resident })
  assert.equal(me.status, 200)
  assertBrowserDefences(me.headers, 'API answer')
  for (const p of ['/', '/assets/app-abc.js', '/some/client/route']) {
    const r = await fetch(srv.base + p)
    assert.equal(r.status, 200, p)
    assertBrowserDefences(r.headers, `static ${p}`)
  }
  for (const p of ['/api/v1/nope', '/missing.png']) {
    const r = await fetch(srv.base + p)
    assert.equal(r.status, 404, p)
    assertBrowserDefences(r.headers, `404 ${p}`)
  }
  assertBrowserDefences((await fetch(srv.base + '/api/v1/auth/users')).headers, '401')
  const filed = await api(srv.base, 'POST', '/api/v1/requests', { auth: resident, body: { category: 'SR-LJ', description: '楼道灯坏了' } })
  assert.equal(filed.status, 201, filed.text)
  assertBrowserDefences(filed.headers, 'filing (answered later)')
  const up = await api(srv.base, 'POST', `/api/v1/requests/${filed.json.id}/photos`, { auth: resident, body: PNG, contentType: 'image/png' })
  assert.equal(up.status, 201, up.text)
  const photo = await fetch(srv.base + up.json.url, { headers: { Cookie: resident.cookie } })
  assert.equal(photo.status, 200)
  assertBrowserDefences(photo.headers, 'photo')
  // refused by the server itself, before any handler: 431, and a framing 400
  const big = await sendUntilClosed(srv.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`)
  assert.equal(big.responses[0]?.status, 431)
  assertBrowserDefences(big.responses[0].headers, '431')
  const noHost = await sendUntilClosed(srv.port, 'GET / HTTP/1.1\r\n\r\n')
  assertBrowserDefences(noHost.responses[0].headers, 'framing 400')
  // no HSTS and no Secure cookie over plain HTTP
  assert.equal(me.headers.get('strict-transport-security'), null)
  assert.doesNotMatch(resident.setCookie, /;\s*Secure/i)
})

test('finding 8: --public-url https://… marks the session cookie Secure and sends HSTS', async () => {
  const who = await login(tls.base, 'resident')
  assert.match(who.setCookie, /;\s*Secure(;|$)/, who.setCookie)
  assert.match(who.setCookie, /HttpOnly/)
  assert.match(who.res.headers.get('strict-transport-security') || '', /^max-age=\d{7,}/)
  const logout = await fetch(tls.base + '/api/v1/auth/logout', { method: 'POST', headers: { Cookie: who.cookie, 'X-CSRF-Token': who.csrf } })
  assert.match(logout.headers.getSetCookie().join('\n'), /linli_session=;.*Secure/)
  for (const p of ['/', '/api/v1/nope', '/healthz']) {
    assert.match((await fetch(tls.base + p)).headers.get('strict-transport-security') || '', /max-age=/, p)
  }
  const bad = await runCli(['serve', '--public-url', 'ftp://linli.example.org', '--data-dir', srv.dataDir + '-none'])
  assert.equal(bad.code, 2, bad.stderr)
  assert.match(bad.stderr, /--public-url/)
})

test('finding 8: personal answers and photos are Cache-Control: no-store; static assets stay cacheable', async () => {
  const admin = await login(srv.base, 'community_admin')
  assert.equal(admin.res.headers.get('cache-control'), 'no-store')
  for (const p of ['/api/v1/auth/me', '/api/v1/residents', '/api/v1/requests', '/api/v1/residents/999999', '/api/v1/nope']) {
    const r = await api(srv.base, 'GET', p, { auth: admin })
    assert.equal(r.headers.get('cache-control'), 'no-store', `${p} (${r.status})`)
  }
  const resident = await login(srv.base, 'resident')
  const filed = await api(srv.base, 'POST', '/api/v1/requests', { auth: resident, body: { category: 'SR-LJ', description: '电梯又停了' } })
  assert.equal(filed.headers.get('cache-control'), 'no-store')
  const up = await api(srv.base, 'POST', `/api/v1/requests/${filed.json.id}/photos`, { auth: resident, body: PNG, contentType: 'image/png' })
  const photo = await fetch(srv.base + up.json.url, { headers: { Cookie: resident.cookie } })
  assert.equal(photo.headers.get('cache-control'), 'no-store')
  assert.match((await fetch(srv.base + '/assets/app-abc.js')).headers.get('cache-control'), /immutable/)
  assert.match((await fetch(srv.base + '/')).headers.get('cache-control'), /no-cache/)
})

test('finding 13: /metrics answers loopback clients, not requests through a proxy', async () => {
  const ok = await api(srv.base, 'GET', '/metrics')
  assert.equal(ok.status, 200)
  assert.match(ok.text, /linli_http_requests_total/)
  for (const h of [{ 'X-Forwarded-For': '203.0.113.7' }, { Forwarded: 'for=203.0.113.7' }, { 'X-Real-IP': '203.0.113.7' }]) {
    const r = await api(srv.base, 'GET', '/metrics', { headers: h })
    assertError(r, 403, 'PermissionDenied')
    assert.doesNotMatch(r.text, /linli_http_requests_total/)
  }
})

test('finding 13: with --metrics-token, /metrics needs the token, on loopback too', async () => {
  const none = await api(tls.base, 'GET', '/metrics')
  assertError(none, 401, 'Unauthenticated')
  assert.match(none.headers.get('www-authenticate') || '', /^Bearer/)
  assertError(await api(tls.base, 'GET', '/metrics', { auth: { bearer: METRICS_TOKEN + 'x' } }), 401, 'Unauthenticated')
  assertError(await api(tls.base, 'GET', '/metrics', { auth: { bearer: METRICS_TOKEN.slice(1) } }), 401, 'Unauthenticated')
  // a user's session is not the metrics token
  const admin = await login(tls.base, 'street_admin')
  assertError(await api(tls.base, 'GET', '/metrics', { auth: admin }), 401, 'Unauthenticated')
  const ok = await api(tls.base, 'GET', '/metrics', { auth: { bearer: METRICS_TOKEN }, headers: { 'X-Forwarded-For': '203.0.113.7' } })
  assert.equal(ok.status, 200)
  assert.match(ok.text, /linli_http_requests_total/)
})

test('finding 13: /api/openapi.json only to logged-in users', async () => {
  const anon = await api(srv.base, 'GET', '/api/openapi.json')
  assertError(anon, 401, 'Unauthenticated')
  assert.doesNotMatch(anon.text, /"paths"/)
  const resident = await login(srv.base, 'resident')
  const r = await api(srv.base, 'GET', '/api/openapi.json', { auth: resident })
  assert.equal(r.status, 200)
  assert.ok(r.json.paths['/api/v1/auth/login'])
})

test('finding 13: X-Request-Id kept only if it matches [A-Za-z0-9-]{1,64}', async () => {
  const idOf = async (value) => (await api(srv.base, 'GET', '/healthz', { headers: { 'X-Request-Id': value } })).headers.get('x-request-id')
  for (const good of ['abc-DEF-123', 'a', 'x'.repeat(64), '0123456789abcdef']) assert.equal(await idOf(good), good)
  for (const bad of ['x'.repeat(65), 'a_b', 'a b', 'a.b', 'a%0d%0aSet-Cookie:x=1', '<script>', 'é', 'a\tb']) {
    const rid = await idOf(bad)
    assert.notEqual(rid, bad)
    assert.match(rid, /^[0-9a-f]{16}$/, `a fresh id for ${JSON.stringify(bad)}`)
  }
  // bytes fetch will not send: a bare CR, a NUL, an obs-fold continuation line, raw UTF-8
  for (const raw of ['evil\rSet-Cookie: x=1', 'a\u0000b', 'abc\r\n more', 'caf\u00e9']) {
    const r = await sendUntilClosed(srv.port, Buffer.from(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Request-Id: ${raw}\r\n\r\n`, 'latin1'))
    const res = r.responses[0]
    assert.ok(res, `an answer for ${JSON.stringify(raw)}`)
    assert.match(res.headers['x-request-id'] || '', /^[0-9a-f]{16}$/, `${JSON.stringify(raw)} → ${res.status} ${res.headers['x-request-id']}`)
    assert.equal(res.headers['set-cookie'], undefined)
  }
  // found by the fuzzer: fields of a chunked body's trailer never count as headers
  const trailer = await sendUntilClosed(srv.port, 'POST /api/v1/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' +
    'Transfer-Encoding: chunked\r\n\r\n0\r\nX-Request-Id: from-the-trailer\r\n\r\n')
  assert.equal(trailer.responses[0]?.status, 204, trailer.responses[0]?.text)
  assert.match(trailer.responses[0].headers['x-request-id'], /^[0-9a-f]{16}$/)
  // what goes into the audit log is the id that was answered, never the client's bad one
  const failed = await api(srv.base, 'POST', '/api/v1/auth/login', {
    body: { username: 'resident', password: 'wrong-password-1' },
    headers: { 'X-Request-Id': 'inject_' + 'y'.repeat(70) },
  })
  assert.equal(failed.status, 401)
  const answered = failed.headers.get('x-request-id')
  assert.match(answered, /^[0-9a-f]{16}$/)
  const admin = await login(srv.base, 'street_admin')
  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=auth.login&page_size=100', { auth: admin })
  assert.equal(audit.status, 200, audit.text)
  assert.ok(!audit.text.includes('inject_'), 'the bad id is not in the audit log')
  assert.ok(audit.text.includes(answered), 'the failed login is audited under the id that was answered')
  assert.ok(!srv.output().includes('inject_'), 'nor in the log')
})
