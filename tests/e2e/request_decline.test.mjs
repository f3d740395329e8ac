// 退回 (decline) at phone width: a resident's request reaches the grid worker; the community admin
// transfers it to the department (城管). The department sees 受理 (its start) and 退回, returns it
// with a reason (required), and the request goes back to the admin, still "assigned"; the admin's
// timeline shows the 退回 entry with who and why.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, must, phonePage, setup, SHOTS, sideScroll, uniq, zhCN, menuEntry } from './server.mjs'

let env
let filed
let adminUser
const reason = `这是楼内管道问题，不属于城管职责，请社区联系物业处理。（${uniq()}）`

before(async () => {
  env = await setup()
  const resident = await apiAs(env.url, 'resident')
  const key = { 'Idempotency-Key': crypto.randomUUID() }
  filed = await must(resident.post('/api/v1/requests', { description: `楼下下水道堵了，污水漫到路面上。（${uniq()}）`, category: 'SQ-WX' }, key), 201, 'file')
  const admin = await apiAs(env.url, 'community_admin')
  adminUser = (await must(admin.get('/api/v1/auth/me'), 200, 'me')).user
  const dept = await apiAs(env.url, 'department')
  const deptUser = (await must(dept.get('/api/v1/auth/me'), 200, 'me')).user
  await must(admin.post(`/api/v1/requests/${filed.id}/actions/assign`, { assignee_id: deptUser.id, note: '请城管到现场看看' }), 200, 'transfer to the department')
  const seen = await must(dept.get(`/api/v1/requests/${filed.id}`), 200, 'the department sees it')
  assert.equal(seen.status, 'assigned')
  assert.ok(seen.actions.includes('decline'), `the department may decline: ${JSON.stringify(seen.actions)}`)
})
after(async () => {
  await env?.teardown()
})

const phone = (username) => phonePage(env, username)

test('the department returns a request transferred to it, with a reason; the timeline shows it', async () => {
  const { context, page } = await phone('department')
  try {
    await (await menuEntry(page, 'nav-requests')).click()
    await page.waitForURL((u) => u.pathname === '/requests')
    const row = page.locator(`[data-testid=request-row][data-number="${filed.number}"]`)
    await row.waitFor()
    await row.click()
    await page.waitForURL((u) => u.pathname === `/requests/${filed.id}`)

    // For a department, start reads 受理; 退回 is its own button (reject reads differently).
    const start = page.getByTestId('request-action-start')
    await start.waitFor()
    assert.equal((await start.innerText()).trim(), zhCN.requests.departmentStart)
    const decline = page.getByTestId('request-action-decline')
    assert.equal((await decline.innerText()).trim(), zhCN.vocab.requestAction.decline)
    assert.equal(await page.getByTestId('request-actions').getByRole('button', { name: zhCN.vocab.requestAction.decline, exact: true }).count(), 1)
    assert.ok((await sideScroll(page)) <= 0, 'the detail page fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-decline.png`, fullPage: true })

    await decline.click()
    const dialog = page.getByTestId('action-dialog')
    await dialog.waitFor({ state: 'visible' })
    // The reason is required: nothing is sent without it.
    await page.getByTestId('action-submit').click()
    await dialog.locator('.el-form-item.is-error').waitFor()
    await page.getByTestId('action-reason').fill(reason)
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/${filed.id}/actions/decline`) && r.request().method() === 'POST')
    await page.getByTestId('action-submit').click()
    const res = await answered
    assert.equal(res.status(), 200, `decline answered ${res.status()}: ${await res.text()}`)
    assert.deepEqual(res.request().postDataJSON(), { reason })
    const back = await res.json()
    assert.equal(back.status, 'assigned', 'still assigned')
    assert.equal(back.assignee?.id, adminUser.id, 'back to whoever transferred it')

    // No longer theirs: the department is taken back to its queue (or, if it may still look, sees the entry).
    await page.waitForFunction(
      () => location.pathname === '/requests' || document.querySelector('[data-testid=timeline-item][data-kind=decline]'),
      undefined,
      { timeout: 10000 },
    )
  } finally {
    await context.close()
  }

  const admin = await phone('community_admin')
  try {
    const { page } = admin
    await page.goto(`${env.url}/requests/${filed.id}`)
    const entry = page.getByTestId('timeline-item').and(page.locator('[data-kind=decline]'))
    await entry.waitFor()
    const text = await entry.innerText()
    assert.ok(text.includes(zhCN.vocab.requestEvent.decline), `entry names 退回: ${text}`)
    assert.ok(text.includes(reason), `entry gives the reason: ${text}`)
    assert.ok(text.includes('赵城管'), `entry names who returned it: ${text}`)
    assert.equal((await page.getByTestId('request-assignee').innerText()).trim(), adminUser.display_name)
    await page.locator('[data-testid=request-number] ~ [data-testid=request-status][data-status=assigned]').waitFor()
    assert.ok((await sideScroll(page)) <= 0, 'the detail page fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-declined.png`, fullPage: true })
  } finally {
    await admin.context.close()
  }
})
