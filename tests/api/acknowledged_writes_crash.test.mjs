// kill -9 on the write paths that answer once their commit is durable (filing a request is
// request_durability.test.mjs): committing an import, sending a notice, recording a visit.
// Each test fires acknowledged writes from several clients at once, kills the server with
// SIGKILL in the middle, starts it again on the same data, and checks that everything that was
// answered 2xx is there, whole (an import with every row, a notice with its messages, a visit
// with the request its concern filed).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, listAll, waitFor, as } from './server.mjs'
import { withCheck as idNumber } from '../support/id_number.mjs'

let srv
const started = [] // every server of these tests, stopped at the end (each keeps the process alive)
after(async () => {
  for (const s of started.reverse()) await s.stop()
})
async function start(args, opts) {
  srv = await startServer(args, opts)
  started.push(srv)
  return srv
}

/** Kills the server with SIGKILL once `ready()` holds; resolves after the clients gave up. */
async function killWhen(ready, message, clients, stop) {
  await waitFor(ready, { timeoutMs: 90000, intervalMs: 5, message })
  srv.proc.kill('SIGKILL')
  stop()
  await Promise.all(clients)
  await srv.exited
  const dataDir = srv.dataDir
  await start([], { dataDir })
}

const pad = (n, w) => String(n).padStart(w, '0')
const DIGITS = '零一二三四五六七八九'
const cn = (n, w) => [...pad(n, w)].map((d) => DIGITS[d]).join('')

test('every import commit answered 200 survives kill -9 with all of its rows', async () => {
  await start(['--demo-residents', '50'])
  const cadmin = await login(srv.base, 'community_admin')
  const worker = await login(srv.base, 'grid_worker')
  const grid = worker.user.scope.id
  const ROWS = 12
  const committed = [] // import numbers answered 200
  let stop = false
  let next = 0
  const rowsOf = (k) => Array.from({ length: ROWS }, (_, r) => {
    const born = `${1940 + (k % 50)}${pad(1 + (Math.floor(k / 50) % 12), 2)}${pad(r + 1, 2)}`
    return [`崩溃导入${cn(k, 3)}${DIGITS[r % 10]}${r >= 10 ? '甲' : ''}`, idNumber(`330106${born}${pad(100 + (k % 900), 3)}`), '', '测试楼', '1', String(101 + r), '', '']
  })
  const csv = (k) => ['姓名,身份证号,联系电话,楼栋,单元,门牌号,标签,网格'].concat(rowsOf(k).map((r) => r.join(','))).join('\r\n') + '\r\n'
  const clients = Array.from({ length: 4 }, async () => {
    while (!stop) {
      const k = next++
      try {
        const up = await api(srv.base, 'POST', '/api/v1/registry/imports?filename=crash.csv', { auth: as(cadmin), body: csv(k), contentType: 'text/csv' })
        if (up.status !== 201) continue
        const c = await api(srv.base, 'POST', `/api/v1/registry/imports/${up.json.id}/commit`, { auth: as(cadmin), body: { mapping: up.json.suggested_mapping, default_grid_id: grid } })
        if (c.status === 200) {
          assert.equal(c.json.created + (c.json.updated ?? 0), ROWS, c.text)
          committed.push(k)
        }
      } catch { return } // the connection died with the process
    }
  })
  await killWhen(() => committed.length >= 40, '40 imports committed', clients, () => { stop = true })

  const admin = await login(srv.base, 'community_admin')
  const { items } = await listAll(srv.base, `/api/v1/registry/residents?q=${encodeURIComponent('崩溃导入')}`, { cookie: admin.cookie })
  const names = new Set(items.map((r) => r.name))
  for (const k of committed) {
    const missing = rowsOf(k).filter((r) => !names.has(r[0]))
    assert.deepEqual(missing.map((r) => r[0]), [], `import ${k} was answered 200; rows lost`)
  }
  // All or nothing, acknowledged or not: each import is there whole or not at all.
  for (let k = 0; k < next; k++) {
    const present = rowsOf(k).filter((r) => names.has(r[0])).length
    assert.ok(present === 0 || present === ROWS, `import ${k}: ${present} of ${ROWS} rows`)
  }
})

test('every notice answered 201 survives kill -9 with its messages', async () => {
  await start(['--demo-residents', '300'])
  const cadmin = await login(srv.base, 'community_admin')
  const places = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: as(cadmin) })).json
  const grids = places.streets[0].communities[0].grids
  const sent = []
  let stop = false
  const clients = Array.from({ length: 6 }, async (_, c) => {
    for (let i = 0; !stop; ++i) {
      try {
        const title = `崩溃通知 ${c}-${i}`
        const r = await api(srv.base, 'POST', '/api/v1/notices', {
          auth: as(cadmin), body: { title, body: `${title}：请相互转告。`, audience: { grid_id: grids[(c + i) % grids.length].id } },
        })
        if (r.status === 201) sent.push({ id: r.json.id, title, recipients: r.json.recipients })
      } catch { return }
    }
  })
  await killWhen(() => sent.length >= 60, '60 notices sent', clients, () => { stop = true })

  const admin = await login(srv.base, 'community_admin')
  for (const n of sent) {
    const r = await api(srv.base, 'GET', `/api/v1/notices/${n.id}`, { auth: as(admin) })
    assert.equal(r.status, 200, `notice ${n.title} was answered 201: ${r.status} ${r.text}`)
    assert.equal(r.json.title, n.title)
    if (n.recipients !== undefined) assert.equal(r.json.recipients, n.recipients)
    const p = r.json.progress
    assert.ok(p.queued + p.sent + p.failed > 0, `notice ${n.title} has its messages: ${JSON.stringify(p)}`)
  }
})

test('every visit answered 201 survives kill -9, with the request its concern filed', async () => {
  await start(['--demo-residents', '300'])
  const worker = await login(srv.base, 'grid_worker')
  const { items: residents } = await listAll(srv.base, `/api/v1/registry/residents?grid_id=${worker.user.scope.id}`, { cookie: worker.cookie })
  assert.ok(residents.length >= 5, `residents in the worker's grid: ${residents.length}`)
  const recorded = []
  let stop = false
  const clients = Array.from({ length: 8 }, async (_, c) => {
    for (let i = 0; !stop; ++i) {
      try {
        const resident = residents[(c * 7 + i) % residents.length]
        const notes = `崩溃走访 ${c}-${i}`
        const concern = i % 3 === 0 ? { description: `走访发现楼道堆物 ${c}-${i}`, category: 'SQ-WX' } : undefined
        const r = await api(srv.base, 'POST', '/api/v1/visits', { auth: as(worker), body: { resident_id: resident.id, outcome: 'met', notes, concern } })
        if (r.status === 201) recorded.push({ ...r.json, notes })
      } catch { return }
    }
  })
  await killWhen(() => recorded.length >= 150, '150 visits recorded', clients, () => { stop = true })

  const again = await login(srv.base, 'grid_worker')
  const byResident = new Map()
  for (const v of recorded) {
    if (!byResident.has(v.resident_id)) {
      const r = await api(srv.base, 'GET', `/api/v1/visits?resident_id=${v.resident_id}`, { auth: as(again) })
      assert.equal(r.status, 200, r.text)
      byResident.set(v.resident_id, new Map(r.json.items.map((x) => [x.id, x])))
    }
    const got = byResident.get(v.resident_id).get(v.id)
    assert.ok(got, `visit ${v.notes} was answered 201 and is lost`)
    assert.equal(got.notes, v.notes)
    if (v.request) {
      assert.equal(got.request?.number, v.request.number)
      const req = await api(srv.base, 'GET', `/api/v1/requests/${v.request.id}`, { auth: as(again) })
      assert.equal(req.status, 200, `the request of visit ${v.notes}: ${req.text}`)
    }
  }
  assert.ok(recorded.some((v) => v.request), 'some visits filed a request')
})
