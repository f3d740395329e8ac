// Revealing a masked ID number asks for a reason, shows the full value, and lands in the audit
// log as registry.reveal with that reason.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, idNumber, loginUI, must, PHONE, setup, SHOTS, sideScroll, uniq } from './server.mjs'

let env
const u = uniq()
const id = idNumber('330106', '19360115', 2)
const reason = `核对高龄津贴${u}`
let residentId
before(async () => {
  env = await setup()
  const admin = await apiAs(env.url, 'community_admin')
  const b = await must(admin.post('/api/v1/registry/buildings', { grid_id: '1', name: `E2E-${u}-号楼`, address: `和平路${u}号` }), 201, 'building')
  const h = await must(admin.post('/api/v1/registry/households', { building_id: b.id, unit: '1', room: '301' }), 201, 'household')
  const r = await must(admin.post('/api/v1/registry/residents', {
    household_id: h.id, name: `周玉兰${u}`, id_number: id, phone: '13812345678', tags: ['advanced_age'],
  }), 201, 'resident')
  residentId = r.id
})
after(async () => {
  await env?.teardown()
})

test('reveal: grid worker shows the full ID number with a reason; the audit log records it', async () => {
  const phone = await env.browser.newContext(PHONE)
  const page = await phone.newPage()
  try {
    await loginUI(page, env.url, 'grid_worker')
    await page.goto(`${env.url}/registry/residents/${residentId}`)
    const masked = page.getByTestId('masked-id_number')
    await masked.waitFor()
    assert.ok((await masked.innerText()).endsWith(id.slice(-4)))
    assert.ok(!(await page.content()).includes(id), 'the full number is not on the page before reveal')

    // Without a reason the dialog refuses.
    await page.getByTestId('reveal-id_number-button').click()
    const box = page.locator('.reveal-box')
    await box.waitFor()
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await box.locator('.el-message-box__errormsg').filter({ hasText: '请填写查看原因' }).waitFor()

    await box.locator('input').fill(reason)
    const revealed = page.waitForResponse((r) => r.url().endsWith(`/residents/${residentId}/reveal`))
    await box.locator('.el-message-box__btns .el-button--primary').click()
    const res = await revealed
    assert.equal(res.status(), 200)
    assert.deepEqual(JSON.parse(res.request().postData()), { field: 'id_number', reason })
    await page.getByTestId('revealed-id_number').waitFor()
    assert.equal((await page.getByTestId('revealed-id_number').innerText()).trim(), id)
    assert.ok((await sideScroll(page)) <= 0)
    await page.screenshot({ path: `${SHOTS}/linli-phone-reveal.png` })

    // Not cached: a reload shows the masked value again.
    await page.reload()
    await page.getByTestId('masked-id_number').waitFor()
    assert.equal(await page.getByTestId('revealed-id_number').count(), 0)
  } finally {
    await phone.close()
  }

  const desk = await env.browser.newContext({ viewport: { width: 1366, height: 900 } })
  const admin = await desk.newPage()
  try {
    await loginUI(admin, env.url, 'community_admin')
    await admin.getByTestId('nav-audit').click()
    await admin.waitForURL((url) => url.pathname === '/audit')
    await admin.getByTestId('audit-action').fill('registry.reveal')
    const filtered = admin.waitForResponse((r) => r.url().includes('/api/v1/audit') && r.url().includes('action=registry.reveal'))
    await admin.getByTestId('audit-search').click()
    await filtered
    const cell = admin.getByTestId('audit-table').locator('[data-testid=audit-cell-action][data-action="registry.reveal"]')
    await cell.first().waitFor()
    const row = admin
      .getByTestId('audit-table')
      .locator('tr.el-table__row')
      .filter({ has: admin.locator('[data-testid=audit-cell-action][data-action="registry.reveal"]') })
      .first()
    const text = await row.innerText()
    assert.ok(text.includes('grid_worker'), `actor is grid_worker: ${text}`)
    assert.ok(text.includes(reason), `the reason is recorded: ${text}`)
    assert.ok(text.includes('查看完整号码'), `the action is localized: ${text}`)
    assert.ok(!text.includes(id), 'the audit log does not hold the number itself')
    await admin.screenshot({ path: `${SHOTS}/linli-audit-reveal.png` })
  } finally {
    await desk.close()
  }
})
