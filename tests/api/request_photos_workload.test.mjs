// Photos, decline (退回), workload and leave, and live updates of requests,
// against a real server: photos are checked by content and stripped of
// metadata, at most six; a declined request goes back to whoever handed it
// over; nobody on leave is given new work; open pages learn what changed.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, addUser as addUserAs, workerInOtherGrid, as } from './server.mjs'

let srv, resident, worker, cadmin, street
const act = (who, id, action, body = {}) =>
  api(srv.base, 'POST', `/api/v1/requests/${id}/actions/${action}`, { auth: as(who), body })
const file = async (who, body) => (await api(srv.base, 'POST', '/api/v1/requests', { auth: as(who), body })).json
const upload = (who, id, bytes, type) =>
  api(srv.base, 'POST', `/api/v1/requests/${id}/photos`, { auth: as(who), body: bytes, contentType: type })

// A real 1×1 PNG, and the same with a tEXt chunk ("Hello" = "World") before IEND.
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010804000000b51c0c020000000b4944415478da6364600000000600023081d02f0000000049454e44ae426082', 'hex')
const withText = Buffer.concat([png.subarray(0, png.length - 12),
  Buffer.from('0000000b7445587448656c6c6f00576f726c64cc107eaf', 'hex'), png.subarray(png.length - 12)])

before(async () => {
  srv = await startServer(['--demo-residents', '200'])
  resident = await login(srv.base, 'resident')
  worker = await login(srv.base, 'grid_worker')
  cadmin = await login(srv.base, 'community_admin')
  street = await login(srv.base, 'street_admin')
})
after(async () => srv?.stop())

const addUser = (username, role, scope) => addUserAs(srv.base, street, username, role, scope)

test('photos: checked by content, stripped of metadata, at most six, visible to who sees the request', async () => {
  const r = await file(resident, { category: 'SR-LJ', description: '楼下垃圾堆了三天' })
  const ok = await upload(resident, r.id, withText, 'image/png')
  assert.equal(ok.status, 201, ok.text)
  assert.equal(ok.json.content_type, 'image/png')
  assert.equal(ok.json.size, png.length, 'the text chunk is gone')
  const got = await fetch(srv.base + ok.json.url, { headers: { Cookie: resident.cookie } })
  assert.equal(got.status, 200)
  assert.equal(got.headers.get('content-type'), 'image/png')
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(png))

  assertError(await upload(resident, r.id, Buffer.from('not a picture at all'), 'image/png'), 400, 'InvalidArgument', 'photo')
  assertError(await upload(resident, r.id, png, 'image/jpeg'), 400, 'InvalidArgument', 'photo')
  assertError(await upload(resident, r.id, png.subarray(0, 40), 'image/png'), 400, 'InvalidArgument', 'photo')
  assertError(await upload(resident, r.id, png, 'text/plain'), 400, 'InvalidArgument', 'photo')
  const huge = await upload(resident, r.id, Buffer.alloc(9 * 1024 * 1024), 'image/png')
  assert.equal(huge.status, 413)
  assertError(await upload(resident, r.id, Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]), 'image/png'), 400, 'InvalidArgument', 'photo')

  for (let i = 1; i < 6; ++i) assert.equal((await upload(worker, r.id, png, 'image/png')).status, 201)
  assertError(await upload(resident, r.id, png, 'image/png'), 409, 'Conflict', 'photo')
  const detail = await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(worker) })
  assert.equal(detail.json.photos.length, 6)
  assert.equal(detail.json.can_add_photo, false)
  assert.equal(detail.json.timeline.filter((e) => e.kind === 'photo').length, 6)

  // Someone who cannot see the request cannot see or add its photos.
  const neighbour = await addUser(`rs_p_${Date.now()}`, 'resident', { kind: 'grid', id: String(resident.user.scope.id) })
  assertError(await api(srv.base, 'GET', ok.json.url, { auth: as(neighbour) }), 404, 'NotFound')
  assertError(await upload(neighbour, r.id, png, 'image/png'), 404, 'NotFound')
})

test('decline (退回): the assignee hands it back to whoever transferred it, with a reason', async () => {
  const other = await workerInOtherGrid(srv.base, street, worker.user.scope.id)
  const r = await file(resident, { category: 'SQ-CW', description: '邻居家的狗总在楼道里便溺' })
  await act(cadmin, r.id, 'assign', { assignee_id: String(other.user.id) })
  const theirs = await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(other) })
  assert.ok(theirs.json.actions.includes('decline'))
  assertError(await act(other, r.id, 'decline'), 400, 'InvalidArgument', 'reason')
  const back = await act(other, r.id, 'decline', { reason: '不属于本网格' })
  assert.equal(back.status, 200, back.text)
  assert.equal(back.json.status, 'assigned')
  assert.equal(back.json.assignee.id, String(cadmin.user.id))
  const seen = await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(cadmin) })
  const last = seen.json.timeline.at(-1)
  assert.equal(last.kind, 'decline')
  assert.match(last.note, /不属于本网格/)
  // Not theirs any more: a second decline is refused.
  assertError(await act(other, r.id, 'decline', { reason: 'x' }), 404, 'NotFound')
})

test('workload: open and overdue per person; leave keeps new work away; handover moves it all', async () => {
  const before = await api(srv.base, 'GET', '/api/v1/requests/workload', { auth: as(cadmin) })
  assert.equal(before.status, 200, before.text)
  const me = before.json.people.find((p) => p.user_id === String(worker.user.id))
  assert.ok(me && me.open >= 1 && me.on_leave === false, JSON.stringify(me))
  assertError(await api(srv.base, 'GET', '/api/v1/requests/workload', { auth: as(worker) }), 403, 'PermissionDenied')

  // A second worker in the same grid shares the work; the first goes on leave.
  const mate = await addUser(`gw_l_${Date.now()}`, 'grid_worker', { kind: 'grid', id: String(worker.user.scope.id) })
  // Filing once now keeps both workers in the server's filing cache (regression: leave must drop it).
  const warm = await file(resident, { category: 'SQ-ZS', description: '楼上噪音，请假之前' })
  assert.equal(warm.assignee.id, String(mate.user.id), 'the new colleague has the least work')
  const today = new Date((await srv.clockNow()) + 8 * 3600e3).toISOString().slice(0, 10)
  const leaveUrl = `/api/v1/requests/workload/${worker.user.id}/leave`
  assertError(await api(srv.base, 'PUT', leaveUrl, { auth: as(cadmin), body: { from: today, until: '2020-01-01' } }), 400, 'InvalidArgument', 'until')
  assertError(await api(srv.base, 'PUT', leaveUrl, { auth: as(cadmin), body: { from: 'tomorrow', until: today } }), 400, 'InvalidArgument', 'from')
  const away = await api(srv.base, 'PUT', leaveUrl, { auth: as(cadmin), body: { from: today, until: today, note: '年假' } })
  assert.equal(away.status, 200, away.text)
  assert.equal(away.json.on_leave, true)
  assert.deepEqual(away.json.leave, { from: today, until: today, note: '年假' })
  for (let i = 0; i < 3; ++i) {
    const r = await file(resident, { category: 'SQ-ZS', description: `楼上噪音第${i}次` })
    assert.equal(r.assignee.id, String(mate.user.id), 'nobody on leave gets new work')
  }
  // Their open work goes to the colleague.
  const open = (await api(srv.base, 'GET', `/api/v1/requests?assignee_id=${worker.user.id}&page_size=200`, { auth: as(cadmin) })).json
  const still = open.items.filter((x) => !['resolved', 'closed', 'rejected', 'cancelled'].includes(x.status)).length
  const moved = await api(srv.base, 'POST', `/api/v1/requests/workload/${worker.user.id}/handover`, { auth: as(cadmin) })
  assert.equal(moved.status, 200, moved.text)
  assert.equal(moved.json.moved, still)
  const after = await api(srv.base, 'GET', '/api/v1/requests/workload', { auth: as(cadmin) })
  assert.equal(after.json.people.find((p) => p.user_id === String(worker.user.id)).open, 0)
  const back = await api(srv.base, 'DELETE', leaveUrl, { auth: as(cadmin) })
  assert.equal(back.json.on_leave, false)
  assert.equal(back.json.leave, null)
  // Back from leave with nothing open: the next request is theirs again.
  const next = await file(resident, { category: 'SQ-ZS', description: '楼上噪音，假期之后' })
  assert.equal(next.assignee.id, String(worker.user.id), 'the end of a leave is seen at once')
  // Outside the admin's area (a real grid worker of another community): not found, and no leave is set.
  const tree = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(street) })).json
  const far = tree.streets[0].communities.find((c) => c.id !== String(cadmin.user.scope.id))
  const outsider = await addUser(`gw_far_${Date.now()}`, 'grid_worker', { kind: 'grid', id: far.grids[0].id })
  assertError(await api(srv.base, 'PUT', `/api/v1/requests/workload/${outsider.user.id}/leave`, { auth: as(cadmin), body: { from: today, until: today } }), 404, 'NotFound')
  const seenByStreet = (await api(srv.base, 'GET', '/api/v1/requests/workload', { auth: as(street) })).json.people
  const o = seenByStreet.find((p) => p.user_id === String(outsider.user.id))
  assert.deepEqual([o?.on_leave, o?.leave], [false, null], `the refused leave was not set: ${JSON.stringify(o)}`)
})

test('workload scope: another community\'s admin neither sees nor manages this community\'s people', async () => {
  const tree = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(street) })).json
  const far = tree.streets[0].communities.find((c) => c.id !== String(cadmin.user.scope.id))
  const farAdmin = await addUser(`ca_far_${Date.now()}`, 'community_admin', { kind: 'community', id: far.id })
  const farWorker = await addUser(`gw_far2_${Date.now()}`, 'grid_worker', { kind: 'grid', id: far.grids[0].id })
  // Give the worker of this grid open work, so a handover would have something to move.
  const r = await file(resident, { category: 'SQ-ZS', description: '楼上噪音，工作量范围' })
  assert.ok(r.assignee, JSON.stringify(r))
  const handlerId = r.assignee.id // one of this grid's workers
  const people = async (who) => {
    const w = await api(srv.base, 'GET', '/api/v1/requests/workload', { auth: as(who) })
    assert.equal(w.status, 200, w.text)
    return w.json.people
  }
  const ours = await people(cadmin)
  const ids = (list) => list.map((p) => p.user_id)
  assert.ok(ids(ours).includes(handlerId), 'control: our admin sees our worker')
  assert.ok(!ids(ours).includes(String(farWorker.user.id)), 'our admin does not see the other community\'s worker')
  const theirs = await people(farAdmin)
  assert.ok(ids(theirs).includes(String(farWorker.user.id)), 'control: their admin sees their worker')
  for (const p of ours) assert.ok(!ids(theirs).includes(p.user_id), `${p.display_name} of 和平社区 is listed for the other community's admin`)
  // weight grows with the age of open work, so it is left out.
  const state = (p) => p && { user_id: p.user_id, open: p.open, overdue: p.overdue, on_leave: p.on_leave, leave: p.leave }
  const mineBefore = state(ours.find((p) => p.user_id === handlerId))
  assert.ok(mineBefore.open >= 1, JSON.stringify(mineBefore))

  const base = `/api/v1/requests/workload/${handlerId}`
  const today = new Date((await srv.clockNow()) + 8 * 3600e3).toISOString().slice(0, 10)
  assertError(await api(srv.base, 'PUT', `${base}/leave`, { auth: as(farAdmin), body: { from: today, until: today } }), 404, 'NotFound')
  assertError(await api(srv.base, 'POST', `${base}/handover`, { auth: as(farAdmin) }), 404, 'NotFound')
  const mineAfter = state((await people(cadmin)).find((p) => p.user_id === handlerId))
  assert.deepEqual(mineAfter, mineBefore, 'the refused leave and handover changed nothing')
  const still = await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(cadmin) })
  assert.equal(still.json.assignee.id, handlerId, 'the request was not handed over')
  // The other way round too.
  assertError(await api(srv.base, 'PUT', `/api/v1/requests/workload/${farWorker.user.id}/leave`, { auth: as(cadmin), body: { from: today, until: today } }), 404, 'NotFound')
  assertError(await api(srv.base, 'POST', `/api/v1/requests/workload/${farWorker.user.id}/handover`, { auth: as(cadmin) }), 404, 'NotFound')
  const farAfter = (await people(farAdmin)).find((p) => p.user_id === String(farWorker.user.id))
  assert.deepEqual([farAfter.on_leave, farAfter.leave], [false, null])
})

test('updates: open pages learn what changed since they last looked, within scope', async () => {
  const first = await api(srv.base, 'GET', '/api/v1/requests/updates', { auth: as(worker) })
  assert.equal(first.status, 200, first.text)
  const since = first.json.now
  await srv.advanceClock(3)  // past the two-second look-back: found because it is newer, not by the look-back
  const r = await file(resident, { category: 'SQ-WX', description: '三楼水管漏水' })
  const seen = await api(srv.base, 'GET', `/api/v1/requests/updates?since=${encodeURIComponent(since)}`, { auth: as(worker) })
  const item = seen.json.items.find((x) => x.id === r.id)
  assert.ok(item, seen.text)
  assert.equal(item.new, true)
  const mine = await api(srv.base, 'GET', `/api/v1/requests/updates?since=${encodeURIComponent(since)}`, { auth: as(resident) })
  assert.ok(mine.json.items.some((x) => x.id === r.id))
  const stranger = await workerInOtherGrid(srv.base, street, worker.user.scope.id)
  const theirs = await api(srv.base, 'GET', `/api/v1/requests/updates?since=${encodeURIComponent(since)}`, { auth: as(stranger) })
  assert.ok(!theirs.json.items.some((x) => x.id === r.id))
  assertError(await api(srv.base, 'GET', '/api/v1/requests/updates?since=yesterday', { auth: as(worker) }), 400, 'InvalidArgument', 'since')
})
