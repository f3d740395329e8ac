// The call list export (导出通讯录) at phone width (390 px), in the smart report:
// (a) the community admin runs a report, taps 导出通讯录, picks a reason and CSV, and gets a file
//     whose first rows name them, the time, the reason and the row count, with phones in full;
// (b) the grid worker sees why there is no button (导出通讯录需要社区管理员授权);
// (c) the street admin gives the export to grid workers with one switch; the grid worker then
//     has the button and exports their grid.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { answer, navigate, phonePage, setup, SHOTS, sideScroll, zhCN } from './server.mjs'
import { api, as, login } from '../support/http.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

/** Opens 智能报表, asks for everyone aged 80+, and waits for the answer. */
async function report80(page) {
  await navigate(page, 'nav-reports', '/reports')
  await page.getByTestId('report-age-80').click()
  const ran = answer(page, 'POST', (u) => u.pathname === '/api/v1/reports/query')
  const access = answer(page, 'GET', (u) => u.pathname === '/api/v1/reports/call-list/access')
  await page.getByTestId('report-run').click()
  const res = await ran
  assert.equal(res.status(), 200, await res.text())
  assert.equal((await access).status(), 200)
  return (await res.json()).count
}

/** Exports through the dialog with the given reason; returns the CSV's rows of cells. */
async function exportCsv(page, reason) {
  let taps = 0
  const open = page.getByTestId('call-list-open')
  const box = await open.boundingBox()
  assert.ok(box.width >= 44 && box.height >= 44, `导出通讯录 is a 44 px tap target: ${JSON.stringify(box)}`)
  await open.click()
  taps++
  await page.getByTestId('call-list-dialog').getByTestId('call-list-submit').waitFor()
  await page.getByTestId(`call-list-reason-${reason}`).click()
  await page.getByTestId('call-list-format-csv').click()
  taps += 2
  assert.ok((await sideScroll(page)) <= 0, 'the export dialog fits 390 px')
  await page.screenshot({ path: `${SHOTS}/linli-phone-call-list-dialog.png`, fullPage: true })
  const exported = answer(page, 'POST', (u) => u.pathname === '/api/v1/reports/call-list')
  const download = page.waitForEvent('download')
  await page.getByTestId('call-list-submit').click()
  taps++
  const res = await exported
  assert.equal(res.status(), 200)
  assert.deepEqual(JSON.parse(res.request().postData()).reason, zhCN.callList.reason[reason])
  const file = await download
  assert.match(file.suggestedFilename(), /^call-list-\d{4}-\d\d-\d\d\.csv$/)
  const text = fs.readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '')
  await page.getByTestId('call-list-dialog').waitFor({ state: 'hidden' })
  return { rows: text.trimEnd().split('\r\n').map((l) => l.split(',')), rowsHeader: res.headers()['x-rows'], taps }
}

test('(a) the community admin exports the call list with a reason; the file names them', async () => {
  const { context, page } = await phonePage(env, 'community_admin')
  try {
    const count = await report80(page)
    assert.ok(count > 0)
    const { rows, rowsHeader, taps } = await exportCsv(page, 'callback')
    assert.equal(rowsHeader, String(count))
    assert.deepEqual(rows[1], ['导出人', 'community_admin'])
    assert.equal(rows[2][0], '导出时间')
    assert.deepEqual(rows[3], ['事由', zhCN.callList.reason.callback])
    assert.deepEqual(rows[4], ['行数', String(count)])
    assert.equal(rows.length - 7, count)
    assert.ok(rows.slice(7).some((r) => /^1\d{10}$/.test(r[1])), 'phones in full')
    console.log(`export the call list of a report: ${taps} taps after the report`)
  } finally {
    await context.close()
  }
})

test('(b) the grid worker is told why there is no call list button', async () => {
  const { context, page } = await phonePage(env, 'grid_worker')
  try {
    await report80(page)
    const why = page.getByTestId('call-list-missing')
    await why.waitFor()
    assert.equal((await why.innerText()).trim(), zhCN.callList.missing)
    assert.equal(await page.getByTestId('call-list-open').count(), 0)
    assert.ok((await sideScroll(page)) <= 0, 'fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-call-list-missing.png`, fullPage: true })
  } finally {
    await context.close()
  }
})

test('(c) the street admin gives grid workers the export; the grid worker exports their grid', async () => {
  const street = await phonePage(env, 'street_admin')
  try {
    await report80(street.page)
    const grant = street.page.getByTestId('call-list-grant-workers')
    await grant.waitFor()
    assert.equal(await street.page.getByTestId('call-list-open').count(), 0, 'the street admin does not export it')
    const put = answer(street.page, 'PUT', (u) => u.pathname === '/api/v1/reports/call-list/roles')
    await grant.click()
    const res = await put
    assert.equal(res.status(), 200, await res.text())
    assert.deepEqual(JSON.parse(res.request().postData()), { roles: ['grid_worker'] })
  } finally {
    await street.context.close()
  }
  const { context, page } = await phonePage(env, 'grid_worker')
  try {
    const count = await report80(page)
    const { rows } = await exportCsv(page, 'emergency')
    assert.deepEqual(rows[1], ['导出人', 'grid_worker'])
    assert.equal(rows.length - 7, count, 'the grid\'s 80+ only')
  } finally {
    await context.close()
    const admin = await login(env.url, 'street_admin')
    const back = await api(env.url, 'PUT', '/api/v1/reports/call-list/roles', { auth: as(admin), body: { roles: [] } })
    assert.equal(back.status, 200, back.text)
  }
})
