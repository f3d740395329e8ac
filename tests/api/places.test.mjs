// Places administration against a real server (docs/http-api.md, "Places administration"):
// communities and grids created, edited and retired within the caller's area; area codes
// checked for structure and prefix; retiring refused, saying why, while a place holds
// anything; a building moved with its residents, the move kept and the report by grid
// counting them in the new grid at once; places imported all or nothing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, addUser, as } from './server.mjs'

let srv, street, cadmin, worker

before(async () => {
  srv = await startServer(['--demo-residents', '1500'])
  street = await login(srv.base, 'street_admin')
  cadmin = await login(srv.base, 'community_admin')
  worker = await login(srv.base, 'grid_worker')
})
after(async () => srv?.stop())

async function tree(who = street, retired = false) {
  const r = await api(srv.base, 'GET', `/api/v1/registry/places/admin${retired ? '?include_retired=true' : ''}`, { auth: as(who) })
  assert.equal(r.status, 200, r.text)
  return r.json.streets
}
const heping = async () => (await tree()).at(0).communities.find((c) => c.id === cadmin.user.scope.id)
const otherCommunity = async () => (await tree()).at(0).communities.find((c) => c.id !== cadmin.user.scope.id)
let codes = 90
const freshCode = () => `330106001${String(++codes).padStart(3, '0')}`

test('a street admin adds a community and a grid; codes are checked for structure, prefix and uniqueness; each change is audited', async () => {
  const [s] = await tree()
  assert.equal(s.code, '330106001000')
  for (const [code, why] of [['33010600109', 'length'], ['330106002001', 'another street'], ['330106001000', 'village 000'], ['990106001001', 'no such province']]) {
    assertError(await api(srv.base, 'POST', '/api/v1/registry/communities', { auth: as(street), body: { name: '错码社区', code } }), 400, 'InvalidArgument', 'code')
    void why
  }
  const taken = s.communities[0]
  const dup = assertError(await api(srv.base, 'POST', '/api/v1/registry/communities', { auth: as(street), body: { name: '重码社区', code: taken.code } }), 409, 'Conflict', 'code')
  assert.match(dup.message, new RegExp(taken.name))

  const code = freshCode()
  const c = await api(srv.base, 'POST', '/api/v1/registry/communities', { auth: as(street), body: { name: '新桥社区', code } })
  assert.equal(c.status, 201, c.text)
  assert.deepEqual([c.json.kind, c.json.code, c.json.name, c.json.retired, c.json.residents], ['community', code, '新桥社区', false, 0])
  const g = await api(srv.base, 'POST', '/api/v1/registry/grids', { auth: as(street), body: { community_id: c.json.id, name: '新桥第一网格', code: `${code}-1` } })
  assert.equal(g.status, 201, g.text)
  assertError(await api(srv.base, 'POST', '/api/v1/registry/grids', { auth: as(street), body: { community_id: c.json.id, name: '新桥第一网格', code: `${code}-2` } }), 409, 'Conflict', 'name')
  assertError(await api(srv.base, 'POST', '/api/v1/registry/grids', { auth: as(street), body: { community_id: c.json.id, name: '坏码网格', code: '第二网格' } }), 400, 'InvalidArgument', 'code')

  const renamed = await api(srv.base, 'PATCH', `/api/v1/registry/communities/${c.json.id}`, { auth: as(street), body: { name: '新桥新村社区' } })
  assert.equal(renamed.status, 200, renamed.text)
  assert.equal(renamed.json.name, '新桥新村社区')
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/communities/${c.json.id}`, { auth: as(street), body: { code: '330106003001' } }), 400, 'InvalidArgument', 'code')
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/streets/${s.id}`, { auth: as(street), body: { code: '330106002000' } }), 400, 'InvalidArgument', 'code')

  const listed = (await tree()).at(0).communities.find((x) => x.id === c.json.id)
  assert.equal(listed.name, '新桥新村社区')
  assert.deepEqual(listed.grids.map((x) => x.name), ['新桥第一网格'])
  // The pickers' tree has them too.
  const picker = await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(street) })
  assert.ok(picker.json.streets[0].communities.some((x) => x.id === c.json.id && x.grids.length === 1))

  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=places.community.update', { auth: as(street) })
  assert.ok(audit.json.items.some((e) => e.target_id === c.json.id && e.actor_username === 'street_admin'), audit.text)
  const created = await api(srv.base, 'GET', '/api/v1/audit?action=places.grid.create', { auth: as(street) })
  assert.ok(created.json.items.some((e) => e.target_id === g.json.id), created.text)
})

test('a community admin manages the grids of their community only, and no community', async () => {
  const mine = await heping()
  const g = await api(srv.base, 'POST', '/api/v1/registry/grids', { auth: as(cadmin), body: { community_id: mine.id, name: '和平社区临时网格', code: 'HP-TMP-1' } })
  assert.equal(g.status, 201, g.text)
  const edited = await api(srv.base, 'PATCH', `/api/v1/registry/grids/${g.json.id}`, { auth: as(cadmin), body: { name: '和平社区第九网格' } })
  assert.equal(edited.status, 200, edited.text)

  const other = await otherCommunity()
  const theirs = other.grids[0]
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/grids/${theirs.id}`, { auth: as(cadmin), body: { name: '越权改名' } }), 404, 'NotFound')
  assertError(await api(srv.base, 'POST', `/api/v1/registry/grids/${theirs.id}/retire`, { auth: as(cadmin) }), 404, 'NotFound')
  assertError(await api(srv.base, 'POST', '/api/v1/registry/grids', { auth: as(cadmin), body: { community_id: other.id, name: '越权网格', code: 'X-1' } }), 400, 'InvalidArgument', 'community_id')
  assertError(await api(srv.base, 'POST', '/api/v1/registry/communities', { auth: as(cadmin), body: { name: '越权社区', code: freshCode() } }), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/communities/${mine.id}`, { auth: as(cadmin), body: { name: '改社区名' } }), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/grids/${theirs.id}`, { auth: as(worker), body: { name: '网格员改名' } }), 403, 'PermissionDenied')
  // Unchanged by the refused attempts.
  const after = (await tree()).at(0).communities.find((c) => c.id === other.id).grids.find((x) => x.id === theirs.id)
  assert.equal(after.name, theirs.name)
  // A community admin's list holds only their community.
  const seen = (await tree(cadmin)).at(0).communities
  assert.deepEqual(seen.map((c) => c.id), [mine.id])
})

test('a grid\'s worker is a grid worker scoped to it; retiring is refused, naming why, until the place is empty', async () => {
  const mine = await heping()
  const busy = mine.grids.find((g) => g.buildings > 0)
  const refused = assertError(await api(srv.base, 'POST', `/api/v1/registry/grids/${busy.id}/retire`, { auth: as(street) }), 409, 'Conflict')
  assert.match(refused.message, new RegExp(`${busy.buildings} buildings with ${busy.residents} residents`))
  const community = assertError(await api(srv.base, 'POST', `/api/v1/registry/communities/${mine.id}/retire`, { auth: as(street) }), 409, 'Conflict')
  assert.match(community.message, /active grids: retire them first/)

  const g = await api(srv.base, 'POST', '/api/v1/registry/grids', { auth: as(street), body: { community_id: mine.id, name: '和平社区新建网格', code: 'HP-NEW-1' } })
  assert.equal(g.status, 201, g.text)
  const gw = await addUser(srv.base, street, `gw_places_${Date.now()}`, 'grid_worker', { kind: 'grid', id: g.json.id })
  const set = await api(srv.base, 'PATCH', `/api/v1/registry/grids/${g.json.id}`, { auth: as(street), body: { worker_id: gw.user.id } })
  assert.equal(set.status, 200, set.text)
  assert.deepEqual(set.json.worker, { id: gw.user.id, name: gw.user.display_name })
  // The demo grid worker's scope is another grid; a community admin is no grid worker.
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/grids/${g.json.id}`, { auth: as(street), body: { worker_id: worker.user.id } }), 400, 'InvalidArgument', 'worker_id')
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/grids/${g.json.id}`, { auth: as(street), body: { worker_id: cadmin.user.id } }), 400, 'InvalidArgument', 'worker_id')

  const users = assertError(await api(srv.base, 'POST', `/api/v1/registry/grids/${g.json.id}/retire`, { auth: as(street) }), 409, 'Conflict')
  assert.match(users.message, /1 users scoped to it/)
  const disabled = await api(srv.base, 'PATCH', `/api/v1/auth/users/${gw.user.id}`, { auth: as(street), body: { disabled: true } })
  assert.equal(disabled.status, 200, disabled.text)
  const retired = await api(srv.base, 'POST', `/api/v1/registry/grids/${g.json.id}/retire`, { auth: as(street) })
  assert.equal(retired.status, 200, retired.text)
  assert.equal(retired.json.retired, true)
  assert.equal(retired.json.worker, null)
  assertError(await api(srv.base, 'POST', `/api/v1/registry/grids/${g.json.id}/retire`, { auth: as(street) }), 409, 'Conflict')
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/grids/${g.json.id}`, { auth: as(street), body: { name: '复活' } }), 409, 'Conflict')
  // Gone from the lists and pickers; kept with include_retired.
  assert.ok(!(await heping()).grids.some((x) => x.id === g.json.id))
  const picker = await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(street) })
  assert.ok(!JSON.stringify(picker.json).includes('和平社区新建网格'))
  const all = (await tree(street, true)).at(0).communities.find((c) => c.id === mine.id)
  assert.ok(all.grids.some((x) => x.id === g.json.id && x.retired))
  assertError(await api(srv.base, 'POST', '/api/v1/registry/grids', { auth: as(street), body: { community_id: mine.id, name: '和平社区新建网格', code: 'HP-NEW-1' } }), 409, 'Conflict', 'code')
  // Nothing new is placed in a retired grid.
  assertError(await api(srv.base, 'POST', '/api/v1/registry/buildings', { auth: as(street), body: { grid_id: g.json.id, name: '新楼', address: '和平路 99 号' } }), 400, 'InvalidArgument', 'grid_id')
})

test('a building moves to another grid with its households and residents; the report by grid counts them there at once', async () => {
  const mine = await heping()
  const from = worker.user.scope.id
  const to = mine.grids.find((g) => g.id !== from && g.buildings > 0).id
  const buildings = await api(srv.base, 'GET', `/api/v1/registry/buildings?grid_id=${from}&page_size=50`, { auth: as(street) })
  const b = buildings.json.items.find((x) => x.households > 0)
  const residents = await api(srv.base, 'GET', `/api/v1/registry/residents?building_id=${b.id}&page_size=200`, { auth: as(street) })
  const moved = residents.json.total
  assert.ok(moved > 0, 'the building has residents')
  const byGrid = async () => {
    const r = await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(street), body: { filter: { community_id: mine.id }, group_by: ['grid'] } })
    assert.equal(r.status, 200, r.text)
    return Object.fromEntries(r.json.groups.grid.map((g) => [g.key, g.count]))
  }
  const before = await byGrid()

  assertError(await api(srv.base, 'POST', `/api/v1/registry/buildings/${b.id}/move`, { auth: as(worker), body: { grid_id: to } }), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'POST', `/api/v1/registry/buildings/${b.id}/move`, { auth: as(cadmin), body: { grid_id: from } }), 400, 'InvalidArgument', 'grid_id')
  const otherGrid = (await otherCommunity()).grids[0].id
  assertError(await api(srv.base, 'POST', `/api/v1/registry/buildings/${b.id}/move`, { auth: as(cadmin), body: { grid_id: otherGrid } }), 400, 'InvalidArgument', 'grid_id')

  const m = await api(srv.base, 'POST', `/api/v1/registry/buildings/${b.id}/move`, { auth: as(cadmin), body: { grid_id: to, note: '网格调整' } })
  assert.equal(m.status, 200, m.text)
  assert.equal(m.json.grid.id, to)

  const after = await byGrid()
  assert.equal(after[to], before[to] + moved, 'the new grid counts the moved residents')
  assert.equal(after[from] ?? 0, before[from] - moved, 'the old grid no longer does')
  const there = await api(srv.base, 'GET', `/api/v1/registry/residents?building_id=${b.id}&page_size=200`, { auth: as(street) })
  assert.ok(there.json.items.every((r) => r.grid.id === to))
  const households = await api(srv.base, 'GET', `/api/v1/registry/households?building_id=${b.id}&page_size=200`, { auth: as(street) })
  assert.ok(households.json.items.every((h) => h.grid_id === to))
  // The old grid's worker no longer sees it; the move is kept.
  assertError(await api(srv.base, 'GET', `/api/v1/registry/buildings/${b.id}`, { auth: as(worker) }), 404, 'NotFound')
  const moves = await api(srv.base, 'GET', `/api/v1/registry/buildings/${b.id}/moves`, { auth: as(street) })
  assert.equal(moves.status, 200, moves.text)
  assert.equal(moves.json.items.length, 1)
  const [kept] = moves.json.items
  assert.deepEqual([kept.from.id, kept.to.id, kept.residents, kept.households, kept.note, kept.by.name], [from, to, moved, b.households, '网格调整', cadmin.user.display_name])
  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=registry.building.move', { auth: as(street) })
  assert.ok(audit.json.items.some((e) => e.target_id === b.id))

  // Moving by PATCH grid_id is kept and counted the same way.
  const back = await api(srv.base, 'PATCH', `/api/v1/registry/buildings/${b.id}`, { auth: as(cadmin), body: { grid_id: from } })
  assert.equal(back.status, 200, back.text)
  assert.deepEqual(await byGrid(), before)
  assert.equal((await api(srv.base, 'GET', `/api/v1/registry/buildings/${b.id}/moves`, { auth: as(street) })).json.items.length, 2)
})

const csv = (rows) => '\uFEFF' + ['街道,社区,网格,区划代码', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n'
const importPlaces = (who, step, body) => api(srv.base, 'POST', `/api/v1/registry/places/import/${step}`, { auth: as(who), body, contentType: 'text/csv' })

test('places import: a dry run writes nothing, a bad row names row and column and commits nothing, a clean file imports once', async () => {
  const a = freshCode(), b = freshCode()
  const good = [
    ['幸福街道', '东湖社区', '东湖第一网格', a],
    ['幸福街道', '东湖社区', '东湖第二网格', a],
    ['幸福街道', '西湖社区', '', b],
    ['幸福街道', '和平社区', '和平社区第一网格', (await heping()).code],
  ]
  const dry = await importPlaces(street, 'dry-run', csv(good))
  assert.equal(dry.status, 200, dry.text)
  assert.deepEqual([dry.json.rows, dry.json.communities, dry.json.grids, dry.json.existing, dry.json.committed, dry.json.errors], [4, 2, 2, 1, false, []])
  assert.ok(!(await tree()).at(0).communities.some((c) => c.code === a), 'a dry run writes nothing')

  const bad = [...good, ['幸福街道', '南湖社区', '南湖第一网格', '330106002001'], ['别的街道', '北湖社区', '', freshCode()]]
  const checked = await importPlaces(street, 'dry-run', csv(bad))
  assert.deepEqual(checked.json.errors.map((e) => [e.row, e.column]), [[6, '区划代码'], [7, '街道']])
  const refused = await importPlaces(street, 'commit', csv(bad))
  assert.equal(refused.status, 400, refused.text)
  assert.deepEqual([refused.json.error.code, refused.json.error.field], ['InvalidArgument', 'rows'])
  assert.deepEqual(refused.json.error.details.errors.map((e) => e.row), [6, 7])
  assert.ok(!(await tree()).at(0).communities.some((c) => c.code === a), 'one bad row: nothing imported')

  const done = await importPlaces(street, 'commit', csv(good))
  assert.equal(done.status, 200, done.text)
  assert.deepEqual([done.json.communities, done.json.grids, done.json.committed], [2, 2, true])
  const east = (await tree()).at(0).communities.find((c) => c.code === a)
  assert.deepEqual(east.grids.map((g) => [g.name, g.code]), [['东湖第一网格', `${a}-1`], ['东湖第二网格', `${a}-2`]])
  const again = await importPlaces(street, 'commit', csv(good))
  assert.deepEqual([again.json.communities, again.json.grids, again.json.existing], [0, 0, 4])

  // A community admin may import grids of their own community, and no new community.
  const own = await importPlaces(cadmin, 'dry-run', csv([['幸福街道', '和平社区', '和平社区导入网格', (await heping()).code], ['幸福街道', '中湖社区', '', freshCode()]]))
  assert.deepEqual(own.json.errors.map((e) => [e.row, e.column]), [[3, '社区']])
  assertError(await importPlaces(worker, 'dry-run', csv(good)), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'POST', '/api/v1/registry/places/import/dry-run', { auth: as(street), body: '姓名,身份证号\r\n张三,1\r\n', contentType: 'text/csv' }), 400, 'InvalidArgument', 'file')
})

test('the first-run status needs no login and says a street exists', async () => {
  const r = await api(srv.base, 'GET', '/api/v1/setup/status')
  assert.equal(r.status, 200, r.text)
  assert.deepEqual(r.json, { street_exists: true })
})
