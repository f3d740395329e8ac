// Bad input gets a clear 4xx naming the field, and nothing is half-written (DESIGN.md "Errors").
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError } from './server.mjs'

let srv, admin
before(async () => {
  srv = await startServer()
  admin = await login(srv.base, 'street_admin')
})
after(async () => { await srv?.stop() })

const good = (over = {}) => ({
  username: 'bad_input_user', display_name: '输入测试', password: 'longenough1', role: 'resident', scope: { kind: 'grid', id: '1' }, ...over,
})

async function total() {
  const r = await api(srv.base, 'GET', '/api/v1/auth/users', { auth: { cookie: admin.cookie } })
  assert.equal(r.status, 200, r.text)
  return r.json.total
}

/** POSTs a create-user body, asserts the error, and that the user count did not change. */
async function createFails(body, status, code, field, opts = {}) {
  const n = await total()
  const r = await api(srv.base, 'POST', '/api/v1/auth/users', { auth: admin, body, ...opts })
  const e = assertError(r, status, code, field)
  assert.equal(await total(), n, `nothing half-written after ${JSON.stringify(body).slice(0, 100)}`)
  return e
}

test('malformed JSON: 400 field body', async () => {
  await createFails('{"username": "x", ', 400, 'InvalidArgument', 'body')
  await createFails('{username: x}', 400, 'InvalidArgument', 'body')
  await createFails('', 400, 'InvalidArgument', 'body')
  const r = await api(srv.base, 'POST', '/api/v1/auth/login', { body: '{"username":"street_admin","password":' })
  assertError(r, 400, 'InvalidArgument', 'body')
})

test('wrong Content-Type: 400', async () => {
  await createFails(JSON.stringify(good({ username: 'ct_plain' })), 400, 'InvalidArgument', undefined, { contentType: 'text/plain' })
  await createFails('username=ct_form&password=longenough1', 400, 'InvalidArgument', undefined, { contentType: 'application/x-www-form-urlencoded' })
  const r = await api(srv.base, 'POST', '/api/v1/auth/login', { body: JSON.stringify({ username: 'street_admin', password: 'Linli@2026' }), contentType: 'text/plain' })
  assertError(r, 400, 'InvalidArgument')
  assert.equal(r.headers.getSetCookie().filter((c) => c.startsWith('linli_session=')).length, 0)
  // application/json with a charset parameter is fine
  const ok = await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'street_admin', password: 'Linli@2026' }, contentType: 'application/json; charset=utf-8' })
  assert.equal(ok.status, 200, ok.text)
})

test('body not an object: 400 field body', async () => {
  for (const b of ['[]', '"text"', '42', 'null', '[{"username":"x"}]']) {
    await createFails(b, 400, 'InvalidArgument', 'body')
  }
  assertError(await api(srv.base, 'POST', '/api/v1/auth/login', { body: '["street_admin","Linli@2026"]' }), 400, 'InvalidArgument', 'body')
})

test('missing or mistyped username: 400 field username (create and login)', async () => {
  const { username, ...noName } = good()
  await createFails(noName, 400, 'InvalidArgument', 'username')
  await createFails(good({ username: 42 }), 400, 'InvalidArgument', 'username')
  await createFails(good({ username: ['a'] }), 400, 'InvalidArgument', 'username')
  await createFails(good({ username: null }), 400, 'InvalidArgument', 'username')
  await createFails(good({ username: '' }), 400, 'InvalidArgument', 'username')
  assertError(await api(srv.base, 'POST', '/api/v1/auth/login', { body: { password: 'Linli@2026' } }), 400, 'InvalidArgument', 'username')
  assertError(await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 7, password: 'Linli@2026' } }), 400, 'InvalidArgument', 'username')
  assertError(await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'street_admin' } }), 400, 'InvalidArgument', 'password')
})

test('short password: 400 field password (create and set password)', async () => {
  await createFails(good({ password: 'short' }), 400, 'InvalidArgument', 'password')
  await createFails(good({ password: '1234567' }), 400, 'InvalidArgument', 'password')
  await createFails(good({ password: 12345678 }), 400, 'InvalidArgument', 'password')
  const { password, ...noPw } = good()
  await createFails(noPw, 400, 'InvalidArgument', 'password')
  const gw = (await api(srv.base, 'GET', '/api/v1/auth/users?q=grid_worker', { auth: { cookie: admin.cookie } })).json.items[0]
  const r = await api(srv.base, 'POST', `/api/v1/auth/users/${gw.id}/password`, { auth: admin, body: { password: 'short' } })
  assertError(r, 400, 'InvalidArgument', 'password')
  await login(srv.base, 'grid_worker') // unchanged
})

test('bad role and scope: 400 field role / scope.kind / scope.id', async () => {
  await createFails(good({ role: 'emperor' }), 400, 'InvalidArgument', 'role')
  await createFails(good({ role: 3 }), 400, 'InvalidArgument', 'role')
  await createFails(good({ scope: { kind: 'planet', id: '1' } }), 400, 'InvalidArgument', 'scope.kind')
  await createFails(good({ scope: { kind: 'grid', id: '99999' } }), 400, 'InvalidArgument', 'scope.id')
  await createFails(good({ scope: { kind: 'grid', id: 'abc' } }), 400, 'InvalidArgument', 'scope.id')
  const gw = (await api(srv.base, 'GET', '/api/v1/auth/users?q=grid_worker', { auth: { cookie: admin.cookie } })).json.items[0]
  assert.equal(gw.username, 'grid_worker')
  const p = await api(srv.base, 'PATCH', `/api/v1/auth/users/${gw.id}`, { auth: admin, body: { role: 'emperor' } })
  assertError(p, 400, 'InvalidArgument', 'role')
  const d = await api(srv.base, 'PATCH', `/api/v1/auth/users/${gw.id}`, { auth: admin, body: { disabled: 'yes' } })
  assertError(d, 400, 'InvalidArgument', 'disabled')
  const k = await api(srv.base, 'PATCH', `/api/v1/auth/users/${gw.id}`, { auth: admin, body: { scope: { kind: 'grid', id: '99999' } } })
  assertError(k, 400, 'InvalidArgument', 'scope.id')
  const after = await api(srv.base, 'GET', `/api/v1/auth/users/${gw.id}`, { auth: { cookie: admin.cookie } })
  assert.deepEqual(after.json, gw, 'failed PATCHes changed nothing')
})

test('duplicate username: 409 field username', async () => {
  await createFails(good({ username: 'grid_worker' }), 409, 'Conflict', 'username')
  const r = await api(srv.base, 'POST', '/api/v1/auth/users', { auth: admin, body: good({ username: 'dup_once' }) })
  assert.equal(r.status, 201, r.text)
  await createFails(good({ username: 'dup_once', display_name: '另一个' }), 409, 'Conflict', 'username')
  const list = await api(srv.base, 'GET', '/api/v1/auth/users?q=dup_once', { auth: { cookie: admin.cookie } })
  assert.equal(list.json.total, 1)
  assert.equal(list.json.items[0].display_name, '输入测试', 'the first user is untouched')
})

test('page and page_size out of range: 400 field', async () => {
  for (const path of ['/api/v1/auth/users', '/api/v1/audit']) {
    assertError(await api(srv.base, 'GET', `${path}?page_size=500`, { auth: { cookie: admin.cookie } }), 400, 'InvalidArgument', 'page_size')
    assertError(await api(srv.base, 'GET', `${path}?page_size=0`, { auth: { cookie: admin.cookie } }), 400, 'InvalidArgument', 'page_size')
    assertError(await api(srv.base, 'GET', `${path}?page_size=abc`, { auth: { cookie: admin.cookie } }), 400, 'InvalidArgument', 'page_size')
    assertError(await api(srv.base, 'GET', `${path}?page=0`, { auth: { cookie: admin.cookie } }), 400, 'InvalidArgument', 'page')
    const ok = await api(srv.base, 'GET', `${path}?page_size=200`, { auth: { cookie: admin.cookie } })
    assert.equal(ok.status, 200, ok.text)
    assert.equal(ok.json.page_size, 200)
  }
  const p2 = await api(srv.base, 'GET', '/api/v1/auth/users?page=2&page_size=3', { auth: { cookie: admin.cookie } })
  assert.equal(p2.status, 200)
  assert.equal(p2.json.page, 2)
  assert.equal(p2.json.items.length, 3)
  assertError(await api(srv.base, 'GET', '/api/v1/audit?from=yesterday', { auth: { cookie: admin.cookie } }), 400, 'InvalidArgument', 'from')
})

test('bad id in the path: 400; unknown id: 404', async () => {
  assertError(await api(srv.base, 'GET', '/api/v1/auth/users/abc', { auth: { cookie: admin.cookie } }), 400, 'InvalidArgument')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/users/-1', { auth: { cookie: admin.cookie } }), 400, 'InvalidArgument')
  assertError(await api(srv.base, 'PATCH', '/api/v1/auth/users/abc', { auth: admin, body: { display_name: 'x' } }), 400, 'InvalidArgument')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/users/999999', { auth: { cookie: admin.cookie } }), 404, 'NotFound')
  assertError(await api(srv.base, 'PATCH', '/api/v1/auth/users/999999', { auth: admin, body: { display_name: 'x' } }), 404, 'NotFound')
})
