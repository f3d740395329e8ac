// A real street from the first start (README, operations): `linli setup` on an empty data
// directory, then `linli serve` without demo data, the new street admin logs in, adds a
// community and a grid, and imports a first resident. Before setup, `linli user add` says to
// run setup; setup refuses a bad code or password without writing anything, and runs once.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, login, api, runCli, as } from './server.mjs'
import { withCheck as idNumber } from '../support/id_number.mjs'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-setup-'))
let srv
after(async () => {
  await srv?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const setup = (extra) => runCli(['setup', '--data-dir', dataDir, ...extra])
const flags = ({ name = '清河街道', code = '110108001000', user = 'qinghe_admin', password = 'Qinghe@2026street' } = {}) =>
  ['--street-name', name, '--street-code', code, '--admin-username', user, '--admin-password', password]

test('linli setup, then serve, log in, add a community and a grid, import a first resident', async () => {
  const early = await runCli(['user', 'add', '--data-dir', dataDir, '--username', 'early', '--password', 'Early@2026user', '--role', 'street_admin'])
  assert.notEqual(early.code, 0)
  assert.match(early.stderr, /no street yet: run `linli setup/)

  const badCode = await setup(flags({ code: '110108001001' }))
  assert.equal(badCode.code, 2, badCode.stderr)
  assert.match(badCode.stderr, /street_code/)
  const badPassword = await setup(flags({ password: 'short' }))
  assert.equal(badPassword.code, 2, badPassword.stderr)
  assert.match(badPassword.stderr, /password/)
  assert.match(badPassword.stderr, /Nothing was written/)
  const missing = await runCli(['setup', '--data-dir', dataDir, '--street-name', '清河街道'])
  assert.equal(missing.code, 2)
  assert.match(missing.stderr, /--street-code is required/)

  const done = await setup(flags())
  assert.equal(done.code, 0, done.stderr)
  assert.match(done.stdout, /Created the street 清河街道 \(110108001000/)
  assert.match(done.stdout, /linli serve --data-dir/)
  assert.match(done.stdout, /街道, 社区, 网格, 区划代码/)
  const twice = await setup(flags({ name: '别的街道', code: '110108002000', user: 'other_admin' }))
  assert.equal(twice.code, 1)
  assert.match(twice.stderr, /a street exists already/)

  // An operator's user add now lands in the street by default.
  const staff = await runCli(['user', 'add', '--data-dir', dataDir, '--username', 'qinghe_staff', '--password', 'Staff@2026qinghe', '--role', 'street_admin', '--name', '清河值班'])
  assert.equal(staff.code, 0, staff.stderr)
  assert.match(staff.stdout, /清河街道/)

  srv = await startServer([], { dataDir, demo: false })
  assert.deepEqual((await api(srv.base, 'GET', '/api/v1/setup/status')).json, { street_exists: true })
  const admin = await login(srv.base, 'qinghe_admin', 'Qinghe@2026street')
  assert.equal(admin.user.role, 'street_admin')
  assert.equal(admin.user.scope.name, '清河街道')
  // No demo data: nobody else, nothing else.
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: as(admin) })).json.total, 0)
  assert.equal((await api(srv.base, 'POST', '/api/v1/auth/login', { body: { username: 'street_admin', password: 'Linli@2026' } })).status, 401)

  const c = await api(srv.base, 'POST', '/api/v1/registry/communities', { auth: as(admin), body: { name: '清河一社区', code: '110108001001' } })
  assert.equal(c.status, 201, c.text)
  const g = await api(srv.base, 'POST', '/api/v1/registry/grids', { auth: as(admin), body: { community_id: c.json.id, name: '清河一社区第一网格', code: '110108001001-1' } })
  assert.equal(g.status, 201, g.text)

  const id = idNumber('11010819500101123')
  const file = '姓名,身份证号,联系电话,楼栋,单元,门牌号,网格\r\n' + `王秀英,${id},13900001111,清河1号楼,1,101,110108001001-1\r\n`
  const up = await api(srv.base, 'POST', '/api/v1/registry/imports?filename=first.csv', { auth: as(admin), body: file, contentType: 'text/csv' })
  assert.equal(up.status, 201, up.text)
  const mapping = up.json.suggested_mapping
  const dry = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.json.id}/dry-run`, { auth: as(admin), body: { mapping } })
  assert.equal(dry.status, 200, dry.text)
  assert.deepEqual([dry.json.valid, dry.json.errors], [1, []])
  const commit = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.json.id}/commit`, { auth: as(admin), body: { mapping } })
  assert.equal(commit.status, 200, commit.text)
  assert.equal(commit.json.created, 1)
  const residents = await api(srv.base, 'GET', '/api/v1/registry/residents?page_size=5', { auth: as(admin) })
  assert.deepEqual(residents.json.items.map((r) => [r.name, r.grid.id]), [['王秀英', g.json.id]])
  const report = await api(srv.base, 'POST', '/api/v1/reports/query', { auth: as(admin), body: { filter: {}, group_by: ['grid'] } })
  assert.deepEqual(report.json.groups.grid.map((x) => [x.key, x.count]), [[g.json.id, 1]])
})
