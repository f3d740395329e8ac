// Import wizard as community_admin: a CSV with a wrong ID check digit and a missing name lists
// both bad rows with their row numbers, offers no import, and writes nothing; a clean file then
// imports and its residents show up in the residents list.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, badCheck, idNumber, loginUI, must, setup, SHOTS, sideScroll, uniq } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

const u = uniq()
const building = `E2E导入${u}号楼`
const people = [
  { name: `钱淑珍${u}`, id: idNumber('330106', '19450203', 12), phone: '13511112222', unit: '1', room: '101' },
  { name: `孙建国${u}`, id: idNumber('330106', '19500917', 31), phone: '13511113333', unit: '1', room: '102' },
  { name: `李春梅${u}`, id: idNumber('330106', '19780521', 44), phone: '13511114444', unit: '2', room: '201' },
]
const HEAD = '姓名,身份证号,手机号,楼栋,单元,房号'
const line = (p, over = {}) => {
  const q = { ...p, ...over }
  return [q.name, q.id, q.phone, building, q.unit, q.room].join(',')
}
// Row 1 is the header: row 3 has a wrong check digit, row 4 has no name.
const badCsv = [HEAD, line(people[0]), line(people[1], { id: badCheck(people[1].id) }), line(people[2], { name: '' })].join('\n') + '\n'
const goodCsv = [HEAD, ...people.map((p) => line(p))].join('\n') + '\n'

async function upload(page, name, csv) {
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/registry/imports?filename=') && r.request().method() === 'POST')
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  const res = await answered
  assert.equal(res.status(), 201, `upload answered ${res.status()}: ${await res.text()}`)
  assert.match(res.request().headers()['content-type'] ?? '', /^text\/csv/)
  await page.getByTestId('import-mapping').waitFor()
}

async function mapAndCheck(page) {
  // Suggested mapping comes prefilled; pick the default grid (the file has no grid column).
  await page.getByTestId('import-default-grid').click()
  await page.getByTestId('grid-option-1').click()
  const dry = page.waitForResponse((r) => /\/imports\/[^/]+\/dry-run$/.test(r.url()))
  await page.getByTestId('import-dry-run').click()
  const res = await dry
  assert.equal(res.status(), 200, `dry run answered ${res.status()}: ${await res.text()}`)
  const sent = JSON.parse(res.request().postData())
  assert.equal(sent.default_grid_id, '1')
  assert.equal(sent.mapping['姓名'], 'name')
  assert.equal(sent.mapping['身份证号'], 'id_number')
  await page.getByTestId('import-check').waitFor()
  return res.json()
}

test('import: bad rows are listed with row numbers and nothing is written; a clean file imports', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  const admin = await apiAs(env.url, 'community_admin')
  try {
    await loginUI(page, env.url, 'community_admin')
    await page.getByTestId('nav-import').click()
    await page.waitForURL((url) => url.pathname === '/registry/import')

    await upload(page, `居民-有错-${u}.csv`, badCsv)
    const dry = await mapAndCheck(page)
    assert.equal(dry.rows, 3)
    const rows = (await page.getByTestId('import-error-row').allInnerTexts()).map((s) => Number(s.trim()))
    assert.ok(rows.includes(3), `row 3 (wrong check digit) is listed: ${rows}`)
    assert.ok(rows.includes(4), `row 4 (missing name) is listed: ${rows}`)
    assert.ok(!rows.includes(2), `row 2 is fine: ${rows}`)
    const table = await page.getByTestId('import-errors').innerText()
    assert.ok(table.includes('身份证号') && table.includes('姓名'), `columns named: ${table}`)
    assert.equal(await page.getByTestId('import-commit').isDisabled(), true, 'no import while rows are bad')
    assert.equal((await page.getByTestId('import-count-errors').innerText()).trim(), '2')
    await page.screenshot({ path: `${SHOTS}/linli-import-errors.png`, fullPage: true })

    // Nothing was written, not even the good row.
    const none = await must(admin.get(`/api/v1/registry/residents?q=${encodeURIComponent(people[0].name)}`), 200, 'search')
    assert.equal(none.total, 0, 'the good row of a bad file is not imported')

    // Start over with the clean file.
    await page.getByText('重新上传').first().click()
    await upload(page, `居民-${u}.csv`, goodCsv)
    const dry2 = await mapAndCheck(page)
    assert.equal(dry2.errors.length, 0)
    assert.equal(dry2.valid, 3)
    await page.getByTestId('import-all-good').waitFor()
    const committed = page.waitForResponse((r) => /\/imports\/[^/]+\/commit$/.test(r.url()))
    await page.getByTestId('import-commit').click()
    const res = await committed
    assert.equal(res.status(), 200, `commit answered ${res.status()}: ${await res.text()}`)
    await page.getByTestId('import-result').waitFor()
    assert.ok((await page.getByTestId('import-result-text').innerText()).includes('3'))

    await page.getByTestId('import-to-residents').click()
    await page.waitForURL((url) => url.pathname === '/registry/residents')
    await page.getByTestId('residents-search').fill(String(u))
    await page.getByTestId('residents-search-submit').click()
    for (const p of people) await page.getByTestId('residents-table').getByText(p.name, { exact: true }).waitFor()
    await page.screenshot({ path: `${SHOTS}/linli-import-residents.png` })
  } finally {
    await context.close()
  }
})

test('import: the wizard fits a phone screen', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_staff')
    await page.goto(`${env.url}/registry/import`)
    await upload(page, `手机-${u}.csv`, badCsv.replaceAll(String(u), `${u}9`))
    await page.screenshot({ path: `${SHOTS}/linli-phone-import-mapping.png`, fullPage: true })
    await mapAndCheck(page)
    assert.ok((await sideScroll(page)) <= 0, 'no sideways scrolling')
    await page.screenshot({ path: `${SHOTS}/linli-phone-import-errors.png`, fullPage: true })
  } finally {
    await context.close()
  }
})
