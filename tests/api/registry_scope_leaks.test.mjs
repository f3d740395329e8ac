// Issue 13, findings 4 and 5: no worker reaches past their area through an
// import, a write that meets someone else's ID number, an exact look-up or a
// mask that can be rebuilt into the whole number.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, as } from './server.mjs'
import { withCheck as idNumber } from '../support/id_number.mjs'

let srv, cadmin, staff, street, worker

before(async () => {
  srv = await startServer(['--demo-residents', '2000'])
  cadmin = await login(srv.base, 'community_admin')
  staff = await login(srv.base, 'community_staff')
  street = await login(srv.base, 'street_admin')
  worker = await login(srv.base, 'grid_worker')
})
after(async () => srv?.stop())

// A resident of another community than 和平社区 (community_admin's and community_staff's), with their number.
async function foreignResident() {
  const tree = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(street) })).json
  const elsewhere = tree.streets[0].communities.find((c) => c.id !== cadmin.user.scope.id)
  const all = await api(srv.base, 'GET', `/api/v1/registry/residents?page_size=20&community_id=${elsewhere.id}`, { auth: as(street) })
  const r = all.json.items.find((x) => x.community_id !== cadmin.user.scope.id)
  assert.ok(r, 'the demo street has residents in another community')
  const revealed = await api(srv.base, 'POST', `/api/v1/registry/residents/${r.id}/reveal`, { auth: as(street), body: { field: 'id_number', reason: '测试' } })
  assert.equal(revealed.status, 200)
  return { ...r, number: revealed.json.value }
}

const csv = (rows) => ['姓名,身份证号,联系电话,楼栋,单元,门牌号'].concat(rows.map((r) => r.join(','))).join('\r\n') + '\r\n'

test('finding 4: an import row with the ID number of a resident of another community is an error row that names no one, and nothing is written', async () => {
  const other = await foreignResident()
  const grid = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(cadmin) })).json.streets[0].communities
    .find((c) => c.id === cadmin.user.scope.id).grids[0].id
  for (const who of [staff, cadmin]) {
    const up = await api(srv.base, 'POST', '/api/v1/registry/imports?filename=t.csv', {
      auth: as(who), contentType: 'text/csv',
      body: csv([['新名字', other.number, '13911112222', '接管楼', '1', '101'], ['邻居', idNumber('33010619900307123'), '', '接管楼', '1', '102']]),
    })
    assert.equal(up.status, 201, up.text)
    const body = { mapping: up.json.suggested_mapping, default_grid_id: grid }
    const dry = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.json.id}/dry-run`, { auth: as(who), body })
    assert.equal(dry.status, 200, dry.text)
    const held = dry.json.errors.find((e) => e.row === 2)
    assert.ok(held, JSON.stringify(dry.json.errors))
    assert.equal(held.column, '身份证号')
    assert.match(held.reason, /outside your area.*move them/)
    for (const leak of [other.name, other.id, other.grid.name]) assert.ok(!JSON.stringify(dry.json).includes(leak), `dry run names ${leak}`)
    assert.equal(dry.json.would_update ?? dry.json.updated ?? 0, 0)
    const commit = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.json.id}/commit`, { auth: as(who), body })
    assert.equal(commit.status, 400, commit.text)
    assert.ok(commit.json.error.details.errors.some((e) => e.row === 2 && e.column === '身份证号'))
  }
  const after = await api(srv.base, 'GET', `/api/v1/registry/residents/${other.id}`, { auth: as(street) })
  assert.deepEqual([after.json.name, after.json.grid.id, after.json.phone_masked], [other.name, other.grid.id, other.phone_masked])
  const found = await api(srv.base, 'GET', `/api/v1/registry/buildings?q=${encodeURIComponent('接管楼')}`, { auth: as(street) })
  assert.equal(found.json.total, 0, 'no building half-made')
})

test('finding 4: a write meeting an ID number held outside the caller\'s area answers 409 without saying whose it is, and is audited', async () => {
  const other = await foreignResident()
  const mine = await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=2', { auth: as(cadmin) })
  const household = mine.json.items[0].household.id
  const created = await api(srv.base, 'POST', '/api/v1/registry/residents', { auth: as(cadmin), body: { name: '探测', id_number: other.number, household_id: household } })
  assertError(created, 409, 'Conflict', 'id_number')
  const patched = await api(srv.base, 'PATCH', `/api/v1/registry/residents/${mine.json.items[1].id}`, { auth: as(cadmin), body: { id_number: other.number } })
  assertError(patched, 409, 'Conflict', 'id_number')
  for (const res of [created, patched]) {
    assert.match(res.json.error.message, /outside your area/)
    for (const leak of [other.name, other.id, other.grid.name]) assert.ok(!res.text.includes(leak), `answer names ${leak}`)
  }
  // A collision inside the area says plainly that the resident is registered already.
  const own = await api(srv.base, 'POST', `/api/v1/registry/residents/${mine.json.items[0].id}/reveal`, { auth: as(cadmin), body: { field: 'id_number', reason: '测试' } })
  const inside = await api(srv.base, 'POST', '/api/v1/registry/residents', { auth: as(cadmin), body: { name: '重复', id_number: own.json.value, household_id: household } })
  assertError(inside, 409, 'Conflict', 'id_number')
  assert.match(inside.json.error.message, /already registered/)
  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=registry.id_collision', { auth: as(street) })
  assert.ok(audit.json.items.filter((e) => e.actor_username === 'community_admin').length >= 2, JSON.stringify(audit.json.items))
  assert.ok(!JSON.stringify(audit.json).includes(other.number), 'the number itself is not audited')
})

test('finding 5: an exact look-up by ID number is audited and limited per user, and the limit lifts after an hour', async () => {
  const own = (await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(worker) })).json.items[0]
  const number = (await api(srv.base, 'POST', `/api/v1/registry/residents/${own.id}/reveal`, { auth: as(worker), body: { field: 'id_number', reason: '测试' } })).json.value
  const lookup = () => api(srv.base, 'GET', `/api/v1/registry/residents?id_number=${number}`, { auth: as(worker) })
  for (let i = 0; i < 30; i++) {
    const res = await lookup()
    assert.equal(res.status, 200, `look-up ${i + 1}: ${res.text}`)
    assert.equal(res.json.total, 1)
  }
  const refused = await lookup()
  assertError(refused, 429, 'ResourceExhausted', 'id_number')
  assert.ok(Number(refused.headers.get('retry-after')) > 0)
  // Other searches go on.
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(worker) })).status, 200)
  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=registry.id_lookup&page_size=100', { auth: as(street) })
  assert.equal(audit.json.items.filter((e) => e.actor_username === 'grid_worker').length, 30)
  assert.ok(!JSON.stringify(audit.json).includes(number), 'the number itself is not audited')
  await srv.advanceClock(3601)
  worker = await login(srv.base, 'grid_worker')
  assert.equal((await lookup()).status, 200)
})

test('finding 5: without registry.reveal no answer or export carries a full birth date beside the last characters of the ID number', async () => {
  const list = await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=50', { auth: as(staff) })
  assert.equal(list.status, 200)
  assert.ok(list.json.items.length > 0)
  for (const r of list.json.items) {
    assert.equal(r.birth_date, null, 'a masked resident carries no birth date')
    assert.equal(typeof r.age, 'number')
    assert.match(r.id_number_masked, /^\*{14}[0-9X]{4}$/)
  }
  const one = await api(srv.base, 'GET', `/api/v1/registry/residents/${list.json.items[0].id}`, { auth: as(staff) })
  assert.equal(one.json.birth_date, null)
  const report = await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(staff), body: { filter: {}, page_size: 20 } })
  assert.equal(report.status, 200, report.text)
  for (const r of report.json.items) assert.equal(r.birth_date, null)
  // Someone who may reveal still sees the birth date.
  const full = await api(srv.base, 'GET', `/api/v1/registry/residents/${list.json.items[0].id}`, { auth: as(cadmin) })
  assert.match(full.json.birth_date, /^\d{4}-\d{2}-\d{2}$/)
})
