// Requests (诉求工单) at phone width, one request from filing to closed:
// (a) the resident files it with a Chinese description and sees its number and timeline;
// (b) the grid worker finds it in the queue ("my queue": routed to them) and takes it through
//     start → resolve (it arrives "assigned", so there is nothing to accept);
// (c) the resident rates it 5 stars with a comment and sees it closed.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, must, navigate, phonePage, setup, SHOTS, sideScroll, uniq, zhCN, menuEntry } from './server.mjs'

let env
let category // a grid-handled category, so the request is routed to the demo grid worker
const description = `3号楼2单元楼道灯坏了三天，晚上很黑，老人上下楼不方便，请尽快修理。（${uniq()}）`
const resolveNote = '已更换楼道灯泡并检查线路，灯已恢复正常。'
const comment = '网格员来得很快，灯修好了，谢谢！'
let filed // { id, number }

before(async () => {
  env = await setup()
  const resident = await apiAs(env.url, 'resident')
  const { items } = await must(resident.get('/api/v1/requests/categories'), 200, 'categories')
  category = items.find((c) => c.code === 'SQ-WX') ?? items.find((c) => c.parent && c.unit === 'grid') // 房屋维修
  assert.ok(category, 'a grid-handled category exists')
})
after(async () => {
  await env?.teardown()
})

const phone = (username) => phonePage(env, username)

const statusIs = (page, status) => page.locator(`[data-testid=request-number] ~ [data-testid=request-status][data-status=${status}]`).waitFor()

/** Clicks an action button and waits for the server's answer. */
async function act(page, action, fill) {
  const answered = page.waitForResponse(
    (r) => r.url().includes(`/api/v1/requests/${filed.id}/actions/${action}`) && r.request().method() === 'POST',
  )
  await page.getByTestId(`request-action-${action}`).click()
  if (fill) {
    await page.getByTestId('action-dialog').waitFor({ state: 'visible' })
    await fill()
    await page.getByTestId('action-submit').click()
  }
  const res = await answered
  assert.equal(res.status(), 200, `${action} answered ${res.status()}: ${await res.text()}`)
  if (fill) await page.getByTestId('action-dialog').waitFor({ state: 'hidden' })
  return res.json()
}

test('(a) resident files a request at phone width and sees its number and timeline', async () => {
  const { context, page } = await phone('resident')
  try {
    await navigate(page, 'nav-request-file', '/requests/new')
    // Residents see no hotline fields and no priority (asked once the form is there).
    await page.getByTestId('file-description').waitFor()
    await page.getByTestId('file-category-class').waitFor()
    await page.getByTestId('file-submit').waitFor()
    assert.equal(await page.getByTestId('file-contact-name').count(), 0)
    assert.equal(await page.getByTestId('file-priority').count(), 0)

    await page.getByTestId('file-category-class').click()
    await page.getByTestId(`category-class-${category.parent}`).click()
    await page.getByTestId('file-category-sub').click()
    await page.getByTestId(`category-option-${category.code}`).click()
    await page.getByTestId('category-hint').waitFor()
    await page.getByTestId('file-description').fill(description)
    const counter = await page.locator('.el-textarea:has([data-testid=file-description]) .el-input__count').innerText()
    assert.ok(counter.includes(`${[...description].length}`) && counter.includes('4000'), `character counter: ${counter}`)
    await page.getByTestId('file-address').fill('和平路1号3号楼2单元')
    assert.ok((await sideScroll(page)) <= 0, 'the form fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-file.png`, fullPage: true })

    const posted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/requests' && r.request().method() === 'POST')
    await page.getByTestId('file-submit').click()
    const res = await posted
    assert.equal(res.status(), 201, `file answered ${res.status()}: ${await res.text()}`)
    assert.match(res.request().headers()['idempotency-key'] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    filed = await res.json()
    assert.match(filed.number, new RegExp(`^${category.code}-\\d{8}-\\d{4}$`), 'category code, date, serial')

    // The detail page: number, status, the description, and the timeline's first entry.
    await page.waitForURL((u) => u.pathname === `/requests/${filed.id}`)
    await page.locator('.el-message', { hasText: filed.number }).first().waitFor()
    assert.equal((await page.getByTestId('request-number').innerText()).trim(), filed.number)
    assert.equal((await page.getByTestId('request-description').innerText()).trim(), description)
    const submitted = page.getByTestId('timeline-item').and(page.locator('[data-kind=submitted]'))
    await submitted.waitFor()
    assert.ok((await submitted.innerText()).includes(zhCN.vocab.requestEvent.submitted))
    const status = await page.locator('[data-testid=request-number] ~ [data-testid=request-status]').innerText()
    assert.equal(status.trim(), zhCN.vocab.requestStatus[filed.status])
    assert.ok((await sideScroll(page)) <= 0, 'the detail page fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-detail.png`, fullPage: true })

    // "My requests" (so named for residents) lists it.
    assert.equal((await (await menuEntry(page, 'nav-requests')).innerText()).trim(), zhCN.nav.myRequests)
    await page.getByTestId('nav-requests').click()
    await page.waitForURL((u) => u.pathname === '/requests')
    await page.locator(`[data-testid=request-row][data-number="${filed.number}"]`).waitFor()
    assert.equal(await page.getByTestId('requests-tabs').count(), 0, 'residents have no queue tabs')
  } finally {
    await context.close()
  }
})

test('(b) grid worker opens it from the queue and resolves it', async () => {
  assert.ok(filed, 'test (a) filed no request, so there is nothing to handle')
  const { context, page } = await phone('grid_worker')
  try {
    await navigate(page, 'nav-requests', '/requests')
    await page.getByTestId('requests-tab-mine').waitFor()
    const row = page.locator(`[data-testid=request-row][data-number="${filed.number}"]`)
    await row.waitFor()
    const rowText = await row.innerText()
    assert.ok(rowText.includes(category.name), `row shows the category: ${rowText}`)
    assert.ok(rowText.includes('王网格'), `row shows the assignee: ${rowText}`)
    assert.ok(rowText.includes(zhCN.vocab.requestStatus.assigned), `row shows the status: ${rowText}`)
    assert.ok((await sideScroll(page)) <= 0, 'the queue fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-queue.png`, fullPage: true })
    await row.click()
    await page.waitForURL((u) => u.pathname === `/requests/${filed.id}`)
    await page.getByTestId('request-actions').waitFor()

    // Routed to this grid's worker on filing, the request starts "assigned": there is nothing
    // to accept (accept is for "submitted" / "reopened"), work starts right away.
    await statusIs(page, 'assigned')
    assert.equal((await page.getByTestId('request-assignee').innerText()).trim(), '王网格')
    await page.getByTestId('request-action-start').waitFor() // the buttons are there
    assert.equal(await page.getByTestId('request-action-accept').count(), 0)
    await act(page, 'start')
    await statusIs(page, 'in_progress')
    await act(page, 'resolve', async () => {
      // The note is required: submitting without it shows the field error and sends nothing.
      await page.getByTestId('action-submit').click()
      await page.getByTestId('action-dialog').locator('.el-form-item.is-error').waitFor()
      await page.getByTestId('action-note').fill(resolveNote)
    })
    await statusIs(page, 'resolved')
    const resolved = page.getByTestId('timeline-item').and(page.locator('[data-kind=resolve]'))
    await resolved.waitFor()
    const text = await resolved.innerText()
    assert.ok(text.includes(resolveNote) && text.includes(zhCN.vocab.requestEvent.resolve), `resolve event: ${text}`)
    await page.getByTestId('request-action-note').waitFor() // the resolved request's buttons are there
    assert.equal(await page.getByTestId('request-action-start').count(), 0, 'the buttons are the resolved request’s')
    assert.equal(await page.getByTestId('request-action-rate').count(), 0, 'only the filer rates')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-resolved.png`, fullPage: true })
  } finally {
    await context.close()
  }
})

test('(c) the resident rates it 5 stars with a comment and sees it closed', async () => {
  assert.ok(filed, 'test (a) filed no request, so there is nothing to handle')
  const { context, page } = await phone('resident')
  try {
    await navigate(page, 'nav-requests', '/requests')
    const row = page.locator(`[data-testid=request-row][data-number="${filed.number}"]`)
    await row.waitFor()
    assert.equal((await row.getByTestId('request-status').innerText()).trim(), zhCN.vocab.requestStatus.resolved)
    await row.click()
    await page.waitForURL((u) => u.pathname === `/requests/${filed.id}`)
    await act(page, 'rate', async () => {
      await page.getByTestId('action-rating').locator('.el-rate__item').nth(4).click()
      await page.getByTestId('action-comment').fill(comment)
      await page.screenshot({ path: `${SHOTS}/linli-phone-request-rate.png` })
    })
    await statusIs(page, 'closed')
    const status = await page.locator('[data-testid=request-number] ~ [data-testid=request-status]').innerText()
    assert.equal(status.trim(), '已关闭')
    await page.locator('[data-testid=request-rating][data-rating="5"]').waitFor()
    assert.equal((await page.getByTestId('request-rating-comment').innerText()).trim(), comment)
    await page.getByTestId('timeline-item').and(page.locator('[data-kind=rate]')).waitFor()
    await page.getByTestId('request-action-note').waitFor() // the closed request's buttons are there
    assert.equal(await page.getByTestId('request-action-rate').count(), 0, 'rated once')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-closed.png`, fullPage: true })
  } finally {
    await context.close()
  }
})
