// Visits from day one: a fresh server's street has linli's default visit rules, so the grid
// worker has visits due today before anyone writes a rule; the street admin may remove one (a
// community admin may not) and a restart does not bring it back; any resident in the worker's
// area can get a one-off visit (with a concern) though no rule selects them, and a resident
// outside it is refused.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, workerInOtherGrid, as } from './server.mjs'

const DEFAULTS = [
  { name: '独居且80岁以上：每周', filter: { tags_any: ['living_alone'], age_min: 80 }, every_days: 7 },
  { name: '残疾：每月', filter: { tags_any: ['disabled'] }, every_days: 30 },
  { name: '低保：每月', filter: { tags_any: ['low_income'] }, every_days: 30 },
  { name: '留守儿童：每月', filter: { tags_any: ['left_behind_child'] }, every_days: 30 },
]

let srv, worker, cadmin, street
const signIn = async () => {
  worker = await login(srv.base, 'grid_worker')
  cadmin = await login(srv.base, 'community_admin')
  street = await login(srv.base, 'street_admin')
}
// The server's date (+08:00) on its test clock.
const today = async () => new Date(await srv.clockNow() + 8 * 3600e3).toISOString().slice(0, 10)
const rulesOf = async (who) => {
  const r = await api(srv.base, 'GET', '/api/v1/visits/rules', { auth: as(who) })
  assert.equal(r.status, 200, r.text)
  return r.json.items
}
const dueOf = async (who) => {
  const r = await api(srv.base, 'GET', '/api/v1/visits/due?page_size=200', { auth: as(who) })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.total, r.json.items.length, 'one page holds the grid\'s list')
  return r.json.items
}

before(async () => {
  srv = await startServer()
  await signIn()
})
after(async () => srv?.stop())

test('a fresh street has the default rules and the grid worker visits due today', async () => {
  const rules = await rulesOf(worker)
  assert.deepEqual(rules.map((r) => ({ name: r.name, filter: r.filter, every_days: r.every_days })), DEFAULTS)
  assert.ok(rules.every((r) => r.active && r.community_id === null), 'the street\'s rules, on')

  const due = await dueOf(worker)
  assert.ok(due.length > 0, 'visits due on day one')
  const day = await today()
  for (const d of due) assert.deepEqual([d.due_on, d.last_visit, d.overdue], [day, null, false], `never visited: due today ${JSON.stringify(d)}`)
  // The list is exactly who the rules' filters select in the grid, each with the rules naming them.
  const expected = new Map()
  for (const rule of DEFAULTS) {
    const q = await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(worker), body: { filter: { ...rule.filter, grid_id: worker.user.scope.id }, page_size: 200 } })
    assert.equal(q.status, 200, q.text)
    for (const r of q.json.items) expected.set(r.id, [...(expected.get(r.id) ?? []), rule.name])
  }
  assert.deepEqual(new Map(due.map((d) => [d.resident_id, d.rules])), expected)
  for (const d of due) assert.equal(d.every_days, d.rules.includes(DEFAULTS[0].name) ? 7 : 30)
  console.log(`demo grid worker: ${due.length} visits due today from the default rules`)
})

test('the street admin removes a default rule; a community admin may not; a restart keeps it removed', async () => {
  const disabled = (await rulesOf(street)).find((r) => r.name === '残疾：每月')
  assertError(await api(srv.base, 'DELETE', `/api/v1/visits/rules/${disabled.id}`, { auth: as(cadmin) }), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'DELETE', `/api/v1/visits/rules/${disabled.id}`, { auth: as(worker) }), 403, 'PermissionDenied')
  // Editable by the street admin like any street rule.
  const edited = await api(srv.base, 'PATCH', `/api/v1/visits/rules/${disabled.id}`, { auth: as(street), body: { every_days: 60 } })
  assert.deepEqual([edited.status, edited.json?.every_days], [200, 60], edited.text)
  const gone = await api(srv.base, 'DELETE', `/api/v1/visits/rules/${disabled.id}`, { auth: as(street) })
  assert.equal(gone.status, 204, gone.text)
  assertError(await api(srv.base, 'DELETE', `/api/v1/visits/rules/${disabled.id}`, { auth: as(street) }), 404, 'NotFound')
  const left = (await rulesOf(street)).map((r) => r.name)
  assert.deepEqual(left, DEFAULTS.map((r) => r.name).filter((n) => n !== '残疾：每月'))
  assert.ok((await dueOf(worker)).every((d) => !d.rules.includes('残疾：每月')))

  const dataDir = srv.dataDir
  await srv.stop({ keepDir: true })
  srv = await startServer([], { dataDir })
  await signIn()
  assert.deepEqual((await rulesOf(street)).map((r) => r.name), left, 'a removed default stays removed')
})

test('a one-off visit for a resident no rule selects, with a concern; another grid\'s resident is refused', async () => {
  const due = new Set((await dueOf(worker)).map((d) => d.resident_id))
  const people = await api(srv.base, 'GET', `/api/v1/registry/residents?grid_id=${worker.user.scope.id}&page_size=200`, { auth: as(worker) })
  assert.equal(people.status, 200, people.text)
  const someone = people.json.items.find((r) => !due.has(r.id))
  assert.ok(someone, 'a resident of the grid no rule selects')

  const visit = await api(srv.base, 'POST', '/api/v1/visits', {
    auth: as(worker), body: { resident_id: someone.id, outcome: 'met', notes: '路过看望', concern: { description: '楼道灯坏了，晚上看不清台阶', category: 'SQ-WX' } },
  })
  assert.equal(visit.status, 201, visit.text)
  assert.match(visit.json.request?.number ?? '', /^SQ-WX-/)
  const history = await api(srv.base, 'GET', `/api/v1/visits?resident_id=${someone.id}`, { auth: as(worker) })
  assert.equal(history.status, 200, history.text)
  assert.deepEqual([history.json.items[0].id, history.json.items[0].notes, history.json.items[0].request.number], [visit.json.id, '路过看望', visit.json.request.number])
  // A one-off visit puts nobody on the list.
  assert.ok(!(await dueOf(worker)).some((d) => d.resident_id === someone.id))

  const other = await workerInOtherGrid(srv.base, street, worker.user.scope.id)
  assertError(await api(srv.base, 'POST', '/api/v1/visits', { auth: as(other), body: { resident_id: someone.id, outcome: 'met' } }), 404, 'NotFound')
  assert.equal((await api(srv.base, 'GET', `/api/v1/visits?resident_id=${someone.id}`, { auth: as(worker) })).json.items.length, 1, 'the refused visit was not written')
})
