// The request loop speaks (issue 14): whoever must act next is told, whoever waits is told
// when it is done — the handler of new work, the resident in the app (the hotline caller by
// SMS, through the fake gateway) of 签收, resolution and closing, the handler of a reopen and a
// low rating; 签收 in one tap; calling back through an audited reveal; assigning only to whom
// the server would accept; and the home page (GET /today) whose counts equal the lists.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, login, api, as, assertError, waitFor } from './server.mjs'

let srv, resident, worker, cadmin, cstaff, street, dept, volunteer

before(async () => {
  srv = await startServer(['--demo-residents', '300'])
  ;[resident, worker, cadmin, cstaff, street, dept, volunteer] = await Promise.all(
    ['resident', 'grid_worker', 'community_admin', 'community_staff', 'street_admin', 'department', 'volunteer'].map((u) => login(srv.base, u)),
  )
})
after(async () => srv?.stop())

const inbox = async (who) => (await api(srv.base, 'GET', '/api/v1/notifications?page_size=100', { auth: as(who) })).json.items
const inboxWith = async (who, text) => (await inbox(who)).filter((m) => `${m.subject} ${m.body}`.includes(text))
const act = (who, id, action, body = {}) => api(srv.base, 'POST', `/api/v1/requests/${id}/actions/${action}`, { auth: as(who), body })
const smsTo = (last4) => {
  const file = path.join(srv.dataDir, 'fake-sms.jsonl')
  if (!fs.existsSync(file)) return []
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((l) => l.to.endsWith(last4))
}
const list = async (who, q) => (await api(srv.base, 'GET', `/api/v1/requests?${q}`, { auth: as(who) })).json
const today = async (who) => {
  const r = await api(srv.base, 'GET', '/api/v1/today', { auth: as(who) })
  assert.equal(r.status, 200, r.text)
  return r.json
}
const item = (t, key) => t.items.find((i) => i.key === key)

test('a resident files: the handler hears of new work, the request is new until received (签收), and the resident hears of each step', async () => {
  const filed = await api(srv.base, 'POST', '/api/v1/requests', {
    auth: as(resident), body: { category: 'SQ-WX', description: '楼道灯坏了一个礼拜了，晚上黑灯瞎火的，老人上下楼不安全' },
  })
  assert.equal(filed.status, 201, filed.text)
  const r = filed.json
  assert.equal(r.status, 'assigned')
  assert.equal(r.new, true)
  assert.equal(r.received_at, null)
  // The handler calls back the resident as the registry knows them, not their login name.
  assert.notEqual(r.contact.name, 'resident')
  assert.ok(r.contact.name.length >= 2, r.text)
  const assignee = r.assignee.id
  assert.equal(assignee, worker.user.id, 'a grid request goes to the grid worker')

  const told = await inboxWith(worker, r.number)
  assert.equal(told.length, 1, 'one message of new work')
  assert.match(told[0].subject, /新诉求/)
  assert.equal(told[0].link, `/requests/${r.id}`)

  // Home: the new request counts under 新派给我, and the count is the list's total.
  let home = await today(worker)
  const fresh = item(home, 'new_work')
  assert.ok(fresh.count >= 1)
  assert.equal(fresh.count, (await list(worker, 'mine=1&unreceived=1')).total)
  assert.equal(fresh.link, '/requests?mine=1&unreceived=1')
  assert.equal(item(home, 'my_open').count, (await list(worker, 'mine=1&open=1')).total)
  assert.ok(home.requests.some((x) => x.id === r.id && x.new))

  // Only the assignee receives; once.
  assertError(await act(resident, r.id, 'receive'), 403, 'PermissionDenied')
  const got = await act(worker, r.id, 'receive')
  assert.equal(got.status, 200, got.text)
  assert.equal(got.json.new, false)
  assert.ok(got.json.received_at)
  assert.equal(got.json.status, 'assigned', 'receiving keeps the status')
  assertError(await act(worker, r.id, 'receive'), 409, 'Conflict', 'action')
  home = await today(worker)
  assert.equal(item(home, 'new_work').count, fresh.count - 1)

  const heard = await inboxWith(resident, r.number)
  assert.equal(heard.length, 1, heard.map((m) => m.subject).join(' | '))
  assert.match(heard[0].subject, /已受理/)

  assert.equal((await act(worker, r.id, 'start')).status, 200)
  assert.equal((await inboxWith(resident, r.number)).length, 1, 'start after 签收 tells nobody again')
  const done = await act(worker, r.id, 'resolve', { note: '已更换灯泡' })
  assert.equal(done.status, 200, done.text)
  const resolved = (await inboxWith(resident, r.number)).filter((m) => /已办结/.test(m.subject))
  assert.equal(resolved.length, 1)
  assert.match(resolved[0].body, /已更换灯泡/)
  assert.equal(resolved[0].link, `/requests/${r.id}`, 'the link to confirm and rate')

  // A low rating tells the handler (and plans a follow-up).
  assert.equal((await act(resident, r.id, 'rate', { rating: 1, comment: '换了又坏' })).status, 200)
  const low = (await inboxWith(worker, r.number)).filter((m) => /评价较低/.test(m.subject))
  assert.equal(low.length, 1)
  assert.match(low[0].body, /换了又坏/)
  // The resident rated it themselves: no "closed" message to them.
  assert.equal((await inboxWith(resident, r.number)).filter((m) => /结案/.test(m.subject)).length, 0)

  // Reopened: the handler hears of it.
  assert.equal((await act(resident, r.id, 'reopen', { reason: '灯又不亮了' })).status, 200)
  const reopened = (await inboxWith(worker, r.number)).filter((m) => /重新提交/.test(m.subject))
  assert.equal(reopened.length, 1)
})

test('a hotline caller hears by SMS; the worker sees the number they typed, then only through an audited reveal', async () => {
  const phone = '13987654321'
  const filed = await api(srv.base, 'POST', '/api/v1/requests', {
    auth: as(worker), body: { category: 'SR-LJ', description: '小区门口垃圾堆了三天没人清', contact_name: '王阿姨', contact_phone: phone },
  })
  assert.equal(filed.status, 201, filed.text)
  const r = filed.json
  assert.equal(r.contact.phone, phone, 'shown in full to whoever just typed it')
  const again = await api(srv.base, 'GET', `/api/v1/requests/${r.id}`, { auth: as(worker) })
  assert.equal(again.json.contact.phone, undefined)
  assert.equal(again.json.contact.phone_masked, '*******4321')

  // The worker who typed it for themselves has it already (签收 at filing): the caller is told
  // by SMS at once; resolve → another SMS.
  assert.equal(r.new, false, 'not new work to whoever typed it')
  assertError(await act(worker, r.id, 'receive'), 409, 'Conflict', 'action')
  await waitFor(() => smsTo('4321').some((s) => s.text.includes(r.number) && s.text.includes('已受理')), { message: 'SMS of 签收' })
  assert.equal((await act(worker, r.id, 'start')).status, 200)
  assert.equal((await act(worker, r.id, 'resolve', { note: '已清运' })).status, 200)
  await waitFor(() => smsTo('4321').some((s) => s.text.includes(r.number) && s.text.includes('已办结')), { message: 'SMS of the resolution' })
  assert.equal(smsTo('4321').filter((s) => s.text.includes(r.number)).length, 2, 'one SMS per step')

  // Calling back: the handler, with a reason from the list; audited.
  const url = `/api/v1/requests/${r.id}/contact/reveal`
  assertError(await api(srv.base, 'POST', url, { auth: as(worker), body: { reason: 'curious' } }), 400, 'InvalidArgument', 'reason')
  assertError(await api(srv.base, 'POST', url, { auth: as(worker), body: {} }), 400, 'InvalidArgument', 'reason')
  assertError(await api(srv.base, 'POST', url, { auth: as(resident), body: { reason: 'callback' } }), 403, 'PermissionDenied')
  const shown = await api(srv.base, 'POST', url, { auth: as(worker), body: { reason: 'callback' } })
  assert.equal(shown.status, 200, shown.text)
  assert.equal(shown.json.phone, phone)
  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=requests.contact_reveal', { auth: as(street) })
  assert.equal(audit.status, 200, audit.text)
  const entry = audit.json.items.find((e) => e.target_id === r.id)
  assert.ok(entry, audit.text)
  assert.equal(entry.detail.reason, 'callback')
  assert.ok(!JSON.stringify(audit.json).includes(phone), 'the number is never in the audit log')
})

test('assigning offers exactly whom the server accepts, named, with their open work', async () => {
  const filed = await api(srv.base, 'POST', '/api/v1/requests', {
    auth: as(cadmin), body: { category: 'SQ-LL', description: '楼上楼下因为漏水吵起来了，需要社区出面调解' },
  })
  assert.equal(filed.status, 201, filed.text)
  const r = filed.json
  const res = await api(srv.base, 'GET', `/api/v1/requests/${r.id}/assignees`, { auth: as(cadmin) })
  assert.equal(res.status, 200, res.text)
  const people = res.json.people
  assert.ok(people.length >= 2, res.text)
  for (const p of people) {
    assert.ok(['grid_worker', 'community_staff', 'community_admin', 'street_admin', 'department'].includes(p.role), p.role)
    assert.ok(p.display_name && typeof p.open === 'number')
  }
  assert.ok(!people.some((p) => p.user_id === volunteer.user.id), 'a volunteer cannot take a request')
  assert.ok(people.some((p) => p.role === 'department'), 'the street’s departments may take it')
  assertError(await api(srv.base, 'GET', `/api/v1/requests/${r.id}/assignees`, { auth: as(worker) }), 403, 'PermissionDenied')
  // The server refuses whom the list leaves out, and accepts each it offers.
  assertError(await act(cadmin, r.id, 'assign', { assignee_id: volunteer.user.id }), 400, 'InvalidArgument', 'assignee_id')
  const deptPerson = people.find((p) => p.role === 'department')
  const handed = await act(cadmin, r.id, 'assign', { assignee_id: deptPerson.user_id })
  assert.equal(handed.status, 200, handed.text)
  assert.equal(handed.json.new, true, 'new work for the department')
  // The department is told it was handed a request, and sees it on its home page.
  assert.equal((await inboxWith(dept, r.number)).length, 1)
  const home = await today(dept)
  assert.ok(home.requests.some((x) => x.id === r.id))
  assert.equal(item(home, 'new_work').count, (await list(dept, 'mine=1&unreceived=1')).total)
  // Handed back (退回): whoever assigned it hears why.
  const back = await act(dept, r.id, 'decline', { reason: '不属于本部门职责' })
  assert.equal(back.status, 200, back.text)
  const told = (await inboxWith(cadmin, r.number)).filter((m) => /退回/.test(m.subject))
  assert.equal(told.length, 1)
  assert.match(told[0].body, /不属于本部门职责/)
})

test('home per role: counts equal the lists they open', async () => {
  for (const who of [worker, cstaff, cadmin, street, dept, resident]) {
    const t = await today(who)
    assert.equal(t.role, who.user.role)
    for (const i of t.items) {
      if (!i.link.startsWith('/requests?')) continue
      const q = i.link.slice('/requests?'.length)
      assert.equal(i.count, (await list(who, q)).total, `${who.user.role} ${i.key}`)
    }
    assert.ok(item(t, 'unread_messages'))
  }
  const ct = await today(cadmin)
  for (const key of ['area_overdue', 'area_escalated', 'area_unreceived', 'area_report_in', 'visits_missed', 'inspections_overdue'])
    assert.ok(item(ct, key), `community admin sees ${key}`)
  assert.ok(ct.people.length > 0, 'each handler’s open work')
  assert.ok(ct.people.every((p) => p.role !== 'volunteer'))
  const st = await today(street)
  assert.ok(st.communities.length >= 2, 'each community of the street')
  for (const c of st.communities.slice(0, 3))
    assert.equal(c.open, (await list(street, `community_id=${c.id}&open=1`)).total, c.name)
  const rt = await today(resident)
  assert.ok(item(rt, 'my_requests'))
  assert.ok(!item(rt, 'area_overdue') && !item(rt, 'visits_due'), 'a resident sees only their own')
  const wt = await today(worker)
  for (const key of ['visits_due', 'reminders_to_confirm', 'followups', 'my_overdue']) assert.ok(item(wt, key), `grid worker sees ${key}`)
  assertError(await api(srv.base, 'GET', '/api/v1/today'), 401, 'Unauthenticated')
})
