// Reminders (提醒) at phone width:
// (a) the grid worker adds an elevator to a building of their grid through the API, its next
//     inspection 10 days ahead; the street admin runs today's scan at once (POST /reminders/scan);
//     in the browser the grid worker's bell counts the unread digest, the inbox shows it and a tap
//     opens 提醒, where the elevator's reminder is listed (no 规则 tab for a grid worker);
//     通知居民 sends a notice (the card then links to /notices/{id}); 已检验 with today's date
//     takes it off the open list, and the asset's next inspection moves a year on;
// (b) the community admin opens the 规则 tab (a rule on a saved report made through the API is
//     described by the report's name), builds a birthday rule (80, 90, 100; monthly; to the
//     author; an age typed in and taken away again) — saving without ages is refused in the form
//     first —, sees it described in words, previews it (the number the server counts is shown)
//     and switches it off.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { answer, apiAs, localDate, must, navigate, phonePage, setup, SHOTS, sideScroll, uniq, zhCN } from './server.mjs'

let env
let worker // grid_worker's API client
let asset // the elevator added in before()
let scan // the scan's answer
let report // community_admin's saved report
let reportRule // a reminder rule on that report, made through the API
const R = zhCN.reminderRules

// Dates on the server's clock (its local date, +08:00), not this machine's.
const daysAhead = async (n) => localDate(await env.clockNow(), n)
const fill = (s, vars) => Object.entries(vars).reduce((acc, [k, v]) => acc.replaceAll(`{${k}}`, String(v)), s)

before(async () => {
  env = await setup()
  worker = await apiAs(env.url, 'grid_worker')
  const { user } = await must(worker.get('/api/v1/auth/me'), 200, 'grid worker me')
  assert.equal(user.scope?.kind, 'grid', 'the demo grid worker has a grid')
  assert.ok(!user.permissions.includes('reminders.rules'), 'the grid worker does not define reminder rules')
  const buildings = await must(worker.get(`/api/v1/registry/buildings?grid_id=${user.scope.id}&page_size=1`), 200, 'buildings')
  assert.ok(buildings.items.length, 'the grid has a building')
  asset = await must(
    worker.post('/api/v1/registry/assets', {
      building_id: buildings.items[0].id,
      kind: 'elevator',
      name: `1号电梯（${uniq()}）`,
      next_inspection: await daysAhead(10),
    }),
    201,
    'add an elevator',
  )
  assert.equal(asset.next_inspection, await daysAhead(10))

  const street = await apiAs(env.url, 'street_admin')
  scan = await must(street.post('/api/v1/reminders/scan'), 200, 'scan now')
  assert.ok(scan.due_soon >= 1 && scan.told >= 1, `the scan found the elevator and told someone: ${JSON.stringify(scan)}`)

  const admin = await apiAs(env.url, 'community_admin')
  report = await must(admin.post('/api/v1/reports/templates', { name: `90岁以上老人（${uniq()}）`, filter: { age_min: 90 } }), 201, 'save a report')
  reportRule = await must(
    admin.post('/api/v1/reminders/rules', {
      name: `高龄老人每周名单（${uniq()}）`,
      condition: 'report',
      report_id: report.id,
      schedule: 'weekly',
      subject: '本周高龄老人名单',
      body: '请安排本周探访。',
      recipients: 'author',
    }),
    201,
    'a rule on the saved report',
  )
})
after(async () => {
  await env?.teardown()
})

/** The card of the elevator's open reminder. */
const cardOf = (page) => page.locator(`[data-testid=reminder-row][data-asset="${asset.id}"]`)

test('(a) the grid worker is told by the bell, tells the residents and records the inspection', async () => {
  const { context, page } = await phonePage(env, 'grid_worker')
  try {
    // The bell counts the digest the scan wrote; the inbox shows it; a tap opens 提醒.
    const inbox = await must(worker.get('/api/v1/notifications?unread=1'), 200, 'inbox')
    const digest = inbox.items.find((n) => n.link === '/reminders')
    assert.ok(digest, `a digest linking to /reminders: ${JSON.stringify(inbox.items)}`)
    await page.locator(`[data-testid=notification-bell][data-count="${inbox.unread}"]`).waitFor({ timeout: 10000 })
    assert.ok(inbox.unread >= 1)
    await page.getByTestId('notification-bell').click()
    await page.waitForURL((u) => u.pathname === '/notifications')
    const row = page.locator(`[data-testid=notification-row][data-id="${digest.id}"]`)
    assert.equal((await row.getByTestId('notification-subject').innerText()).trim(), digest.subject)
    assert.equal(await row.getAttribute('data-read'), '0')
    const listed = answer(page, 'GET', (u) => u.pathname === '/api/v1/reminders/assets')
    await row.click()
    await page.waitForURL((u) => u.pathname === '/reminders')
    const lres = await listed
    assert.equal(lres.status(), 200, `reminders answered ${lres.status()}: ${await lres.text()}`)
    assert.equal(new URL(lres.url()).searchParams.get('open'), '1', 'open ones by default')
    const reminder = (await lres.json()).items.find((r) => r.asset_id === asset.id)
    assert.ok(reminder, 'the elevator has a reminder')
    assert.equal(reminder.kind, 'due_soon')
    assert.equal(reminder.due_on, asset.next_inspection)

    const card = cardOf(page)
    await card.waitFor()
    assert.equal((await card.getByTestId('reminder-asset').innerText()).trim(), asset.name)
    assert.equal(await card.getByTestId('reminder-due').getAttribute('data-due'), asset.next_inspection)
    assert.equal((await card.getByTestId('reminder-state').innerText()).trim(), zhCN.reminders.kind.due_soon)
    assert.equal(await page.getByTestId('reminders-tab-rules').count(), 0, 'no 规则 tab for the grid worker')
    const openBefore = Number(await page.getByTestId('reminders-open-count').getAttribute('data-count'))
    assert.ok(openBefore >= 1)
    assert.ok((await sideScroll(page)) <= 0, 'the reminders fit 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-reminders.png`, fullPage: true })

    // 通知居民: the server's text (the message left empty) goes to the building's residents.
    await card.getByTestId('reminder-confirm').click()
    const dialog = page.getByTestId('reminder-confirm-dialog')
    await dialog.getByTestId('reminder-confirm-text').waitFor()
    assert.ok((await dialog.getByTestId('reminder-confirm-text').innerText()).includes(reminder.address))
    const confirmed = answer(page, 'POST', (u) => u.pathname === `/api/v1/reminders/assets/${reminder.id}/confirm`)
    await page.getByTestId('reminder-confirm-submit').click()
    const cres = await confirmed
    assert.equal(cres.status(), 200, `confirm answered ${cres.status()}: ${await cres.text()}`)
    assert.deepEqual(JSON.parse(cres.request().postData()), {}, 'no message: the server words it')
    const told = await cres.json()
    assert.ok(told.notice_id, `a notice was sent: ${JSON.stringify(told)}`)
    const link = card.getByTestId('reminder-notice-link')
    await link.waitFor()
    assert.equal(await link.getAttribute('href'), `/notices/${told.notice_id}`)
    assert.equal(await card.getByTestId('reminder-confirm').count(), 0, 'told once')
    const notice = await must(worker.get(`/api/v1/notices/${told.notice_id}`), 200, 'the notice')
    assert.ok(`${notice.title}${notice.body}`.includes(asset.name), `the notice names the elevator: ${JSON.stringify(notice)}`)

    // 已检验 today: off the open list; the next inspection a year on.
    const today = await daysAhead(0)
    await card.getByTestId('reminder-inspected').click()
    const date = page.getByTestId('reminder-inspected-date').locator('input')
    await date.waitFor()
    assert.equal(await date.inputValue(), today, 'today by default')
    const inspected = answer(page, 'POST', (u) => u.pathname === `/api/v1/reminders/assets/${reminder.id}/inspected`)
    await page.getByTestId('reminder-inspected-submit').click()
    const ires = await inspected
    assert.equal(ires.status(), 200, `inspected answered ${ires.status()}: ${await ires.text()}`)
    assert.deepEqual(JSON.parse(ires.request().postData()), { date: today })
    assert.equal((await ires.json()).done, true)
    await page.locator(`[data-testid=reminders-open-count][data-count="${openBefore - 1}"]`).waitFor()
    assert.equal(await cardOf(page).count(), 0, 'off the open list')
    const assets = await must(worker.get(`/api/v1/registry/assets?building_id=${asset.building.id}&page_size=200`), 200, 'assets')
    const moved = assets.items.find((a) => a.id === asset.id)
    assert.equal(moved.last_inspection, today)
    assert.equal(moved.next_inspection.slice(0, 4), String(Number(today.slice(0, 4)) + 1), `a year on: ${moved.next_inspection}`)

    // Shown again with the done ones, as inspected.
    await page.getByTestId('reminders-show-done').click()
    await cardOf(page).waitFor()
    assert.equal(await cardOf(page).getAttribute('data-done'), '1')
    assert.equal((await cardOf(page).getByTestId('reminder-state').innerText()).trim(), zhCN.reminders.done)
  } finally {
    await context.close()
  }
})

test('(b) the community admin defines a birthday rule, previews it and switches it off', async () => {
  const { context, page } = await phonePage(env, 'community_admin')
  const name = `高龄津贴生日提醒（${uniq()}）`
  const subject = '本月满80、90、100岁的老人'
  const body = '请核对名单，为老人办理高龄津贴，并安排上门祝寿。'
  try {
    await navigate(page, 'nav-reminders', '/reminders')
    const listed = answer(page, 'GET', (u) => u.pathname === '/api/v1/reminders/rules')
    await page.getByTestId('reminders-tab-rules').click()
    assert.equal((await listed).status(), 200)
    await page.waitForURL((u) => u.searchParams.get('tab') === 'rules')

    // The rule made through the API, described by its report's name.
    const apiRow = page.locator(`[data-testid=reminder-rule-row][data-id="${reportRule.id}"]`)
    await apiRow.waitFor()
    assert.equal((await apiRow.getByTestId('reminder-rule-name').innerText()).trim(), reportRule.name)
    const apiWords = await apiRow.getByTestId('reminder-rule-words').innerText()
    for (const part of [fill(R.reportWords, { name: report.name }), R.scheduleWords.weekly, R.recipientsWords.author]) {
      assert.ok(apiWords.includes(part), `"${part}" in: ${apiWords}`)
    }

    // The form: the admin's own report is offered; then a birthday rule.
    await page.getByTestId('reminder-rule-create').click()
    const dialog = page.getByTestId('reminder-rule-dialog')
    await page.getByTestId('reminder-rule-form-name').fill(name)
    await dialog.getByTestId('reminder-rule-condition-report').click()
    await page.getByTestId('reminder-rule-report').click()
    await page.getByTestId(`report-option-${report.id}`).click()
    await dialog.getByTestId('reminder-rule-condition-birthday').click()
    await page.getByTestId('reminder-rule-subject').fill(subject)
    await page.getByTestId('reminder-rule-body').fill(body)

    // No ages yet: refused in the form, nothing sent.
    let posts = 0
    const count = (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/reminders/rules' && posts++
    page.on('request', count)
    await page.getByTestId('reminder-rule-submit').click()
    await dialog.getByText(R.agesRequired).waitFor()
    page.off('request', count)
    assert.equal(posts, 0, 'nothing sent without ages')

    // Another age typed in shows as a tag, and its close button takes it away again.
    await page.getByTestId('reminder-rule-age-input').locator('input').fill('85')
    await page.getByTestId('reminder-rule-age-add').click()
    const typed = page.getByTestId('reminder-rule-age-85')
    await typed.waitFor()
    await typed.locator('.el-tag__close').click()
    await typed.waitFor({ state: 'detached' })

    for (const n of [80, 90, 100]) await page.getByTestId(`reminder-rule-age-${n}`).click()
    await dialog.getByTestId('reminder-rule-schedule-monthly').click()
    await dialog.getByTestId('reminder-rule-recipients-author').click()
    assert.ok((await dialog.innerText()).includes(R.scheduleHint.monthly))
    assert.ok((await sideScroll(page)) <= 0, 'the rule form fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-reminder-rule.png`, fullPage: true })

    const created = answer(page, 'POST', (u) => u.pathname === '/api/v1/reminders/rules')
    await page.getByTestId('reminder-rule-submit').click()
    const res = await created
    assert.equal(res.status(), 201, `create answered ${res.status()}: ${await res.text()}`)
    assert.deepEqual(JSON.parse(res.request().postData()), {
      name,
      condition: 'birthday',
      ages: [80, 90, 100],
      schedule: 'monthly',
      subject,
      body,
      recipients: 'author',
    })
    const rule = await res.json()

    // Listed, in words.
    const row = page.locator(`[data-testid=reminder-rule-row][data-id="${rule.id}"]`)
    await row.waitFor()
    assert.equal(await row.getAttribute('data-active'), '1')
    assert.equal((await row.getByTestId('reminder-rule-name').innerText()).trim(), name)
    const words = await row.getByTestId('reminder-rule-words').innerText()
    for (const part of [fill(R.birthdayWords, { ages: '80/90/100' }), R.scheduleWords.monthly, R.recipientsWords.author]) {
      assert.ok(words.includes(part), `"${part}" in: ${words}`)
    }

    // 预览: the count the server gives, shown on the row.
    const previewed = answer(page, 'GET', (u) => u.pathname === `/api/v1/reminders/rules/${rule.id}/preview`)
    await row.getByTestId('reminder-rule-preview').click()
    const pres = await previewed
    assert.equal(pres.status(), 200, `preview answered ${pres.status()}: ${await pres.text()}`)
    const { matched } = await pres.json()
    assert.ok(Number.isInteger(matched) && matched >= 0, `matched: ${matched}`)
    const shown = row.getByTestId('reminder-rule-matched')
    await shown.waitFor()
    assert.equal(await shown.getAttribute('data-count'), String(matched))
    assert.equal((await shown.innerText()).trim(), fill(R.matched, { n: matched }))
    assert.ok((await sideScroll(page)) <= 0, 'the rules fit 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-reminder-rules.png`, fullPage: true })

    // Switch it off.
    const patched = answer(page, 'PATCH', (u) => u.pathname === `/api/v1/reminders/rules/${rule.id}`)
    await row.getByTestId('reminder-rule-active').click()
    const sres = await patched
    assert.equal(sres.status(), 200, `switch answered ${sres.status()}: ${await sres.text()}`)
    assert.deepEqual(JSON.parse(sres.request().postData()), { active: false })
    await page.locator(`[data-testid=reminder-rule-row][data-id="${rule.id}"][data-active="0"]`).waitFor()
    assert.equal(await row.getByTestId('reminder-rule-active').locator('input').getAttribute('aria-checked'), 'false')
    const admin = await apiAs(env.url, 'community_admin')
    const now = await must(admin.get('/api/v1/reminders/rules'), 200, 'rules')
    assert.equal(now.items.find((r) => r.id === rule.id)?.active, false, 'off on the server')
    assert.equal(now.items.find((r) => r.id === reportRule.id)?.active, true, 'the other rule is untouched')
  } finally {
    await context.close()
  }
})
