// HTTP helpers shared by the API and browser tests: sign-in (session cookie + CSRF token),
// requests with fetch, and raw HTTP/1.1 exchanges over a TCP socket. Only Node built-ins.
import net from 'node:net'

export const DEMO_PASSWORD = 'Linli@2026'

/** POST /api/v1/auth/login; resolves with the fetch Response, whatever its status. */
export function loginAPI(base, username, password = DEMO_PASSWORD) {
  return fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
}

/** Logs in; throws unless 200. Returns {cookie: "linli_session=…", csrf, user, res, setCookie}. */
export async function login(base, username, password = DEMO_PASSWORD) {
  const res = await loginAPI(base, username, password)
  const text = await res.text()
  if (res.status !== 200) throw new Error(`login ${username} -> ${res.status} ${text}`)
  const body = JSON.parse(text)
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('linli_session='))
  if (!setCookie) throw new Error(`login ${username}: no linli_session cookie`)
  const cookie = setCookie.split(';')[0]
  return { cookie, csrf: body.csrf_token, user: body.user, res, setCookie }
}

/** The auth of a signed-in session (from login()) for api(): its cookie and CSRF token. */
export const as = (who) => ({ cookie: who.cookie, csrf: who.csrf })

/**
 * One HTTP request with fetch. auth: {cookie, csrf} (csrf sent only when given) or {bearer}.
 * body: an object (sent as JSON) or a string (sent as is, with the given Content-Type).
 * Returns {status, headers, text, json}.
 */
export async function api(base, method, urlPath, { auth, body, headers = {}, contentType } = {}) {
  const h = { ...headers }
  if (auth?.cookie) h.Cookie = auth.cookie
  if (auth?.csrf) h['X-CSRF-Token'] = auth.csrf
  if (auth?.bearer) h.Authorization = `Bearer ${auth.bearer}`
  let payload
  if (body !== undefined) {
    payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)
    h['Content-Type'] = contentType ?? 'application/json'
  }
  const res = await fetch(base + urlPath, { method, headers: h, body: payload })
  const text = await res.text()
  let json
  try { json = JSON.parse(text) } catch { json = undefined }
  return { status: res.status, headers: res.headers, text, json }
}

/**
 * A signed-in API client for setting up data: { get, post, patch, del } answering
 * { status, body, headers } (body parsed as JSON when possible, else the text; undefined when
 * empty). Uses the session cookie + CSRF header; an object body is sent as JSON, a string or
 * bytes as they are (with whatever Content-Type `headers` give).
 */
export async function apiAs(base, username, password = DEMO_PASSWORD) {
  const res = await loginAPI(base, username, password)
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  const { csrf_token: csrf } = await res.json()
  const cookie = res.headers.get('set-cookie').split(';')[0]
  async function call(method, p, body, headers = {}) {
    const init = { method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...headers } }
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) init.body = body
      else {
        init.body = JSON.stringify(body)
        init.headers['Content-Type'] = 'application/json'
      }
    }
    const r = await fetch(base + p, init)
    const text = await r.text()
    let parsed = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      /* not JSON */
    }
    return { status: r.status, body: parsed, headers: r.headers }
  }
  return {
    get: (p) => call('GET', p),
    post: (p, b, h) => call('POST', p, b, h),
    patch: (p, b) => call('PATCH', p, b),
    del: (p) => call('DELETE', p),
  }
}

/** Awaits an apiAs() call and fails loudly unless the status is the expected one; returns the body. */
export async function must(promise, status, what) {
  const r = await promise
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

/** Parses as many complete HTTP/1.1 responses as buf holds. */
export function parseResponses(buf) {
  const out = []
  let off = 0
  while (off < buf.length) {
    const headEnd = buf.indexOf('\r\n\r\n', off)
    if (headEnd < 0) break
    const head = buf.subarray(off, headEnd).toString('latin1')
    const lines = head.split('\r\n')
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0])
    if (!m) break
    const headers = {}
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':')
      if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim()
    }
    let bodyStart = headEnd + 4
    let body
    if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      const parts = []
      let p = bodyStart
      let done = false
      for (;;) {
        const le = buf.indexOf('\r\n', p)
        if (le < 0) break
        const size = parseInt(buf.subarray(p, le).toString('latin1'), 16)
        if (Number.isNaN(size)) break
        if (size === 0) { p = le + 4; done = true; break }
        if (le + 2 + size + 2 > buf.length) break
        parts.push(buf.subarray(le + 2, le + 2 + size))
        p = le + 2 + size + 2
      }
      if (!done) { out.push({ status: +m[1], headers, body: Buffer.concat(parts), complete: false }); break }
      body = Buffer.concat(parts)
      off = p
    } else if (headers['content-length'] !== undefined) {
      const n = parseInt(headers['content-length'], 10)
      if (bodyStart + n > buf.length) { out.push({ status: +m[1], headers, body: buf.subarray(bodyStart), complete: false }); break }
      body = buf.subarray(bodyStart, bodyStart + n)
      off = bodyStart + n
    } else {
      body = buf.subarray(bodyStart) // until close
      off = buf.length
    }
    out.push({ status: +m[1], headers, body, complete: true, text: body.toString('utf8') })
  }
  for (const r of out) if (r.text === undefined) r.text = r.body.toString('utf8')
  return out
}

/**
 * Raw exchange over a TCP socket. data: string/Buffer or an array of them (written in order).
 * Resolves when `expect` complete responses have arrived, or the server closed, or timeoutMs
 * passed: {responses, raw, closed, elapsed, error}.
 */
export function rawRequest(port, data, { timeoutMs = 5000, expect = 1, socket } = {}) {
  return new Promise((resolve) => {
    const started = Date.now()
    const sock = socket ?? net.connect(port, '127.0.0.1')
    let chunks = []
    let closed = false
    let error = null
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      const raw = Buffer.concat(chunks)
      sock.destroy()
      resolve({ responses: parseResponses(raw), raw, closed, elapsed: Date.now() - started, error })
    }
    const timer = setTimeout(finish, timeoutMs)
    sock.on('data', (d) => {
      chunks.push(d)
      const rs = parseResponses(Buffer.concat(chunks))
      if (rs.filter((r) => r.complete).length >= expect) finish()
    })
    sock.on('error', (e) => { error = e; closed = true; finish() })
    sock.on('close', () => { closed = true; finish() })
    for (const d of [].concat(data)) sock.write(d)
  })
}

/** Opens a TCP connection and resolves once connected. */
export function connect(port) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s))
    s.on('error', reject)
  })
}
