// Notifications and mass notices against a real server whose SMS go, through
// the real HTTP sender, to the local fake gateway started by --demo: a notice
// to a saved report is previewed, queued, delivered once per phone, lands in
// the linked resident's inbox, and shows its progress; preferences are checked
// field by field.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, login, api, assertError, workerInOtherGrid, as, sleep } from './server.mjs'

let srv, resident, cadmin, street

before(async () => {
  srv = await startServer(['--demo-residents', '300'])
  resident = await login(srv.base, 'resident')
  cadmin = await login(srv.base, 'community_admin')
  street = await login(srv.base, 'street_admin')
})
after(async () => srv?.stop())

test('preferences: channels, phone, email and quiet hours, each checked', async () => {
  const url = '/api/v1/notifications/preferences'
  const first = await api(srv.base, 'GET', url, { auth: as(cadmin) })
  assert.deepEqual(first.json, { sms: false, email: false, locale: 'zh-CN', phone_masked: null, email_address: '', quiet_start: '22:00', quiet_end: '07:00' })
  assertError(await api(srv.base, 'PUT', url, { auth: as(cadmin), body: { locale: 'fr' } }), 400, 'InvalidArgument', 'locale')
  assertError(await api(srv.base, 'PUT', url, { auth: as(cadmin), body: { quiet_start: '25:00' } }), 400, 'InvalidArgument', 'quiet_start')
  assertError(await api(srv.base, 'PUT', url, { auth: as(cadmin), body: { sms: true } }), 400, 'InvalidArgument', 'phone')
  assertError(await api(srv.base, 'PUT', url, { auth: as(cadmin), body: { email: true, email_address: 'not-an-address' } }), 400, 'InvalidArgument', 'email_address')
  const set = await api(srv.base, 'PUT', url, {
    auth: as(cadmin), body: { sms: true, phone: '139 1234 5678', email: true, email_address: 'zhang@example.org', quiet_start: '21:30', quiet_end: '06:45' },
  })
  assert.equal(set.status, 200, set.text)
  assert.deepEqual(set.json, { sms: true, email: true, locale: 'zh-CN', phone_masked: '*******5678', email_address: 'zhang@example.org', quiet_start: '21:30', quiet_end: '06:45' })
  // The phone is kept when not given again.
  const again = await api(srv.base, 'PUT', url, { auth: as(cadmin), body: { sms: true, quiet_start: '22:00', quiet_end: '07:00' } })
  assert.equal(again.json.phone_masked, '*******5678')
})

test('a notice to a saved report: preview, queue, one SMS per phone, inbox, progress', async () => {
  const grid = String(resident.user.scope.id)
  const tpl = await api(srv.base, 'POST', '/api/v1/reports/templates', {
    auth: as(cadmin), body: { name: '一网格全体居民', filter: { grid_id: grid } },
  })
  assert.equal(tpl.status, 201, tpl.text)
  const audience = { report_id: tpl.json.id, grid_id: grid }  // matched twice: counted once
  assertError(await api(srv.base, 'POST', '/api/v1/notices/preview', { auth: as(cadmin), body: { audience: {} } }), 400, 'InvalidArgument', 'audience')
  assertError(await api(srv.base, 'POST', '/api/v1/notices/preview', { auth: as(resident), body: { audience } }), 403, 'PermissionDenied')
  const preview = await api(srv.base, 'POST', '/api/v1/notices/preview', { auth: as(cadmin), body: { audience } })
  assert.equal(preview.status, 200, preview.text)
  const p = preview.json
  assert.ok(p.residents > 0 && p.sms > 0 && p.in_app === 1, preview.text)
  assert.ok(p.sms <= p.residents)

  assertError(await api(srv.base, 'POST', '/api/v1/notices', { auth: as(cadmin), body: { body: 'x', audience } }), 400, 'InvalidArgument', 'title')
  const sent = await api(srv.base, 'POST', '/api/v1/notices', {
    auth: as(cadmin), body: { title: '停水通知', body: '明天9:00-12:00因管道检修停水，请提前储水。', audience, urgent: true },
  })
  assert.equal(sent.status, 201, sent.text)
  assert.equal(sent.json.recipients, p.residents)
  assert.equal(sent.json.progress.queued, p.sms)

  // Delivered in the background to the fake gateway.
  let report
  for (let i = 0; i < 100; ++i) {
    report = (await api(srv.base, 'GET', `/api/v1/notices/${sent.json.id}`, { auth: as(cadmin) })).json
    if (report.status === 'done') break
    await sleep(100)
  }
  assert.equal(report.status, 'done', JSON.stringify(report))
  assert.equal(report.progress.sent, p.sms + p.in_app)
  assert.equal(report.progress.failed, 0)
  assert.deepEqual(report.failures, [])
  // The fake gateway writes one line per arrival (a resend of an id too), so
  // these are arrivals: one per phone, each message id exactly once.
  const lines = fs.readFileSync(path.join(srv.dataDir, 'fake-sms.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  const mine = lines.filter((l) => l.text.includes('停水通知'))
  assert.equal(mine.length, p.sms, 'one SMS arrival per phone')
  const arrivals = new Map()
  for (const l of mine) arrivals.set(l.id, (arrivals.get(l.id) ?? 0) + 1)
  assert.equal(arrivals.size, p.sms, 'one message id per phone')
  for (const [id, n] of arrivals) assert.equal(n, 1, `message ${id} arrived ${n} times`)
  assert.equal(new Set(mine.map((l) => l.to)).size, p.sms, 'no phone texted twice')
  assert.match(mine[0].text, /^【.+】停水通知：明天9:00-12:00/)
  assert.match(mine[0].to, /^1\d{10}$/)

  // The linked resident's inbox, and the bell's count.
  const count = await api(srv.base, 'GET', '/api/v1/notifications/unread-count', { auth: as(resident) })
  assert.equal(count.json.unread, 1)
  const inbox = await api(srv.base, 'GET', '/api/v1/notifications?unread=1', { auth: as(resident) })
  assert.equal(inbox.json.items[0].subject, '停水通知')
  assert.equal(inbox.json.items[0].urgent, true)
  assertError(await api(srv.base, 'POST', `/api/v1/notifications/${inbox.json.items[0].id}/read`, { auth: as(cadmin) }), 404, 'NotFound')
  const read = await api(srv.base, 'POST', `/api/v1/notifications/${inbox.json.items[0].id}/read`, { auth: as(resident) })
  assert.equal(read.status, 204)
  assert.equal((await api(srv.base, 'GET', '/api/v1/notifications/unread-count', { auth: as(resident) })).json.unread, 0)
  const after = (await api(srv.base, 'GET', `/api/v1/notices/${sent.json.id}`, { auth: as(cadmin) })).json
  assert.equal(after.progress.read, 1)

  // Households nobody can text are listed for a visit; others' notices are not visible.
  const visits = await api(srv.base, 'GET', `/api/v1/notices/${sent.json.id}/visits`, { auth: as(cadmin) })
  assert.equal(visits.status, 200)
  assert.equal(visits.json.items.length, p.households_without_phone)
  const list = await api(srv.base, 'GET', '/api/v1/notices', { auth: as(street) })
  assert.ok(list.json.items.some((n) => n.id === sent.json.id), 'the street sees its communities\' notices')
  const stranger = await workerInOtherGrid(srv.base, street, grid)
  assertError(await api(srv.base, 'GET', `/api/v1/notices/${sent.json.id}`, { auth: as(stranger) }), 404, 'NotFound')
})

test('an audience naming an unknown place or one outside my area is refused naming the field', async () => {
  const tree = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(street) })).json
  const mine = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(cadmin) })).json
  const myCommunity = mine.streets[0].communities[0].id
  const other = tree.streets[0].communities.find((c) => c.id !== myCommunity)
  const preview = (audience) => api(srv.base, 'POST', '/api/v1/notices/preview', { auth: as(cadmin), body: { audience } })
  assertError(await preview({ grid_id: 999999 }), 400, 'InvalidArgument', 'audience.grid_id')
  assertError(await preview({ community_id: other.id }), 400, 'InvalidArgument', 'audience.community_id')
  assertError(await preview({ grid_id: other.grids[0].id }), 400, 'InvalidArgument', 'audience.grid_id')
  assertError(await preview({ building_ids: [999999] }), 400, 'InvalidArgument', 'audience.building_ids')
  const theirs = await api(srv.base, 'GET', `/api/v1/registry/buildings?grid_id=${other.grids[0].id}&page_size=1`, { auth: as(street) })
  assert.equal(theirs.status, 200, theirs.text)
  assertError(await preview({ building_ids: [Number(theirs.json.items[0].id)] }), 400, 'InvalidArgument', 'audience.building_ids')
  const ok = await preview({ grid_id: mine.streets[0].communities[0].grids[0].id })
  assert.equal(ok.status, 200, ok.text)
  // The street admin may name any place of the street.
  const wide = await api(srv.base, 'POST', '/api/v1/notices/preview', { auth: as(street), body: { audience: { community_id: other.id } } })
  assert.equal(wide.status, 200, wide.text)
})
