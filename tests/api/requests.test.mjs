// Requests (诉求工单) against a real server: filing routes to the grid worker,
// the lifecycle refuses illegal moves with 409, residents see only their own
// requests and never internal notes, a worker only their grid's, and a retry
// with the same Idempotency-Key files once. Deadlines are compared with the test's own
// working-time oracle, so the file holds on any day the server's clock starts on.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, addUser as addUserAs, workerInOtherGrid, waitFor, as } from './server.mjs'
import { addWorking, workingBetween, calendarOverrides, nextWorkdays, HOUR, DAY } from './business_time.mjs'

let srv, resident, worker, cadmin, street
const act = (who, id, action, body = {}) =>
  api(srv.base, 'POST', `/api/v1/requests/${id}/actions/${action}`, { auth: as(who), body })
const file = (who, body, headers = {}) => api(srv.base, 'POST', '/api/v1/requests', { auth: as(who), body, headers })

before(async () => {
  srv = await startServer(['--demo-residents', '200'])
  resident = await login(srv.base, 'resident')
  worker = await login(srv.base, 'grid_worker')
  cadmin = await login(srv.base, 'community_admin')
  street = await login(srv.base, 'street_admin')
})
after(async () => srv?.stop())

const addUser = (username, role, scope) => addUserAs(srv.base, street, username, role, scope)

test('categories: the six national classes and community needs, two levels', async () => {
  const r = await api(srv.base, 'GET', '/api/v1/requests/categories', { auth: as(resident) })
  assert.equal(r.status, 200)
  const top = r.json.items.filter((c) => c.parent === null).map((c) => c.name)
  for (const name of ['市容环境', '宣传广告', '施工管理', '街面秩序', '突发事件', '其他', '社区需求']) assert.ok(top.includes(name), name)
  const noise = r.json.items.find((c) => c.code === 'SQ-ZS')
  assert.deepEqual([noise.parent, noise.name, noise.unit], ['SQ', '噪声扰民', 'grid'])
})

test('a resident files in Chinese; it is numbered, routed to the grid worker and timed', async () => {
  const r = await file(resident, { category: 'SQ-ZS', description: '楼上每晚十一点以后还在装修，电钻声很大，影响老人休息。' })
  assert.equal(r.status, 201, r.text)
  assert.match(r.json.number, /^SQ-ZS-\d{8}-\d{4}$/)
  assert.equal(r.json.status, 'assigned')
  assert.equal(r.json.channel, 'web')
  assert.equal(r.json.assignee.id, String(worker.user.id))
  assert.equal(r.json.place.grid_id, String(resident.user.scope.id))
  // 噪声扰民 is due in 48 working hours: exactly 48 h on a Monday morning, over the weekend on a
  // Friday evening, after the holiday in the Spring Festival week.
  const filed = Date.parse(r.json.created_at)
  const overrides = await calendarOverrides(api, srv.base, as(worker), filed)
  assert.equal(Date.parse(r.json.resolve_due), addWorking(filed, 48 * HOUR, overrides),
    `48 working hours after ${r.json.created_at}: got ${r.json.resolve_due}`)
  assert.deepEqual(r.json.actions.sort(), ['cancel', 'note'])
  const got = await api(srv.base, 'GET', `/api/v1/requests/${r.json.id}`, { auth: as(resident) })
  assert.deepEqual(got.json.timeline.map((e) => e.kind), ['submitted', 'assign'])
})

test('a retry with the same Idempotency-Key files one request', async () => {
  const key = `k-${Date.now()}`
  const body = { category: 'SR-LJ', description: '小区东门垃圾桶满了没人清运' }
  const a = await file(resident, body, { 'Idempotency-Key': key })
  const b = await file(resident, body, { 'Idempotency-Key': key })
  assert.equal(a.status, 201)
  assert.equal(b.json.id, a.json.id)
  assert.equal(b.json.number, a.json.number)
  const mine = await api(srv.base, 'GET', `/api/v1/requests?mine=1&q=${encodeURIComponent('东门垃圾桶')}`, { auth: as(resident) })
  assert.equal(mine.json.total, 1)
})

test('the worker takes it from new to resolved; illegal moves are 409; the resident rates and closes', async () => {
  const r = (await file(resident, { category: 'SQ-WX', description: '单元楼道灯坏了一个星期' })).json
  assertError(await act(worker, r.id, 'resolve', { note: '修好了' }), 409, 'Conflict', 'action')
  assert.equal((await act(worker, r.id, 'start')).json.status, 'in_progress')
  const waited = await act(worker, r.id, 'wait', { note: '请告知具体楼层' })
  assert.equal(waited.json.status, 'waiting_on_resident')
  assert.equal((await act(worker, r.id, 'resume')).json.status, 'in_progress')
  assertError(await act(worker, r.id, 'resolve'), 400, 'InvalidArgument', 'note')
  await act(worker, r.id, 'note', { note: '物业电工排班紧张', internal: true })
  const done = await act(worker, r.id, 'resolve', { note: '已更换灯泡' })
  assert.equal(done.json.status, 'resolved')
  assertError(await act(worker, r.id, 'rate', { rating: 5 }), 403, 'PermissionDenied')
  assertError(await act(resident, r.id, 'rate', { rating: 9 }), 400, 'InvalidArgument', 'rating')
  const rated = await act(resident, r.id, 'rate', { rating: 5, comment: '很快，谢谢' })
  assert.equal(rated.json.status, 'closed')
  assert.equal(rated.json.rating, 5)
  assertError(await act(worker, r.id, 'start'), 409, 'Conflict', 'action')

  const seenByResident = (await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(resident) })).json
  assert.ok(!seenByResident.timeline.some((e) => e.internal), 'no internal notes for residents')
  assert.deepEqual(seenByResident.timeline.map((e) => e.kind), ['submitted', 'assign', 'start', 'wait', 'resume', 'resolve', 'rate'])
  const seenByWorker = (await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(worker) })).json
  assert.ok(seenByWorker.timeline.some((e) => e.internal && e.note === '物业电工排班紧张'))
  assertError(await act(resident, r.id, 'reopen'), 400, 'InvalidArgument', 'reason')
  assert.equal((await act(resident, r.id, 'reopen', { reason: '灯又坏了' })).json.status, 'reopened')
})

test('scopes: another grid\'s worker and another resident cannot see it, by id or in lists', async () => {
  const otherWorker = await workerInOtherGrid(srv.base, street, worker.user.scope.id)
  const neighbour = await addUser(`rs_${Date.now()}`, 'resident', { kind: 'grid', id: String(resident.user.scope.id) })
  const r = (await file(resident, { category: 'SQ-CW', description: '楼下的狗整夜叫' })).json
  assertError(await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(otherWorker) }), 404, 'NotFound')
  assertError(await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(neighbour) }), 404, 'NotFound')
  assertError(await act(otherWorker, r.id, 'start'), 404, 'NotFound')
  const list = await api(srv.base, 'GET', '/api/v1/requests?page_size=200', { auth: as(otherWorker) })
  assert.ok(!list.json.items.some((x) => x.id === r.id))
  assert.equal((await api(srv.base, 'GET', '/api/v1/requests', { auth: as(neighbour) })).json.total, 0)
  // The community admin sees it and may reassign it within the community.
  assert.ok((await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(cadmin) })).json.actions.includes('assign'))
  const moved = await act(cadmin, r.id, 'assign', { assignee_id: String(otherWorker.user.id), note: '就近处理' })
  assert.equal(moved.json.assignee.id, String(otherWorker.user.id))
  // Handed over, it is theirs to see and handle.
  const theirs = await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(otherWorker) })
  assert.equal(theirs.status, 200)
  assert.ok(theirs.json.actions.includes('start'))
  assert.ok((await api(srv.base, 'GET', '/api/v1/requests?mine=1', { auth: as(otherWorker) })).json.items.some((x) => x.id === r.id))
})

test('bad input names the field and files nothing', async () => {
  const before = (await api(srv.base, 'GET', '/api/v1/requests?mine=1', { auth: as(resident) })).json.total
  assertError(await file(resident, { description: '' }), 400, 'InvalidArgument', 'description')
  assertError(await file(resident, { description: '长'.repeat(4001) }), 400, 'InvalidArgument', 'description')
  assertError(await file(resident, { description: '好', category: 'NOPE' }), 400, 'InvalidArgument', 'category')
  assertError(await file(resident, { description: '好', priority: 'asap' }), 400, 'InvalidArgument', 'priority')
  assertError(await file(resident, { description: '好', lat: 99 }), 400, 'InvalidArgument', 'lat')
  assertError(await file(worker, { description: '好', contact_phone: '12' }), 400, 'InvalidArgument', 'contact_phone')
  assertError(await act(worker, '999999', 'start'), 404, 'NotFound')
  assertError(await act(worker, '1', 'fly'), 400, 'InvalidArgument', 'action')
  assert.equal((await api(srv.base, 'GET', '/api/v1/requests?mine=1', { auth: as(resident) })).json.total, before)
})

test('a hotline operator files for a caller: channel hotline; the number in full only on the confirmation', async () => {
  const r = await file(worker, { description: '来电：3号楼电梯困人', category: 'TF-DT', contact_name: '李阿姨', contact_phone: '13912345678' })
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.channel, 'hotline')
  assert.equal(r.json.contact.phone_masked, '*******5678')
  // The worker who just typed it checks it with the caller (issue 14); nowhere else is it whole.
  assert.equal(r.json.contact.phone, '13912345678')
  const again = await api(srv.base, 'GET', `/api/v1/requests/${r.json.id}`, { auth: as(worker) })
  assert.ok(!again.text.includes('13912345678'))
  const listed = await api(srv.base, 'GET', '/api/v1/requests?mine=1', { auth: as(worker) })
  assert.ok(!listed.text.includes('13912345678'))
})

test('the business calendar: the street admin sets holidays and make-up days; others may only read', async () => {
  const put = (who, date, kind) => api(srv.base, 'PUT', `/api/v1/requests/calendar/${date}`, { auth: as(who), body: { kind } })
  // The street starts with the national holidays (the State Council's 2026 notice).
  const national = await api(srv.base, 'GET', '/api/v1/requests/calendar?year=2026', { auth: as(worker) })
  const kindOf = new Map(national.json.items.map((d) => [d.date, d.kind]))
  for (const d of ['2026-02-15', '2026-02-23', '2026-10-01', '2026-10-07']) assert.equal(kindOf.get(d), 'holiday', d)
  for (const d of ['2026-02-14', '2026-02-28', '2026-10-10']) assert.equal(kindOf.get(d), 'workday', d)
  // A year nobody has entered yet is empty until the street admin sets it.
  assert.equal((await put(street, '2030-10-01', 'holiday')).status, 200)
  assert.equal((await put(street, '2030-09-28', 'workday')).status, 200)
  assertError(await put(worker, '2030-10-02', 'holiday'), 403, 'PermissionDenied')
  assertError(await put(street, '2030-13-01', 'holiday'), 400, 'InvalidArgument', 'date')
  assertError(await put(street, '2030-10-02', 'party'), 400, 'InvalidArgument', 'kind')
  const cal = await api(srv.base, 'GET', '/api/v1/requests/calendar?year=2030', { auth: as(worker) })
  assert.deepEqual(cal.json.items, [{ date: '2030-09-28', kind: 'workday' }, { date: '2030-10-01', kind: 'holiday' }])
  assert.equal((await put(street, '2030-09-28', 'normal')).status, 200)
  assert.equal((await api(srv.base, 'GET', '/api/v1/requests/calendar?year=2030', { auth: as(worker) })).json.items.length, 1)
  assertError(await api(srv.base, 'GET', '/api/v1/requests/calendar?year=abc', { auth: as(worker) }), 400, 'InvalidArgument', 'year')
  // New holidays move the deadlines of requests filed after them (regression: the server caches the calendar).
  const before = (await file(resident, { category: 'SQ-ZS', description: '放假之前：楼上噪音' })).json
  const overrides = await calendarOverrides(api, srv.base, as(worker), Date.parse(before.created_at))
  // The next four working days (whatever day this runs on) become holidays.
  const days = nextWorkdays(Date.parse(before.created_at), 4, overrides)
  const restore = days.map((d) => [d, overrides.get(d) ?? 'normal'])
  for (const d of days) assert.equal((await put(street, d, 'holiday')).status, 200)
  const during = (await file(resident, { category: 'SQ-ZS', description: '放假期间：楼上噪音' })).json
  for (const d of days) overrides.set(d, 'holiday')
  assert.equal(Date.parse(during.resolve_due), addWorking(Date.parse(during.created_at), 48 * HOUR, overrides),
    `holidays ${days.join(', ')} push the deadline: ${before.resolve_due} → ${during.resolve_due}`)
  assert.ok(Date.parse(during.resolve_due) - Date.parse(before.resolve_due) >= 4 * DAY - 60e3,
    `four working days fewer: ${before.resolve_due} → ${during.resolve_due}`)
  for (const [d, kind] of restore) assert.equal((await put(street, d, kind)).status, 200)
  const levels = await api(srv.base, 'GET', '/api/v1/requests/escalation-levels', { auth: as(worker) })
  assert.deepEqual(levels.json.items.map((l) => l.color), ['blue', 'yellow', 'red'])
  // A request not yet escalated offers no report-in, and refuses one.
  const r = (await file(resident, { category: 'SQ-ZS', description: '夜里有人在广场放音乐' })).json
  assert.equal(r.escalation, null)
  assert.ok(!r.actions.includes('report_in'))
  assertError(await act(worker, r.id, 'report_in'), 403, 'PermissionDenied')
})

test('the classifier suggests categories learned from filed requests, and learns from a correction', async () => {
  for (const [category, description] of [
    ['SQ-DT', '电梯坏了，老人下不了楼'], ['SQ-DT', '电梯又停运了没人修'], ['SR-LJ', '垃圾桶满了没人清运'],
    ['SR-LJ', '门口垃圾堆了好几天'], ['SQ-ZS', '楼上装修噪音很大'],
  ]) assert.equal((await file(worker, { category, description })).status, 201)
  const g = await api(srv.base, 'POST', '/api/v1/requests/classify', { auth: as(resident), body: { description: '我们楼的电梯坏了好几天' } })
  assert.equal(g.status, 200, g.text)
  assert.equal(g.json.categories[0].code, 'SQ-DT')
  assert.equal(g.json.categories[0].name, '电梯故障')
  assert.ok(g.json.categories.length <= 3 && g.json.categories[0].confidence > g.json.categories[1].confidence)
  assert.ok(['low', 'normal', 'high', 'urgent'].includes(g.json.priority.value))
  assertError(await api(srv.base, 'POST', '/api/v1/requests/classify', { auth: as(resident), body: {} }), 400, 'InvalidArgument', 'description')

  // Filed without a category, the worker corrects it; the classifier learns the new wording.
  const r = (await file(resident, { description: '小区里流浪猫半夜打架叫个不停' })).json
  assertError(await act(worker, r.id, 'categorize', {}), 400, 'InvalidArgument', 'category')
  const fixed = await act(worker, r.id, 'categorize', { category: 'SQ-CW' })
  assert.equal(fixed.json.category, 'SQ-CW')
  const again = await api(srv.base, 'POST', '/api/v1/requests/classify', { auth: as(resident), body: { description: '流浪猫半夜叫' } })
  assert.equal(again.json.categories[0].code, 'SQ-CW')
})

test('a low rating plans a follow-up visit that the community records', async () => {
  const staff = await login(srv.base, 'community_staff')
  const r = (await file(resident, { category: 'SQ-WX', description: '楼道窗户玻璃碎了' })).json
  await act(worker, r.id, 'start')
  await act(worker, r.id, 'resolve', { note: '已更换玻璃' })
  assert.equal((await act(resident, r.id, 'rate', { rating: 1, comment: '还是漏风' })).json.status, 'closed')
  const list = await api(srv.base, 'GET', '/api/v1/requests/followups?mine=1&open=1', { auth: as(staff) })
  assert.equal(list.status, 200, list.text)
  const f = list.json.items.find((x) => x.request_id === r.id)
  assert.ok(f, 'planned for the community staff')
  assertError(await api(srv.base, 'GET', '/api/v1/requests/followups', { auth: as(resident) }), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'POST', `/api/v1/requests/followups/${f.id}/done`, { auth: as(staff), body: {} }), 400, 'InvalidArgument', 'note')
  assert.equal((await api(srv.base, 'POST', `/api/v1/requests/followups/${f.id}/done`, { auth: as(staff), body: { note: '上门查看，已加装密封条' } })).status, 204)
  assertError(await api(srv.base, 'POST', `/api/v1/requests/followups/${f.id}/done`, { auth: as(staff), body: { note: '再次' } }), 409, 'Conflict')
  const seen = await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(resident) })
  assert.deepEqual(seen.json.timeline.slice(-2).map((e) => e.kind), ['followup_planned', 'followup'])
})

test('the same problem reported again nearby is suggested as a duplicate; linked, it is settled with the first', async () => {
  const b = (await api(srv.base, 'GET', '/api/v1/registry/buildings?page_size=1', { auth: as(worker) })).json.items[0]
  const first = (await file(worker, { category: 'SQ-DT', description: '2号电梯停了', building_id: b.id })).json
  const again = (await file(worker, { category: 'SQ-DT', description: '电梯又不动了', building_id: b.id })).json
  const other = (await file(worker, { category: 'SQ-ZS', description: '楼下很吵', building_id: b.id })).json
  const seen = (await api(srv.base, 'GET', `/api/v1/requests/${again.id}`, { auth: as(worker) })).json
  assert.deepEqual(seen.possible_duplicates.map((d) => d.id), [first.id])
  assert.equal((await api(srv.base, 'GET', `/api/v1/requests/${other.id}`, { auth: as(worker) })).json.possible_duplicates.length, 0)
  assertError(await act(worker, again.id, 'link', {}), 400, 'InvalidArgument', 'duplicate_of')
  assertError(await act(worker, again.id, 'link', { duplicate_of: again.id }), 400, 'InvalidArgument', 'duplicate_of')
  const linked = await act(worker, again.id, 'link', { duplicate_of: first.id })
  assert.equal(linked.json.duplicate_of, first.id)
  assert.ok(!linked.json.actions.includes('link'))
  await act(worker, first.id, 'start')
  await act(worker, first.id, 'resolve', { note: '维保单位已修复' })
  const dup = (await api(srv.base, 'GET', `/api/v1/requests/${again.id}`, { auth: as(worker) })).json
  assert.equal(dup.status, 'resolved')
  assert.match(dup.timeline.at(-1).note, new RegExp(first.number))
  await act(worker, first.id, 'close')
  assert.equal((await api(srv.base, 'GET', `/api/v1/requests/${again.id}`, { auth: as(worker) })).json.status, 'closed')
})

// Last: it moves the server's clock on by days, which ends every session.
test('waiting on the resident pauses the clock: the deadline moves by the working time waited', async () => {
  const r = (await file(resident, { category: 'SQ-LL', description: '邻居在楼道堆放杂物' })).json
  await act(worker, r.id, 'start')
  assert.equal((await act(worker, r.id, 'wait', { note: '请提供照片' })).json.status, 'waiting_on_resident')
  const unpaused = (await file(resident, { category: 'SQ-LL', description: '同一天：楼道堆放杂物' })).json
  // Twelve days waiting: longer than any holiday, so working time always passes.
  await srv.advanceClock(12 * 86400)
  worker = await login(srv.base, 'grid_worker')
  resident = await login(srv.base, 'resident')
  // Once the scheduler has called the one filed beside it, the paused one must not be called.
  await waitFor(async () => (await api(srv.base, 'GET', `/api/v1/requests/${unpaused.id}`, { auth: as(worker) })).json.escalation,
    { timeoutMs: 15000, message: 'the unpaused request escalated' })
  const paused = (await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(worker) })).json
  assert.equal(paused.escalation, null, 'a paused request is not escalated, though its deadline has passed')
  const resumed = (await act(worker, r.id, 'resume')).json
  const timeline = (await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(worker) })).json.timeline
  const waitedAt = Date.parse(timeline.find((e) => e.kind === 'wait').at)
  const resumedAt = Date.parse(timeline.find((e) => e.kind === 'resume').at)
  const overrides = await calendarOverrides(api, srv.base, as(worker), waitedAt)
  // The working time left at the wait is what is left after the resume.
  const expected = addWorking(resumedAt, workingBetween(waitedAt, Date.parse(r.resolve_due), overrides), overrides)
  assert.ok(Math.abs(Date.parse(resumed.resolve_due) - expected) <= 2000,
    `due ${resumed.resolve_due}, expected ${new Date(expected).toISOString()} (waited ${timeline.find((e) => e.kind === 'wait').at} → ${timeline.find((e) => e.kind === 'resume').at})`)
  const waitedWorking = workingBetween(waitedAt, resumedAt, overrides)
  assert.ok(waitedWorking >= DAY, 'twelve days hold at least one working day')
  assert.ok(Date.parse(resumed.resolve_due) - Date.parse(r.resolve_due) >= waitedWorking - 2000,
    'the deadline moved by at least the working time waited')
})
