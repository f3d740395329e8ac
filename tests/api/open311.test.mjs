// Open311 GeoReport v2 as a standard client uses it: discover, list services,
// file a request with an api_key (form-encoded), follow it in JSON and XML
// until closed; errors in the spec's format and status codes.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, runCli, listAll, workerInOtherGrid, addUser } from './server.mjs'

let srv, key, worker, resident, street

before(async () => {
  srv = await startServer(['--demo-residents', '100'])
  const t = await runCli(['token', 'add', '--data-dir', srv.dataDir, '--username', 'grid_worker', '--name', 'camera'])
  assert.equal(t.code, 0, t.stderr)
  key = t.stdout.trim().split('\n').pop().trim()
  worker = await login(srv.base, 'grid_worker')
  resident = await login(srv.base, 'resident')
  street = await login(srv.base, 'street_admin')
})
after(async () => srv?.stop())

const get = (p) => fetch(srv.base + p).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }))
const post = (p, form) => fetch(srv.base + p, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(form).toString(),
}).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }))
const json = (r) => JSON.parse(r.text)
/**
 * A well-formed XML document: one root element, every tag closed in order, no stray '<' or '&'
 * in text, the prolog only first. Returns the tags in document order ("errors", "error", …).
 */
function assertWellFormedXml(text) {
  const body = text.replace(/^<\?xml version="1\.0" encoding="utf-8"\?>/, '')
  assert.ok(!body.includes('<?'), `a processing instruction after the start: ${text}`)
  const stack = []
  const order = []
  let roots = 0
  const tag = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|<|&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g
  let m
  let last = 0
  while ((m = tag.exec(body))) {
    if (stack.length === 0) assert.equal(body.slice(last, m.index).trim(), '', `text outside the root element: ${text}`)
    last = tag.lastIndex
    assert.ok(m[2], `a stray "${m[0]}" at ${m.index}: ${text}`)
    if (m[1]) {
      assert.equal(stack.pop(), m[2], `</${m[2]}> closes the wrong element: ${text}`)
    } else {
      if (stack.length === 0) ++roots
      order.push(m[2])
      if (!m[3]) stack.push(m[2])
    }
  }
  assert.deepEqual(stack, [], `unclosed elements: ${text}`)
  assert.equal(body.slice(last).trim(), '', `text after the root element: ${text}`)
  assert.equal(roots, 1, `one root element: ${text}`)
  return order
}
const unescapeXml = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

/** A GeoReport v2 error: the status, the format's Content-Type and body shape; returns the description. */
const assertSpecError = (r, status, format = 'json') => {
  assert.equal(r.status, status, r.text)
  if (format === 'json') {
    assert.match(r.type || '', /^application\/json/, `Content-Type of a .json error: ${r.type}`)
    const body = json(r)
    assert.ok(Array.isArray(body) && body.length === 1, r.text)
    assert.deepEqual(Object.keys(body[0]).sort(), ['code', 'description'], r.text)
    assert.ok(body[0].code === status && typeof body[0].description === 'string' && body[0].description.length > 0, r.text)
    return body[0].description
  }
  assert.match(r.type || '', /^text\/xml/, `Content-Type of a .xml error: ${r.type}`)
  assert.deepEqual(assertWellFormedXml(r.text), ['errors', 'error', 'code', 'description'], r.text)
  const m = new RegExp(`^<\\?xml version="1.0" encoding="utf-8"\\?><errors><error><code>${status}</code><description>([^<]+)</description></error></errors>$`).exec(r.text)
  assert.ok(m, `GeoReport v2 XML error: ${r.text}`)
  return unescapeXml(m[1])
}

test('discovery and services, in JSON and XML', async () => {
  const d = await get('/open311/v2/discovery.json')
  assert.equal(d.status, 200)
  assert.equal(json(d).endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2')
  const dx = await get('/open311/v2/discovery.xml')
  assert.match(dx.type, /text\/xml/)
  assert.match(dx.text, /<discovery>.*<endpoints><endpoint>.*<formats><format>text\/xml<\/format>/)
  const s = json(await get('/open311/v2/services.json'))
  const noise = s.find((x) => x.service_code === 'SQ-ZS')
  assert.deepEqual([noise.service_name, noise.group, noise.metadata, noise.type], ['噪声扰民', '社区需求', false, 'realtime'])
  const sx = await get('/open311/v2/services.xml')
  assert.match(sx.text, /^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>/)
  assert.equal((sx.text.match(/<service>/g) || []).length, s.length, 'XML and JSON list the same services')
  const def = json(await get('/open311/v2/services/SQ-ZS.json'))
  assert.deepEqual(def, { service_code: 'SQ-ZS', attributes: [] })
  assertSpecError(await get('/open311/v2/services/NOPE.json'), 404)
  assertSpecError(await get('/open311/v2/services/NOPE.xml'), 404, 'xml')
  assertSpecError(await get('/open311/v2/discovery.json?jurisdiction_id=elsewhere'), 404)
  assert.equal((await get('/open311/v2/discovery.json?jurisdiction_id=linli')).status, 200)
})

test('a client files with its api_key and follows the request to closed', async () => {
  const filed = await post('/open311/v2/requests.json', {
    api_key: key, jurisdiction_id: 'linli', service_code: 'SR-GK', lat: '30.27', long: '120.15',
    description: '摄像头识别：3号楼高空抛物', first_name: '系统', last_name: '监控',
  })
  assert.equal(filed.status, 200, filed.text)
  const [{ service_request_id: id, service_notice: notice }] = json(filed)
  assert.match(notice, /^SR-GK-\d{8}-\d{4}$/)

  const one = json(await get(`/open311/v2/requests/${id}.json?api_key=${key}`))[0]
  assert.deepEqual([one.status, one.service_code, one.service_name, one.lat, one.long], ['open', 'SR-GK', '高空抛物', 30.27, 120.15])
  assert.ok(!Number.isNaN(Date.parse(one.requested_datetime)) && !Number.isNaN(Date.parse(one.expected_datetime)))

  // The community handles it in linli (高空抛物 goes to the community); it is found through the REST API too.
  const admin = await login(srv.base, 'community_admin')
  const as = { cookie: admin.cookie, csrf: admin.csrf }
  const r = await api(srv.base, 'GET', `/api/v1/requests/${id}`, { auth: as })
  assert.equal(r.json.channel, 'integration')
  for (const [action, body] of [['assign', { assignee_id: String(worker.user.id) }], ['start', {}], ['resolve', { note: '已查明并劝导' }], ['close', {}]]) {
    const w = ['assign', 'close'].includes(action) ? as : { cookie: worker.cookie, csrf: worker.csrf }
    const res = await api(srv.base, 'POST', `/api/v1/requests/${id}/actions/${action}`, { auth: w, body })
    assert.equal(res.status, 200, `${action}: ${res.text}`)
  }
  const closed = json(await get(`/open311/v2/requests/${id}.json?api_key=${key}`))[0]
  assert.equal(closed.status, 'closed')
  assert.equal(closed.status_notes, '已查明并劝导')
  const x = await get(`/open311/v2/requests/${id}.xml?api_key=${key}`)
  assert.match(x.text, new RegExp(`<service_requests><request><service_request_id>${id}</service_request_id><status>closed</status><status_notes>已查明并劝导</status_notes>`))

  const listed = json(await get(`/open311/v2/requests.json?api_key=${key}&status=closed&service_code=SR-GK`))
  assert.deepEqual(listed.map((q) => q.service_request_id), [id])
  assert.equal(json(await get(`/open311/v2/requests.json?api_key=${key}&status=open&service_code=SR-GK`)).length, 0)
  const byId = await get(`/open311/v2/requests.xml?api_key=${key}&service_request_id=${id}`)
  assert.equal((byId.text.match(/<request>/g) || []).length, 1)
  assert.deepEqual(json(await get(`/open311/v2/tokens/${id}.json?api_key=${key}`)), [{ service_request_id: id, token: id }])
})

// What the key's owner (the grid worker) would have filed, and everything in the street:
// a refused POST must add to neither.
async function filedCounts() {
  const all = await listAll(srv.base, '/api/v1/requests', { cookie: street.cookie })
  const byWorker = await listAll(srv.base, '/api/v1/requests', { cookie: worker.cookie })
  return { street: all.total, filedByKeyOwner: byWorker.items.filter((q) => q.filed_by_me).length }
}

test('errors: the spec\'s format and status codes, and nothing filed', async () => {
  const before = await filedCounts()
  assert.ok(before.filedByKeyOwner >= 1, 'the request filed with the key above counts as the key owner\'s')
  for (const format of ['json', 'xml']) {
    const url = `/open311/v2/requests.${format}`
    assertSpecError(await post(url, { service_code: 'SQ-ZS', description: '无钥匙', lat: '30', long: '120' }), 403, format)
    assertSpecError(await post(url, { api_key: 'bogus', service_code: 'SQ-ZS', description: 'x', lat: '30', long: '120' }), 403, format)
    assertSpecError(await post(url, { api_key: key, description: '没有分类', lat: '30', long: '120' }), 400, format)
    assertSpecError(await post(url, { api_key: key, service_code: 'NOPE', description: 'x', lat: '30', long: '120' }), 400, format)
    assertSpecError(await post(url, { api_key: key, service_code: 'SQ-ZS', lat: '30', long: '120' }), 400, format)
    assertSpecError(await post(url, { api_key: key, service_code: 'SQ-ZS', description: '没有位置' }), 400, format)
    assertSpecError(await post(url, { api_key: key, service_code: 'SQ-ZS', description: 'x', lat: 'north', long: '120' }), 400, format)
    assertSpecError(await post(url, { api_key: key, service_code: 'SQ-ZS', description: 'x', address_id: 'three' }), 400, format)
    assertSpecError(await post(url, { api_key: key, jurisdiction_id: 'elsewhere', service_code: 'SQ-ZS', description: 'x', lat: '30', long: '120' }), 404, format)
    assertSpecError(await get(`/open311/v2/requests.${format}`), 403, format)
    assertSpecError(await get(`/open311/v2/requests/999999.${format}?api_key=${key}`), 404, format)
    assertSpecError(await get(`/open311/v2/requests.${format}?api_key=${key}&start_date=yesterday`), 400, format)
    assertSpecError(await get(`/open311/v2/requests.${format}?api_key=${key}&status=pending`), 400, format)
    assertSpecError(await get(`/open311/v2/requests.${format}?api_key=${key}&service_request_id=1,x`), 400, format)
  }
  assertSpecError(await get('/open311/v2/requests.yaml'), 404)
  // Text the client sent comes back escaped: the XML error stays well-formed.
  const odd = 'A<&>"\'B'
  assert.match(assertSpecError(await get(`/open311/v2/services/${encodeURIComponent(odd)}.xml`), 404, 'xml'), /A<&>"'B/)
  assert.match(assertSpecError(await get(`/open311/v2/discovery.xml?jurisdiction_id=${encodeURIComponent(odd)}`), 404, 'xml'), /A<&>"'B/)
  assert.match(assertSpecError(await post('/open311/v2/requests.xml', { api_key: key, service_code: odd, description: 'x', lat: '30', long: '120' }), 400, 'xml'), /./)
  assert.deepEqual(await filedCounts(), before, 'a refused Open311 request files nothing')
  // A resident's own session cannot reach Open311 writes without a key either.
  const mine = await api(srv.base, 'GET', '/api/v1/requests?mine=1', { auth: { cookie: resident.cookie } })
  assert.equal(mine.json.total, 0)
})

test('reads by key hold the key owner\'s scope: another area\'s key sees none of this area\'s requests', async () => {
  const filed = await post('/open311/v2/requests.json', {
    api_key: key, service_code: 'SQ-ZS', lat: '30.27', long: '120.15', description: '楼道噪音，第一网格',
  })
  assert.equal(filed.status, 200, filed.text)
  const [{ service_request_id: id }] = json(filed)
  const keyOf = async (username) => {
    const t = await runCli(['token', 'add', '--data-dir', srv.dataDir, '--username', username, '--name', `probe-${username}`])
    assert.equal(t.code, 0, t.stderr)
    return t.stdout.trim().split('\n').pop().trim()
  }
  // Control: the key's own owner reads it, in every form.
  const sees = async (k) => ({
    one: (await get(`/open311/v2/requests/${id}.json?api_key=${k}`)).status,
    oneXml: (await get(`/open311/v2/requests/${id}.xml?api_key=${k}`)).status,
    byId: json(await get(`/open311/v2/requests.json?api_key=${k}&service_request_id=${id}`)).map((q) => q.service_request_id),
    listed: json(await get(`/open311/v2/requests.json?api_key=${k}`)).some((q) => q.service_request_id === id),
    token: (await get(`/open311/v2/tokens/${id}.json?api_key=${k}`)).status,
  })
  assert.deepEqual(await sees(key), { one: 200, oneXml: 200, byId: [id], listed: true, token: 200 })

  const tree = (await api(srv.base, 'GET', '/api/v1/registry/places', { auth: { cookie: street.cookie } })).json
  const far = tree.streets[0].communities.find((c) => c.name !== '和平社区')
  const otherGrid = await workerInOtherGrid(srv.base, street, worker.user.scope.id)
  const otherCommunity = await addUser(srv.base, street, `o311_far_${Date.now()}`, 'community_admin', { kind: 'community', id: far.id })
  const neighbour = await addUser(srv.base, street, `o311_rs_${Date.now()}`, 'resident', { kind: 'grid', id: String(worker.user.scope.id) })
  for (const who of [otherGrid, otherCommunity, neighbour]) {
    const k = await keyOf(who.user.username)
    const s = await sees(k)
    assert.deepEqual(s, { one: 404, oneXml: 404, byId: [], listed: false, token: 404 }, `${who.user.username} (${who.user.role}, ${who.user.scope.name}) reads request ${id} of 和平社区第一网格`)
    assertSpecError(await get(`/open311/v2/requests/${id}.xml?api_key=${k}`), 404, 'xml')
  }
})

// Issue 13, finding 6: Open311 filed what the JSON API refuses, and one invalid-UTF-8 request
// then broke requests.json for every client.
test('finding 6: Open311 refuses what the JSON API refuses, files nothing, and the lists stay well-formed', async () => {
  const before = await filedCounts()
  const ok = { api_key: key, service_code: 'SQ-ZS', lat: '30.27', long: '120.15', description: '路灯不亮' }
  const raw = (body) => fetch(srv.base + '/open311/v2/requests.json', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body,
  }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }))
  const form = (over) => new URLSearchParams({ ...ok, ...over }).toString()
  for (const [what, over] of [
    ['lat=999', { lat: '999' }], ['long=-181', { long: '-181' }], ['lat=NaN', { lat: 'NaN' }], ['lat=inf', { lat: 'inf' }],
    ['lat=12abc', { lat: '12abc' }], ['a 5,000-character description', { description: '长'.repeat(5000) }],
    ['a NUL byte', { description: 'a\u0000b' }], ['an escape sequence', { description: '\u001b[31m红' }],
    ['a 3,000-character first_name', { first_name: '名'.repeat(3000) }], ['a bidi override in the name', { first_name: '张\u202E三' }],
  ]) {
    const res = await raw(form(over))
    assert.equal(res.status, 400, `${what}: ${res.text}`)
    assert.ok(Array.isArray(json(res)) && json(res)[0].code === 400, `${what}: ${res.text}`)
  }
  const invalidUtf8 = await raw(form({}).replace(/description=[^&]*/, 'description=%C3%28%FF'))
  assert.equal(invalidUtf8.status, 400, invalidUtf8.text)
  assert.match(json(invalidUtf8)[0].description, /description/)
  assert.deepEqual(await filedCounts(), before, 'nothing filed')
  // Bidi controls are dropped from free text; the rest is filed as written.
  const filed = await raw(form({ description: '门口\u202E灯坏了' }))
  assert.equal(filed.status, 200, filed.text)
  const [{ service_request_id: id }] = json(filed)
  const back = json(await get(`/open311/v2/requests/${id}.json?api_key=${key}`))[0]
  assert.equal(back.description, '门口灯坏了')
  const list = await get(`/open311/v2/requests.json?api_key=${key}`)
  assert.equal(list.status, 200)
  assertWellFormedXml((await get(`/open311/v2/requests.xml?api_key=${key}`)).text)
  // The JSON API answers the same way, through the same check.
  const res = await api(srv.base, 'POST', '/api/v1/requests', { auth: { cookie: worker.cookie, csrf: worker.csrf }, body: { description: '路灯', lat: 999, lng: 120 } })
  assert.equal(res.status, 400)
  assert.equal(JSON.parse(res.text).error.field, 'lat')
  const bidiName = await api(srv.base, 'POST', '/api/v1/requests', { auth: { cookie: worker.cookie, csrf: worker.csrf }, body: { description: '路灯', contact_name: '李\u202E四' } })
  assert.equal(JSON.parse(bidiName.text).error.field, 'contact_name')
})
