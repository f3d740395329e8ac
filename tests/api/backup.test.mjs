// `linli backup` while the server is filing requests under load, then `linli restore` into a
// new data directory and a server started there: every request acknowledged before the backup
// began is in the copy, nothing in it was never filed, its counts agree with each other, and
// the restored database passes PRAGMA integrity_check. Restore refuses while a server is running
// on the directory, and without the backup's secret key.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, login, api, requestsWith, runCli, waitFor } from './server.mjs'

const servers = []
const dirs = []
after(async () => {
  for (const s of servers) await s.stop()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

function hasSqliteCli() {
  try { execFileSync('sqlite3', ['-version']); return true } catch { return false }
}

test('a backup taken while requests are being filed restores into a server that has every request acknowledged before it began', async () => {
  const srv = await startServer(['--demo-residents', '200'])
  servers.push(srv)
  const worker = await login(srv.base, 'grid_worker')
  const auth = { cookie: worker.cookie, csrf: worker.csrf }
  const acknowledged = []
  const attempted = new Set()
  let stop = false
  const clients = Array.from({ length: 12 }, async (_, c) => {
    for (let i = 0; !stop; ++i) {
      const description = `备份压测 ${c}-${i}`
      attempted.add(description)
      const r = await api(srv.base, 'POST', '/api/v1/requests', {
        auth, body: { category: 'SQ-ZS', description, contact_name: '王先生', contact_phone: '13800138000' },
      })
      if (r.status === 201) acknowledged.push(r.json)
    }
  })
  await waitFor(() => acknowledged.length >= 200, { timeoutMs: 60000, intervalMs: 5, message: '200 requests acknowledged' })

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-backup-'))
  dirs.push(out)
  const file = path.join(out, 'linli-backup.db')
  const beforeBackup = acknowledged.slice()
  const backup = await runCli(['backup', '--data-dir', srv.dataDir, '--out', file, '--json'])
  const duringBackup = acknowledged.length - beforeBackup.length
  await waitFor(() => acknowledged.length >= beforeBackup.length + duringBackup + 50, { timeoutMs: 30000, message: 'filing goes on after the backup' })
  stop = true
  await Promise.all(clients)
  assert.equal(backup.code, 0, backup.stderr)
  const figures = JSON.parse(backup.stdout)
  assert.equal(figures.file, file)
  assert.ok(figures.pages > 0 && figures.bytes > 0, backup.stdout)
  assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'the backup is for the operator only')
  assert.equal(fs.statSync(`${file}.key`).mode & 0o777, 0o600)
  assert.deepEqual(fs.readFileSync(`${file}.key`), fs.readFileSync(path.join(srv.dataDir, 'secret.key')))
  assert.ok(!fs.existsSync(`${file}-wal`), 'the backup is one file')

  // Not while a server holds the data directory.
  const busy = await runCli(['restore', '--data-dir', srv.dataDir, '--from', file])
  assert.equal(busy.code, 1, busy.stdout + busy.stderr)
  assert.match(busy.stderr, /a server is running on/)

  // Not without the key: the sealed ID numbers and phones could not be read.
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-restored-'))
  dirs.push(target)
  const noKey = await runCli(['restore', '--data-dir', target, '--from', file, '--key', path.join(out, 'missing.key')])
  assert.equal(noKey.code, 1)
  assert.match(noKey.stderr, /secret key is needed/)
  assert.ok(!fs.existsSync(path.join(target, 'linli.db')), 'nothing restored without the key')

  const restored = await runCli(['restore', '--data-dir', target, '--from', file])
  assert.equal(restored.code, 0, restored.stderr)
  if (hasSqliteCli()) {
    assert.equal(execFileSync('sqlite3', [path.join(target, 'linli.db'), 'PRAGMA integrity_check']).toString().trim(), 'ok')
  }

  const again = await startServer([], { dataDir: target })
  servers.push(again)
  const admin = await login(again.base, 'street_admin')
  const byId = await requestsWith(again.base, { cookie: admin.cookie }, '备份压测')
  const lost = beforeBackup.filter((a) => byId.get(a.id)?.number !== a.number || byId.get(a.id)?.description !== a.description)
  assert.deepEqual(lost.map((a) => a.number), [], `${lost.length} of ${beforeBackup.length} requests acknowledged before the backup are missing`)
  for (const x of byId.values()) assert.ok(attempted.has(x.description), `a request nobody filed: ${x.description}`)
  // A snapshot of one commit: it holds at most what was acknowledged by the end of the backup,
  // and no gaps — each client's filings in it are a prefix of what that client filed.
  assert.ok(byId.size <= beforeBackup.length + duringBackup + 12, `${byId.size} requests in the copy`)
  const perClient = new Map()
  for (const x of byId.values()) {
    const [c, i] = x.description.split(' ')[1].split('-').map(Number)
    perClient.set(c, [...(perClient.get(c) ?? []), i])
  }
  for (const [c, seq] of perClient) {
    seq.sort((a, b) => a - b)
    assert.deepEqual(seq, seq.map((_, k) => k), `client ${c}: the copy holds its first ${seq.length} filings, without gaps`)
  }
  // The list's total agrees with the rows, and a request's timeline came along.
  const listed = await api(again.base, 'GET', `/api/v1/requests?q=${encodeURIComponent('备份压测')}&page_size=1`, { auth: { cookie: admin.cookie } })
  assert.equal(listed.json.total, byId.size)
  const one = await api(again.base, 'GET', `/api/v1/requests/${beforeBackup.at(-1).id}`, { auth: { cookie: admin.cookie } })
  assert.equal(one.status, 200, one.text)
  assert.deepEqual(one.json.timeline.map((e) => e.kind), ['submitted', 'assign'])
  // The ID numbers sealed with the key are readable on the restored server.
  const residents = await api(again.base, 'GET', '/api/v1/registry/residents?page_size=1', { auth: { cookie: admin.cookie } })
  assert.equal(residents.status, 200, residents.text)
  assert.ok(residents.json.total >= 200)
})
