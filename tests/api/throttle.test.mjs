// Login throttling per account and per client address (docs/http-api.md "Running a server").
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, DEMO_PASSWORD } from './server.mjs'

const FLAGS = ['--login-account-failures', '3', '--login-address-failures', '6', '--login-window-s', '60']
const servers = []
after(async () => { for (const s of servers) await s.stop() })

const attempt = (base, username, password) => api(base, 'POST', '/api/v1/auth/login', { body: { username, password } })

function assertThrottled(r) {
  assertError(r, 429, 'ResourceExhausted')
  const ra = r.headers.get('retry-after')
  assert.ok(ra !== null, 'Retry-After header missing')
  assert.match(ra, /^\d+$/, `Retry-After must be whole seconds: ${ra}`)
  assert.ok(+ra > 0 && +ra <= 60, `Retry-After ${ra} must be in 1..60 (window 60 s)`)
  assert.equal(r.headers.getSetCookie().filter((c) => /^linli_session=[^;]+/.test(c) && !/Max-Age=0/i.test(c)).length, 0, 'no session when throttled')
}

test('per account: after 3 failures even the right password gets 429; other accounts still log in', async () => {
  const srv = await startServer(FLAGS)
  servers.push(srv)
  for (let i = 0; i < 3; i++) {
    assertError(await attempt(srv.base, 'community_staff', `wrong-${i}-pass`), 401, 'Unauthenticated')
  }
  assertThrottled(await attempt(srv.base, 'community_staff', DEMO_PASSWORD))
  assertThrottled(await attempt(srv.base, 'community_staff', 'wrong-again-pass'))
  const other = await login(srv.base, 'resident')
  assert.equal(other.user.username, 'resident')
  // The throttled account is in the audit log as failed/denied, not as a successful login.
  const admin = await login(srv.base, 'street_admin')
  const log = await api(srv.base, 'GET', '/api/v1/audit?actor=community_staff&action=auth.login&page_size=200', { auth: { cookie: admin.cookie } })
  assert.equal(log.status, 200, log.text)
  assert.ok(log.json.items.length >= 3, `expected the failed logins in the audit: ${log.text}`)
  assert.ok(log.json.items.every((e) => e.outcome !== 'ok'), `no successful login of community_staff: ${log.text}`)
})

test('per address: failures spread over usernames hit the address limit (429)', async () => {
  const srv = await startServer(FLAGS)
  servers.push(srv)
  // 6 failures from 127.0.0.1, never more than 2 per username (below the account limit of 3).
  const names = ['resident', 'volunteer', 'no_such_user_1']
  for (const n of names) {
    for (let i = 0; i < 2; i++) assertError(await attempt(srv.base, n, `wrong-${i}-pass`), 401, 'Unauthenticated')
  }
  // Now an untouched account with the right password is refused: the address is throttled.
  assertThrottled(await attempt(srv.base, 'grid_worker', DEMO_PASSWORD))
  assertThrottled(await attempt(srv.base, 'org', 'wrong-pass-x'))
})
