// Requests: the business calendar (办理日历) and escalation (吹哨) at phone width.
// (a) street_admin opens 办理日历 from the menu, sees the escalation levels, marks 2026-10-08 a
//     holiday, sees it listed, and sets it back to normal;
// (b) a grid worker (no requests.configure) has no menu entry and gets 403 on the address;
// (c) an escalated request (the server's answers given an escalation, since no real deadline
//     passes during a test) shows its badge in the overdue tab and its card on the detail page,
//     and 报到 (report_in) is sent with its note.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, loginUI, must, PHONE, setup, SHOTS, sideScroll, uniq, zhCN } from './server.mjs'

let env
const DAY = '2026-10-08'

before(async () => {
  env = await setup()
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

/** Picks a date in the calendar's date picker by typing it. */
async function pickDate(page, ymd) {
  const input = page.getByTestId('calendar-date').locator('input')
  await input.fill(ymd)
  await input.press('Enter')
  await page.getByTestId('calendar-current').waitFor()
}

/** Clicks one of 节假日 / 调休上班 / 恢复正常 and waits for the PUT. */
async function setKind(page, kind) {
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/calendar/${DAY}`) && r.request().method() === 'PUT')
  await page.getByTestId(`calendar-set-${kind}`).click()
  const res = await answered
  assert.equal(res.status(), 200, `PUT ${kind} answered ${res.status()}: ${await res.text()}`)
  assert.deepEqual(res.request().postDataJSON(), { kind })
}

test('(a) street_admin marks 2026-10-08 a holiday and sets it back to normal', async () => {
  const { context, page } = await phonePage('street_admin')
  try {
    await page.getByTestId('menu-toggle').click()
    const entry = page.getByTestId('nav-request-calendar')
    assert.equal((await entry.innerText()).trim(), zhCN.nav.requestCalendar)
    await entry.click()
    await page.waitForURL((u) => u.pathname === '/requests/calendar')

    // The escalation levels, read-only: blue, yellow, red with who is called.
    const levels = page.getByTestId('escalation-level')
    await levels.nth(2).waitFor()
    assert.deepEqual(await levels.evaluateAll((els) => els.map((e) => e.dataset.color)), ['blue', 'yellow', 'red'])
    const first = await levels.first().innerText()
    assert.ok(first.includes('蓝牌') && first.includes('科室负责人') && first.includes('24'), `level 1: ${first}`)

    await pickDate(page, DAY)
    assert.ok((await page.getByTestId('calendar-current').innerText()).includes(zhCN.requestCalendar.kind.normal))
    await setKind(page, 'holiday')
    const item = page.locator(`[data-testid=calendar-item][data-date="${DAY}"]`)
    await item.and(page.locator('[data-kind=holiday]')).waitFor()
    assert.ok((await item.innerText()).includes(zhCN.requestCalendar.kind.holiday))
    assert.equal((await page.getByTestId('calendar-year').innerText()).trim(), '2026')
    assert.ok((await page.getByTestId('calendar-current').innerText()).includes(zhCN.requestCalendar.kind.holiday))
    assert.ok((await sideScroll(page)) <= 0, 'the calendar fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-calendar.png`, fullPage: true })

    await setKind(page, 'normal')
    await item.waitFor({ state: 'detached' })
    const admin = await apiAs(env.url, 'street_admin')
    const { items } = await must(admin.get('/api/v1/requests/calendar?year=2026'), 200, 'calendar')
    assert.ok(!items.some((d) => d.date === DAY), `back to normal: ${JSON.stringify(items)}`)
  } finally {
    await context.close()
  }
})

test('(b) a grid worker has no calendar entry and is refused the page', async () => {
  const { context, page } = await phonePage('grid_worker')
  try {
    await page.getByTestId('menu-toggle').click()
    await page.getByTestId('nav-requests').waitFor()
    assert.equal(await page.getByTestId('nav-request-calendar').count(), 0)
    await page.goto(`${env.url}/requests/calendar`)
    await page.getByTestId('forbidden').waitFor()
  } finally {
    await context.close()
  }
})

test('(c) an escalated request shows its badge, its card, and takes 报到', async () => {
  const resident = await apiAs(env.url, 'resident')
  const filed = await must(
    resident.post('/api/v1/requests', { description: `小区门口路灯不亮（${uniq()}）` }, { 'Idempotency-Key': crypto.randomUUID() }),
    201,
    'file',
  )
  const now = Date.now()
  const iso = (ms) => new Date(ms).toISOString()
  const escalation = {
    level: 1, color: 'blue', called: '职能部门科室负责人到场报到',
    at: iso(now - 3600e3), report_in_due: iso(now + 20 * 3600e3), reported_at: null,
  }
  const extraEvents = [
    { id: '900001', at: iso(now - 7200e3), kind: 'warn', from: null, to: null, actor: null, note: null, internal: true },
    { id: '900002', at: escalation.at, kind: 'escalate', from: null, to: null, actor: null, note: 'blue：职能部门科室负责人到场报到', internal: false },
  ]
  const { context, page } = await phonePage('street_admin')
  try {
    // The overdue tab: the server's answer with this request, overdue and at the red level.
    await page.route(
      (u) => u.pathname === '/api/v1/requests' && u.searchParams.get('overdue') === '1',
      async (route) => {
        const item = { ...(await (await route.fetch()).json()).items?.[0], ...filed, overdue: true, escalation: { level: 3, color: 'red' } }
        await route.fulfill({ json: { items: [item], total: 1, page: 1, page_size: 20 } })
      },
    )
    await page.goto(`${env.url}/requests?tab=overdue`)
    const row = page.locator(`[data-testid=request-row][data-number="${filed.number}"][data-escalation=red]`)
    await row.waitFor()
    assert.equal((await row.getByTestId('request-escalation').innerText()).trim(), zhCN.vocab.escalationColor.red)
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-escalated-queue.png`, fullPage: true })

    // The detail: blue level, who is called, and the 报到 button; report_in is sent with the note.
    let reportedAt = null
    await page.route(
      (u) => u.pathname === `/api/v1/requests/${filed.id}`,
      async (route) => {
        const r = await (await route.fetch()).json()
        const reported = reportedAt && { id: '900003', at: reportedAt, kind: 'report_in', from: null, to: null, actor: '李街道', note: '已到现场', internal: false }
        await route.fulfill({
          json: {
            ...r,
            overdue: true,
            escalation: { ...escalation, reported_at: reportedAt },
            actions: reportedAt ? r.actions : [...r.actions, 'report_in'],
            timeline: [...r.timeline, ...extraEvents, ...(reported ? [reported] : [])],
          },
        })
      },
    )
    await page.route(
      (u) => u.pathname === `/api/v1/requests/${filed.id}/actions/report_in`,
      async (route) => {
        assert.deepEqual(route.request().postDataJSON(), { note: '已到现场' })
        reportedAt = iso(Date.now())
        await route.fulfill({ json: { ...filed, escalation: { level: 1, color: 'blue' } } })
      },
    )
    await page.goto(`${env.url}/requests/${filed.id}`)
    const card = page.locator('[data-testid=request-escalation-card][data-color=blue]')
    await card.waitFor()
    assert.equal((await card.getByTestId('escalation-called').innerText()).trim(), escalation.called)
    assert.equal(await card.locator('[data-testid=escalation-reported][data-reported="0"]').count(), 1)
    const esc = page.getByTestId('timeline-item').and(page.locator('[data-kind=escalate]'))
    const escText = await esc.innerText()
    assert.ok(escText.includes(zhCN.vocab.requestEvent.escalate) && escText.includes('蓝牌：职能部门科室负责人到场报到'), `escalate event: ${escText}`)
    assert.ok((await page.getByTestId('timeline-item').and(page.locator('[data-kind=warn]')).innerText()).includes(zhCN.vocab.requestEvent.warn))
    assert.ok((await sideScroll(page)) <= 0, 'the escalated detail fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-escalated.png`, fullPage: true })

    await page.getByTestId('request-action-report_in').click()
    await page.getByTestId('action-dialog').waitFor({ state: 'visible' })
    await page.getByTestId('action-note').fill('已到现场')
    await page.getByTestId('action-submit').click()
    await page.getByTestId('action-dialog').waitFor({ state: 'hidden' })
    await card.locator('[data-testid=escalation-reported][data-reported="1"]').waitFor()
    const reported = page.getByTestId('timeline-item').and(page.locator('[data-kind=report_in]'))
    assert.ok((await reported.innerText()).includes(zhCN.vocab.requestEvent.report_in))
    assert.equal(await page.getByTestId('request-action-report_in').count(), 0)
  } finally {
    await context.close()
  }
})
