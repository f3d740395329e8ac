// Registry, import and smart reports against a real server: scopes hold
// everywhere (by id, search, report, export), imports are all-or-nothing,
// reports see writes at once, reveals are audited.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, addUser, as } from './server.mjs'
import { withCheck as idNumber } from '../support/id_number.mjs'

let srv, worker, cadmin, street

before(async () => {
  srv = await startServer(['--demo-residents', '3000'])
  worker = await login(srv.base, 'grid_worker')
  cadmin = await login(srv.base, 'community_admin')
  street = await login(srv.base, 'street_admin')
})
after(async () => srv?.stop())

async function otherGridResident() {
  const all = await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=200', { auth: as(street) })
  assert.equal(all.status, 200)
  const mine = worker.user.scope.id
  const other = all.json.items.find((r) => r.grid.id !== mine)
  assert.ok(other, 'the demo street has residents outside grid_worker\'s grid')
  return other
}

test('a grid worker sees only their grid: list, by id, edit, reveal, search by name and ID number', async () => {
  const list = await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=200', { auth: as(worker) })
  assert.equal(list.status, 200)
  assert.ok(list.json.total > 0)
  for (const r of list.json.items) assert.equal(r.grid.id, worker.user.scope.id)
  assert.match(list.json.items[0].id_number_masked, /^\*{14}[0-9X]{4}$/)

  const other = await otherGridResident()
  assertError(await api(srv.base, 'GET', `/api/v1/registry/residents/${other.id}`, { auth: as(worker) }), 404, 'NotFound')
  assertError(await api(srv.base, 'PATCH', `/api/v1/registry/residents/${other.id}`, { auth: as(worker), body: { notes: 'x' } }), 404, 'NotFound')
  assertError(await api(srv.base, 'POST', `/api/v1/registry/residents/${other.id}/reveal`, { auth: as(worker), body: { field: 'id_number', reason: '核实身份' } }), 404, 'NotFound')
  const byName = await api(srv.base, 'GET', `/api/v1/registry/residents?q=${encodeURIComponent(other.name)}`, { auth: as(worker) })
  assert.ok(!byName.json.items.some((r) => r.id === other.id))

  const revealed = await api(srv.base, 'POST', `/api/v1/registry/residents/${other.id}/reveal`, { auth: as(street), body: { field: 'id_number', reason: '核实身份' } })
  assert.equal(revealed.status, 200)
  assert.match(revealed.json.value, /^\d{17}[\dX]$/)
  const exact = `/api/v1/registry/residents?id_number=${revealed.json.value}`
  assert.equal((await api(srv.base, 'GET', exact, { auth: as(street) })).json.total, 1)
  assert.equal((await api(srv.base, 'GET', exact, { auth: as(worker) })).json.total, 0)

  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=registry.reveal', { auth: as(street) })
  const entry = audit.json.items.find((e) => e.target_id === other.id)
  assert.ok(entry, 'the reveal is in the audit log')
  assert.equal(entry.actor_username, 'street_admin')
  assert.ok(!JSON.stringify(entry).includes(revealed.json.value), 'the number itself is not audited')
})

test('reports and exports hold the scope', async () => {
  const mine = await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(worker) })
  const all = await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(worker), body: { filter: {}, group_by: ['grid'] } })
  assert.equal(all.status, 200)
  assert.equal(all.json.count, mine.json.total)
  assert.deepEqual(all.json.groups.grid.map((g) => g.key), [worker.user.scope.id])
  const other = await otherGridResident()
  const elsewhere = await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(worker), body: { filter: { grid_id: other.grid.id } } })
  assert.equal(elsewhere.json.count, 0)

  assertError(await api(srv.base, 'POST', '/api/v1/reports/export', { auth: as(worker), body: { filter: {}, format: 'csv' } }), 403, 'PermissionDenied')
  const count = (await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(cadmin), body: { filter: { age_min: 60 } } })).json.count
  const csv = await api(srv.base, 'POST', '/api/v1/reports/export', { auth: as(cadmin), body: { filter: { age_min: 60 }, format: 'csv' } })
  assert.equal(csv.status, 200)
  assert.match(csv.headers.get('content-disposition'), /attachment/)
  const lines = csv.text.trim().split(/\r\n/)
  assert.equal(lines.length - 1, count)
  assert.ok(!/\d{17}[\dX]/.test(csv.text), 'no full ID numbers in an export')
  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=registry.export', { auth: as(street) })
  assert.ok(audit.json.items.some((e) => e.actor_username === 'community_admin'))
})

test('bad filters name the field', async () => {
  assertError(await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(worker), body: { filter: { age_min: 'old' } } }), 400, 'InvalidArgument', 'filter.age_min')
  assertError(await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(worker), body: { filter: { colour: 'red' } } }), 400, 'InvalidArgument', 'filter.colour')
  assertError(await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(worker), body: { filter: { tags_all: ['no_such_tag'] } } }), 400, 'InvalidArgument', 'tags_all')
})

function csvOf(rows) {
  return ['姓名,身份证号,联系电话,楼栋,单元,门牌号,标签,网格'].concat(rows.map((r) => r.join(','))).join('\r\n') + '\r\n'
}

async function upload(who, text) {
  const res = await api(srv.base, 'POST', '/api/v1/registry/imports?filename=t.csv', { auth: as(who), body: text, contentType: 'text/csv' })
  assert.equal(res.status, 201, res.text)
  return res.json
}

test('an import with one bad row commits nothing; a clean one imports; importing again updates', async () => {
  const grid = worker.user.scope.id
  const good1 = idNumber('33010619400101021'), good2 = idNumber('33010619450303032')
  const bad = idNumber('33010619500505051').slice(0, 17) + (idNumber('33010619500505051').endsWith('0') ? '1' : '0')
  const before = (await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total
  const up = await upload(cadmin, csvOf([
    ['甲老人', good1, '13900000001', '测试楼', '1', '101', '独居', ''],
    ['乙老人', bad, '', '测试楼', '1', '102', '', ''],
    ['丙老人', good2, '', '测试楼', '1', '103', '高龄、低保', ''],
  ]))
  assert.equal(up.rows, 3)
  assert.equal(up.suggested_mapping['身份证号'], 'id_number')
  const mapping = up.suggested_mapping
  const dry = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.id}/dry-run`, { auth: as(cadmin), body: { mapping, default_grid_id: grid } })
  assert.equal(dry.status, 200)
  assert.deepEqual(dry.json.errors.map((e) => [e.row, e.column]), [[3, '身份证号']])
  assert.equal(dry.json.valid, 2)
  const commit = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.id}/commit`, { auth: as(cadmin), body: { mapping, default_grid_id: grid } })
  assert.equal(commit.status, 400)
  assert.equal(commit.json.error.field, 'rows')
  assert.equal(commit.json.error.details.errors[0].row, 3)
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total, before)

  const report = { filter: { tags_all: ['living_alone'], text: '甲老人' } }
  assert.equal((await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(cadmin), body: report })).json.count, 0)
  const clean = await upload(cadmin, csvOf([
    ['甲老人', good1, '13900000001', '测试楼', '1', '101', '独居', ''],
    ['丙老人', good2, '', '测试楼', '1', '103', '高龄、低保', ''],
  ]))
  const ok = await api(srv.base, 'POST', `/api/v1/registry/imports/${clean.id}/commit`, { auth: as(cadmin), body: { mapping, default_grid_id: grid } })
  assert.equal(ok.status, 200, ok.text)
  assert.equal(ok.json.created, 2)
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total, before + 2)
  // The report sees the new residents at once.
  assert.equal((await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(cadmin), body: report })).json.count, 1)

  const again = await upload(cadmin, csvOf([['甲老人', good1, '13900000001', '测试楼', '1', '201', '独居', '']]))
  const re = await api(srv.base, 'POST', `/api/v1/registry/imports/${again.id}/commit`, { auth: as(cadmin), body: { mapping, default_grid_id: grid } })
  assert.equal(re.status, 200, re.text)
  assert.deepEqual([re.json.created, re.json.updated], [0, 1])
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total, before + 2)
})

test('an import that updates existing residents and has one bad row changes nothing, field by field', async () => {
  const grid = worker.user.scope.id
  const ids = [idNumber('33010619320202061'), idNumber('33010619330303072'), idNumber('33010619340404083')]
  const created = await upload(cadmin, csvOf([
    ['更新甲', ids[0], '13900000011', '更新楼', '1', '101', '独居', ''],
    ['更新乙', ids[1], '13900000012', '更新楼', '1', '102', '高龄', ''],
    ['更新丙', ids[2], '', '更新楼', '2', '201', '', ''],
  ]))
  const mapping = created.suggested_mapping
  const first = await api(srv.base, 'POST', `/api/v1/registry/imports/${created.id}/commit`, { auth: as(cadmin), body: { mapping, default_grid_id: grid } })
  assert.equal(first.status, 200, first.text)
  assert.equal(first.json.created, 3)
  const snapshot = async () => {
    const out = []
    for (const id of ids) {
      const found = await api(srv.base, 'GET', `/api/v1/registry/residents?id_number=${id}`, { auth: as(cadmin) })
      assert.equal(found.json.total, 1, found.text)
      const one = await api(srv.base, 'GET', `/api/v1/registry/residents/${found.json.items[0].id}`, { auth: as(cadmin) })
      assert.equal(one.status, 200, one.text)
      out.push(one.json)
    }
    return out
  }
  const households = async () => (await api(srv.base, 'GET', `/api/v1/registry/households?building_id=${before[0].building_id}&page_size=200`, { auth: as(cadmin) })).json
  const before = await snapshot()
  const householdsBefore = await households()
  const total = (await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total

  // Every field the file carries changes for the three, and a new resident comes after a bad row.
  const bad = ids[2].slice(0, 17) + (ids[2].endsWith('0') ? '1' : '0')
  const rows = [
    ['改名甲', ids[0], '13900000021', '更新楼', '3', '301', '高龄、低保', ''],
    ['改名乙', ids[1], '', '更新楼', '3', '302', '独居', ''],
    ['改名丙', ids[2], '13900000023', '新更新楼', '1', '101', '残疾', ''],
    ['坏行', bad, '', '更新楼', '1', '103', '', ''],
    ['新来的', idNumber('33010619360606094'), '', '更新楼', '1', '104', '', ''],
  ]
  // Without the bad row the file would update the three and create one.
  const clean = await upload(cadmin, csvOf(rows.filter((r) => r[1] !== bad)))
  const cleanDry = await api(srv.base, 'POST', `/api/v1/registry/imports/${clean.id}/dry-run`, { auth: as(cadmin), body: { mapping, default_grid_id: grid } })
  assert.equal(cleanDry.status, 200, cleanDry.text)
  assert.deepEqual([cleanDry.json.would_update, cleanDry.json.would_create, cleanDry.json.errors], [3, 1, []], `the rows match the existing residents: ${cleanDry.text}`)
  const update = await upload(cadmin, csvOf(rows))
  const dry = await api(srv.base, 'POST', `/api/v1/registry/imports/${update.id}/dry-run`, { auth: as(cadmin), body: { mapping, default_grid_id: grid } })
  assert.equal(dry.status, 200, dry.text)
  assert.deepEqual([dry.json.rows, dry.json.valid, dry.json.would_update, dry.json.would_create], [5, 4, 0, 0], `with a bad row nothing would be written: ${dry.text}`)
  assert.deepEqual(dry.json.errors.map((e) => [e.row, e.column]), [[5, '身份证号']])
  const commit = await api(srv.base, 'POST', `/api/v1/registry/imports/${update.id}/commit`, { auth: as(cadmin), body: { mapping, default_grid_id: grid } })
  assert.equal(commit.status, 400, commit.text)
  assert.equal(commit.json.error.field, 'rows')
  assert.deepEqual(commit.json.error.details.errors.map((e) => e.row), [5])

  const after = await snapshot()
  for (let i = 0; i < ids.length; i++) {
    for (const k of new Set([...Object.keys(before[i]), ...Object.keys(after[i])])) {
      assert.deepEqual(after[i][k], before[i][k], `resident ${before[i].name}: field ${k} changed by a refused import`)
    }
  }
  assert.deepEqual(await households(), householdsBefore, 'no household made or changed')
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total, total)
  const found = await api(srv.base, 'GET', `/api/v1/registry/buildings?q=${encodeURIComponent('新更新楼')}`, { auth: as(cadmin) })
  assert.equal(found.json.total, 0, 'no building made')
})

test('a bad row after thousands of good ones (already being written) still commits nothing', async () => {
  const grid = worker.user.scope.id
  const before = (await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total
  const rows = []
  for (let i = 0; i < 3000; i++) {
    rows.push([`批量${i}`, idNumber(`330106198001${String(10 + (i % 18)).padStart(2, '0')}${String(100 + Math.floor(i / 18)).padStart(3, '0')}`), '', '批量楼', '1', String(1000 + i), '', ''])
  }
  rows.push(['坏行', '330106', '', '批量楼', '1', '9999', '', ''])
  const up = await upload(cadmin, csvOf(rows))
  const commit = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.id}/commit`, { auth: as(cadmin), body: { mapping: up.suggested_mapping, default_grid_id: grid } })
  assert.equal(commit.status, 400, commit.text)
  assert.deepEqual(commit.json.error.details.errors.map((e) => e.row), [3002])
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total, before)
  const found = await api(srv.base, 'GET', `/api/v1/registry/buildings?q=${encodeURIComponent('批量楼')}`, { auth: as(cadmin) })
  assert.equal(found.json.total, 0, 'no building half-made')
})

test('an import cannot reach outside the importer\'s scope', async () => {
  const places = await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(street) })
  const foreign = places.json.streets[0].communities[1].grids[0]
  const up = await upload(cadmin, csvOf([['丁某', idNumber('33010619600606061'), '', '外楼', '1', '101', '', foreign.code]]))
  const dry = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.id}/dry-run`, { auth: as(cadmin), body: { mapping: up.suggested_mapping } })
  assert.equal(dry.status, 200)
  assert.equal(dry.json.errors[0].column, '网格')
  assert.match(dry.json.errors[0].reason, /outside your scope/)
  assertError(await api(srv.base, 'POST', '/api/v1/registry/imports?filename=x.csv', { auth: as(worker), body: 'a\n1\n', contentType: 'text/csv' }), 403, 'PermissionDenied')
})

test('a tag added to a resident shows in the next report', async () => {
  const mine = await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=5', { auth: as(worker) })
  const r = mine.json.items.find((x) => !x.tags.includes('veteran'))
  const q = { filter: { tags_all: ['veteran'] } }
  const n0 = (await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(worker), body: q })).json.count
  const patched = await api(srv.base, 'PATCH', `/api/v1/registry/residents/${r.id}`, { auth: as(worker), body: { tags: [...r.tags, 'veteran'] } })
  assert.equal(patched.status, 200, patched.text)
  assert.equal((await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(worker), body: q })).json.count, n0 + 1)
})

test('uploads may be larger than the 1 MiB default; other routes may not (regression: every POST got 413)', async () => {
  const rows = []
  for (let i = 0, size = 0; size < 1.5 * 1024 * 1024; i++) {
    const line = `名${i},${idNumber(String(33010619700000000 + i).slice(0, 17))},,楼${i % 50},1,${100 + (i % 90)},,`
    rows.push(line)
    size += Buffer.byteLength(line) + 1
  }
  const big = csvOf(rows.map((r) => r.split(',')))
  assert.ok(big.length > 1024 * 1024)
  const up = await api(srv.base, 'POST', '/api/v1/registry/imports?filename=big.csv', { auth: as(cadmin), body: big, contentType: 'text/csv' })
  assert.equal(up.status, 201, up.text.slice(0, 200))
  const login413 = await api(srv.base, 'POST', '/api/v1/auth/login', { body: JSON.stringify({ username: 'x', password: 'y'.repeat(1.2 * 1024 * 1024) }) })
  assertError(login413, 413, 'PayloadTooLarge')
  const small = await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'grid_worker', password: 'Linli@2026' } })
  assert.equal(small.status, 200)
})

test('an ID number repeated far down a file is named with its first row, and nothing is written', async () => {
  const grid = worker.user.scope.id
  const before = (await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total
  const rows = []
  for (let i = 0; i < 2500; i++) {
    rows.push([`重复${i}`, idNumber(`330106197002${String(10 + (i % 18)).padStart(2, '0')}${String(100 + Math.floor(i / 18)).padStart(3, '0')}`), '', '重复楼', '1', String(1000 + i), '', ''])
  }
  rows.push(['又一个', rows[7][1], '', '重复楼', '1', '9998', '', ''])
  const up = await upload(cadmin, csvOf(rows))
  const dry = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.id}/dry-run`, { auth: as(cadmin), body: { mapping: up.suggested_mapping, default_grid_id: grid } })
  assert.deepEqual(dry.json.errors.map((e) => [e.row, e.column]), [[2502, '身份证号']])
  assert.match(dry.json.errors[0].reason, /row 9 already/)
  const commit = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.id}/commit`, { auth: as(cadmin), body: { mapping: up.suggested_mapping, default_grid_id: grid } })
  assert.equal(commit.status, 400, commit.text)
  assert.deepEqual(commit.json.error.details.errors.map((e) => e.row), [2502])
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(cadmin) })).json.total, before)
})

test('a shared saved report: workers of the area list and run it on their own area; others do not see it', async () => {
  const save = await api(srv.base, 'POST', '/api/v1/reports/templates', { auth: as(cadmin), body: { name: '80岁以上（共享）', filter: { age_min: 80 } } })
  assert.equal(save.status, 201, save.text)
  assert.deepEqual([save.json.mine, save.json.shared], [true, false])
  const id = save.json.id
  const seen = async (who) => (await api(srv.base, 'GET', '/api/v1/reports/templates', { auth: as(who) })).json.items.find((t) => t.id === id)
  assert.equal(await seen(worker), undefined, 'not shared yet')
  assertError(await api(srv.base, 'POST', `/api/v1/reports/templates/${id}/run`, { auth: as(worker), body: {} }), 404, 'NotFound')

  assertError(await api(srv.base, 'PATCH', `/api/v1/reports/templates/${id}`, { auth: as(cadmin), body: {} }), 400, 'InvalidArgument', 'shared')
  const shared = await api(srv.base, 'PATCH', `/api/v1/reports/templates/${id}`, { auth: as(cadmin), body: { shared: true } })
  assert.equal(shared.status, 200, shared.text)
  assert.equal(shared.json.shared, true)
  const t = await seen(worker)
  assert.deepEqual([t?.owner, t?.mine, t?.shared], ['community_admin', false, true])
  // The worker's run answers for the worker's grid only.
  const mine = await api(srv.base, 'POST', `/api/v1/reports/templates/${id}/run`, { auth: as(worker), body: { page_size: 200 } })
  const theirs = await api(srv.base, 'POST', `/api/v1/reports/templates/${id}/run`, { auth: as(cadmin), body: { page_size: 200 } })
  assert.equal(mine.status, 200, mine.text)
  assert.ok(mine.json.count > 0 && mine.json.count < theirs.json.count, `${mine.json.count} of ${theirs.json.count}`)
  assert.ok(mine.json.items.every((r) => r.grid.id === worker.user.scope.id))
  // Only the author shares, unshares or deletes it.
  assertError(await api(srv.base, 'PATCH', `/api/v1/reports/templates/${id}`, { auth: as(worker), body: { shared: false } }), 404, 'NotFound')
  assertError(await api(srv.base, 'DELETE', `/api/v1/reports/templates/${id}`, { auth: as(worker) }), 404, 'NotFound')
  // A worker of another community does not see it.
  const tree = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(street) })).json
  const otherCommunity = tree.streets[0].communities.find((c) => c.id !== cadmin.user.scope.id)
  const outsider = await addUser(srv.base, street, `gw_far_${Date.now()}`, 'grid_worker', { kind: 'grid', id: otherCommunity.grids[0].id })
  assert.equal(await seen(outsider), undefined)
  assertError(await api(srv.base, 'POST', `/api/v1/reports/templates/${id}/run`, { auth: as(outsider), body: {} }), 404, 'NotFound')
  const off = await api(srv.base, 'PATCH', `/api/v1/reports/templates/${id}`, { auth: as(cadmin), body: { shared: false } })
  assert.equal(off.json.shared, false)
  assert.equal(await seen(worker), undefined)
})
