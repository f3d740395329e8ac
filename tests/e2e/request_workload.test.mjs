// Workload (工作量) at phone width:
// (a) the community admin opens 工作量 from the menu: everyone who handles requests in the
//     community, the heaviest first (the grid worker, who holds the request a resident filed);
//     the community worker, with nothing open, is marked idle; the admin puts them on leave (the
//     tag and the dates show, idle goes), reassigns the grid worker's request to themself
//     through 改派, and ends the leave;
// (b) a grid worker (no requests.assign) has no menu entry and gets the 403 page.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, localDate, must, phonePage, setup, SHOTS, sideScroll, uniq, zhCN, menuEntry } from './server.mjs'

let env
let admin // community_admin's API client
let adminUser // { id, display_name }
let filed // the resident's request, routed to the grid worker
let staff // the community worker's workload entry
let worker // the grid worker's workload entry

// Yesterday to a week ahead on the server's clock: "on leave" now.
let FROM
let UNTIL
const NOTE = '年休假'

before(async () => {
  env = await setup()
  const now = await env.clockNow()
  FROM = localDate(now, -1)
  UNTIL = localDate(now, 7)
  const resident = await apiAs(env.url, 'resident')
  const key = { 'Idempotency-Key': crypto.randomUUID() }
  filed = await must(resident.post('/api/v1/requests', { description: `5号楼楼顶漏水，下雨天家里滴水。（${uniq()}）`, category: 'SQ-WX' }, key), 201, 'file')
  assert.equal(filed.status, 'assigned', 'a grid category goes to the grid worker')
  admin = await apiAs(env.url, 'community_admin')
  adminUser = (await must(admin.get('/api/v1/auth/me'), 200, 'me')).user
  const { people } = await must(admin.get('/api/v1/requests/workload'), 200, 'workload')
  staff = people.find((p) => p.role === 'community_staff')
  worker = people.find((p) => p.role === 'grid_worker')
  assert.ok(staff && worker, `the community's workers are listed: ${JSON.stringify(people)}`)
  assert.equal(worker.open, 1)
  assert.equal(staff.open, 0)
})
after(async () => {
  await env?.teardown()
})

const phone = (username) => phonePage(env, username)

/** Types a date into one of the leave dialog's pickers. */
async function pickDate(page, testid, ymd) {
  const input = page.getByTestId(testid).locator('input')
  await input.fill(ymd)
  await input.press('Enter')
}

test('(a) community admin puts a worker on leave and reassigns another worker’s request', async () => {
  const { context, page } = await phone('community_admin')
  const card = (p) => page.locator(`[data-testid=workload-person][data-user-id="${p.user_id}"]`)
  try {
    const entry = await menuEntry(page, 'nav-request-workload')
    assert.equal((await entry.innerText()).trim(), zhCN.nav.requestWorkload)
    await entry.click()
    await page.waitForURL((u) => u.pathname === '/requests/workload')

    // Heaviest first: the grid worker with the one open request, a full bar.
    await card(worker).waitFor()
    assert.equal(await page.getByTestId('workload-person').first().getAttribute('data-user-id'), worker.user_id)
    assert.equal((await card(worker).getByTestId('workload-open').innerText()).trim(), '1')
    assert.equal(await card(worker).getByTestId('workload-bar').getAttribute('data-percent'), '100')
    assert.ok((await card(worker).innerText()).includes(worker.display_name))
    // Nothing open and not away: idle.
    assert.equal(await card(staff).getAttribute('data-state'), 'idle')
    assert.equal((await card(staff).getByTestId('workload-idle').innerText()).trim(), zhCN.workload.idle)
    assert.ok((await sideScroll(page)) <= 0, 'the workload page fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-workload.png`, fullPage: true })

    // Leave: first and last day and a note.
    await card(staff).getByTestId('workload-set-leave').click()
    const dialog = page.getByTestId('leave-dialog')
    await dialog.waitFor({ state: 'visible' })
    await pickDate(page, 'leave-from', FROM)
    await pickDate(page, 'leave-until', UNTIL)
    await page.getByTestId('leave-note').fill(NOTE)
    const put = page.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/workload/${staff.user_id}/leave`) && r.request().method() === 'PUT')
    await page.getByTestId('leave-submit').click()
    const res = await put
    assert.equal(res.status(), 200, `PUT leave answered ${res.status()}: ${await res.text()}`)
    assert.deepEqual(res.request().postDataJSON(), { from: FROM, until: UNTIL, note: NOTE })
    const person = await res.json()
    assert.equal(person.on_leave, true)
    await dialog.waitFor({ state: 'hidden' })

    await card(staff).getByTestId('workload-on-leave').waitFor()
    assert.equal((await card(staff).getByTestId('workload-on-leave').innerText()).trim(), zhCN.workload.onLeave)
    assert.equal(await card(staff).getAttribute('data-state'), 'leave')
    assert.equal(await card(staff).getByTestId('workload-idle').count(), 0, 'someone away is not idle')
    const leaveText = await card(staff).getByTestId('workload-leave').innerText()
    assert.ok(leaveText.includes(FROM) && leaveText.includes(UNTIL) && leaveText.includes(NOTE), `leave shown: ${leaveText}`)
    await page.screenshot({ path: `${SHOTS}/linli-phone-workload-leave.png`, fullPage: true })

    // The grid worker's open requests, and 改派 to the admin themself.
    await card(worker).getByTestId('workload-expand').click()
    const row = card(worker).locator(`[data-testid=workload-request][data-number="${filed.number}"]`)
    await row.waitFor()
    assert.ok((await sideScroll(page)) <= 0, 'the unfolded list fits 390 px')
    await row.getByTestId('workload-reassign').click()
    const action = page.getByTestId('action-dialog')
    await action.waitFor({ state: 'visible' })
    await page.getByTestId('action-assignee-me').click()
    const assigned = page.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/${filed.id}/actions/assign`) && r.request().method() === 'POST')
    await page.getByTestId('action-submit').click()
    const ares = await assigned
    assert.equal(ares.status(), 200, `assign answered ${ares.status()}: ${await ares.text()}`)
    assert.equal(ares.request().postDataJSON().assignee_id, adminUser.id)
    await action.waitFor({ state: 'hidden' })
    await row.waitFor({ state: 'detached' })
    await page.locator(`[data-testid=workload-person][data-user-id="${worker.user_id}"][data-open="0"]`).waitFor()
    const now = await must(admin.get(`/api/v1/requests/${filed.id}`), 200, 'the request')
    assert.equal(now.assignee?.id, adminUser.id, 'the request is the admin’s now')

    // End the leave: the tag goes.
    await card(staff).getByTestId('workload-end-leave').click()
    const del = page.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/workload/${staff.user_id}/leave`) && r.request().method() === 'DELETE')
    await page.locator('.workload-confirm-box .el-button--primary').click()
    assert.equal((await del).status(), 200)
    await card(staff).getByTestId('workload-on-leave').waitFor({ state: 'detached' })
    assert.equal(await card(staff).getAttribute('data-state'), 'idle')
  } finally {
    await context.close()
  }
})

test('(b) a grid worker has no workload page', async () => {
  const { context, page } = await phone('grid_worker')
  try {
    await menuEntry(page, 'nav-requests')
    assert.equal(await page.getByTestId('nav-request-workload').count(), 0)
    await page.goto(`${env.url}/requests/workload`)
    await page.waitForURL((u) => u.pathname === '/403')
  } finally {
    await context.close()
  }
})
