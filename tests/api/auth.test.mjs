// Login, sessions, logout and bearer tokens (docs/http-api.md "Sessions and CSRF").
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, runCli, DEMO, DEMO_PASSWORD } from './server.mjs'

let srv
before(async () => { srv = await startServer() })
after(async () => { await srv?.stop() })

test('every demo account logs in: csrf_token, user with role, scope and permissions, safe cookie', async () => {
  const perms = await api(srv.base, 'GET', '/api/v1/auth/permissions')
  assert.equal(perms.status, 200)
  for (const d of DEMO) {
    const res = await fetch(`${srv.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: d.username, password: DEMO_PASSWORD }),
    })
    const body = await res.json()
    assert.equal(res.status, 200, `${d.username}: ${JSON.stringify(body)}`)
    assert.ok(res.headers.get('x-request-id'), 'X-Request-Id')
    assert.equal(typeof body.csrf_token, 'string')
    assert.ok(body.csrf_token.length >= 16, `csrf token too short: ${body.csrf_token}`)
    const u = body.user
    assert.equal(u.username, d.username)
    assert.equal(u.role, d.role)
    assert.equal(typeof u.id, 'string', 'ids are strings in JSON')
    assert.equal(u.scope.kind, d.kind)
    assert.equal(u.scope.name, d.scope)
    assert.equal(typeof u.scope.id, 'string')
    assert.equal(u.disabled, false)
    assert.match(u.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/)
    assert.ok(Array.isArray(u.permissions), 'permissions array')
    assert.ok(u.permissions.includes('self.read'), `${d.username} lacks self.read`)
    assert.ok(!('password' in u) && !('password_hash' in u), 'no password in the user object')
    const cookies = res.headers.getSetCookie()
    const c = cookies.find((s) => s.startsWith('linli_session='))
    assert.ok(c, `no linli_session cookie: ${cookies}`)
    assert.match(c, /;\s*HttpOnly/i, c)
    assert.match(c, /;\s*SameSite=Lax/i, c)
    assert.match(c, /;\s*Path=\//i, c)
    assert.ok(c.split(';')[0].length > 'linli_session='.length + 16, 'session id too short')
  }
})

test('wrong password and unknown user: 401 Unauthenticated with the same message', async () => {
  const wrong = await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'grid_worker', password: 'Wrong@2026x' } })
  const e1 = assertError(wrong, 401, 'Unauthenticated')
  assert.equal(wrong.headers.getSetCookie().filter((c) => /^linli_session=[^;]+/.test(c) && !/Max-Age=0/i.test(c)).length, 0,
    'no session cookie on a failed login')
  const unknown = await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'nobody_here_x', password: 'Wrong@2026x' } })
  const e2 = assertError(unknown, 401, 'Unauthenticated')
  assert.equal(e2.message, e1.message, 'unknown user and wrong password must not be distinguishable')
  assert.equal(e2.field, e1.field)
})

test('GET /auth/me: 200 with the session cookie, 401 without', async () => {
  const s = await login(srv.base, 'community_staff')
  const me = await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { cookie: s.cookie } })
  assert.equal(me.status, 200, me.text)
  assert.ok(me.headers.get('x-request-id'))
  assert.equal(me.json.user.username, 'community_staff')
  assert.equal(me.json.user.id, s.user.id)
  assert.equal(typeof me.json.csrf_token, 'string')
  assert.equal(me.json.csrf_token, s.csrf, 'me returns the session\'s csrf token')
  assert.deepEqual(me.json.user.permissions, s.user.permissions)

  assertError(await api(srv.base, 'GET', '/api/v1/auth/me'), 401, 'Unauthenticated')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { cookie: 'linli_session=forgedforgedforgedforgedforged' } }), 401, 'Unauthenticated')
})

test('logout: 204, cookie cleared, then the old session is rejected', async () => {
  const s = await login(srv.base, 'volunteer')
  const out = await api(srv.base, 'POST', '/api/v1/auth/logout', { auth: s })
  assert.equal(out.status, 204, out.text)
  assert.ok(out.headers.get('x-request-id'))
  const cleared = out.headers.getSetCookie().find((c) => c.startsWith('linli_session='))
  assert.ok(cleared, 'logout must clear the cookie')
  assert.ok(/Max-Age=0/i.test(cleared) || /Expires=Thu, 01 Jan 1970/i.test(cleared) || /^linli_session=;/.test(cleared), cleared)
  assertError(await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { cookie: s.cookie } }), 401, 'Unauthenticated')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/users', { auth: { cookie: s.cookie } }), 401, 'Unauthenticated')
})

test('bearer tokens: created by the CLI while the server runs; valid works, bogus 401; writes need no CSRF', async () => {
  const t = await runCli(['token', 'add', '--data-dir', srv.dataDir, '--username', 'grid_worker'])
  assert.equal(t.code, 0, `token add failed: ${t.stderr}`)
  const token = t.stdout.trim().split('\n').pop().trim()
  assert.ok(token.length >= 16, `token: ${JSON.stringify(t.stdout)}`)

  const me = await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { bearer: token } })
  assert.equal(me.status, 200, me.text)
  assert.equal(me.json.user.username, 'grid_worker')
  assert.equal(me.json.user.role, 'grid_worker')
  assert.equal(me.headers.getSetCookie().filter((c) => c.startsWith('linli_session=')).length, 0, 'bearer calls set no session cookie')

  assertError(await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { bearer: token + 'x' } }), 401, 'Unauthenticated')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { bearer: 'bogus-token-value-0123456789' } }), 401, 'Unauthenticated')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/me', { headers: { Authorization: 'Basic Z3JpZF93b3JrZXI6TGlubGlAMjAyNg==' } }), 401, 'Unauthenticated')

  // A write with a bearer token and no X-CSRF-Token header.
  const t2 = await runCli(['token', 'add', '--data-dir', srv.dataDir, '--username', 'community_admin', '--name', 'api-test'])
  assert.equal(t2.code, 0, t2.stderr)
  const adminToken = t2.stdout.trim().split('\n').pop().trim()
  assert.notEqual(adminToken, token)
  const created = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: { bearer: adminToken },
    body: { username: 'bearer_made', display_name: '令牌用户', password: 'longenough1', role: 'resident', scope: { kind: 'grid', id: '1' } },
  })
  assert.equal(created.status, 201, created.text)
  assert.equal(created.json.username, 'bearer_made')
  assert.equal(created.json.role, 'resident')
  // The grid worker's token is denied by permission, not by a missing CSRF header.
  const denied = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: { bearer: token },
    body: { username: 'bearer_denied', display_name: 'x', password: 'longenough1', role: 'resident', scope: { kind: 'grid', id: '1' } },
  })
  const e = assertError(denied, 403, 'PermissionDenied')
  assert.notEqual(e.field, 'X-CSRF-Token')
  // A bogus bearer token cannot write.
  assertError(await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: { bearer: 'bogus-token-value-0123456789' },
    body: { username: 'bearer_bogus', display_name: 'x', password: 'longenough1', role: 'resident', scope: { kind: 'grid', id: '1' } },
  }), 401, 'Unauthenticated')
})
