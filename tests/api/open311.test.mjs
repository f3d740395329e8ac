// Open311 GeoReport v2 as a standard client uses it: discover, list services,
// file a request with an api_key (form-encoded), follow it in JSON and XML
// until closed; errors in the spec's format and status codes.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, runCli } from './server.mjs'

let srv, key, worker, resident

before(async () => {
  srv = await startServer(['--demo-residents', '100'])
  const t = await runCli(['token', 'add', '--data-dir', srv.dataDir, '--username', 'grid_worker', '--name', 'camera'])
  assert.equal(t.code, 0, t.stderr)
  key = t.stdout.trim().split('\n').pop().trim()
  worker = await login(srv.base, 'grid_worker')
  resident = await login(srv.base, 'resident')
})
after(async () => srv?.stop())

const get = (p) => fetch(srv.base + p).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }))
const post = (p, form) => fetch(srv.base + p, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(form).toString(),
}).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }))
const json = (r) => JSON.parse(r.text)
const assertSpecError = (r, status, format = 'json') => {
  assert.equal(r.status, status, r.text)
  if (format === 'json') {
    const body = json(r)
    assert.ok(Array.isArray(body) && body[0].code === status && typeof body[0].description === 'string', r.text)
  } else {
    assert.match(r.text, new RegExp(`<errors><error><code>${status}</code><description>[^<]+</description></error></errors>`))
  }
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

test('errors: the spec\'s format and status codes, and nothing filed', async () => {
  assertSpecError(await post('/open311/v2/requests.json', { service_code: 'SQ-ZS', description: '无钥匙', lat: '30', long: '120' }), 403)
  assertSpecError(await post('/open311/v2/requests.xml', { api_key: 'bogus', service_code: 'SQ-ZS', description: 'x', lat: '30', long: '120' }), 403, 'xml')
  assertSpecError(await post('/open311/v2/requests.json', { api_key: key, description: '没有分类', lat: '30', long: '120' }), 400)
  assertSpecError(await post('/open311/v2/requests.json', { api_key: key, service_code: 'NOPE', description: 'x', lat: '30', long: '120' }), 400)
  assertSpecError(await post('/open311/v2/requests.json', { api_key: key, service_code: 'SQ-ZS', description: '没有位置' }), 400)
  assertSpecError(await post('/open311/v2/requests.json', { api_key: key, service_code: 'SQ-ZS', description: 'x', lat: 'north', long: '120' }), 400)
  assertSpecError(await get(`/open311/v2/requests.json`), 403)
  assertSpecError(await get(`/open311/v2/requests/999999.json?api_key=${key}`), 404)
  assertSpecError(await get(`/open311/v2/requests.json?api_key=${key}&start_date=yesterday`), 400)
  assertSpecError(await get('/open311/v2/requests.yaml'), 404)
  // A resident's own session cannot reach Open311 writes without a key either.
  const mine = await api(srv.base, 'GET', '/api/v1/requests?mine=1', { auth: { cookie: resident.cookie } })
  assert.equal(mine.json.total, 0)
})
