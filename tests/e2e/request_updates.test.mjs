// Live updates at phone width (the poll interval shortened through window.__LINLI_POLL_MS__):
// (a) the grid worker's queue shows a request a resident files meanwhile (through the API) with
//     a notice "1 条新诉求", without the page being reloaded; opened, its detail page shows a
//     note the community admin adds meanwhile;
// (b) a resident's "my requests" shows the status change when the worker starts their request.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, must, phonePage, setup, SHOTS, sideScroll, uniq, zhCN, menuEntry } from './server.mjs'

let env
const POLL_MS = 400

before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

const phone = (username) => phonePage(env, username, { pollMs: POLL_MS })

const isUpdates = (r) => new URL(r.url()).pathname === '/api/v1/requests/updates'

/** Opens the queue through the phone drawer and waits for the first updates answer (the start). */
async function openQueue(page) {
  const first = page.waitForResponse(isUpdates)
  await (await menuEntry(page, 'nav-requests')).click()
  await page.waitForURL((u) => u.pathname === '/requests')
  const res = await first
  assert.equal(res.status(), 200, `updates answered ${res.status()}: ${await res.text()}`)
  const body = await res.json()
  assert.ok(body.now && Array.isArray(body.items), `updates answer: ${JSON.stringify(body)}`)
  // Marks this document: a reload would lose it.
  await page.evaluate(() => {
    window.__sameDocument = true
  })
}
const sameDocument = (page) => page.evaluate(() => window.__sameDocument === true)

async function fileAs(username, description) {
  const api = await apiAs(env.url, username)
  const key = { 'Idempotency-Key': crypto.randomUUID() }
  return must(api.post('/api/v1/requests', { description, category: 'SQ-WX' }, key), 201, 'file')
}

test('(a) the worker’s queue shows a newly filed request by itself, and its detail page a new note', async () => {
  const { context, page } = await phone('grid_worker')
  try {
    await openQueue(page)
    await page.getByTestId('requests-tab-mine').waitFor()

    // Later polls pass the server's `now` back as `since`.
    const next = await page.waitForResponse((r) => isUpdates(r) && new URL(r.url()).searchParams.has('since'))
    assert.equal(next.status(), 200)

    const filed = await fileAs('resident', `楼道里堆满了杂物，消防通道被堵住了。（${uniq()}）`)
    assert.equal(filed.status, 'assigned', 'routed to the grid worker')
    const row = page.locator(`[data-testid=request-row][data-number="${filed.number}"]`)
    await row.waitFor({ timeout: 10000 })
    assert.equal(await row.getAttribute('data-fresh'), '1', 'the new row is marked')
    const notice = page.getByTestId('requests-updates-notice')
    await notice.waitFor()
    const text = await notice.innerText()
    assert.ok(text.includes(zhCN.requests.updates.new.replace('{n}', '1')), `notice: ${text}`)
    assert.ok(await sameDocument(page), 'the page was not reloaded')
    assert.ok((await sideScroll(page)) <= 0, 'the queue with the notice fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-live.png`, fullPage: true })

    // The detail page follows changes to its request too.
    await row.click()
    await page.waitForURL((u) => u.pathname === `/requests/${filed.id}`)
    await page.getByTestId('request-timeline').waitFor()
    await page.waitForResponse(isUpdates) // polling here as well
    const note = `已联系物业清理杂物，今天下班前完成。（${uniq()}）`
    const admin = await apiAs(env.url, 'community_admin')
    await must(admin.post(`/api/v1/requests/${filed.id}/actions/note`, { note }), 200, 'note')
    await page.getByTestId('timeline-note').filter({ hasText: note }).waitFor({ timeout: 10000 })
    assert.ok(await sameDocument(page), 'the page was not reloaded')
  } finally {
    await context.close()
  }
})

test('(b) a resident’s list shows the new status when the worker starts their request', async () => {
  const filed = await fileAs('resident', `小区健身器材的螺丝松了，晃得厉害。（${uniq()}）`)
  const { context, page } = await phone('resident')
  try {
    await openQueue(page)
    const row = page.locator(`[data-testid=request-row][data-number="${filed.number}"]`)
    await row.locator('[data-testid=request-status][data-status=assigned]').waitFor()
    await page.waitForResponse((r) => isUpdates(r) && new URL(r.url()).searchParams.has('since'))

    const worker = await apiAs(env.url, 'grid_worker')
    await must(worker.post(`/api/v1/requests/${filed.id}/actions/start`, {}), 200, 'start')
    await row.locator('[data-testid=request-status][data-status=in_progress]').waitFor({ timeout: 10000 })
    // "1 条有更新" (or "1 条新诉求" when it was filed within the server's look-back of a few seconds).
    const text = await page.getByTestId('requests-updates-notice').innerText()
    const said = [zhCN.requests.updates.changed, zhCN.requests.updates.new].map((s) => s.replace('{n}', '1'))
    assert.ok(said.some((s) => text.includes(s)), `notice: ${text}`)
    assert.ok(await sameDocument(page), 'the page was not reloaded')
  } finally {
    await context.close()
  }
})
