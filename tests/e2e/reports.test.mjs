// Smart report at phone width as grid_worker: "90+ living alone", the count shown matches the
// server's own answer for that filter, save it as a template, re-run it from the template list.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, idNumber, loginUI, must, PHONE, setup, SHOTS, sideScroll, uniq, menuEntry, zhCN } from './server.mjs'

let env
const u = uniq()
before(async () => {
  env = await setup()
  // A 94-year-old living alone in the grid worker's grid, so the answer is never empty.
  const admin = await apiAs(env.url, 'community_admin')
  const b = await must(admin.post('/api/v1/registry/buildings', { grid_id: '1', name: `E2E报表${u}号楼`, address: `和平路${u}号` }), 201, 'building')
  const h = await must(admin.post('/api/v1/registry/households', { building_id: b.id, unit: '1', room: '501' }), 201, 'household')
  await must(admin.post('/api/v1/registry/residents', {
    household_id: h.id, name: `吴秀珍${u}`, id_number: idNumber('330106', '19320308', 86), tags: ['advanced_age', 'living_alone'],
  }), 201, 'resident')
})
after(async () => {
  await env?.teardown()
})

const countShown = async (page) => Number((await page.getByTestId('report-count').innerText()).trim())

test('report: 90+ living alone on a phone, save as template, re-run from the list', async () => {
  const context = await env.browser.newContext(PHONE)
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'grid_worker')
    await (await menuEntry(page, 'nav-reports')).click()
    await page.waitForURL((url) => url.pathname === '/reports')
    await page.getByTestId('report-tag-living_alone').waitFor()

    await page.getByTestId('report-age-90').click()
    await page.getByTestId('report-living-alone').click()
    const summary = await page.getByTestId('report-summary').innerText()
    assert.ok(summary.includes('90岁以上') && summary.includes(zhCN.report.livingAloneShort), `the query in words: ${summary}`)
    await page.screenshot({ path: `${SHOTS}/linli-phone-report-builder.png`, fullPage: true })

    const queried = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports/query'))
    await page.getByTestId('report-run').click()
    const res = await queried
    assert.equal(res.status(), 200, `query answered ${res.status()}: ${await res.text()}`)
    const sent = JSON.parse(res.request().postData())
    assert.deepEqual(sent.filter, { age_min: 90, living_alone: true })
    assert.ok(sent.group_by.includes('grid') && sent.group_by.includes('age_band') && sent.group_by.includes('tag'))
    await page.getByTestId('report-count').waitFor()

    // The server's own answer for the same filter, as the same user.
    const gw = await apiAs(env.url, 'grid_worker')
    const direct = await must(gw.post('/api/v1/reports/query', { filter: { age_min: 90, living_alone: true } }), 200, 'direct query')
    assert.ok(direct.count >= 1, 'the 94-year-old living alone is counted')
    assert.equal(await countShown(page), direct.count)
    for (const item of direct.items) assert.ok(item.age >= 90, `${item.name} is ${item.age}`)
    await page.getByTestId('report-row').first().waitFor()
    // On a phone the list comes first; the charts wait behind their tab.
    assert.equal(await page.getByTestId('chart-grid').count(), 0, 'no chart above the list on a phone')
    await page.getByTestId('report-tabs').getByText(zhCN.report.tabCharts, { exact: true }).click()
    await page.getByTestId('chart-grid').locator('svg').waitFor()
    assert.ok((await sideScroll(page)) <= 0, 'no sideways scrolling at 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-report-result.png`, fullPage: true })

    // Save as template.
    const name = `90岁以上独居老人${u}`
    await page.getByTestId('report-save').click()
    const box = page.locator('.template-name-box')
    await box.waitFor()
    await box.locator('input').fill(name)
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports/templates') && r.request().method() === 'POST')
    await box.locator('.el-message-box__btns .el-button--primary').click()
    const sres = await saved
    assert.equal(sres.status(), 201, `save answered ${sres.status()}: ${await sres.text()}`)
    const tpl = page.getByTestId('report-template').filter({ hasText: name })
    await tpl.waitFor()

    // Reload (fresh form), then run it from the list.
    await page.reload()
    await tpl.waitFor()
    assert.equal(await page.getByTestId('report-count').count(), 0)
    const ran = page.waitForResponse((r) => /\/api\/v1\/reports\/templates\/[^/]+\/run$/.test(r.url()))
    await tpl.getByTestId('report-template-run').click()
    assert.equal((await ran).status(), 200)
    await page.getByTestId('report-count').waitFor()
    assert.equal(await countShown(page), direct.count)
    assert.equal(await page.getByTestId('report-age-90').getAttribute('class').then((c) => c.includes('is-checked')), true, 'the template filled the form')
    await page.screenshot({ path: `${SHOTS}/linli-phone-report-template.png`, fullPage: true })
  } finally {
    await context.close()
  }
})

test('report: community admin exports the list as CSV (masked), grid worker has no export button', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_admin')
    await page.goto(`${env.url}/reports`)
    await page.getByTestId('report-age-80').click()
    await page.getByTestId('report-run').click()
    await page.getByTestId('report-count').waitFor()
    assert.ok((await countShown(page)) >= 1)
    await page.getByTestId('report-table').locator('.el-table__row').first().waitFor()
    await page.getByTestId('chart-age').locator('svg').waitFor()
    await page.screenshot({ path: `${SHOTS}/linli-report-desktop.png`, fullPage: true })

    const download = page.waitForEvent('download')
    const exported = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports/export'))
    await page.getByTestId('report-export-csv').click()
    const res = await exported
    assert.equal(res.status(), 200)
    assert.deepEqual(JSON.parse(res.request().postData()), { filter: { age_min: 80 }, format: 'csv' })
    const file = await download
    assert.match(file.suggestedFilename(), /\.csv$/)
    const text = (await (await import('node:fs/promises')).readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '')
    assert.ok(text.split('\n')[0].includes('姓名'), `CSV header: ${text.split('\n')[0]}`)
    assert.ok(text.includes(`吴秀珍${u}`), 'our 94-year-old is in the export')
    assert.ok(!text.includes(idNumber('330106', '19320308', 86)), 'ID numbers are masked in the export')
  } finally {
    await context.close()
  }
  const gw = await env.browser.newContext(PHONE)
  const p2 = await gw.newPage()
  try {
    await loginUI(p2, env.url, 'grid_worker')
    await p2.goto(`${env.url}/reports`)
    await p2.getByTestId('report-run').click()
    await p2.getByTestId('report-count').waitFor()
    assert.equal(await p2.getByTestId('report-export-csv').count(), 0, 'registry.export only')
  } finally {
    await gw.close()
  }
})

test('report: a community admin shares a template; the grid worker sees it, runs it on their grid, cannot delete it', async () => {
  const admin = await apiAs(env.url, 'community_admin')
  const name = `80岁以上（社区共享）${u}`
  const made = await must(admin.post('/api/v1/reports/templates', { name, filter: { age_min: 80 } }), 201, 'template')
  const adminCtx = await env.browser.newContext(PHONE)
  const workerCtx = await env.browser.newContext(PHONE)
  try {
    // The admin shares it from the list.
    const a = await adminCtx.newPage()
    await loginUI(a, env.url, 'community_admin')
    await a.goto(`${env.url}/reports`)
    const mine = a.getByTestId('report-template').filter({ hasText: name })
    await mine.waitFor()
    const shared = a.waitForResponse((r) => r.url().endsWith(`/api/v1/reports/templates/${made.id}`) && r.request().method() === 'PATCH')
    await mine.getByTestId('report-template-share').click()
    assert.equal((await shared).status(), 200)
    await mine.getByTestId('report-template-shared').waitFor()

    // The worker finds it marked with its author, runs it, and has no delete or share button.
    const w = await workerCtx.newPage()
    await loginUI(w, env.url, 'grid_worker')
    await w.goto(`${env.url}/reports`)
    const theirs = w.getByTestId('report-template').filter({ hasText: name })
    await theirs.waitFor()
    assert.ok((await theirs.getByTestId('report-template-from').innerText()).includes('community_admin'))
    assert.equal(await theirs.getByTestId('report-template-delete').count(), 0)
    assert.equal(await theirs.getByTestId('report-template-share').count(), 0)
    const ran = w.waitForResponse((r) => r.url().endsWith(`/api/v1/reports/templates/${made.id}/run`))
    await theirs.getByTestId('report-template-run').click()
    const res = await ran
    assert.equal(res.status(), 200)
    const gw = await apiAs(env.url, 'grid_worker')
    const direct = await must(gw.post('/api/v1/reports/query', { filter: { age_min: 80 } }), 200, 'the worker\'s own answer')
    await w.getByTestId('report-count').waitFor()
    assert.equal(await countShown(w), direct.count, 'the worker sees their grid only')
    assert.ok((await sideScroll(w)) <= 0, 'no sideways scrolling at 390 px')
    await w.screenshot({ path: `${SHOTS}/linli-phone-report-shared.png`, fullPage: true })
  } finally {
    await adminCtx.close()
    await workerCtx.close()
  }
})
