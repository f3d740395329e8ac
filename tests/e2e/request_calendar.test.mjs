// Requests: the business calendar (办理日历) and escalation (吹哨) at phone width.
// (a) street_admin opens 办理日历 from the menu, sees the escalation levels, marks 8 October a
//     holiday, sees it listed, and sets it back to normal;
// (b) a grid worker (no requests.configure) has no menu entry and gets 403 on the address;
// (c) a request handed to the department passes its deadline on the server's clock (moved
//     forward by the test) and is escalated (吹哨) by the scheduler: the street admin's overdue
//     tab shows its badge, the department is told, opens it, sees the card and reports in (报到)
//     with a note; the server records the report-in.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { answer, apiAs, localDate, must, phonePage, setup, SHOTS, sideScroll, uniq, until, zhCN, menuEntry } from './server.mjs'

let env
let YEAR // the server's year
let DAY // 8 October of that year
let reportedIn // { id, department } of the request reported in by (c)

before(async () => {
  env = await setup()
  YEAR = localDate(await env.clockNow()).slice(0, 4)
  DAY = `${YEAR}-10-08`
})
after(async () => {
  await env?.teardown()
})

const phone = (username) => phonePage(env, username)

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

test('(a) street_admin marks 8 October a holiday and sets it back to normal', async () => {
  const { context, page } = await phone('street_admin')
  try {
    const entry = await menuEntry(page, 'nav-request-calendar')
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
    assert.equal((await page.getByTestId('calendar-year').innerText()).trim(), YEAR, 'the year of the server’s today')
    assert.ok((await page.getByTestId('calendar-current').innerText()).includes(zhCN.requestCalendar.kind.holiday))
    assert.ok((await sideScroll(page)) <= 0, 'the calendar fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-calendar.png`, fullPage: true })

    await setKind(page, 'normal')
    await item.waitFor({ state: 'detached' })
    const admin = await apiAs(env.url, 'street_admin')
    const { items } = await must(admin.get(`/api/v1/requests/calendar?year=${YEAR}`), 200, 'calendar')
    assert.ok(!items.some((d) => d.date === DAY), `back to normal: ${JSON.stringify(items)}`)
  } finally {
    await context.close()
  }
})

test('(b) a grid worker has no calendar entry and is refused the page', async () => {
  const { context, page } = await phone('grid_worker')
  try {
    await menuEntry(page, 'nav-requests')
    assert.equal(await page.getByTestId('nav-request-calendar').count(), 0)
    await page.goto(`${env.url}/requests/calendar`)
    await page.getByTestId('forbidden').waitFor()
  } finally {
    await context.close()
  }
})

test('(c) a request past its deadline is escalated (吹哨); the department called in reports in (报到)', async () => {
  // Setup through the API: a resident files, the street admin hands it to the department.
  const resident = await apiAs(env.url, 'resident')
  let admin = await apiAs(env.url, 'street_admin')
  let department = await apiAs(env.url, 'department')
  const { user: dept } = await must(department.get('/api/v1/auth/me'), 200, 'department me')
  const filed = await must(
    resident.post('/api/v1/requests', { description: `小区门口路灯不亮（${uniq()}）` }, { 'Idempotency-Key': crypto.randomUUID() }),
    201,
    'file',
  )
  await must(admin.post(`/api/v1/requests/${filed.id}/actions/assign`, { assignee_id: dept.id, note: '请城管科处理' }), 200, 'assign to the department')
  const { items: levels } = await must(admin.get('/api/v1/requests/escalation-levels'), 200, 'escalation levels')
  const level1 = levels.find((l) => l.level === 1)
  assert.equal(level1?.color, 'blue', `level 1 is blue: ${JSON.stringify(levels)}`)

  // Just filed: neither overdue nor escalated.
  const fresh = await must(admin.get(`/api/v1/requests/${filed.id}`), 200, 'the request')
  assert.equal(fresh.escalation ?? null, null, 'no escalation before the deadline')
  assert.equal(fresh.overdue, false)
  assert.ok(!fresh.actions.includes('report_in'))

  // The server's clock moves to an hour before the deadline: warned (即将超时), not escalated.
  const left = Date.parse(fresh.resolve_due) - (await env.clockNow())
  assert.ok(left > 2 * 3600e3, `the deadline lies ahead: ${fresh.resolve_due}`)
  await env.advanceClock(Math.floor((left - 3600e3) / 1000))
  // Days later: the sessions have lapsed, so everyone signs in again.
  admin = await apiAs(env.url, 'street_admin')
  department = await apiAs(env.url, 'department')
  const warned = await until(
    async () => {
      const r = await must(admin.get(`/api/v1/requests/${filed.id}`), 200, 'the request')
      return r.timeline.some((e) => e.kind === 'warn') && r
    },
    { timeout: 15000, what: `request ${filed.number} warned before its deadline` },
  )
  assert.equal(warned.escalation ?? null, null, 'not escalated before the deadline')
  assert.equal(warned.overdue, false)

  // Then past the deadline; the scheduler (polling each second) escalates.
  await env.advanceClock(3600 + 60)
  const escalated = await until(
    async () => {
      const r = await must(admin.get(`/api/v1/requests/${filed.id}`), 200, 'the request')
      return r.escalation?.level >= 1 && r
    },
    { timeout: 15000, what: `request ${filed.number} escalated to level 1` },
  )
  assert.equal(escalated.overdue, true)
  assert.equal(escalated.escalation.level, 1, 'one level per breach')
  assert.equal(escalated.escalation.color, 'blue')
  assert.equal(escalated.escalation.called, level1.called)
  assert.equal(escalated.escalation.reported_at, null)
  // The department it calls in is told (urgent, in-app).
  await until(
    async () => (await must(department.get('/api/v1/notifications?page_size=50'), 200, 'inbox')).items.find((n) => n.link === `/requests/${filed.id}`),
    { timeout: 15000, what: 'the escalation notice in the department’s inbox' },
  )

  // The street admin's overdue tab lists it with its blue badge (the server's real answer).
  const queue = await phone('street_admin')
  try {
    const listed = answer(queue.page, 'GET', (u) => u.pathname === '/api/v1/requests' && u.searchParams.get('overdue') === '1')
    await queue.page.goto(`${env.url}/requests?tab=overdue`)
    const lres = await listed
    assert.equal(lres.status(), 200)
    assert.equal((await lres.json()).items.find((i) => i.id === filed.id)?.escalation?.color, 'blue', 'the server lists it overdue and escalated')
    const row = queue.page.locator(`[data-testid=request-row][data-number="${filed.number}"][data-escalation=blue]`)
    await row.waitFor()
    assert.equal((await row.getByTestId('request-escalation').innerText()).trim(), zhCN.vocab.escalationColor.blue)
    await queue.page.screenshot({ path: `${SHOTS}/linli-phone-request-escalated-queue.png`, fullPage: true })
  } finally {
    await queue.context.close()
  }

  // The department opens it: blue card, who is called, not reported yet; 报到 with a note.
  const { context, page } = await phone('department')
  try {
    await page.goto(`${env.url}/requests/${filed.id}`)
    const card = page.locator('[data-testid=request-escalation-card][data-color=blue]')
    await card.waitFor()
    assert.equal((await card.getByTestId('escalation-called').innerText()).trim(), level1.called)
    const notYet = card.locator('[data-testid=escalation-reported][data-reported="0"]')
    assert.equal((await notYet.innerText()).trim(), zhCN.requests.escalation.notReported, 'within the report-in time (the page’s clock is the server’s)')
    const esc = page.getByTestId('timeline-item').and(page.locator('[data-kind=escalate]'))
    const escText = await esc.innerText()
    assert.ok(escText.includes(zhCN.vocab.requestEvent.escalate) && escText.includes(`蓝牌：${level1.called}`), `escalate event: ${escText}`)
    assert.ok((await page.getByTestId('timeline-item').and(page.locator('[data-kind=warn]')).innerText()).includes(zhCN.vocab.requestEvent.warn))
    assert.ok((await sideScroll(page)) <= 0, 'the escalated detail fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-escalated.png`, fullPage: true })

    const sent = answer(page, 'POST', (u) => u.pathname === `/api/v1/requests/${filed.id}/actions/report_in`)
    await page.getByTestId('request-action-report_in').click()
    await page.getByTestId('action-dialog').waitFor({ state: 'visible' })
    await page.getByTestId('action-note').fill('已到现场')
    await page.getByTestId('action-submit').click()
    const res = await sent
    assert.equal(res.status(), 200, `report_in answered ${res.status()}: ${await res.text()}`)
    assert.deepEqual(res.request().postDataJSON(), { note: '已到现场' })
    await page.getByTestId('action-dialog').waitFor({ state: 'hidden' })
    await card.locator('[data-testid=escalation-reported][data-reported="1"]').waitFor()
    const reported = page.getByTestId('timeline-item').and(page.locator('[data-kind=report_in]'))
    assert.ok((await reported.innerText()).includes(zhCN.vocab.requestEvent.report_in))
  } finally {
    await context.close()
  }

  // The server recorded it: who reported in, when, with the note.
  const recorded = await must(admin.get(`/api/v1/requests/${filed.id}`), 200, "the request")
  assert.ok(recorded.escalation?.reported_at, `reported_at set: ${JSON.stringify(recorded.escalation)}`)
  assert.ok(Date.parse(recorded.escalation.reported_at) >= Date.parse(escalated.escalation.at))
  const event = recorded.timeline.find((e) => e.kind === 'report_in')
  assert.ok(event, `a report_in event: ${JSON.stringify(recorded.timeline.map((e) => e.kind))}`)
  assert.equal(event.actor?.id, dept.id, 'reported in by the department')
  assert.equal(event.note, `${level1.called}：已到现场`)
  const again = await department.post(`/api/v1/requests/${filed.id}/actions/report_in`, { note: '再次报到' })
  assert.equal(again.status, 409, 'a second report-in for the same escalation is refused')
  reportedIn = { id: filed.id, department }
})

// Regression: the server listed report_in among the allowed actions after the report-in
// (it looked at the level only), so the page offered a 报到 the server then refused with 409.
test('(d) once reported in, 报到 is no longer offered', async () => {
  assert.ok(reportedIn, 'test (c) reported nothing in')
  const r = await must(reportedIn.department.get(`/api/v1/requests/${reportedIn.id}`), 200, 'the request')
  assert.ok(r.escalation?.reported_at, 'reported in')
  assert.ok(!r.actions.includes('report_in'), `report_in no longer allowed: ${JSON.stringify(r.actions)}`)
  const { context, page } = await phone('department')
  try {
    await page.goto(`${env.url}/requests/${reportedIn.id}`)
    await page.locator('[data-testid=escalation-reported][data-reported="1"]').waitFor()
    await page.getByTestId('request-actions').waitFor()
    assert.equal(await page.getByTestId('request-action-report_in').count(), 0, 'no second 报到 button')
  } finally {
    await context.close()
  }
})
