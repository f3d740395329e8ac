// Writes made with the session cookie need X-CSRF-Token (docs/http-api.md "Sessions and CSRF").
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError } from './server.mjs'

let srv, admin, street, staff
before(async () => {
  srv = await startServer()
  admin = await login(srv.base, 'community_admin')
  street = await login(srv.base, 'street_admin')
  staff = await login(srv.base, 'community_staff')
})
after(async () => { await srv?.stop() })

const newUser = (username) => ({
  username, display_name: '测试用户', password: 'longenough1', role: 'resident', scope: { kind: 'grid', id: '1' },
})

async function userTotal() {
  const r = await api(srv.base, 'GET', '/api/v1/auth/users', { auth: { cookie: admin.cookie } })
  assert.equal(r.status, 200, r.text)
  return r.json.total
}

test('POST with the cookie but no X-CSRF-Token: 403 field X-CSRF-Token, nothing created', async () => {
  const before = await userTotal()
  const r = await api(srv.base, 'POST', '/api/v1/auth/users', { auth: { cookie: admin.cookie }, body: newUser('csrf_none') })
  assertError(r, 403, 'PermissionDenied', 'X-CSRF-Token')
  assert.equal(await userTotal(), before)
  const q = await api(srv.base, 'GET', '/api/v1/auth/users?q=csrf_none', { auth: { cookie: admin.cookie } })
  assert.equal(q.json.total, 0)
})

test('PATCH with the cookie but no X-CSRF-Token: 403 field X-CSRF-Token, nothing changed', async () => {
  const r = await api(srv.base, 'PATCH', `/api/v1/auth/users/${staff.user.id}`, { auth: { cookie: admin.cookie }, body: { display_name: '被篡改' } })
  assertError(r, 403, 'PermissionDenied', 'X-CSRF-Token')
  const g = await api(srv.base, 'GET', `/api/v1/auth/users/${staff.user.id}`, { auth: { cookie: admin.cookie } })
  assert.equal(g.status, 200, g.text)
  assert.equal(g.json.display_name, staff.user.display_name)
})

test('POST /users/{id}/password and logout without X-CSRF-Token: 403, session still valid', async () => {
  const p = await api(srv.base, 'POST', `/api/v1/auth/users/${staff.user.id}/password`, { auth: { cookie: admin.cookie }, body: { password: 'changed-by-csrf' } })
  assertError(p, 403, 'PermissionDenied', 'X-CSRF-Token')
  await login(srv.base, 'community_staff') // old password still works
  const out = await api(srv.base, 'POST', '/api/v1/auth/logout', { auth: { cookie: admin.cookie } })
  assertError(out, 403, 'PermissionDenied', 'X-CSRF-Token')
  const me = await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { cookie: admin.cookie } })
  assert.equal(me.status, 200, 'logout without CSRF must not end the session')
})

test('wrong X-CSRF-Token: 403; another session\'s token: 403', async () => {
  const before = await userTotal()
  const wrong = await api(srv.base, 'POST', '/api/v1/auth/users', { auth: { cookie: admin.cookie, csrf: 'not-the-token' }, body: newUser('csrf_wrong') })
  assertError(wrong, 403, 'PermissionDenied', 'X-CSRF-Token')
  const flipped = admin.csrf.slice(0, -1) + (admin.csrf.endsWith('A') ? 'B' : 'A')
  const near = await api(srv.base, 'PATCH', `/api/v1/auth/users/${staff.user.id}`, { auth: { cookie: admin.cookie, csrf: flipped }, body: { display_name: '被篡改' } })
  assertError(near, 403, 'PermissionDenied', 'X-CSRF-Token')
  // street_admin's token with community_admin's cookie
  assert.notEqual(street.csrf, admin.csrf)
  const other = await api(srv.base, 'POST', '/api/v1/auth/users', { auth: { cookie: admin.cookie, csrf: street.csrf }, body: newUser('csrf_other') })
  assertError(other, 403, 'PermissionDenied', 'X-CSRF-Token')
  assert.equal(await userTotal(), before)
})

test('right X-CSRF-Token: community_admin creates and edits a user', async () => {
  const before = await userTotal()
  const r = await api(srv.base, 'POST', '/api/v1/auth/users', { auth: admin, body: newUser('csrf_ok') })
  assert.equal(r.status, 201, r.text)
  assert.ok(r.headers.get('x-request-id'))
  assert.equal(r.json.username, 'csrf_ok')
  assert.equal(r.json.role, 'resident')
  assert.equal(r.json.scope.kind, 'grid')
  assert.equal(r.json.scope.id, '1')
  assert.equal(typeof r.json.id, 'string')
  assert.equal(await userTotal(), before + 1)
  const p = await api(srv.base, 'PATCH', `/api/v1/auth/users/${r.json.id}`, { auth: admin, body: { display_name: '改过的名字' } })
  assert.equal(p.status, 200, p.text)
  assert.equal(p.json.display_name, '改过的名字')
  const g = await api(srv.base, 'GET', `/api/v1/auth/users/${r.json.id}`, { auth: { cookie: admin.cookie } })
  assert.equal(g.json.display_name, '改过的名字')
  const nu = await login(srv.base, 'csrf_ok', 'longenough1')
  assert.equal(nu.user.username, 'csrf_ok')
})
