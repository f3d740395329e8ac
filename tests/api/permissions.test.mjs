// Permission table, role checks, data scopes and the audit log (docs/http-api.md).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, listAll, runCli, DEMO } from './server.mjs'

// What each role may do, and over which scope, written down by hand from DESIGN.md ("Who uses
// it") and the contract's permission paragraphs (docs/http-api.md), never read from the server:
// the server's table (/auth/permissions, login permissions) and its actual answers are checked
// against this. A grant added to or dropped from a room's permissions.cc fails here until it is
// written down here too.
const EXPECTED = {
  street_admin: {
    'self.read': 'own', 'places.read': 'street', 'users.read': 'street', 'users.manage': 'street',
    'audit.read': 'street', 'notices.send': 'street',
    'registry.read': 'street', 'registry.write': 'street', 'registry.reveal': 'street',
    'registry.import': 'street', 'registry.export': 'street', 'reports.run': 'street', 'tags.manage': 'street',
    'places.manage': 'street',
    'requests.file': 'street', 'requests.read': 'street', 'requests.handle': 'street',
    'requests.assign': 'street', 'requests.configure': 'street', 'requests.keywords': 'street',
    // Visits and reminders: their own actions, held by whoever held what they borrowed.
    'visits.read': 'street', 'visits.record': 'street', 'reminders.read': 'street', 'reminders.record': 'street', 'reminders.confirm': 'street', 'visits.rules': 'street', 'reminders.rules': 'street', 'reminders.configure': 'street',
    // The call list: the street gives it to more roles of the street, it does not export it.
    'reports.grant_contacts': 'street',
  },
  community_admin: {
    'self.read': 'own', 'places.read': 'community', 'users.read': 'community', 'users.manage': 'community',
    'audit.read': 'community', 'notices.send': 'community',
    'registry.read': 'community', 'registry.write': 'community', 'registry.reveal': 'community',
    'registry.import': 'community', 'registry.export': 'community', 'reports.run': 'community', 'tags.manage': 'community',
    // The grids of their community (not the community itself: the street's).
    'places.manage': 'community',
    'requests.file': 'community', 'requests.read': 'community', 'requests.handle': 'community',
    'requests.assign': 'community',
    // Visits and reminders: their own actions, held by whoever held what they borrowed.
    'visits.read': 'community', 'visits.record': 'community', 'reminders.read': 'community', 'reminders.record': 'community', 'reminders.confirm': 'community', 'visits.rules': 'community', 'reminders.rules': 'community',
    // The call list (names, phones in full, addresses).
    'reports.export_contacts': 'community',
  },
  community_staff: {
    'self.read': 'own', 'places.read': 'community', 'users.read': 'community', 'notices.send': 'community',
    'registry.read': 'community', 'registry.write': 'community', 'registry.import': 'community',
    'reports.run': 'community',
    'requests.file': 'community', 'requests.read': 'community', 'requests.handle': 'community',
    'requests.assign': 'community',
    // Visits and reminders: their own actions, held by whoever held what they borrowed.
    'visits.read': 'community', 'visits.record': 'community', 'reminders.read': 'community', 'reminders.record': 'community', 'reminders.confirm': 'community', 'visits.rules': 'community', 'reminders.rules': 'community',
  },
  grid_worker: {
    'self.read': 'own', 'places.read': 'grid', 'notices.send': 'grid',
    'registry.read': 'grid', 'registry.write': 'grid', 'registry.reveal': 'grid', 'reports.run': 'grid',
    'requests.file': 'grid', 'requests.read': 'grid', 'requests.handle': 'grid',
    // Visits and reminders: their own actions, held by whoever held what they borrowed.
    'visits.read': 'grid', 'visits.record': 'grid', 'reminders.read': 'grid', 'reminders.record': 'grid', 'reminders.confirm': 'grid',
  },
  department: { 'self.read': 'own', 'places.read': 'street', 'requests.read': 'assigned', 'requests.handle': 'assigned' },
  org: { 'self.read': 'own', 'places.read': 'street' },
  volunteer: { 'self.read': 'own', 'places.read': 'community' },
  resident: { 'self.read': 'own', 'places.read': 'grid', 'requests.file': 'own', 'requests.read': 'own' },
}
const ROLES = ['street_admin', 'community_admin', 'community_staff', 'grid_worker', 'department', 'org', 'volunteer', 'resident']
const ACTIONS = [...new Set(Object.values(EXPECTED).flatMap((g) => Object.keys(g)))].sort()
const mayDo = (role, action) => Object.hasOwn(EXPECTED[role], action)
const actionsOf = (role) => Object.keys(EXPECTED[role]).sort()

let srv, table
const sessions = {}
before(async () => {
  srv = await startServer()
  for (const d of DEMO) sessions[d.username] = await login(srv.base, d.username)
  const t = await api(srv.base, 'GET', '/api/v1/auth/permissions')
  assert.equal(t.status, 200, t.text)
  table = t.json
})
after(async () => { await srv?.stop() })

const S = (u) => sessions[u]
const R = (u) => ({ cookie: sessions[u].cookie }) // read-only auth (no CSRF header)

async function communityIds() {
  const r = await api(srv.base, 'GET', '/api/v1/registry/places', { auth: R('street_admin') })
  assert.equal(r.status, 200, r.text)
  const comms = r.json.streets.flatMap((s) => s.communities)
  const heping = comms.find((c) => c.name === '和平社区')
  const other = comms.find((c) => c.name !== '和平社区')
  assert.ok(heping && other, `need 和平社区 and another community: ${r.text}`)
  return { heping, other }
}

test('GET /auth/permissions reports exactly the grants written down here, with their scopes', () => {
  assert.deepEqual([...table.roles].sort(), [...ROLES].sort())
  assert.deepEqual(DEMO.map((d) => d.role).sort(), [...ROLES].sort(), 'a demo account per role')
  for (const r of table.rules) {
    assert.equal(typeof r.role, 'string')
    assert.equal(typeof r.action, 'string')
    assert.equal(typeof r.scope, 'string')
  }
  const triple = (r) => `${r.role} ${r.action} ${r.scope}`
  const served = table.rules.map(triple).sort()
  const expected = ROLES.flatMap((role) => Object.entries(EXPECTED[role]).map(([action, scope]) => triple({ role, action, scope }))).sort()
  assert.equal(new Set(served).size, served.length, `no grant twice: ${served}`)
  const missing = expected.filter((x) => !served.includes(x))
  const extra = served.filter((x) => !expected.includes(x))
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'the server\'s table differs from the grants written down')
})

test('login and /auth/me permissions are the role\'s grants written down here', async () => {
  for (const d of DEMO) {
    assert.deepEqual([...S(d.username).user.permissions].sort(), actionsOf(d.role), `${d.username} at login`)
    const me = await api(srv.base, 'GET', '/api/v1/auth/me', { auth: R(d.username) })
    assert.equal(me.status, 200, me.text)
    assert.deepEqual([...me.json.user.permissions].sort(), actionsOf(d.role), `${d.username} /auth/me`)
  }
})

test('GET /auth/users and /audit are allowed exactly to the roles written down here', async () => {
  for (const d of DEMO) {
    const acts = actionsOf(d.role)
    for (const [path, action] of [['/api/v1/auth/users', 'users.read'], ['/api/v1/audit', 'audit.read']]) {
      const r = await api(srv.base, 'GET', path, { auth: R(d.username) })
      if (acts.includes(action)) {
        assert.equal(r.status, 200, `${d.username} ${path}: ${r.text}`)
        assert.ok(Array.isArray(r.json.items))
        assert.equal(typeof r.json.total, 'number')
        assert.equal(r.json.page, 1)
        assert.equal(r.json.page_size, 20)
      } else {
        assertError(r, 403, 'PermissionDenied')
      }
    }
    // places.read for everyone
    const p = await api(srv.base, 'GET', '/api/v1/registry/places', { auth: R(d.username) })
    assert.equal(p.status, 200, `${d.username} places: ${p.text}`)
  }
})

test('scopes: community_admin lists only 和平社区 users, street_admin sees all', async () => {
  const all = await listAll(srv.base, '/api/v1/auth/users', R('street_admin'))
  for (const d of DEMO) assert.ok(all.items.some((u) => u.username === d.username), `street_admin sees ${d.username}`)
  const mine = await listAll(srv.base, '/api/v1/auth/users', R('community_admin'))
  const names = mine.items.map((u) => u.username)
  assert.ok(!names.includes('street_admin'), `community_admin must not see street_admin: ${names}`)
  assert.ok(!names.includes('department') && !names.includes('org'), `street-scoped users are outside the community: ${names}`)
  for (const n of ['community_admin', 'community_staff', 'grid_worker', 'volunteer', 'resident']) assert.ok(names.includes(n), `community_admin sees ${n}`)
  assert.ok(mine.total < all.total)
  assert.equal(mine.total, mine.items.length)
  // community_staff has users.read in the community too
  const staff = await listAll(srv.base, '/api/v1/auth/users', R('community_staff'))
  assert.deepEqual(staff.items.map((u) => u.username).sort(), [...names].sort())
  // places are limited to the caller's scope
  const gp = await api(srv.base, 'GET', '/api/v1/registry/places', { auth: R('grid_worker') })
  const comms = gp.json.streets.flatMap((s) => s.communities)
  assert.deepEqual(comms.map((c) => c.name), ['和平社区'], gp.text)
  assert.deepEqual(comms[0].grids.map((g) => g.name), ['和平社区第一网格'], gp.text)
})

test('community_admin cannot create a street_admin nor a user in another community; grid_worker cannot create users', async () => {
  const { heping, other } = await communityIds()
  const total = (await listAll(srv.base, '/api/v1/auth/users', R('street_admin'))).total
  const base = { display_name: '越权', password: 'longenough1' }
  const r1 = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S('community_admin'), body: { ...base, username: 'perm_sa', role: 'street_admin', scope: { kind: 'street', id: '1' } },
  })
  assertError(r1, 403, 'PermissionDenied', 'role')
  const r1b = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S('community_admin'), body: { ...base, username: 'perm_ca', role: 'community_admin', scope: { kind: 'community', id: heping.id } },
  })
  assertError(r1b, 403, 'PermissionDenied', 'role') // only roles ranked below their own
  const r2 = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S('community_admin'), body: { ...base, username: 'perm_other', role: 'community_staff', scope: { kind: 'community', id: other.id } },
  })
  assertError(r2, 403, 'PermissionDenied', 'scope')
  const r2b = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S('community_admin'), body: { ...base, username: 'perm_grid', role: 'resident', scope: { kind: 'grid', id: other.grids[0].id } },
  })
  assertError(r2b, 403, 'PermissionDenied', 'scope')
  const r3 = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S('grid_worker'), body: { ...base, username: 'perm_gw', role: 'resident', scope: { kind: 'grid', id: '1' } },
  })
  assertError(r3, 403, 'PermissionDenied')
  assert.equal((await listAll(srv.base, '/api/v1/auth/users', R('street_admin'))).total, total, 'nothing created')

  // The denials are in the audit log, with the request ids of the denied requests.
  const denied = await listAll(srv.base, '/api/v1/audit?outcome=denied', R('street_admin'))
  for (const [r, who] of [[r1, 'community_admin'], [r2, 'community_admin'], [r3, 'grid_worker']]) {
    const rid = r.headers.get('x-request-id')
    const e = denied.items.find((x) => x.request_id === rid)
    assert.ok(e, `denial ${rid} by ${who} missing from audit: ${JSON.stringify(denied.items.slice(0, 5))}`)
    assert.equal(e.outcome, 'denied')
    assert.equal(e.actor_username, who)
    assert.equal(e.actor_id, S(who).user.id)
  }
})

test('community_admin cannot GET/PATCH users outside the community (404); street_admin can', async () => {
  const { other } = await communityIds()
  const outsider = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S('street_admin'),
    body: { username: 'perm_youyi', display_name: '友谊居民', password: 'longenough1', role: 'community_staff', scope: { kind: 'community', id: other.id } },
  })
  assert.equal(outsider.status, 201, outsider.text)
  assert.equal(outsider.json.scope.id, other.id)
  for (const id of [S('street_admin').user.id, S('department').user.id, outsider.json.id]) {
    assertError(await api(srv.base, 'GET', `/api/v1/auth/users/${id}`, { auth: R('community_admin') }), 404, 'NotFound')
    assertError(await api(srv.base, 'PATCH', `/api/v1/auth/users/${id}`, { auth: S('community_admin'), body: { display_name: '改' } }), 404, 'NotFound')
    assertError(await api(srv.base, 'POST', `/api/v1/auth/users/${id}/password`, { auth: S('community_admin'), body: { password: 'hijacked-pass' } }), 404, 'NotFound')
  }
  const g = await api(srv.base, 'GET', `/api/v1/auth/users/${outsider.json.id}`, { auth: R('street_admin') })
  assert.equal(g.status, 200, g.text)
  assert.equal(g.json.display_name, '友谊居民', 'the denied PATCH changed nothing')
  const inside = await api(srv.base, 'GET', `/api/v1/auth/users/${S('grid_worker').user.id}`, { auth: R('community_admin') })
  assert.equal(inside.status, 200, inside.text)
  // community_admin cannot move one of its users into another community either
  const mv = await api(srv.base, 'PATCH', `/api/v1/auth/users/${S('resident').user.id}`, { auth: S('community_admin'), body: { scope: { kind: 'grid', id: other.grids[0].id } } })
  assertError(mv, 403, 'PermissionDenied', 'scope')
  const up = await api(srv.base, 'PATCH', `/api/v1/auth/users/${S('resident').user.id}`, { auth: S('community_admin'), body: { role: 'street_admin', scope: { kind: 'street', id: '1' } } })
  assertError(up, 403, 'PermissionDenied', 'role')
  const me = await api(srv.base, 'GET', `/api/v1/auth/users/${S('resident').user.id}`, { auth: R('community_admin') })
  assert.equal(me.json.role, 'resident')
  assert.equal(me.json.scope.kind, 'grid')
})

test('audit: a successful create is logged with action, actor and target id', async () => {
  const r = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S('community_admin'),
    body: { username: 'perm_audited', display_name: '审计', password: 'longenough1', role: 'volunteer', scope: { kind: 'community', id: S('community_admin').user.scope.id } },
  })
  assert.equal(r.status, 201, r.text)
  const log = await api(srv.base, 'GET', '/api/v1/audit?action=users.create&actor=community_admin', { auth: R('street_admin') })
  assert.equal(log.status, 200, log.text)
  const e = log.json.items.find((x) => x.target_id === r.json.id)
  assert.ok(e, `users.create of ${r.json.id} not in audit: ${log.text}`)
  assert.equal(e.action, 'users.create')
  assert.equal(e.outcome, 'ok')
  assert.equal(e.actor_username, 'community_admin')
  assert.equal(e.actor_id, S('community_admin').user.id)
  assert.equal(e.target_type, 'user')
  assert.equal(e.request_id, r.headers.get('x-request-id'))
  assert.equal(e.ip, '127.0.0.1')
  assert.match(e.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/)
  assert.equal(typeof e.id, 'string')
  assert.ok(!JSON.stringify(e).includes('longenough1'), 'no password in the audit log')
  // newest first
  const all = await api(srv.base, 'GET', '/api/v1/audit?page_size=200', { auth: R('street_admin') })
  const ids = all.json.items.map((x) => +x.id)
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'audit is newest first')
})

test('audit: a failed login shows outcome failed', async () => {
  const r = await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'org', password: 'definitely-wrong' } })
  assertError(r, 401, 'Unauthenticated')
  const log = await listAll(srv.base, '/api/v1/audit?outcome=failed', R('street_admin'))
  const e = log.items.find((x) => x.request_id === r.headers.get('x-request-id'))
  assert.ok(e, `failed login not in audit: ${JSON.stringify(log.items.slice(0, 3))}`)
  assert.equal(e.outcome, 'failed')
  assert.equal(e.action, 'auth.login')
  assert.ok(!JSON.stringify(e).includes('definitely-wrong'), 'no password in the audit log')
})

test('audit filters actor, action, outcome work', async () => {
  const all = await listAll(srv.base, '/api/v1/audit', R('street_admin'))
  const cases = [
    ['actor=community_admin', (e) => e.actor_username === 'community_admin'],
    ['action=users.create', (e) => e.action === 'users.create'],
    ['action=auth.login', (e) => e.action === 'auth.login'],
    ['outcome=denied', (e) => e.outcome === 'denied'],
    ['outcome=failed', (e) => e.outcome === 'failed'],
    ['outcome=ok', (e) => e.outcome === 'ok'],
    ['actor=grid_worker&outcome=denied', (e) => e.actor_username === 'grid_worker' && e.outcome === 'denied'],
  ]
  for (const [q, pred] of cases) {
    const f = await listAll(srv.base, `/api/v1/audit?${q}`, R('street_admin'))
    const expected = all.items.filter(pred).map((e) => e.id)
    assert.ok(expected.length > 0, `test data should contain ${q}`)
    assert.ok(f.items.every(pred), `${q} returned non-matching entries`)
    assert.deepEqual(f.items.map((e) => e.id), expected, q)
    assert.equal(f.total, expected.length, q)
  }
  const none = await api(srv.base, 'GET', '/api/v1/audit?actor=nobody_at_all', { auth: R('street_admin') })
  assert.equal(none.status, 200)
  assert.equal(none.json.total, 0)
  assertError(await api(srv.base, 'GET', '/api/v1/audit?outcome=maybe', { auth: R('street_admin') }), 400, 'InvalidArgument', 'outcome')
})

test('community_admin\'s audit view contains no entries of street_admin', async () => {
  const mine = await listAll(srv.base, '/api/v1/audit', R('community_admin'))
  assert.ok(mine.items.length > 0)
  assert.ok(mine.items.some((e) => e.actor_username === 'community_admin'), 'sees its own entries')
  const leaked = mine.items.filter((e) => e.actor_username === 'street_admin' || e.actor_username === 'department')
  assert.deepEqual(leaked, [], 'street-level entries leaked to community_admin')
  const f = await api(srv.base, 'GET', '/api/v1/audit?actor=street_admin', { auth: R('community_admin') })
  assert.equal(f.status, 200, f.text)
  assert.equal(f.json.total, 0)
  const all = await listAll(srv.base, '/api/v1/audit', R('street_admin'))
  assert.ok(all.items.some((e) => e.actor_username === 'street_admin'), 'street_admin has entries at all')
  assert.ok(mine.total < all.total)
})

test('users list filters q and role', async () => {
  const byRole = await listAll(srv.base, '/api/v1/auth/users?role=grid_worker', R('street_admin'))
  assert.ok(byRole.items.length >= 1)
  assert.ok(byRole.items.every((u) => u.role === 'grid_worker'), JSON.stringify(byRole.items.map((u) => u.role)))
  const byName = await listAll(srv.base, '/api/v1/auth/users?q=' + encodeURIComponent('网格'), R('street_admin'))
  assert.deepEqual(byName.items.map((u) => u.username), ['grid_worker'], 'q matches a part of the display name')
  const byUser = await listAll(srv.base, '/api/v1/auth/users?q=communi', R('street_admin'))
  assert.deepEqual(byUser.items.map((u) => u.username).sort(), ['community_admin', 'community_staff'])
  // scope still applies with a filter
  const scoped = await listAll(srv.base, '/api/v1/auth/users?q=street', R('community_admin'))
  assert.equal(scoped.total, 0)
  assertError(await api(srv.base, 'GET', '/api/v1/auth/users?role=emperor', { auth: R('street_admin') }), 400, 'InvalidArgument', 'role')
})

test('set password (204) and disable a user: old password, sessions and API tokens stop working', async () => {
  const target = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S('street_admin'),
    body: { username: 'perm_pw', display_name: '改密', password: 'first-password', role: 'org', scope: { kind: 'street', id: '1' } },
  })
  assert.equal(target.status, 201, target.text)
  const id = target.json.id
  const sess = await login(srv.base, 'perm_pw', 'first-password')
  const pw = await api(srv.base, 'POST', `/api/v1/auth/users/${id}/password`, { auth: S('street_admin'), body: { password: 'second-password' } })
  assert.equal(pw.status, 204, pw.text)
  assertError(await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'perm_pw', password: 'first-password' } }), 401, 'Unauthenticated')
  await login(srv.base, 'perm_pw', 'second-password')
  const t = await runCli(['token', 'add', '--data-dir', srv.dataDir, '--username', 'perm_pw'])
  assert.equal(t.code, 0, t.stderr)
  const token = t.stdout.trim().split('\n').pop().trim()
  // Used once, so the server has it in its token cache when the user is disabled.
  assert.equal((await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { bearer: token } })).status, 200)
  const dis = await api(srv.base, 'PATCH', `/api/v1/auth/users/${id}`, { auth: S('street_admin'), body: { disabled: true } })
  assert.equal(dis.status, 200, dis.text)
  assert.equal(dis.json.disabled, true)
  assertError(await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'perm_pw', password: 'second-password' } }), 401, 'Unauthenticated')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { cookie: sess.cookie } }), 401, 'Unauthenticated')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { bearer: token } }), 401, 'Unauthenticated')
})

test('audit: users created by the operator CLI (--demo) are not attributed to the new user', async () => {
  const created = await listAll(srv.base, '/api/v1/audit?action=users.create', R('street_admin'))
  const byOperator = created.items.filter((e) => !DEMO.some((d) => d.username === e.actor_username) && !e.actor_username.startsWith('perm_'))
  assert.ok(byOperator.length >= DEMO.length, `demo accounts' creation should be audited: ${JSON.stringify(created.items.slice(-3))}`)
  for (const e of byOperator) {
    assert.notEqual(e.actor_id, e.target_id, `entry ${e.id}: actor "${e.actor_username}" (actor_id ${e.actor_id}) is recorded as the user it created (target_id ${e.target_id})`)
  }
})

// One probe per action: a request that needs exactly that action, aimed at something inside the
// scope of every role written down as having it (the resident's grid, 和平社区第一网格), so an
// allowed role gets the answer named here and every other role 403 PermissionDenied. Writes
// change nothing others rely on (a no-op PATCH, a fresh tag or user, an upload never committed).
test('each role is allowed or refused, action by action, as written down here', async () => {
  const grid = S('resident').user.scope.id
  const { heping } = await communityIds()
  const b = await api(srv.base, 'GET', `/api/v1/registry/buildings?grid_id=${grid}&page_size=1`, { auth: R('street_admin') })
  assert.equal(b.status, 200, b.text)
  const building = b.json.items[0]
  const rs = await api(srv.base, 'GET', `/api/v1/registry/residents?grid_id=${grid}&page_size=1`, { auth: R('street_admin') })
  assert.equal(rs.status, 200, rs.text)
  const someone = rs.json.items[0]
  assert.ok(building && someone, 'the resident\'s grid has a building and residents')
  let n = 0
  const probes = {
    'self.read': [200, (who) => api(srv.base, 'GET', '/api/v1/auth/me', { auth: R(who) })],
    'places.read': [200, (who) => api(srv.base, 'GET', '/api/v1/registry/places', { auth: R(who) })],
    // A no-op rename of the resident's grid.
    'places.manage': [200, (who) => api(srv.base, 'PATCH', `/api/v1/registry/grids/${grid}`, { auth: S(who), body: { name: S('resident').user.scope.name } })],
    'users.read': [200, (who) => api(srv.base, 'GET', '/api/v1/auth/users', { auth: R(who) })],
    'users.manage': [201, (who) => api(srv.base, 'POST', '/api/v1/auth/users', {
      auth: S(who), body: { username: `probe${++n}`, display_name: `探针${n}`, password: 'longenough1', role: 'volunteer', scope: { kind: 'community', id: heping.id } },
    })],
    'audit.read': [200, (who) => api(srv.base, 'GET', '/api/v1/audit', { auth: R(who) })],
    'notices.send': [200, (who) => api(srv.base, 'GET', '/api/v1/notices', { auth: R(who) })],
    'registry.read': [200, (who) => api(srv.base, 'GET', `/api/v1/registry/residents?grid_id=${grid}&page_size=1`, { auth: R(who) })],
    'registry.write': [200, (who) => api(srv.base, 'PATCH', `/api/v1/registry/buildings/${building.id}`, { auth: S(who), body: { name: building.name } })],
    'registry.reveal': [200, (who) => api(srv.base, 'POST', `/api/v1/registry/residents/${someone.id}/reveal`, { auth: S(who), body: { field: 'id_number', reason: '权限核对' } })],
    'registry.import': [201, (who) => api(srv.base, 'POST', '/api/v1/registry/imports?filename=probe.csv', { auth: S(who), body: '姓名,身份证号\r\n', contentType: 'text/csv' })],
    'registry.export': [200, (who) => api(srv.base, 'POST', '/api/v1/reports/export', { auth: S(who), body: { filter: { grid_id: grid, age_min: 100 }, format: 'csv' } })],
    'reports.run': [200, (who) => api(srv.base, 'POST', '/api/v1/reports/query', { auth: S(who), body: { filter: { grid_id: grid } } })],
    'tags.manage': [201, (who) => api(srv.base, 'POST', '/api/v1/registry/tags', { auth: S(who), body: { code: `probe_tag_${++n}`, name: `探针${n}` } })],
    'requests.file': [201, (who) => api(srv.base, 'POST', '/api/v1/requests', {
      auth: S(who), body: { category: 'SQ-ZS', description: `权限核对：楼道噪音 ${++n}`, building_id: building.id, contact_name: '王先生', contact_phone: '13800138000' },
    })],
    'requests.read': [200, (who) => api(srv.base, 'GET', '/api/v1/requests', { auth: R(who) })],
    'requests.handle': [200, (who) => api(srv.base, 'GET', '/api/v1/requests/followups', { auth: R(who) })],
    'requests.assign': [200, (who) => api(srv.base, 'GET', '/api/v1/requests/workload', { auth: R(who) })],
    'requests.configure': [200, (who) => api(srv.base, 'PUT', '/api/v1/requests/calendar/2031-01-08', { auth: S(who), body: { kind: 'normal' } })],
    'requests.keywords': [200, (who) => api(srv.base, 'GET', '/api/v1/requests/keywords', { auth: R(who) })],
    'visits.read': [200, (who) => api(srv.base, 'GET', '/api/v1/visits/due', { auth: R(who) })],
    'visits.record': [201, (who) => api(srv.base, 'POST', '/api/v1/visits', { auth: S(who), body: { resident_id: someone.id, outcome: 'met' } })],
    'visits.rules': [201, (who) => api(srv.base, 'POST', '/api/v1/visits/rules', { auth: S(who), body: { name: `探针${++n}`, filter: {}, every_days: 7 } })],
    'reports.export_contacts': [200, (who) => api(srv.base, 'POST', '/api/v1/reports/call-list', { auth: S(who), body: { filter: { grid_id: grid, age_min: 100 }, format: 'csv', reason: '权限核对' } })],
    // The roles given stay as they were (none): the probe gives none again.
    'reports.grant_contacts': [200, (who) => api(srv.base, 'PUT', '/api/v1/reports/call-list/roles', { auth: S(who), body: { roles: [] } })],
    'reminders.read': [200, (who) => api(srv.base, 'GET', '/api/v1/reminders/assets', { auth: R(who) })],
    // No reminder has this id: a holder is told so, anyone else is refused first.
    'reminders.record': [404, (who) => api(srv.base, 'POST', '/api/v1/reminders/assets/999999999/inspected', { auth: S(who), body: { date: '2026-11-20' } })],
    'reminders.confirm': [404, (who) => api(srv.base, 'POST', '/api/v1/reminders/assets/999999999/confirm', { auth: S(who), body: {} })],
    'reminders.rules': [200, (who) => api(srv.base, 'GET', '/api/v1/reminders/rules', { auth: R(who) })],
    'reminders.configure': [200, (who) => api(srv.base, 'PUT', '/api/v1/reminders/settings', { auth: S(who), body: { asset_lead_days: 30 } })],
  }
  assert.deepEqual(Object.keys(probes).sort(), ACTIONS, 'a probe for every action written down')
  const wrong = []
  for (const action of ACTIONS) {
    const [okStatus, probe] = probes[action]
    for (const role of ROLES) {
      const who = DEMO.find((d) => d.role === role).username
      const r = await probe(who)
      if (mayDo(role, action)) {
        if (r.status !== okStatus) wrong.push(`${role} ${action}: expected ${okStatus}, got ${r.status} ${r.text.slice(0, 200)}`)
      } else {
        try {
          assertError(r, 403, 'PermissionDenied')
        } catch (e) {
          wrong.push(`${role} ${action}: expected 403 PermissionDenied, got ${r.status} ${r.text.slice(0, 200)}`)
        }
      }
    }
  }
  assert.deepEqual(wrong, [], `answers that differ from the grants written down:\n${wrong.join('\n')}`)
})
