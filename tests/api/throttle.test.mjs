// Login throttling that cannot lock the owner out (issue 13, finding 10): failures are counted
// per (account, client address); a failing address is refused for that account, the account
// makes failing addresses wait longer and longer, and the right password from an address that
// has not been failing always works. --trusted-proxy lets X-Forwarded-For name the client.
// Distinct client addresses: the client socket is bound to 127.0.0.2, 127.0.0.3, … (loopback).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, login, api, DEMO_PASSWORD } from './server.mjs'

const servers = []
after(async () => { for (const s of servers) await s.stop() })

/** POST /api/v1/auth/login from `from` (a loopback address), with extra headers. */
function attempt(srv, username, password, { from = '127.0.0.1', headers = {} } = {}) {
  const body = JSON.stringify({ username, password })
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: srv.port, path: '/api/v1/auth/login', method: 'POST', localAddress: from, agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close', ...headers },
    }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

function assertRefused(r, maxSeconds) {
  assert.equal(r.status, 429, r.text)
  assert.equal(JSON.parse(r.text).error.code, 'ResourceExhausted')
  assert.match(r.headers['retry-after'] ?? '', /^\d+$/, 'Retry-After whole seconds')
  assert.ok(+r.headers['retry-after'] > 0 && +r.headers['retry-after'] <= maxSeconds, `Retry-After ${r.headers['retry-after']}`)
  assert.ok(!(r.headers['set-cookie'] ?? []).some((c) => /^linli_session=[^;]+/.test(c) && !/Max-Age=0/i.test(c)), 'no session when refused')
}

test('finding 10: the owner logs in from a fresh address after an attacker failed 50 times from another', async () => {
  const srv = await startServer()
  servers.push(srv)
  const codes = []
  for (let i = 0; i < 50; i++) {
    codes.push((await attempt(srv, 'street_admin', `guess-${i}-password`, { from: '127.0.0.2' })).status)
    if (i % 10 === 9) await srv.advanceClock(60) // the attacker is patient
  }
  assert.ok(codes.slice(0, 5).every((c) => c === 401), `first guesses are answered: ${codes}`)
  assert.ok(codes.filter((c) => c === 429).length >= 40, `the attacking address is refused: ${codes}`)
  // The attacking address is refused even with the right password…
  assertRefused(await attempt(srv, 'street_admin', DEMO_PASSWORD, { from: '127.0.0.2' }), 900)
  // …and the owner, from their own phone, is not.
  const owner = await attempt(srv, 'street_admin', DEMO_PASSWORD, { from: '127.0.0.3' })
  assert.equal(owner.status, 200, owner.text)
  // Nor is anyone else behind the attacker's address refused on their own account.
  assert.equal((await attempt(srv, 'grid_worker', DEMO_PASSWORD, { from: '127.0.0.2' })).status, 200)
  // The refusals are audited as denied, never as a successful login from the attacker.
  const admin = await login(srv.base, 'street_admin')
  const log = await api(srv.base, 'GET', '/api/v1/audit?actor=street_admin&action=auth.login&page_size=200', { auth: { cookie: admin.cookie } })
  assert.equal(log.status, 200, log.text)
  assert.ok(log.json.items.some((e) => e.outcome === 'denied'), log.text)
  assert.ok(log.json.items.filter((e) => e.outcome === 'failed').length >= 5, log.text)
})

test('finding 10: the account makes failing addresses wait, twice as long after each failure', async () => {
  const srv = await startServer()
  servers.push(srv)
  // Five addresses fail once each: the account's five free failures are used up.
  for (let n = 2; n <= 6; n++) assert.equal((await attempt(srv, 'community_admin', 'not-the-password', { from: `127.0.0.${n}` })).status, 401)
  const r1 = await attempt(srv, 'community_admin', 'not-the-password', { from: '127.0.0.2' })
  assertRefused(r1, 1)
  await srv.advanceClock(1)
  assert.equal((await attempt(srv, 'community_admin', 'not-the-password', { from: '127.0.0.2' })).status, 401)
  const r2 = await attempt(srv, 'community_admin', DEMO_PASSWORD, { from: '127.0.0.3' })
  assertRefused(r2, 2)
  assert.equal(r2.headers['retry-after'], '2')
  await srv.advanceClock(2)
  assert.equal((await attempt(srv, 'community_admin', 'not-the-password', { from: '127.0.0.3' })).status, 401)
  assert.equal((await attempt(srv, 'community_admin', 'not-the-password', { from: '127.0.0.4' })).headers['retry-after'], '4')
  // The right password from an address that has not been failing is never refused.
  assert.equal((await attempt(srv, 'community_admin', DEMO_PASSWORD, { from: '127.0.0.9' })).status, 200)
  // A quiet window later everything is forgotten.
  await srv.advanceClock(900)
  assert.equal((await attempt(srv, 'community_admin', DEMO_PASSWORD, { from: '127.0.0.2' })).status, 200)
})

test('finding 10: behind a trusted proxy, clients with different X-Forwarded-For are counted apart', async () => {
  const srv = await startServer(['--trusted-proxy', '127.0.0.1/32'])
  servers.push(srv)
  // The proxy appends the address it saw; what the client wrote before it is not believed.
  const viaProxy = (xff) => ({ from: '127.0.0.1', headers: { 'X-Forwarded-For': xff } })
  for (let i = 0; i < 5; i++) {
    await srv.advanceClock(60)
    assert.equal((await attempt(srv, 'community_staff', `wrong-${i}-password`, viaProxy(`198.51.100.${i}, 203.0.113.7`))).status, 401)
  }
  assertRefused(await attempt(srv, 'community_staff', DEMO_PASSWORD, viaProxy('203.0.113.7')), 900)
  // Another client behind the same proxy logs in.
  assert.equal((await attempt(srv, 'community_staff', DEMO_PASSWORD, viaProxy('203.0.113.8'))).status, 200)
  // A client that is not the proxy cannot name an address: 127.0.0.2 is counted as itself.
  for (let i = 0; i < 5; i++) {
    await srv.advanceClock(60)
    assert.equal((await attempt(srv, 'org', `wrong-${i}-password`, { from: '127.0.0.2', headers: { 'X-Forwarded-For': `192.0.2.${i}` } })).status, 401)
  }
  assertRefused(await attempt(srv, 'org', DEMO_PASSWORD, { from: '127.0.0.2', headers: { 'X-Forwarded-For': '192.0.2.200' } }), 900)
  // The audit log records the client's address, not the proxy's.
  const admin = await login(srv.base, 'street_admin')
  const log = await api(srv.base, 'GET', '/api/v1/audit?actor=community_staff&action=auth.login&page_size=50', { auth: { cookie: admin.cookie } })
  assert.ok(log.text.includes('203.0.113.7'), log.text.slice(0, 500))
})

test('finding 10: without --trusted-proxy, X-Forwarded-For is ignored', async () => {
  const srv = await startServer()
  servers.push(srv)
  for (let i = 0; i < 5; i++) {
    await srv.advanceClock(60)
    const r = await attempt(srv, 'volunteer', `wrong-${i}-password`, { headers: { 'X-Forwarded-For': `203.0.113.${i}` } })
    assert.equal(r.status, 401, r.text)
  }
  // Every attempt came from 127.0.0.1, whatever the header said.
  assertRefused(await attempt(srv, 'volunteer', DEMO_PASSWORD, { headers: { 'X-Forwarded-For': '203.0.113.99' } }), 900)
  assert.equal((await attempt(srv, 'volunteer', DEMO_PASSWORD, { from: '127.0.0.5' })).status, 200)
})

test('trusted_proxy in the --config file works like the flag', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-conf-')), 'linli.conf')
  fs.writeFileSync(file, '# behind nginx on this host\ntrusted_proxy = "127.0.0.0/8"\n')
  const srv = await startServer(['--config', file])
  servers.push(srv)
  const viaProxy = (xff) => ({ from: '127.0.0.1', headers: { 'X-Forwarded-For': xff } })
  for (let i = 0; i < 5; i++) {
    await srv.advanceClock(60)
    assert.equal((await attempt(srv, 'resident', `wrong-${i}-password`, viaProxy('198.51.100.20'))).status, 401)
  }
  assertRefused(await attempt(srv, 'resident', DEMO_PASSWORD, viaProxy('198.51.100.20')), 900)
  assert.equal((await attempt(srv, 'resident', DEMO_PASSWORD, viaProxy('198.51.100.21'))).status, 200)
  fs.rmSync(path.dirname(file), { recursive: true, force: true })
})

test('--trusted-proxy refuses what is not an address or CIDR', async () => {
  await assert.rejects(startServer(['--trusted-proxy', '10.0.0.0/99'], { timeoutMs: 5000 }), /trusted-proxy/)
})
