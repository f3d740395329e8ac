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
import { apiAs, loginUI, must, PHONE, setup, SHOTS, sideScroll, uniq, zhCN } from './server.mjs'

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

async function phonePage(username) {
  const context = await env.browser.newContext(PHONE)
  const page = await context.newPage()
  await loginUI(page, env.url, username)
  return { context, page }
}

/** Opens a sidebar entry through the phone drawer. */
async function navigate(page, testid, pathname) {
  await page.getByTestId('menu-toggle').click()
  await page.getByTestId(testid).click()
  await page.waitForURL((u) => u.pathname === pathname)
}

const isClassify = (r) => new URL(r.url()).pathname === '/api/v1/requests/classify' && r.request().method() === 'POST'

test('(a) typing a description offers the learned category as a chip; tapping it picks it', async () => {
  const { context, page } = await phonePage('resident')
  try {
    await navigate(page, 'nav-request-file', '/requests/new')
    const box = page.getByTestId('file-description')
    const chip = page.getByTestId('category-suggestion')

    // A failing classifier is only a missing hint: no error message, no chips.
    await page.route('**/api/v1/requests/classify', (r) => r.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"Internal","message":"x"}}' }))
    const failed = page.waitForResponse(isClassify)
    await box.fill('楼下路灯不亮了好几天')
    assert.equal((await failed).status(), 500)
    await page.waitForTimeout(300)
    assert.equal(await page.locator('.el-message--error').count(), 0, 'no error toast')
    assert.equal(await chip.count(), 0)
    await page.unroute('**/api/v1/requests/classify')
    await box.fill('')

    // Typed key by key: one classification, 600 ms after the last key (and none under 6 characters).
    const calls = []
    page.on('request', (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/requests/classify' && calls.push(r.postDataJSON()))
    const answered = page.waitForResponse(isClassify)
    await box.pressSequentially(typed, { delay: 80 })
    const res = await answered
    assert.equal(res.status(), 200)
    const body = await res.json()
    assert.equal(body.categories[0]?.code, LIFT, `classified: ${JSON.stringify(body)}`)
    await page.waitForTimeout(800)
    assert.deepEqual(calls, [{ description: typed }], 'debounced to one call with the whole text')

    const lift = page.locator(`[data-testid=category-suggestion][data-code=${LIFT}]`)
    await lift.waitFor()
    assert.ok((await chip.count()) <= 3, 'at most three chips')
    const text = (await lift.innerText()).trim()
    assert.match(text, /^电梯故障 \d{1,3}%$/, `chip text: ${text}`)
    assert.ok((await page.getByTestId('category-suggestions').innerText()).includes(zhCN.requests.suggestion.label))
    assert.ok((await sideScroll(page)) <= 0, 'the form with chips fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-suggest.png`, fullPage: true })

    await lift.click()
    await page.getByTestId('category-hint').waitFor()
    assert.ok((await page.getByTestId('file-category-sub').innerText()).includes('电梯故障'), 'the picker shows the category')
    await chip.first().waitFor({ state: 'detached' })
    await page.waitForTimeout(700)
    assert.equal(calls.length, 1, 'no classification once a category is chosen')
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

  const { context, page } = await phonePage('community_staff')
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
  const { context, page } = await phonePage('grid_worker')
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
