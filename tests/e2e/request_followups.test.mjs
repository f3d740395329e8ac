// Closing the loop on requests, at phone width:
// (a) the classifier learns from filed requests: after the grid worker files three lift requests
//     as 电梯故障, a resident typing "电梯又坏了好几天" is offered 电梯故障 as a chip, and tapping
//     it picks the category (a failing classifier stays silent);
// (b) a low rating plans a follow-up visit (回访): the resident files, the grid worker resolves,
//     the resident gives 1 star; community staff find it under 回访任务, record the visit, and the
//     request's timeline shows the 回访记录 entry;
// (c) a handler corrects a request's category through the 更正分类 dialog.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, loginUI, must, navigate, phonePage, setup, SHOTS, sideScroll, syncClock, uniq, zhCN } from './server.mjs'

let env
let worker // grid_worker's API client
let lifts = [] // the requests the grid worker filed as 电梯故障
const LIFT = 'SQ-DT' // 电梯故障 (社区需求)
const typed = '电梯又坏了好几天'
const visitNote = `已电话回访，居民说维修后灯又坏了，已重新派网格员上门查看。（${uniq()}）`

before(async () => {
  env = await setup()
  worker = await apiAs(env.url, 'grid_worker')
  const texts = ['3号楼电梯坏了，停在二楼不动', '5号楼电梯门关不上，一直在响', '电梯又停运了，老人上不了楼']
  for (const description of texts) {
    const key = { 'Idempotency-Key': crypto.randomUUID() }
    lifts.push(await must(worker.post('/api/v1/requests', { description, category: LIFT }, key), 201, 'file a lift request'))
  }
})
after(async () => {
  await env?.teardown()
})

const phone = (username) => phonePage(env, username)

const isClassify = (r) => new URL(r.url()).pathname === '/api/v1/requests/classify' && r.request().method() === 'POST'
const isClassifyRequest = (r) => new URL(r.url()).pathname === '/api/v1/requests/classify' && r.method() === 'POST'

/**
 * Resolves once a request the page makes now has been seen: the browser sends requests in order,
 * so by then every request the page made before has been seen too.
 */
async function barrier(page) {
  const marker = `/healthz?barrier=${crypto.randomUUID()}`
  const seen = page.waitForRequest((r) => r.url().endsWith(marker))
  await page.evaluate((u) => fetch(u).then((r) => r.status), marker)
  await seen
}

/**
 * Holds the page's clock a second ahead of its time now (timers then fire only through
 * page.clock.runFor). The clock runs meanwhile, so a second that has already gone is tried again.
 */
async function holdClock(page) {
  for (let tries = 0; ; tries++) {
    try {
      return await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000)
    } catch (e) {
      if (tries >= 3 || !String(e).includes('to the past')) throw e
    }
  }
}

test('(a) typing a description offers the learned category as a chip; tapping it picks it', async () => {
  const { context, page } = await phone('resident')
  try {
    await navigate(page, 'nav-request-file', '/requests/new')
    const box = page.getByTestId('file-description')
    const chip = page.getByTestId('category-suggestion')
    await box.waitFor()
    const calls = []
    page.on('request', (r) => isClassifyRequest(r) && calls.push(r.postDataJSON()))

    // Typed key by key with the page's clock held: nothing is sent while typing nor 599 ms after
    // the last key; at 600 ms one classification with the whole text, and no other later.
    await holdClock(page)
    await box.pressSequentially(typed, { delay: 80 })
    await barrier(page)
    assert.deepEqual(calls, [], 'nothing sent while typing')
    await page.clock.runFor(599)
    await barrier(page)
    assert.deepEqual(calls, [], 'nothing sent before 600 ms')
    const answered = page.waitForResponse(isClassify)
    await page.clock.runFor(1)
    const res = await answered
    assert.equal(res.status(), 200)
    const body = await res.json()
    assert.equal(body.categories[0]?.code, LIFT, `classified: ${JSON.stringify(body)}`)
    await page.clock.runFor(5000)
    await barrier(page)
    assert.deepEqual(calls, [{ description: typed }], 'debounced to one call with the whole text')
    await syncClock(env, context)

    const lift = page.locator(`[data-testid=category-suggestion][data-code=${LIFT}]`)
    await lift.waitFor()
    assert.ok((await chip.count()) <= 3, 'at most three chips')
    const text = (await lift.innerText()).trim()
    assert.match(text, /^电梯故障 \d{1,3}%$/, `chip text: ${text}`)
    assert.ok((await page.getByTestId('category-suggestions').innerText()).includes(zhCN.requests.suggestion.label))
    assert.ok((await sideScroll(page)) <= 0, 'the form with chips fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-suggest.png`, fullPage: true })

    // A failing classifier (a 500, simulated) is only a missing hint: the chips go, no error shows.
    await page.route('**/api/v1/requests/classify', (r) => r.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"Internal","message":"x"}}' }))
    const failed = page.waitForResponse(isClassify)
    await box.fill('楼下路灯不亮了好几天')
    assert.equal((await failed).status(), 500)
    await chip.first().waitFor({ state: 'detached' }) // the failure was handled
    assert.equal(await page.locator('.el-message--error').count(), 0, 'no error toast')
    assert.equal(await page.getByTestId('category-suggestions').count(), 0)
    await page.unroute('**/api/v1/requests/classify')

    // Back to the lift text: the chip again; tapping it picks the category, and no more calls.
    const again = page.waitForResponse(isClassify)
    await box.fill(typed)
    assert.equal((await again).status(), 200)
    await lift.waitFor()
    const sent = calls.length
    await lift.click()
    await page.getByTestId('category-hint').waitFor()
    assert.ok((await page.getByTestId('file-category-sub').innerText()).includes('电梯故障'), 'the picker shows the category')
    await chip.first().waitFor({ state: 'detached' })
    await holdClock(page)
    await page.clock.runFor(5000)
    await barrier(page)
    assert.equal(calls.length, sent, 'no classification once a category is chosen')
    await syncClock(env, context)
  } finally {
    await context.close()
  }
})

test('(b) a 1-star rating plans a follow-up visit that community staff record', async () => {
  // The resident files, the grid worker resolves, the resident gives 1 star (all through the API).
  const resident = await apiAs(env.url, 'resident')
  const description = `2号楼楼道灯又不亮了，上次修过没几天。（${uniq()}）`
  const key = { 'Idempotency-Key': crypto.randomUUID() }
  const filed = await must(resident.post('/api/v1/requests', { description, category: 'SQ-WX' }, key), 201, 'file')
  const action = (who, a, b = {}) => must(who.post(`/api/v1/requests/${filed.id}/actions/${a}`, b), 200, a)
  assert.equal(filed.status, 'assigned', 'a grid category goes to the grid worker')
  await action(worker, 'start')
  await action(worker, 'resolve', { note: '已更换灯泡。' })
  await action(resident, 'rate', { rating: 1, comment: '没几天又坏了，很不满意' })

  const { context, page } = await phone('community_staff')
  try {
    await navigate(page, 'nav-request-followups', '/requests/followups')
    assert.equal((await page.getByTestId('followups-tab-open').innerText()).trim(), zhCN.followups.tab.open)
    const row = page.locator(`[data-testid=followup-row][data-number="${filed.number}"]`)
    await row.waitFor()
    assert.equal(await row.getAttribute('data-done'), '0')
    assert.equal(await row.getByTestId('followup-due').getAttribute('data-overdue'), '0', 'due in 3 days')
    assert.ok((await row.innerText()).includes(zhCN.followups.pending))
    assert.ok((await sideScroll(page)) <= 0, 'the follow-up list fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-followups.png`, fullPage: true })

    // Once the server's clock (and with it the page's) passes the due time, it is marked late.
    const staffApi = await apiAs(env.url, 'community_staff')
    const followup = (await must(staffApi.get('/api/v1/requests/followups?open=1'), 200, 'follow-ups')).items.find((f) => f.number === filed.number)
    assert.ok(followup, 'the follow-up is planned on the server')
    const due = Date.parse(followup.due_at)
    const now = await env.clockNow()
    assert.ok(due > now + 2 * 86400e3 && due <= now + 4 * 86400e3, `due in about 3 days: ${followup.due_at}`)
    await env.advanceClock((due - now) / 1000 + 3600)
    // Days later (the session has lapsed): signed in again, the list marks it late.
    await page.goto(`${env.url}/login`)
    await loginUI(page, env.url, 'community_staff')
    await page.goto(`${env.url}/requests/followups`)
    await row.getByTestId('followup-due').and(page.locator('[data-overdue="1"]')).waitFor()
    assert.ok((await row.getByTestId('followup-due').innerText()).includes(zhCN.followups.late))

    await row.getByTestId('followup-record').click()
    const dialog = page.getByTestId('followup-dialog')
    await dialog.waitFor({ state: 'visible' })
    // The note is required: nothing is sent without it.
    await page.getByTestId('followup-submit').click()
    await dialog.locator('.el-form-item.is-error').waitFor()
    await page.getByTestId('followup-note').fill(visitNote)
    const done = page.waitForResponse((r) => /\/api\/v1\/requests\/followups\/[^/]+\/done$/.test(new URL(r.url()).pathname))
    await page.getByTestId('followup-submit').click()
    const res = await done
    if (res.status() !== 204) assert.fail(`done answered ${res.status()}: ${await res.text().catch(() => '')}`)
    await dialog.waitFor({ state: 'hidden' })
    await row.waitFor({ state: 'detached' }) // no longer open

    // 全部 lists it as visited, with the note.
    await page.getByTestId('followups-tab-all').click()
    const doneRow = page.locator(`[data-testid=followup-row][data-number="${filed.number}"][data-done="1"]`)
    await doneRow.waitFor()
    assert.equal((await doneRow.getByTestId('followup-note-text').innerText()).trim(), visitNote)
    assert.equal(await doneRow.getByTestId('followup-record').count(), 0)

    // The request's timeline: planned after the rating, then the visit with its note.
    await doneRow.getByTestId('followup-number').click()
    await page.waitForURL((u) => u.pathname === `/requests/${filed.id}`)
    const visit = page.getByTestId('timeline-item').and(page.locator('[data-kind=followup]'))
    await visit.waitFor()
    const visitText = await visit.innerText()
    assert.ok(visitText.includes(zhCN.vocab.requestEvent.followup) && visitText.includes(visitNote), `followup event: ${visitText}`)
    const planned = page.getByTestId('timeline-item').and(page.locator('[data-kind=followup_planned]'))
    assert.ok((await planned.innerText()).includes(zhCN.vocab.requestEvent.followup_planned))
    assert.ok((await sideScroll(page)) <= 0, 'the detail page fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-followup-timeline.png`, fullPage: true })
  } finally {
    await context.close()
  }
})

test('(c) a handler corrects the category through the 更正分类 dialog', async () => {
  const target = lifts[0]
  const { context, page } = await phone('grid_worker')
  try {
    await page.goto(`${env.url}/requests/${target.id}`)
    await page.getByTestId('request-action-categorize').click()
    const dialog = page.getByTestId('action-dialog')
    await dialog.waitFor({ state: 'visible' })
    await page.getByTestId('action-category-class').click()
    await page.getByTestId('category-class-SQ').click()
    await page.getByTestId('action-category-sub').click()
    await page.getByTestId('category-option-SQ-WX').click()
    const answered = page.waitForResponse((r) => r.url().includes(`/api/v1/requests/${target.id}/actions/categorize`))
    await page.getByTestId('action-submit').click()
    const res = await answered
    assert.equal(res.status(), 200, `categorize answered ${res.status()}: ${await res.text()}`)
    assert.deepEqual(res.request().postDataJSON(), { category: 'SQ-WX' })
    await dialog.waitFor({ state: 'hidden' })
    const item = page.getByTestId('timeline-item').and(page.locator('[data-kind=categorize]'))
    await item.waitFor()
    assert.ok((await item.innerText()).includes(zhCN.vocab.requestEvent.categorize))
    await page.getByTestId('request-category').filter({ hasText: '房屋维修' }).waitFor()
  } finally {
    await context.close()
  }
})
