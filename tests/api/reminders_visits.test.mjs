// Reminders and visits against a real server: an asset due soon is reminded
// once to the grid worker, confirming tells the building (a notice), recording
// the inspection closes it; a visit rule fills the worker's list and a visit
// with a concern files a request. Scopes and field errors hold.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, workerInOtherGrid, listAll, waitFor, as } from './server.mjs'

let srv, worker, cadmin, street, resident
// The server's date (+08:00) `offset` days from now, on its test clock.
const day = async (offset) => new Date(await srv.clockNow() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)

const signIn = async () => {
  worker = await login(srv.base, 'grid_worker')
  cadmin = await login(srv.base, 'community_admin')
  street = await login(srv.base, 'street_admin')
  resident = await login(srv.base, 'resident')
}
before(async () => {
  srv = await startServer(['--demo-residents', '300'])
  await signIn()
})
after(async () => srv?.stop())

// The grid worker's reminder digests (inbox messages linking to /reminders), oldest first.
const digests = async () => (await listAll(srv.base, '/api/v1/notifications', as(worker))).items.filter((m) => m.link === '/reminders').reverse()
const remindersOf = async (who, assetId, open = false) => {
  const r = await api(srv.base, 'GET', `/api/v1/reminders/assets?asset_id=${assetId}${open ? '&open=1' : ''}`, { auth: as(who) })
  assert.equal(r.status, 200, r.text)
  return r.json.items
}
const firstBuilding = async () => {
  const buildings = await api(srv.base, 'GET', `/api/v1/registry/buildings?grid_id=${worker.user.scope.id}&page_size=1`, { auth: as(worker) })
  assert.equal(buildings.status, 200, buildings.text)
  return buildings.json.items[0]
}
const addAsset = async (building, name, nextInspection, kind = 'elevator') => {
  const asset = await api(srv.base, 'POST', '/api/v1/registry/assets', {
    auth: as(worker), body: { building_id: building.id, kind, name, next_inspection: nextInspection },
  })
  assert.equal(asset.status, 201, asset.text)
  return asset.json
}

test('an inspection due soon is reminded once, confirmed to the building, then recorded', async () => {
  const building = await firstBuilding()
  // The demo's own assets due soon are reminded first (by the job at start-up, or this scan),
  // so the counts below are this test's asset alone.
  assert.equal((await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(street) })).status, 200)
  const d0 = (await digests()).map((m) => m.id)
  const asset = await addAsset(building, '测试电梯', await day(12))
  assertError(await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(worker) }), 403, 'PermissionDenied')
  const scan = await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(street) })
  assert.equal(scan.status, 200, scan.text)
  assert.deepEqual([scan.json.due_soon, scan.json.overdue, scan.json.told], [1, 0, 1], `one asset, one grid worker told: ${scan.text}`)
  const again = await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(street) })
  assert.deepEqual([again.json.due_soon, again.json.overdue, again.json.told], [0, 0, 0], 'nothing is reminded twice')

  const list = await remindersOf(worker, asset.id, true)
  assert.equal(list.length, 1)
  const r = list[0]
  assert.deepEqual([r.kind, r.due_on, r.done, r.confirmed_at], ['due_soon', await day(12), false, null])
  const told = (await digests()).filter((m) => !d0.includes(m.id))
  assert.equal(told.length, 1, `exactly one digest for two scans: ${JSON.stringify(told)}`)
  assert.match(told[0].subject, /到期检验/)
  assertError(await api(srv.base, 'GET', '/api/v1/reminders/assets', { auth: as(resident) }), 403, 'PermissionDenied')

  // A day later the daily job runs again (a second asset, new since, shows it ran): the first
  // asset is not reminded again and the worker gets exactly one more digest, for the second.
  const second = await addAsset(building, '测试消防栓', await day(20), 'fire_equipment')
  await srv.advanceClock(25 * 3600)
  await signIn() // a day later the sessions have expired
  const after = await waitFor(async () => {
    const d = (await digests()).filter((m) => !d0.includes(m.id))
    return d.length >= 2 && d
  }, { timeoutMs: 20000, message: 'the daily reminders job ran after the clock moved a day on' })
  assert.equal(after.length, 2, `one digest per run with something new: ${JSON.stringify(after)}`)
  assert.deepEqual((await remindersOf(worker, asset.id)).map((x) => [x.id, x.kind]), [[r.id, 'due_soon']], 'the first asset is reminded once, over two scans and two job runs')
  assert.deepEqual((await remindersOf(worker, second.id)).map((x) => [x.kind, x.due_on]), [['due_soon', second.next_inspection]])
  const rescan = await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(street) })
  assert.deepEqual([rescan.json.due_soon, rescan.json.overdue, rescan.json.told], [0, 0, 0], 'the job left nothing for a scan to do')
  assert.equal((await digests()).filter((m) => !d0.includes(m.id)).length, 2, 'no digest for a scan with nothing new')

  const confirmed = await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/confirm`, { auth: as(worker), body: {} })
  assert.equal(confirmed.status, 200, confirmed.text)
  assert.ok(confirmed.json.notice_id && confirmed.json.confirmed_at)
  const notice = await api(srv.base, 'GET', `/api/v1/notices/${confirmed.json.notice_id}`, { auth: as(worker) })
  assert.match(notice.json.title, /测试电梯/)
  assert.ok(notice.json.recipients > 0)
  assertError(await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/confirm`, { auth: as(worker), body: {} }), 409, 'Conflict', 'action')

  assertError(await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/inspected`, { auth: as(worker), body: { date: await day(3) } }), 400, 'InvalidArgument', 'date')
  const done = await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/inspected`, { auth: as(worker), body: { date: await day(0) } })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.json.done, true)
  assert.equal((await remindersOf(worker, asset.id, true)).length, 0)

  assertError(await api(srv.base, 'PUT', '/api/v1/reminders/settings', { auth: as(street), body: { asset_lead_days: 0 } }), 400, 'InvalidArgument', 'asset_lead_days')
  const set = await api(srv.base, 'PUT', '/api/v1/reminders/settings', { auth: as(street), body: { asset_lead_days: 45 } })
  assert.equal(set.json.asset_lead_days, 45)
  assert.equal((await api(srv.base, 'GET', '/api/v1/reminders/settings', { auth: as(worker) })).json.asset_lead_days, 45)
})

test('another grid\'s worker cannot list, confirm or mark inspected this grid\'s reminder, and nothing changes', async () => {
  const building = await firstBuilding()
  // Demo assets the longer lead time set above now reaches are reminded first.
  assert.equal((await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(street) })).status, 200)
  const asset = await addAsset(building, '范围测试电梯', await day(10))
  const scan = await api(srv.base, 'POST', '/api/v1/reminders/scan', { auth: as(street) })
  assert.deepEqual([scan.json.due_soon, scan.json.overdue], [1, 0], scan.text)
  const [r] = await remindersOf(worker, asset.id)
  assert.ok(r, 'the worker of the asset\'s grid has the reminder')
  const assetNow = async () => {
    const a = await api(srv.base, 'GET', `/api/v1/registry/assets?building_id=${building.id}&page_size=200`, { auth: as(worker) })
    return a.json.items.find((x) => x.id === asset.id)
  }
  const assetBefore = await assetNow()
  const noticesBefore = (await api(srv.base, 'GET', '/api/v1/notices', { auth: as(street) })).json.items.map((n) => n.id)

  const other = await workerInOtherGrid(srv.base, street, worker.user.scope.id)
  assert.deepEqual(await remindersOf(other, asset.id), [], 'listing by asset id')
  const theirs = await api(srv.base, 'GET', '/api/v1/reminders/assets', { auth: as(other) })
  assert.equal(theirs.status, 200, theirs.text)
  assert.ok(!theirs.json.items.some((x) => x.id === r.id || x.asset_id === asset.id), 'listing everything')
  assertError(await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/confirm`, { auth: as(other), body: { message: '越权通知' } }), 404, 'NotFound')
  assertError(await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/inspected`, { auth: as(other), body: { date: await day(0) } }), 404, 'NotFound')

  assert.deepEqual(await remindersOf(worker, asset.id), [r], 'the reminder is as it was: not confirmed, no notice, not done')
  assert.deepEqual(await assetNow(), assetBefore, 'the asset\'s inspection dates are as they were')
  assert.deepEqual((await api(srv.base, 'GET', '/api/v1/notices', { auth: as(street) })).json.items.map((n) => n.id), noticesBefore, 'no notice was sent')
  // The same calls by the grid's own worker succeed: the refusals above were the scope's.
  const ok = await api(srv.base, 'POST', `/api/v1/reminders/assets/${r.id}/confirm`, { auth: as(worker), body: {} })
  assert.equal(ok.status, 200, ok.text)
})

test('a visit rule fills the worker\'s list; a visit with a concern files a request', async () => {
  // The street's default rules (visits_defaults.test.mjs) paused by the street admin, so this
  // test's rule is the only one.
  const defaults = await api(srv.base, 'GET', '/api/v1/visits/rules', { auth: as(street) })
  assert.equal(defaults.status, 200, defaults.text)
  for (const r of defaults.json.items) {
    const paused = await api(srv.base, 'PATCH', `/api/v1/visits/rules/${r.id}`, { auth: as(street), body: { active: false } })
    assert.equal(paused.status, 200, paused.text)
  }
  assertError(await api(srv.base, 'POST', '/api/v1/visits/rules', { auth: as(worker), body: { name: 'x', filter: {}, every_days: 7 } }), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'POST', '/api/v1/visits/rules', { auth: as(cadmin), body: { name: 'x', filter: { age_min: 'old' }, every_days: 7 } }), 400, 'InvalidArgument', 'filter.age_min')
  const rule = await api(srv.base, 'POST', '/api/v1/visits/rules', { auth: as(cadmin), body: { name: '70岁以上：每两周', filter: { age_min: 70 }, every_days: 14 } })
  assert.equal(rule.status, 201, rule.text)
  const due = await api(srv.base, 'GET', '/api/v1/visits/due', { auth: as(worker) })
  assert.equal(due.status, 200, due.text)
  assert.ok(due.json.items.length > 0)
  const first = due.json.items[0]
  assert.ok(first.age >= 70)
  assert.deepEqual([first.due_on, first.last_visit, first.rules], [await day(0), null, ['70岁以上：每两周']])

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
  assert.deepEqual([moved.last_visit, moved.due_on, moved.overdue], [await day(0), await day(14), false])
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
