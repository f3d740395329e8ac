// Configuration (flags, LINLI_* environment, --config INI file), the secret key file and the
// operator CLI (docs/http-api.md "Running a server for tests").
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, login, api, runCli, withFreePort } from './server.mjs'

const servers = []
const dirs = []
after(async () => {
  for (const s of servers) await s.stop()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

test('LINLI_LISTEN picks the address when --listen is absent', async () => {
  // The test names the ports, so another server may take one first: withFreePort tries again.
  const srv = await withFreePort((port) => startServer([], { listen: false, port, env: { LINLI_LISTEN: `127.0.0.1:${port}` } }))
  servers.push(srv)
  const r = await api(srv.base, 'GET', '/healthz')
  assert.equal(r.status, 200)
  assert.deepEqual(r.json, { status: 'ok' })
  // a flag wins over the environment
  const srv2 = await withFreePort((port2) => startServer([], { port: port2, env: { LINLI_LISTEN: `127.0.0.1:${srv.port}` } }))
  servers.push(srv2)
  assert.equal((await api(srv2.base, 'GET', '/healthz')).status, 200)
})

test('--config INI file with listen = … works, and its other keys apply', async () => {
  const srv = await withFreePort((port) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-conf-'))
    dirs.push(dir)
    const file = path.join(dir, 'linli.ini')
    fs.writeFileSync(file, `# linli test configuration\nlisten = 127.0.0.1:${port}\nmax-body-bytes = 2048\n`)
    return startServer(['--config', file], { listen: false, port })
  })
  servers.push(srv)
  assert.equal((await api(srv.base, 'GET', '/healthz')).status, 200)
  // max-body-bytes from the file: a 10 KB body is refused
  const big = await api(srv.base, 'POST', '/api/v1/auth/login', { body: JSON.stringify({ username: 'x'.repeat(10000), password: 'y' }) })
  assert.equal(big.status, 413, big.text)
  const s = await login(srv.base, 'grid_worker')
  assert.equal(s.user.username, 'grid_worker')
})

test('DATA_DIR/secret.key is created with mode 0600', async () => {
  const srv = await startServer()
  servers.push(srv)
  const key = path.join(srv.dataDir, 'secret.key')
  const st = fs.statSync(key)
  assert.ok(st.isFile())
  assert.equal(st.mode & 0o777, 0o600, `secret.key mode is ${(st.mode & 0o777).toString(8)}`)
  assert.ok(st.size >= 32, `secret.key holds ${st.size} bytes`)

  // The same key is kept across restarts (sessions and encrypted data depend on it).
  const before = fs.readFileSync(key)
  await srv.stop({ keepDir: true })
  const again = await startServer([], { dataDir: srv.dataDir })
  servers.push(again)
  assert.deepEqual(fs.readFileSync(key), before, 'secret.key must not be regenerated on restart')
  assert.equal(fs.statSync(key).mode & 0o777, 0o600)
  await login(again.base, 'street_admin')
})

test('`linli user add` creates a user who can log in', async () => {
  const srv = await startServer()
  servers.push(srv)
  const r = await runCli(['user', 'add', '--data-dir', srv.dataDir, '--username', 'u1', '--password', 'longenough1', '--role', 'grid_worker', '--scope', 'grid:1'])
  assert.equal(r.code, 0, `user add: ${r.stderr}${r.stdout}`)
  const s = await login(srv.base, 'u1', 'longenough1')
  assert.equal(s.user.username, 'u1')
  assert.equal(s.user.role, 'grid_worker')
  assert.equal(s.user.scope.kind, 'grid')
  assert.equal(s.user.scope.id, '1')
  const table = await (await fetch(`${srv.base}/api/v1/auth/permissions`)).json()
  const expected = table.rules.filter((r) => r.role === 'grid_worker').map((r) => r.action).sort()
  assert.ok(expected.includes('self.read'))
  assert.deepEqual([...s.user.permissions].sort(), expected)
  // a second add of the same name fails, and bad input is refused with a non-zero exit
  const dup = await runCli(['user', 'add', '--data-dir', srv.dataDir, '--username', 'u1', '--password', 'longenough1', '--role', 'grid_worker', '--scope', 'grid:1'])
  assert.notEqual(dup.code, 0, 'duplicate username must fail')
  const short = await runCli(['user', 'add', '--data-dir', srv.dataDir, '--username', 'u2_short', '--password', 'short', '--role', 'grid_worker', '--scope', 'grid:1'])
  assert.notEqual(short.code, 0, 'short password must fail')
  const badRole = await runCli(['user', 'add', '--data-dir', srv.dataDir, '--username', 'u3_badrole', '--password', 'longenough1', '--role', 'emperor'])
  assert.notEqual(badRole.code, 0, 'unknown role must fail')
  const admin = await login(srv.base, 'street_admin')
  const list = await api(srv.base, 'GET', '/api/v1/auth/users?q=u', { auth: { cookie: admin.cookie } })
  const names = list.json.items.map((u) => u.username)
  assert.ok(names.includes('u1') && !names.includes('u2_short') && !names.includes('u3_badrole'), names.join(','))
})

test('`linli migrate` exits 0 on a fresh and on an existing data dir', async () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-mig-'))
  dirs.push(fresh)
  const r1 = await runCli(['migrate', '--data-dir', fresh])
  assert.equal(r1.code, 0, `migrate (fresh): ${r1.stderr}`)
  assert.ok(fs.readdirSync(fresh).length > 0, 'migrate created the database')
  const r2 = await runCli(['migrate', '--data-dir', fresh])
  assert.equal(r2.code, 0, `migrate (again): ${r2.stderr}`)
  // a migrated, empty database still gets the demo accounts with --demo
  const srv = await startServer([], { dataDir: fresh })
  servers.push(srv)
  await login(srv.base, 'community_admin')
  await srv.stop({ keepDir: true })
  const r3 = await runCli(['migrate', '--data-dir', fresh])
  assert.equal(r3.code, 0, `migrate (after serve): ${r3.stderr}`)
})
