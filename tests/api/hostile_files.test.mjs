// Hostile spreadsheets against a real server (issue 13, findings 1-3): each
// crafted XLSX of tests/fuzz/xlsx/ is refused with a 400 naming the file and
// what is wrong, quickly, and the server keeps answering afterwards.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, login, api, assertError, as } from './server.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const crafted = (name) => new Uint8Array(fs.readFileSync(path.join(here, '..', 'fuzz', 'xlsx', name)))
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let srv, cadmin

before(async () => {
  srv = await startServer(['--demo-residents', '300'])
  cadmin = await login(srv.base, 'community_admin')
})
after(async () => srv?.stop())

async function uploadRefused(file, says) {
  const started = Date.now()
  const res = await api(srv.base, 'POST', '/api/v1/registry/imports?filename=crafted.xlsx', {
    auth: as(cadmin), body: crafted(file), contentType: XLSX,
  })
  assertError(res, 400, 'InvalidArgument', 'file')
  assert.match(res.json.error.message, says)
  assert.ok(Date.now() - started < 5000, `${file} answered in ${Date.now() - started} ms`)
  assert.equal((await api(srv.base, 'GET', '/healthz')).status, 200, `the server still answers after ${file}`)
}

test('a ZIP local-header offset near 4 GiB is a 400, not a crash (finding 1)', async () => {
  await uploadRefused('crash-issue13-local-offset-near-4GiB.xlsx', /not a readable XLSX file/)
})

test('a cell tag never closed ends with a 400, not an endless loop (finding 2)', async () => {
  await uploadRefused('crash-issue13-unclosed-cell-tag.xlsx', /not well-formed XML/)
})

test('a malformed character reference, a row number "abc" and a shared-string index "abc" are 400s (finding 3)', async () => {
  await uploadRefused('crash-issue13-malformed-char-ref.xlsx', /not well-formed XML/)
  await uploadRefused('crash-issue13-row-number-abc.xlsx', /row number "abc"/)
  await uploadRefused('crash-issue13-shared-index-abc.xlsx', /shared string "abc"/)
})

test('a DOCTYPE (XXE, billion laughs) is refused', async () => {
  await uploadRefused('doctype-xxe.xlsx', /DOCTYPE/)
})

test('a real workbook still imports after all of that', async () => {
  const res = await api(srv.base, 'POST', '/api/v1/registry/imports?filename=ok.xlsx', {
    auth: as(cadmin), body: crafted('written-by-writeXlsx.xlsx'), contentType: XLSX,
  })
  assert.equal(res.status, 201, res.text)
  assert.deepEqual(res.json.headers, ['姓名', '身份证号', '备注'])
  assert.equal(res.json.rows, 2)
})
