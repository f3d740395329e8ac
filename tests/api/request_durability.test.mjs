// No acknowledged request is lost when the process is killed: requests are
// filed from many connections at once, the server is killed with SIGKILL
// in the middle, and after a restart on the same data every request that was
// answered 201 is there, with its number and its timeline.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api } from './server.mjs'

let srv
after(async () => srv?.stop())

test('every request answered 201 survives kill -9', async () => {
  srv = await startServer(['--demo-residents', '50'])
  const worker = await login(srv.base, 'grid_worker')
  const auth = { cookie: worker.cookie, csrf: worker.csrf }
  const acknowledged = []
  let stop = false
  const clients = Array.from({ length: 24 }, async (_, c) => {
    for (let i = 0; !stop; ++i) {
      try {
        const r = await api(srv.base, 'POST', '/api/v1/requests', {
          auth, body: { category: 'SQ-ZS', description: `压测噪音 ${c}-${i}`, contact_name: '王先生', contact_phone: '13800138000' },
        })
        if (r.status === 201) acknowledged.push(r.json)
      } catch { return }  // the connection died with the process
    }
  })
  while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5))
  srv.proc.kill('SIGKILL')
  stop = true
  await Promise.all(clients)
  await srv.exited
  const dataDir = srv.dataDir

  srv = await startServer([], { dataDir })
  const again = await login(srv.base, 'grid_worker')
  const byId = new Map()
  for (let page = 1; ; ++page) {
    const r = await api(srv.base, 'GET', `/api/v1/requests?q=${encodeURIComponent('压测噪音')}&page_size=200&page=${page}`, { auth: { cookie: again.cookie } })
    assert.equal(r.status, 200, r.text)
    for (const x of r.json.items) byId.set(x.id, x)
    if (r.json.items.length < 200) break
  }
  for (const a of acknowledged) {
    const got = byId.get(a.id)
    assert.ok(got, `acknowledged request ${a.number} was lost`)
    assert.equal(got.number, a.number)
    assert.equal(got.description, a.description)
  }
  const one = await api(srv.base, 'GET', `/api/v1/requests/${acknowledged.at(-1).id}`, { auth: { cookie: again.cookie } })
  assert.deepEqual(one.json.timeline.map((e) => e.kind), ['submitted', 'assign'])
  assert.ok(byId.size >= acknowledged.length)
})
