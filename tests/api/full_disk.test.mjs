// A full disk: the data directory is a small tmpfs, filled up by a file beside the database.
// Filing requests then answers 503 with a clear message (never 500, never a 201 that is not
// kept), what was refused is not there at all (no request without its timeline or number),
// reads go on, and once the filler file is deleted writes work again on the same process.
// Needs root (mount); skipped with a message otherwise.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, login, api, requestsWith, runCli, INDEX_HTML } from './server.mjs'

let srv
let mnt
after(async () => {
  await srv?.stop({ keepDir: true })
  if (mnt) {
    try { execFileSync('umount', [mnt]) } catch { /* not mounted */ }
    fs.rmSync(mnt, { recursive: true, force: true })
  }
})

/** A tmpfs of `mb` MiB at a new temp dir, or the reason there is none. */
function mountTmpfs(mb) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-tmpfs-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}M`, 'tmpfs', dir], { stdio: 'pipe' })
    return { dir }
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true })
    return { reason: `cannot mount a tmpfs (${String(e.stderr || e.message).trim()}); run as root to test a full disk` }
  }
}

/** Writes zeros to `file` until the file system is full; returns the bytes written. */
function fill(file) {
  const fd = fs.openSync(file, 'w')
  const chunk = Buffer.alloc(1 << 20)
  let written = 0
  try {
    for (;;) written += fs.writeSync(fd, chunk)
  } catch (e) {
    if (e.code !== 'ENOSPC') throw e
  } finally {
    fs.closeSync(fd)
  }
  return written
}

const mounted = process.getuid?.() === 0 ? mountTmpfs(48) : { reason: 'not root: cannot mount a tmpfs to test a full disk' }

test('a full disk: writes answer 503 and keep nothing, reads go on, writes work again when space returns', { skip: mounted.reason }, async () => {
  mnt = mounted.dir
  const dataDir = path.join(mnt, 'data')
  fs.mkdirSync(path.join(dataDir, 'web'), { recursive: true })
  fs.writeFileSync(path.join(dataDir, 'web', 'index.html'), INDEX_HTML)
  srv = await startServer(['--demo-residents', '50'], { dataDir })
  const worker = await login(srv.base, 'grid_worker')
  const auth = { cookie: worker.cookie, csrf: worker.csrf }
  const outcome = new Map() // description -> {status, json}
  const file = (description) => api(srv.base, 'POST', '/api/v1/requests', {
    auth, body: { category: 'SQ-ZS', description, contact_name: '王先生', contact_phone: '13800138000' },
  }).then((r) => { outcome.set(description, r); return r })

  for (let i = 0; i < 20; i++) assert.equal((await file(`满盘测试 before-${i}`)).status, 201)
  const token = await runCli(['token', 'add', '--data-dir', dataDir, '--username', 'grid_worker', '--name', 'camera'])
  assert.equal(token.code, 0, token.stderr)
  const apiKey = token.stdout.trim().split('\n').pop().trim()
  const open311 = () => fetch(`${srv.base}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: apiKey, jurisdiction_id: 'linli', service_code: 'SQ-ZS', lat: '30.27', long: '120.15', description: '满盘 open311 摄像头' }).toString(),
  })

  const filler = path.join(mnt, 'filler')
  assert.ok(fill(filler) > 0)
  // 8 clients at once, so refused writes share group commits with each other.
  let refused = 0
  const during = []
  await Promise.all(Array.from({ length: 8 }, async (_, c) => {
    for (let i = 0; i < 60 && refused < 120; i++) {
      const d = `满盘测试 full-${c}-${i}`
      during.push(d)
      const r = await file(d)
      if (r.status === 503) refused++
    }
  }))
  assert.ok(refused > 0, 'writes are refused on a full disk')
  for (const d of during) {
    const r = outcome.get(d)
    assert.ok([201, 503].includes(r.status), `${d}: ${r.status} ${r.text}`)
    if (r.status === 503) {
      assert.equal(r.json.error.code, 'Unavailable')
      assert.match(r.json.error.message, /存储空间已满，暂时无法保存/)
    }
  }

  // Open311 says so too (503, not 500). Its filing is refused alone, so it is tried until
  // it is not among the few that a reused WAL may still take.
  let o311
  for (let i = 0; i < 5 && o311?.status !== 503; i++) o311 = await open311()
  assert.equal(o311.status, 503, await o311.text())

  // Reads go on.
  const list = await api(srv.base, 'GET', `/api/v1/requests?q=${encodeURIComponent('满盘测试')}&page_size=200`, { auth })
  assert.equal(list.status, 200, list.text)
  const first = outcome.get('满盘测试 before-0').json
  const one = await api(srv.base, 'GET', `/api/v1/requests/${first.id}`, { auth })
  assert.equal(one.status, 200, one.text)
  assert.equal((await api(srv.base, 'GET', '/api/v1/registry/places', { auth })).status, 200)

  // Space returns: writes work again, without a restart.
  fs.rmSync(filler)
  for (let i = 0; i < 20; i++) {
    const r = await file(`满盘测试 after-${i}`)
    assert.equal(r.status, 201, `after space returned: ${r.status} ${r.text}`)
  }

  // What was acknowledged is there, whole; what was refused is not there at all. Checked on
  // the running server and again after a restart, from what is on disk.
  const check = async (base, cookie) => {
    const seen = new Map([...(await requestsWith(base, { cookie }, '满盘测试')).values()].map((x) => [x.description, x]))
    for (const [d, r] of outcome) {
      if (r.status === 201) {
        assert.equal(seen.get(d)?.number, r.json.number, `acknowledged ${d} is there`)
      } else {
        assert.ok(!seen.has(d), `refused ${d} (${r.status}) is not there`)
      }
    }
    assert.equal(seen.size, [...outcome.values()].filter((r) => r.status === 201).length)
    const last = outcome.get('满盘测试 after-19').json
    const t = await api(base, 'GET', `/api/v1/requests/${last.id}`, { auth: { cookie } })
    assert.deepEqual(t.json.timeline.map((e) => e.kind), ['submitted', 'assign'])
  }
  await check(srv.base, worker.cookie)
  await srv.stop({ keepDir: true })
  srv = await startServer([], { dataDir })
  const again = await login(srv.base, 'grid_worker')
  await check(srv.base, again.cookie)
})
