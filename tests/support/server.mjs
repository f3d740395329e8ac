// Starting and stopping a real `linli serve --demo` for the API and browser tests: every server
// its own port and its own fresh data directory, on a test clock, so test files can run side
// by side. Only Node built-ins.
//
// Ports: by default the server is told `--listen 127.0.0.1:0` and the kernel picks the port
// when the server binds it (read back from its "linli listening on …" line). A port picked by
// the test beforehand and handed over (freePort() then opts.port) can be taken by another
// process in between, and linli binds with SO_REUSEPORT, so two servers on one port do not
// fail: they share it, and requests land on either. So after every start the listening
// sockets on the port are checked against the server's own (/proc): a server that shares its
// port, or that could not bind it, is a port collision. With a kernel-picked port the start is
// simply tried again, with a new port and a *fresh* data dir (a failed attempt's dir is removed,
// never reused); with a port the caller chose, startServer throws a PortCollision error, which
// withFreePort() turns into a new try with a new port.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { rawRequest } from './http.mjs'

export { DEMO_PASSWORD } from './http.mjs'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const LINLI_BIN = process.env.LINLI_BIN || path.join(REPO, 'build/linli')

/** The demo accounts of `linli serve --demo` (docs/http-api.md). */
export const DEMO = [
  { username: 'street_admin', role: 'street_admin', kind: 'street', scope: '幸福街道' },
  { username: 'community_admin', role: 'community_admin', kind: 'community', scope: '和平社区' },
  { username: 'community_staff', role: 'community_staff', kind: 'community', scope: '和平社区' },
  { username: 'grid_worker', role: 'grid_worker', kind: 'grid', scope: '和平社区第一网格' },
  { username: 'department', role: 'department', kind: 'street', scope: '幸福街道' },
  { username: 'org', role: 'org', kind: 'street', scope: '幸福街道' },
  { username: 'volunteer', role: 'volunteer', kind: 'community', scope: '和平社区' },
  { username: 'resident', role: 'resident', kind: 'grid', scope: '和平社区第一网格' },
]

/**
 * The instant the server's clock starts at, unless a test asks otherwise: LINLI_TEST_NOW
 * (ISO 8601, e.g. "2026-12-04T18:30:00+08:00" for a Friday evening in Asia/Shanghai), or a
 * Wednesday morning. Tests never depend on the day they happen to run on, and must pass
 * whatever it is (a Friday evening, a Sunday, a holiday).
 */
export const TEST_NOW = process.env.LINLI_TEST_NOW || '2026-12-02T10:00:00+08:00'
if (Number.isNaN(Date.parse(TEST_NOW))) throw new Error(`LINLI_TEST_NOW is not an ISO 8601 time: ${TEST_NOW}`)

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * A loopback port that was free a moment ago. Nothing holds it: prefer letting the server pick
 * (startServer's default); a caller that must name the port (a config file, LINLI_LISTEN)
 * starts the server inside withFreePort().
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/** What startServer throws when the port it was told to use is taken or shared. */
export class PortCollision extends Error {
  constructor(message) {
    super(message)
    this.name = 'PortCollision'
    this.code = 'EPORTCOLLISION'
  }
}

/**
 * Calls start(port) with a free port; while it fails with a PortCollision (someone else took the
 * port first), calls it again with another. start must make whatever it needs afresh each time.
 */
export async function withFreePort(start, { attempts = 5 } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort())
    } catch (e) {
      if (!(e instanceof PortCollision) || attempt >= attempts) throw e
    }
  }
}

// Servers still running when the test process exits are killed, so no orphan is left behind.
const running = new Set()
process.on('exit', () => {
  for (const p of running) {
    try { p.kill('SIGKILL') } catch { /* gone */ }
  }
})

// Server time minus real time, per data dir: a server restarted on the same data carries on
// from the time its predecessor had reached (a clock that went back would reorder events).
const clockOffsets = new Map()

/** The inodes of the sockets listening on TCP `port` (any address), or null without /proc. */
function listeningSockets(port) {
  const inodes = new Set()
  let read = false
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text
    try { text = fs.readFileSync(file, 'utf8') } catch { continue }
    read = true
    for (const line of text.split('\n').slice(1)) {
      const c = line.trim().split(/\s+/)
      if (c.length < 10 || c[3] !== '0A') continue // 0A: LISTEN
      if (parseInt(c[1].slice(c[1].lastIndexOf(':') + 1), 16) === port) inodes.add(c[9])
    }
  }
  return read ? inodes : null
}

/** The socket inodes process `pid` holds, or null when /proc does not tell. */
function socketsOf(pid) {
  let fds
  try { fds = fs.readdirSync(`/proc/${pid}/fd`) } catch { return null }
  const inodes = new Set()
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (m) inodes.add(m[1])
    } catch { /* closed meanwhile */ }
  }
  return inodes
}

/** How many sockets listen on `port` that process `pid` does not hold (0 when /proc is absent). */
function othersListening(port, pid) {
  const listening = listeningSockets(port)
  const own = socketsOf(pid)
  if (!listening || !own) return 0
  return [...listening].filter((inode) => !own.has(inode)).length
}

/**
 * Starts `$LINLI_BIN serve [--listen 127.0.0.1:<port>] --data-dir <dir> --web-dir <dir> --demo
 * [--clock-start <t> --test-clock] ...extraArgs` and resolves once GET /healthz answers 200.
 *
 * opts.demo=false leaves out --demo.
 * opts.dataDir: the data dir to use (a restart on existing data); otherwise opts.freshDataDir()
 * makes a new one for each attempt. opts.webDir and opts.cwd: a path, or a function of the data
 * dir. opts.port: the port the server is told (or, with opts.listen=false, expected to find in
 * its own configuration); without it the kernel picks one. opts.env adds environment variables.
 * The server runs on a test clock starting at opts.clockStart (default: where this data dir's
 * previous server had got to, else TEST_NOW); opts.clock=false runs it on the real clock.
 *
 * Returns {base, url, port, dataDir, webDir, proc, output(), stdout(), stderr(), exited, stop(),
 * clockNow(), advanceClock()}.
 */
export async function startLinli(opts = {}) {
  if (!fs.existsSync(LINLI_BIN)) throw new Error(`linli binary not found at ${LINLI_BIN} (build it, or set LINLI_BIN)`)
  if (opts.listen === false && opts.port === undefined) throw new Error('startLinli: listen=false needs the port the server is configured with')
  if (!opts.dataDir && !opts.freshDataDir) throw new Error('startLinli: give dataDir or freshDataDir')
  const attempts = opts.port === undefined ? opts.attempts ?? 5 : 1
  for (let attempt = 1; ; attempt++) {
    const dataDir = opts.dataDir ?? opts.freshDataDir()
    try {
      return await startOnce(dataDir, opts)
    } catch (e) {
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
      if (!(e instanceof PortCollision) || attempt >= attempts) throw e
    }
  }
}

/**
 * Under scripts/with-postgres.sh (LINLI_TEST_PG set): the PostgreSQL database that stands for
 * this data dir's SQLite file, created on first use, so a restart on the same data dir finds its
 * data again. Its URL.
 */
export function postgresDatabaseFor(dataDir) {
  const name = ('linli_' + path.basename(dataDir)).toLowerCase().replace(/[^a-z0-9_]/g, '_')
  const base = process.env.LINLI_TEST_PG
  if (!postgresDatabases.has(name)) {
    try {
      execFileSync('psql', ['-qAt', '-v', 'ON_ERROR_STOP=1', `${base}/postgres`, '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' })
    } catch (e) {
      if (!/already exists/.test(String(e.stderr))) throw new Error(`create database ${name}: ${e.stderr}`)
    }
    postgresDatabases.add(name)
  }
  return `${base}/${name}`
}
const postgresDatabases = new Set()

async function startOnce(dataDir, opts) {
  const timeoutMs = opts.timeoutMs ?? 20000
  const of = (v) => (typeof v === 'function' ? v(dataDir) : v)
  const webDir = of(opts.webDir)
  const cwd = of(opts.cwd) ?? dataDir
  const fixedPort = opts.port
  const listenArgs = opts.listen === false ? [] : ['--listen', `127.0.0.1:${fixedPort ?? 0}`]
  const clock = opts.clock !== false
  const carriedOn = clockOffsets.has(dataDir) ? new Date(Date.now() + clockOffsets.get(dataDir)).toISOString() : undefined
  const clockStart = opts.clockStart ?? carriedOn ?? TEST_NOW
  const clockArgs = clock ? ['--clock-start', clockStart, '--test-clock'] : []
  // opts.demo=false: a real street's start, without demo data.
  const demoArgs = opts.demo === false ? [] : ['--demo']
  const args = ['serve', ...listenArgs, '--data-dir', dataDir, '--web-dir', webDir, ...demoArgs, ...clockArgs, ...(opts.extraArgs ?? [])]
  const env = { ...process.env, ...(opts.env || {}) }
  if (process.env.LINLI_TEST_PG && !env.LINLI_DB) env.LINLI_DB = postgresDatabaseFor(dataDir)
  // Set before the server starts its clock, so a successor never starts behind it.
  if (clock) clockOffsets.set(dataDir, Date.parse(clockStart) - Date.now())
  const proc = spawn(LINLI_BIN, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(proc)
  let stdout = ''
  let stderr = ''
  let output = '' // both, in the order they came
  proc.stdout.on('data', (d) => { stdout += d; output += d })
  proc.stderr.on('data', (d) => { stderr += d; output += d })
  const state = { exit: null }
  const exitPromise = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      state.exit = { code, signal }
      running.delete(proc)
      resolve(state.exit)
    })
    proc.on('error', (error) => {
      state.exit = { error: String(error) }
      running.delete(proc)
      resolve(state.exit)
    })
  })
  const describe = () => `args: ${args.join(' ')}\nstderr:\n${stderr}\nstdout:\n${stdout}`
  async function kill() {
    if (!state.exit) proc.kill('SIGKILL')
    await exitPromise
  }
  const collided = (why) => new PortCollision(`linli serve: port collision (${why}); ${describe()}`)

  const deadline = Date.now() + timeoutMs
  let port = fixedPort
  for (;;) {
    if (state.exit) {
      if (/cannot listen on/.test(stderr)) throw collided('could not bind')
      throw new Error(`linli serve exited early (${JSON.stringify(state.exit)}); ${describe()}`)
    }
    if (port === undefined) {
      const m = /linli listening on http:\/\/[^\s:]+:(\d+)/.exec(stdout)
      if (m) port = Number(m[1])
    }
    if (port !== undefined) {
      try {
        // A raw request with "Connection: close": no pooled keep-alive connection is left open
        // (it would count against --max-connections).
        const r = await rawRequest(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, { timeoutMs: 2000 })
        if (r.responses[0]?.status === 200) break
      } catch { /* not listening yet */ }
    }
    if (Date.now() > deadline) {
      await kill()
      throw new Error(`linli serve not healthy within ${timeoutMs} ms; ${describe()}`)
    }
    await sleep(50)
  }
  const others = othersListening(port, proc.pid)
  if (others > 0) {
    await kill()
    throw collided(`${others} other socket(s) listen on port ${port}`)
  }

  const base = `http://127.0.0.1:${port}`
  async function clockCall(init) {
    if (!clock) throw new Error('this server runs on the real clock (started with clock: false)')
    const r = await fetch(`${base}/api/v1/testing/clock`, init)
    const text = await r.text()
    if (r.status !== 200) throw new Error(`${init?.method ?? 'GET'} /api/v1/testing/clock -> ${r.status} ${text}`)
    return Number(JSON.parse(text).now_ms)
  }
  return {
    base,
    url: base,
    port,
    dataDir,
    webDir,
    proc,
    output: () => output,
    stderr: () => stderr,
    stdout: () => stdout,
    exited: exitPromise,
    /** The server's time, in ms since the epoch. */
    clockNow: () => clockCall(),
    /** Moves the server's time `seconds` forward; resolves to the new time in ms. */
    async advanceClock(seconds) {
      const now = await clockCall({
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advance_s: Math.round(seconds) }),
      })
      clockOffsets.set(dataDir, now - Date.now())
      return now
    },
    /** SIGTERM, then wait for the exit (SIGKILL after 10 s); removes the data dir unless keepDir. Resolves {code, signal}. */
    async stop({ keepDir = false } = {}) {
      if (!state.exit) {
        proc.kill('SIGTERM')
        const t = setTimeout(() => proc.kill('SIGKILL'), 10000)
        await exitPromise
        clearTimeout(t)
      }
      if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true })
      return state.exit
    },
  }
}
