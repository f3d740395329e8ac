// The call list export (通讯录: names, phones in full, addresses): the community admin exports it
// with a reason; without one it is refused naming the field; grid workers and staff are refused
// until the street admin gives their role the export (then for their grid only); each export is
// audited with its row count, reason and filter; the file's first rows name the exporter, the
// time, the reason and the row count (CSV and XLSX); phones are in full only here (the ordinary
// export masks them) and never in the server's log.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import zlib from 'node:zlib'
import { startServer, login, api, assertError, as } from './server.mjs'

let srv, worker, cadmin, staff, street, resident
before(async () => {
  srv = await startServer()
  worker = await login(srv.base, 'grid_worker')
  cadmin = await login(srv.base, 'community_admin')
  staff = await login(srv.base, 'community_staff')
  street = await login(srv.base, 'street_admin')
  resident = await login(srv.base, 'resident')
})
after(async () => srv?.stop())

const callList = (who, body) => api(srv.base, 'POST', '/api/v1/reports/call-list', { auth: as(who), body })
const access = async (who) => {
  const r = await api(srv.base, 'GET', '/api/v1/reports/call-list/access', { auth: as(who) })
  assert.equal(r.status, 200, r.text)
  return r.json
}
const countOf = async (who, filter) => {
  const q = await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(who), body: { filter } })
  assert.equal(q.status, 200, q.text)
  return q.json.count
}
const PHONE = /^(1\d{10}|\d{7,12})$/
// A CSV of our writer (no quoted line breaks) as rows of cells.
const csvRows = (text) => text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(','))

/** The text of one entry of a ZIP (the central directory's sizes; stored or deflated). */
function zipEntry(buf, name) {
  let eocd = buf.length - 22
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  assert.ok(eocd >= 0, 'a ZIP file')
  let at = buf.readUInt32LE(eocd + 16)
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(at + 10)
    const size = buf.readUInt32LE(at + 20)
    const nameLen = buf.readUInt16LE(at + 28)
    const skip = nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
    const local = buf.readUInt32LE(at + 42)
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
      const data = buf.subarray(start, start + size)
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8')
    }
    at += 46 + skip
  }
  throw new Error(`no ${name} in the ZIP`)
}

test('who may export: the community admin by role; others see they may not', async () => {
  assert.deepEqual(await access(cadmin), { allowed: true, via: 'role', street_roles: [], grantable_roles: ['community_staff', 'grid_worker'] })
  for (const who of [worker, staff, street]) assert.equal((await access(who)).allowed, false, who.user.username)
  assertError(await api(srv.base, 'GET', '/api/v1/reports/call-list/access', { auth: as(resident) }), 403, 'PermissionDenied')
})

test('the community admin exports with a reason: header rows, phones in full, audited', async () => {
  const filter = { age_min: 80 }
  assertError(await callList(cadmin, { filter, format: 'csv' }), 400, 'InvalidArgument', 'reason')
  assertError(await callList(cadmin, { filter, format: 'csv', reason: '  ' }), 400, 'InvalidArgument', 'reason')
  assertError(await callList(cadmin, { filter, format: 'pdf', reason: '回访通知' }), 400, 'InvalidArgument', 'format')
  assertError(await callList(cadmin, { filter: { age_min: 'old' }, format: 'csv', reason: '回访通知' }), 400, 'InvalidArgument', 'filter.age_min')

  const n = await countOf(cadmin, filter)
  assert.ok(n > 0)
  const r = await callList(cadmin, { filter, format: 'csv', reason: '冬季独居老人安全回访' })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.headers.get('x-rows'), String(n))
  assert.match(r.headers.get('content-disposition'), /attachment; filename="call-list-\d{4}-\d\d-\d\d\.csv"/)
  assert.equal(r.headers.get('cache-control'), 'no-store')
  const rows = csvRows(r.text)
  assert.match(rows[0][0], /^通讯录/)
  assert.deepEqual(rows[1], ['导出人', 'community_admin'])
  assert.equal(rows[2][0], '导出时间')
  assert.ok(Math.abs(Date.parse(rows[2][1]) - await srv.clockNow()) < 60e3, `export time on the server's clock: ${rows[2][1]}`)
  assert.deepEqual(rows[3], ['事由', '冬季独居老人安全回访'])
  assert.deepEqual(rows[4], ['行数', String(n)])
  assert.deepEqual(rows[6], ['姓名', '联系电话', '地址', '网格', '标签'])
  const people = rows.slice(7)
  assert.equal(people.length, n)
  const phones = people.map((p) => p[1]).filter(Boolean)
  assert.ok(phones.length > 0, 'some have phones')
  for (const p of phones) assert.match(p, PHONE, 'a phone in full')
  assert.ok(people.every((p) => p[0] && p[2]), 'each row has a name and an address')

  // The ordinary export of the same filter keeps them masked.
  const masked = await api(srv.base, 'POST', '/api/v1/reports/export', { auth: as(cadmin), body: { filter, format: 'csv' } })
  assert.equal(masked.status, 200, masked.text)
  for (const p of phones) assert.ok(!masked.text.includes(p), 'no full phone in the masked export')
  assert.ok(!srv.output().includes(phones[0]) && !phones.some((p) => srv.output().includes(p)), 'no phone in the server log')

  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=reports.export_contacts', { auth: as(cadmin) })
  assert.equal(audit.status, 200, audit.text)
  const line = audit.json.items.find((e) => e.actor_username === 'community_admin')
  assert.ok(line, `audited: ${audit.text}`)
  assert.deepEqual(line.detail, { rows: n, format: 'csv', reason: '冬季独居老人安全回访', via: 'role', filter })
  assert.ok(!JSON.stringify(audit.json).includes(phones[0]), 'no phone in the audit log')

  // XLSX: the same header rows.
  const res = await fetch(`${srv.base}/api/v1/reports/call-list`, {
    method: 'POST',
    headers: { Cookie: cadmin.cookie, 'X-CSRF-Token': cadmin.csrf, 'Content-Type': 'application/json' },
    body: JSON.stringify({ filter, format: 'xlsx', reason: '活动通知' }),
  })
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('x-rows'), String(n))
  const sheet = zipEntry(Buffer.from(await res.arrayBuffer()), 'xl/worksheets/sheet1.xml')
  for (const cell of ['导出人', 'community_admin', '导出时间', '事由', '活动通知', '行数', String(n), '联系电话', phones[0]])
    assert.ok(sheet.includes(`>${cell}<`), `the sheet has ${cell}`)
})

test('grid workers and staff are refused until the street gives their role the export, then for their grid', async () => {
  const body = { filter: {}, format: 'csv', reason: '应急联络' }
  assertError(await callList(worker, body), 403, 'PermissionDenied')
  assertError(await callList(staff, body), 403, 'PermissionDenied')
  assertError(await callList(street, body), 403, 'PermissionDenied')
  const denied = await api(srv.base, 'GET', '/api/v1/audit?action=permission.denied', { auth: as(street) })
  assert.ok(denied.json.items.some((e) => e.actor_username === 'grid_worker' && e.detail?.wanted === 'reports.export_contacts'), 'the refusal is audited')

  const give = (who, roles) => api(srv.base, 'PUT', '/api/v1/reports/call-list/roles', { auth: as(who), body: { roles } })
  assertError(await give(cadmin, ['grid_worker']), 403, 'PermissionDenied')
  assertError(await give(street, ['resident']), 400, 'InvalidArgument', 'roles')
  assertError(await give(street, ['community_admin']), 400, 'InvalidArgument', 'roles')
  const given = await give(street, ['grid_worker'])
  assert.deepEqual([given.status, given.json?.roles], [200, ['grid_worker']], given.text)
  assert.deepEqual(await access(worker), { allowed: true, via: 'street', street_roles: ['grid_worker'], grantable_roles: ['community_staff', 'grid_worker'] })
  assert.equal((await access(staff)).allowed, false, 'staff were not given it')

  const r = await callList(worker, body)
  assert.equal(r.status, 200, r.text)
  const n = await countOf(worker, {})
  assert.equal(r.headers.get('x-rows'), String(n))
  const people = csvRows(r.text).slice(7)
  assert.equal(people.length, n)
  const grid = worker.user.scope.name ?? ''
  if (grid) assert.ok(people.every((p) => p[3] === grid), 'the worker\'s grid only')
  assert.ok(n < await countOf(cadmin, {}), 'fewer than the community')
  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=reports.export_contacts', { auth: as(street) })
  assert.ok(audit.json.items.some((e) => e.actor_username === 'grid_worker' && e.detail.via === 'street' && e.detail.rows === n))
  const grants = await api(srv.base, 'GET', '/api/v1/audit?action=reports.grant_contacts', { auth: as(street) })
  assert.ok(grants.json.items.some((e) => e.actor_username === 'street_admin' && JSON.stringify(e.detail.roles) === '["grid_worker"]'))

  assert.equal((await give(street, [])).status, 200)
  assertError(await callList(worker, body), 403, 'PermissionDenied')
})
