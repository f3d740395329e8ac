// A database file that cannot be written (made immutable with chattr +i while the server was
// stopped; root ignores file modes, not that flag): the server starts and serves reads, writes
// answer 503 with a clear message and keep nothing, and once the file can be written again
// (chattr -i) writes work on the same process, without a restart. Needs root and a file system
// with the immutable flag; skipped with a message otherwise.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import { startServer, login, api, requestsWith } from './server.mjs'

let srv
let immutable
after(async () => {
  if (immutable) try { execFileSync('chattr', ['-i', immutable]) } catch { /* gone */ }
  await srv?.stop()
})

function immutableFlagWorks() {
  if (process.getuid?.() !== 0) return 'not root: cannot make the database immutable'
  const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-chattr-')), 'probe')
  fs.writeFileSync(probe, 'x')
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'pipe' })
    execFileSync('chattr', ['-i', probe], { stdio: 'pipe' })
    return undefined
  } catch (e) {
    return `chattr +i does not work here (${String(e.stderr || e.message).trim()})`
  } finally {
    fs.rmSync(path.dirname(probe), { recursive: true, force: true })
  }
}

const skip = immutableFlagWorks()

test('a read-only database: reads go on, writes answer 503 and keep nothing, writes work again once it can be written', { skip }, async () => {
  srv = await startServer(['--demo-residents', '50'])
  const worker = await login(srv.base, 'grid_worker') // the session outlives the restart
  const auth = { cookie: worker.cookie, csrf: worker.csrf }
  const file = (description) => api(srv.base, 'POST', '/api/v1/requests', {
    auth, body: { category: 'SQ-ZS', description, contact_name: '王先生', contact_phone: '13800138000' },
  })
  const before = await file('只读测试 before')
  assert.equal(before.status, 201, before.text)
  await srv.stop({ keepDir: true })
  immutable = path.join(srv.dataDir, 'linli.db')
  execFileSync('chattr', ['+i', immutable])

  srv = await startServer([], { dataDir: srv.dataDir })
  const refused = []
  for (let i = 0; i < 10; i++) {
    const r = await file(`只读测试 refused-${i}`)
    assert.equal(r.status, 503, r.text)
    assert.equal(r.json.error.code, 'Unavailable')
    assert.match(r.json.error.message, /数据库当前只读，暂时无法保存/)
    refused.push(`只读测试 refused-${i}`)
  }
  const read = await api(srv.base, 'GET', `/api/v1/requests/${before.json.id}`, { auth })
  assert.equal(read.status, 200, read.text)
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/places', { auth })).status, 200)

  execFileSync('chattr', ['-i', immutable])
  immutable = undefined
  const back = await file('只读测试 after')
  assert.equal(back.status, 201, `once the file can be written: ${back.status} ${back.text}`)

  const seen = new Set([...(await requestsWith(srv.base, auth, '只读测试')).values()].map((x) => x.description))
  assert.deepEqual([...seen].sort(), ['只读测试 after', '只读测试 before'])
  for (const d of refused) assert.ok(!seen.has(d))
})
