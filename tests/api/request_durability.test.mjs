// No acknowledged request is lost when the process is killed or stopped: requests
// are filed from many connections at once, the server is killed with SIGKILL (or
// sent SIGTERM) in the middle, and after a restart on the same data every request
// that was answered 201 is there, with its number and its timeline.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, requestsWith, connect, rawRequest, sleep, waitFor } from './server.mjs'

let srv
const stopped = []
after(async () => {
  await srv?.stop()
  for (const s of stopped) await s.stop()
})

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
  await waitFor(() => acknowledged.length >= 300, { timeoutMs: 60000, intervalMs: 5, message: '300 requests acknowledged' })
  srv.proc.kill('SIGKILL')
  stop = true
  await Promise.all(clients)
  await srv.exited
  const dataDir = srv.dataDir

  srv = await startServer([], { dataDir })
  const again = await login(srv.base, 'grid_worker')
  const byId = await requestsWith(srv.base, { cookie: again.cookie }, '压测噪音')
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

test('SIGTERM with writes in flight: every 201 survives a restart, later connections are refused or 503 (never left hanging), exit 0', async () => {
  const S = await startServer(['--demo-residents', '50'])
  stopped.push(S)
  const dataDir = S.dataDir
  const worker = await login(S.base, 'grid_worker')
  const filing = (tag) => {
    const body = JSON.stringify({ category: 'SQ-ZS', description: `关机测试 ${tag}`, contact_name: '王先生', contact_phone: '13800138000' })
    return 'POST /api/v1/requests HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
      `Cookie: ${worker.cookie}\r\nX-CSRF-Token: ${worker.csrf}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  }
  const acknowledged = []
  const counts = { inflight: {}, before: {}, after: {} }
  const problems = []
  const count = (phase, what) => { counts[phase][what] = (counts[phase][what] ?? 0) + 1 }
  // Each attempt ends in a 201 (kept, and checked after the restart), a 503, or a refused
  // connection; never in another answer, half an answer, or silence.
  const judge = (r, phase, label) => {
    const res = r.responses[0]
    if (res?.complete && res.status === 201) { acknowledged.push(JSON.parse(res.text)); return count(phase, 'created') }
    if (res?.complete && res.status === 503 && phase !== 'inflight') return count(phase, 'unavailable')
    if (res) return problems.push(`${label} (${phase}): ${res.complete ? res.status : 'cut short'} ${r.raw.toString().slice(0, 200)}`)
    if (r.raw.length > 0) return problems.push(`${label} (${phase}): unparsable ${JSON.stringify(r.raw.toString().slice(0, 200))}`)
    if (!r.closed) return problems.push(`${label} (${phase}): no answer and still open after ${r.elapsed} ms: left hanging`)
    if (phase === 'inflight') return problems.push(`${label} (${phase}): closed without an answer (${r.error?.code ?? 'closed'})`)
    count(phase, 'refused')
  }

  let signalled = false
  let exited = false
  S.exited.then(() => { exited = true })
  // Filing from 16 clients, a new connection each time, until the process is gone.
  const clients = Array.from({ length: 16 }, async (_, c) => {
    for (let i = 0; !exited; ++i) {
      const phase = signalled ? 'after' : 'before'
      judge(await rawRequest(S.port, filing(`${c}-${i}`), { timeoutMs: 8000 }), phase, `client ${c} #${i}`)
    }
  })
  await waitFor(() => acknowledged.length >= 150, { timeoutMs: 60000, message: '150 requests acknowledged before the signal' })
  // And 32 connections whose request is written in full before the signal: in flight, each must be answered 201.
  const socks = []
  for (let i = 0; i < 32; i++) socks.push(await connect(S.port))
  const inflight = socks.map((sock) => rawRequest(S.port, [], { socket: sock, timeoutMs: 8000 }))
  await Promise.all(socks.map((sock, i) => new Promise((resolve) => sock.write(filing(`inflight-${i}`), resolve))))
  S.proc.kill('SIGTERM')
  signalled = true
  ;(await Promise.all(inflight)).forEach((r, i) => judge(r, 'inflight', `in-flight #${i}`))
  const exit = await Promise.race([S.exited, sleep(15000).then(() => 'timeout')])
  assert.notEqual(exit, 'timeout', 'the process did not exit within 15 s of SIGTERM')
  await Promise.all(clients)
  // Once it is gone, a connection is refused at once.
  judge(await rawRequest(S.port, filing('late'), { timeoutMs: 3000 }), 'after', 'after the exit')
  assert.deepEqual(problems, [], `answers other than 201, 503 or a refusal: ${JSON.stringify(counts)}`)
  assert.equal(counts.inflight.created, 32, JSON.stringify(counts))
  assert.ok((counts.after.refused ?? 0) >= 1, JSON.stringify(counts))
  assert.deepEqual(exit, { code: 0, signal: null }, S.output().slice(-2000))
  assert.match(S.output(), /signal 15/)

  stopped.splice(stopped.indexOf(S), 1) // gone; its data dir is the next server's
  const R = await startServer([], { dataDir })
  stopped.push(R)
  const again = await login(R.base, 'street_admin')
  const byId = await requestsWith(R.base, { cookie: again.cookie }, '关机测试')
  const lost = acknowledged.filter((a) => byId.get(a.id)?.number !== a.number || byId.get(a.id)?.description !== a.description)
  assert.deepEqual(lost.map((a) => a.number), [], `${lost.length} of ${acknowledged.length} acknowledged requests lost or changed (${JSON.stringify(counts)})`)
  assert.equal(new Set(acknowledged.map((a) => a.id)).size, acknowledged.length, 'each 201 is a request of its own')
})
