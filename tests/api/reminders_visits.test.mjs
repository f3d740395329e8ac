// Reminders and visits against a real server: an asset due soon is reminded
// once to the grid worker, confirming tells the building (a notice), recording
// the inspection closes it; a visit rule fills the worker's list and a visit
// with a concern files a request. Scopes and field errors hold.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, workerInOtherGrid } from './server.mjs'

let srv, worker, cadmin, street, resident
const as = (who) => ({ cookie: who.cookie, csrf: who.csrf })
const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)

before(async () => {
  srv = await startServer(['--demo-residents', '300'])
  worker = await login(srv.base, 'grid_worker')
  cadmin = await login(srv.base, 'community_admin')
  street = await login(srv.base, 'street_admin')
  resident = await login(srv.base, 'resident')
})
after(async () => srv?.stop())

test('an inspection due soon is reminded once, confirmed to the building, then recorded', async () => {
  const buildings = await api(srv.base, 'GET', `/api/v1/registry/buildings?grid_id=${worker.user.scope.id}&page_size=1`, { auth: as(worker) })
  const building = buildings.json.items[0]
  const asset = await api(srv.base, 'POST', '/api/v1/registry/assets', {
    auth: as(worker), body: { building_id: building.id, kind: 'elevator', name: '测试电梯', next_inspection: day(12) },
  })
  assert.equal(asset.status, 201, asset.text)
  assertError(await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(worker) }), 403, 'PermissionDenied')
  const scan = await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(street) })
  assert.equal(scan.status, 200, scan.text)
  const again = await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(street) })
  assert.deepEqual([again.json.due_soon, again.json.overdue], [0, 0], 'nothing is reminded twice')

  const list = await api(srv.base, 'GET', `/api/v1/reminders/assets?open=1&asset_id=${asset.json.id}`, { auth: as(worker) })
  assert.equal(list.json.items.length, 1)
  const r = list.json.items[0]
  assert.deepEqual([r.kind, r.due_on, r.done, r.confirmed_at], ['due_soon', day(12), false, null])
  const inbox = await api(srv.base, 'GET', '/api/v1/notifications', { auth: as(worker) })
  assert.ok(inbox.json.items.some((m) => m.link === '/reminders' && /到期检验/.test(m.subject)), inbox.text)
  assertError(await api(srv.base, 'GET', '/api/v1/reminders/assets', { auth: as(resident) }), 403, 'PermissionDenied')

  const confirmed = await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/confirm`, { auth: as(worker), body: {} })
  assert.equal(confirmed.status, 200, confirmed.text)
  assert.ok(confirmed.json.notice_id && confirmed.json.confirmed_at)
  const notice = await api(srv.base, 'GET', `/api/v1/notices/${confirmed.json.notice_id}`, { auth: as(worker) })
  assert.match(notice.json.title, /测试电梯/)
  assert.ok(notice.json.recipients > 0)
  assertError(await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/confirm`, { auth: as(worker), body: {} }), 409, 'Conflict', 'action')

  assertError(await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/inspected`, { auth: as(worker), body: { date: day(3) } }), 400, 'InvalidArgument', 'date')
  const done = await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/inspected`, { auth: as(worker), body: { date: day(0) } })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.json.done, true)
  const open = await api(srv.base, 'GET', `/api/v1/reminders/assets?open=1&asset_id=${asset.json.id}`, { auth: as(worker) })
  assert.equal(open.json.items.length, 0)

  assertError(await api(srv.base, 'PUT', '/api/v1/reminders/settings', { auth: as(street), body: { asset_lead_days: 0 } }), 400, 'InvalidArgument', 'asset_lead_days')
  const set = await api(srv.base, 'PUT', '/api/v1/reminders/settings', { auth: as(street), body: { asset_lead_days: 45 } })
  assert.equal(set.json.asset_lead_days, 45)
  assert.equal((await api(srv.base, 'GET', '/api/v1/reminders/settings', { auth: as(worker) })).json.asset_lead_days, 45)
})

test('a visit rule fills the worker\'s list; a visit with a concern files a request', async () => {
  assertError(await api(srv.base, 'POST', '/api/v1/visits/rules', { auth: as(worker), body: { name: 'x', filter: {}, every_days: 7 } }), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'POST', '/api/v1/visits/rules', { auth: as(cadmin), body: { name: 'x', filter: { age_min: 'old' }, every_days: 7 } }), 400, 'InvalidArgument', 'filter.age_min')
  const rule = await api(srv.base, 'POST', '/api/v1/visits/rules', { auth: as(cadmin), body: { name: '70岁以上：每两周', filter: { age_min: 70 }, every_days: 14 } })
  assert.equal(rule.status, 201, rule.text)
  const due = await api(srv.base, 'GET', '/api/v1/visits/due', { auth: as(worker) })
  assert.equal(due.status, 200, due.text)
  assert.ok(due.json.items.length > 0)
  const first = due.json.items[0]
  assert.ok(first.age >= 70)
  assert.deepEqual([first.due_on, first.last_visit, first.rules], [day(0), null, ['70岁以上：每两周']])

  assertError(await api(srv.base, 'POST', '/api/v1/visits', { auth: as(worker), body: { resident_id: first.resident_id, outcome: 'maybe' } }), 400, 'InvalidArgument', 'outcome')
  assertError(await api(srv.base, 'POST', '/api/v1/visits', { auth: as(worker), body: { resident_id: first.resident_id, outcome: 'met', concern: { category: 'SQ-WX' } } }), 400, 'InvalidArgument', 'concern.description')
  const save = () => api(srv.base, 'POST', '/api/v1/visits', {
    auth: as(worker), headers: { 'Idempotency-Key': `visit-${first.resident_id}` },
    body: { resident_id: first.resident_id, outcome: 'met', notes: '精神不错', concern: { description: '厨房燃气灶打火困难，担心安全', category: 'SQ-WX' } },
  })
  const visit = await save()
  assert.equal(visit.status, 201, visit.text)
  const retried = await save()  // the answer was lost; the phone saves again
  assert.deepEqual([retried.json.id, retried.json.request.id], [visit.json.id, visit.json.request.id])
  assert.match(visit.json.request.number, /^SQ-WX-/)
  const req = await api(srv.base, 'GET', `/api/v1/requests/${visit.json.request.id}`, { auth: as(worker) })
  assert.equal(req.json.place.household_id, first.household_id)
  const after = await api(srv.base, 'GET', '/api/v1/visits/due?page_size=200', { auth: as(worker) })
  assert.equal(after.json.total, after.json.items.length)
  const paged = await api(srv.base, 'GET', '/api/v1/visits/due?page=2&page_size=1', { auth: as(worker) })
  assert.deepEqual([paged.json.total, paged.json.items.length, paged.json.items[0].resident_id], [after.json.total, 1, after.json.items[1].resident_id])
  assertError(await api(srv.base, 'GET', '/api/v1/visits/due?page_size=500', { auth: as(worker) }), 400, 'InvalidArgument', 'page_size')
  const moved = after.json.items.find((x) => x.resident_id === first.resident_id)
  assert.deepEqual([moved.last_visit, moved.due_on, moved.overdue], [day(0), day(14), false])
  const history = await api(srv.base, 'GET', `/api/v1/visits?resident_id=${first.resident_id}`, { auth: as(worker) })
  assert.equal(history.json.items[0].request.number, visit.json.request.number)
  const stale = await api(srv.base, 'GET', '/api/v1/visits/stale?days=1', { auth: as(worker) })
  assert.ok(!stale.json.items.some((x) => x.resident_id === first.resident_id))
  assert.ok(stale.json.items.length > 0)

  // Another grid's worker cannot see or visit this resident.
  const other = await workerInOtherGrid(srv.base, street, worker.user.scope.id)
  assertError(await api(srv.base, 'POST', '/api/v1/visits', { auth: as(other), body: { resident_id: first.resident_id, outcome: 'met' } }), 404, 'NotFound')
  assertError(await api(srv.base, 'GET', `/api/v1/visits?resident_id=${first.resident_id}`, { auth: as(other) }), 404, 'NotFound')
  const theirs = await api(srv.base, 'GET', '/api/v1/visits/due', { auth: as(other) })
  assert.ok(!theirs.json.items.some((x) => x.resident_id === first.resident_id))

  const off = await api(srv.base, 'PATCH', `/api/v1/visits/rules/${rule.json.id}`, { auth: as(cadmin), body: { active: false } })
  assert.equal(off.json.active, false)
  assert.equal((await api(srv.base, 'GET', '/api/v1/visits/due', { auth: as(worker) })).json.items.length, 0)
})
