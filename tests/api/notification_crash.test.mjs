// Notices' SMS across a crash of the dispatcher: the server is killed (SIGKILL) while it is
// texting a community, then started again on the same data. The gateway here is the test's own
// HTTP server, which records every arrival (it drops nothing), so a message sent twice is
// seen. What must hold: every message arrives; a repeat carries the id, phone and text of its
// first arrival (so a real gateway, given client message ids, drops it before the phone); and
// nothing the outbox had recorded as sent before the kill is sent again.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { startServer, login, api, waitFor } from './server.mjs'

let srv, gateway
after(async () => {
  await srv?.stop()
  gateway?.close()
})

/** A slow SMS gateway that records every POST, in order, answering each after `delayMs`. */
async function startGateway(delayMs) {
  const arrivals = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      let msg
      try { msg = JSON.parse(body) } catch { res.writeHead(400).end(); return }
      arrivals.push({ ...msg, at: Date.now() })
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'), delayMs)
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)) // a port of its own, held from now on
  const { port } = server.address()
  return { url: `http://127.0.0.1:${port}/sms`, arrivals, close: () => server.close() }
}

test('killed while texting a community: every SMS arrives once more at most, under its id; what was recorded as sent is never sent again', async () => {
  gateway = await startGateway(40)
  srv = await startServer(['--demo-residents', '1500', '--sms-url', gateway.url])
  let cadmin = await login(srv.base, 'community_admin')
  let auth = { cookie: cadmin.cookie, csrf: cadmin.csrf }
  const places = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth })).json
  const community = places.streets[0].communities[0]
  const notice = async (title, audience) => {
    const preview = (await api(srv.base, 'POST', '/api/v1/notices/preview', { auth, body: { audience } })).json
    const r = await api(srv.base, 'POST', '/api/v1/notices', { auth, body: { title, body: `${title}：请相互转告。`, audience, urgent: true } })
    assert.equal(r.status, 201, r.text)
    return { id: r.json.id, ...preview }
  }
  const status = async (id) => (await api(srv.base, 'GET', `/api/v1/notices/${id}`, { auth })).json
  const arrivalsOf = (title) => gateway.arrivals.filter((a) => a.text.includes(title))

  // A: one grid, delivered and recorded as sent before the crash.
  const a = await notice('停电通知', { grid_id: community.grids[0].id })
  assert.ok(a.sms > 0, JSON.stringify(a))
  await waitFor(async () => (await status(a.id)).status === 'done', { timeoutMs: 30000, message: 'notice A delivered' })
  assert.equal(arrivalsOf('停电通知').length, a.sms)

  // B: the whole community, killed while its texts are going out.
  const b = await notice('燃气检修', { community_id: community.id })
  assert.ok(b.sms >= 100, `enough phones to be mid-way when killed: ${JSON.stringify(b)}`)
  await waitFor(() => arrivalsOf('燃气检修').length >= 30, { timeoutMs: 30000, message: 'the first texts of B arriving' })
  const clockAtKill = await srv.clockNow()
  const realAtKill = Date.now()
  srv.proc.kill('SIGKILL')
  await srv.exited
  const bBeforeKill = arrivalsOf('燃气检修').length
  assert.ok(bBeforeKill < b.sms, `killed before the end: ${bBeforeKill} of ${b.sms}`)

  // Started again on the same data. What the dead process had claimed waits for its lease to
  // end (5 minutes of server time): the clock starts past it.
  const restartAt = clockAtKill + (Date.now() - realAtKill) + 6 * 60e3
  srv = await startServer(['--sms-url', gateway.url], { dataDir: srv.dataDir, clockStart: new Date(restartAt).toISOString() })
  cadmin = await login(srv.base, 'community_admin')
  auth = { cookie: cadmin.cookie, csrf: cadmin.csrf }
  const done = await waitFor(async () => {
    const n = await status(b.id)
    return n.status === 'done' ? n : undefined
  }, { timeoutMs: 60000, message: 'notice B delivered after the restart' })
  assert.equal(done.progress.failed, 0, JSON.stringify(done))
  assert.equal(done.progress.sent, b.sms + b.in_app)

  assert.equal(arrivalsOf('停电通知').length, a.sms, 'nothing recorded as sent before the crash is sent again')
  const mine = arrivalsOf('燃气检修')
  const first = new Map()
  for (const m of mine) {
    const seen = first.get(m.id)
    if (!seen) { first.set(m.id, m); continue }
    assert.equal(m.to, seen.to, `a repeat of message ${m.id} goes to the same phone`)
    assert.equal(m.text, seen.text, `a repeat of message ${m.id} has the same text`)
  }
  assert.equal(first.size, b.sms, 'every message arrived')
  assert.equal(new Set([...first.values()].map((m) => m.to)).size, b.sms, 'one message id per phone')
  const counts = new Map()
  for (const m of mine) counts.set(m.id, (counts.get(m.id) ?? 0) + 1)
  for (const [id, n] of counts) assert.ok(n <= 2, `message ${id} arrived ${n} times: once before the crash at most, once after`)
  assert.ok(mine.length > bBeforeKill, 'the restarted server finished the job')
})
