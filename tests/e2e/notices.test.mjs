// Mass notices (群发通知) and the inbox at phone width (polls shortened through __LINLI_POLL_MS__):
// (a) the community admin saves a smart report of the demo resident's grid (through the API),
//     composes a notice to that saved report, previews it (residents, SMS and in-app above 0),
//     sends it after a confirm naming the count, and watches the delivery report reach sent > 0
//     by itself; the notice is listed under 通知记录;
// (b) the demo resident (linked to a registry resident of that grid) sees the bell's unread
//     count, finds the notice in the inbox, opens it: it is read, and the bell counts one less;
// (c) notification settings: quiet hours chosen and saved are still there after a reload.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { answer, apiAs, must, navigate, phonePage, setup, SHOTS, sideScroll, uniq, until, zhCN } from './server.mjs'

let env
const POLL_MS = 400
const title = `停水通知（${uniq()}）`
const body = '因供水管道检修，明天上午8点至12点第一网格各楼暂停供水，请提前储水。行动不便的老人如需帮助，请联系网格员。'
let gridId // the demo resident's grid
let template // the saved smart report: every resident of that grid
let preview // the preview's answer
let notice // the notice sent in (a)

before(async () => {
  env = await setup()
  const resident = await apiAs(env.url, 'resident')
  const { user } = await must(resident.get('/api/v1/auth/me'), 200, 'resident me')
  assert.equal(user.scope?.kind, 'grid', 'the demo resident belongs to a grid')
  gridId = user.scope.id
  const admin = await apiAs(env.url, 'community_admin')
  const me = await must(admin.get('/api/v1/auth/me'), 200, 'admin me')
  assert.ok(me.user.permissions.includes('notices.send'), 'community_admin may send notices')
  template = await must(
    admin.post('/api/v1/reports/templates', { name: `第一网格全体居民（${uniq()}）`, filter: { grid_id: gridId } }),
    201,
    'save report',
  )
})
after(async () => {
  await env?.teardown()
})

const phone = (username) => phonePage(env, username, { pollMs: POLL_MS })

const bellCount = (page, n) => page.locator(`[data-testid=notification-bell][data-count="${n}"]`).waitFor({ timeout: 10000 })

test('(a) the community admin sends a notice to a saved report and follows its delivery', async () => {
  const { context, page } = await phone('community_admin')
  try {
    await navigate(page, 'nav-notice-new', '/notices/new')
    await page.getByTestId('notice-title').fill(title)
    await page.getByTestId('notice-body').fill(body)
    const counter = await page.locator('.el-textarea:has([data-testid=notice-body]) .el-input__count').innerText()
    assert.ok(counter.includes(`${[...body].length}`) && counter.includes('500'), `character counter: ${counter}`)
    // Urgent: not held back by quiet hours, so "sent" grows whatever the time of day.
    await page.getByTestId('notice-urgent').click()
    assert.equal(await page.getByTestId('notice-urgent').locator('input').getAttribute('aria-checked'), 'true')

    await page.getByTestId('notice-report').click()
    await page.getByTestId(`report-option-${template.id}`).click()

    const previewed = answer(page, 'POST', (u) => u.pathname === '/api/v1/notices/preview')
    await page.getByTestId('notice-preview-run').click()
    const pres = await previewed
    assert.equal(pres.status(), 200, `preview answered ${pres.status()}: ${await pres.text()}`)
    assert.deepEqual(JSON.parse(pres.request().postData()).audience, { report_id: template.id })
    preview = await pres.json()
    assert.ok(preview.residents > 0 && preview.sms > 0 && preview.in_app > 0, `preview: ${JSON.stringify(preview)}`)
    for (const k of ['residents', 'sms', 'in_app', 'without_phone']) {
      assert.equal(await page.getByTestId(`notice-preview-${k}`).getAttribute('data-count'), String(preview[k]), k)
    }
    assert.ok((await sideScroll(page)) <= 0, 'the composer fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-notice-compose.png`, fullPage: true })

    // Send: a confirm names the count first.
    await page.getByTestId('notice-send').click()
    const box = page.locator('.notice-send-box')
    await box.waitFor()
    const question = await box.innerText()
    assert.ok(question.includes(String(preview.residents)), `the confirm names the count: ${question}`)
    const sent = answer(page, 'POST', (u) => u.pathname === '/api/v1/notices')
    await box.locator('.el-message-box__btns .el-button--primary').click()
    const sres = await sent
    assert.equal(sres.status(), 201, `send answered ${sres.status()}: ${await sres.text()}`)
    const posted = JSON.parse(sres.request().postData())
    assert.deepEqual(posted, { title, body, audience: { report_id: template.id }, urgent: true })
    assert.ok(sres.request().headers()['idempotency-key'], 'a send carries an Idempotency-Key')
    notice = await sres.json()

    // The delivery report, refreshed by itself (no reload) until something is sent.
    await page.waitForURL((u) => u.pathname === `/notices/${notice.id}`)
    await page.getByTestId('notice-report').waitFor()
    await page.evaluate(() => {
      window.__sameDocument = true
    })
    assert.equal((await page.getByTestId('notice-title-text').innerText()).trim(), title)
    assert.equal((await page.getByTestId('notice-body-text').innerText()).trim(), body)
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=notice-progress]')?.getAttribute('data-sent') ?? 0) > 0,
      null,
      { timeout: 30000 },
    )
    assert.ok(await page.evaluate(() => window.__sameDocument === true), 'the report was not reloaded')
    const progress = page.getByTestId('notice-progress')
    assert.ok(Number(await progress.getAttribute('data-recipients')) > 0, 'recipients shown')
    const sentText = await page.getByTestId('notice-progress-sent').innerText()
    assert.ok(sentText.includes(zhCN.notices.progress.sent), `sent bar: ${sentText}`)

    // The visit list shows the households nobody can text (the server's list, one row each).
    const admin = await apiAs(env.url, 'community_admin')
    const visits = await must(admin.get(`/api/v1/notices/${notice.id}/visits`), 200, 'visits')
    if (visits.items.length) {
      await page.getByTestId('notice-visit').first().waitFor()
      assert.equal(await page.getByTestId('notice-visit').count(), visits.items.length)
    } else {
      await page.getByTestId('notice-visits-none').waitFor()
    }
    assert.ok((await sideScroll(page)) <= 0, 'the delivery report fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-notice-report.png`, fullPage: true })

    // 通知记录 lists it.
    await navigate(page, 'nav-notices', '/notices')
    const row = page.locator(`[data-testid=notice-row][data-id="${notice.id}"]`)
    await row.waitFor()
    assert.ok((await row.innerText()).includes(title))
  } finally {
    await context.close()
  }
})

test('(b) the resident sees the bell’s count, opens the notice in the inbox, and it is read', async () => {
  assert.ok(notice, 'test (a) sent no notice, so there is nothing to receive')
  const resident = await apiAs(env.url, 'resident')
  // In-app messages are never held: wait only for the outbox to reach the inbox.
  const message = await until(
    async () => {
      const inbox = await must(resident.get('/api/v1/notifications?unread=1&page_size=50'), 200, 'inbox')
      return inbox.items.find((n) => n.subject.includes(title) || n.body.includes(body))
    },
    { timeout: 20000, every: 200, what: 'the notice in the resident’s inbox' },
  )
  assert.equal(message.read_at, null)
  assert.equal(message.urgent, true)
  const { unread } = await must(resident.get('/api/v1/notifications/unread-count'), 200, 'unread count')
  assert.ok(unread >= 1)

  const { context, page } = await phone('resident')
  try {
    await bellCount(page, unread)
    const badge = await page.getByTestId('notification-bell-badge').locator('.el-badge__content').innerText()
    assert.equal(badge.trim(), unread > 99 ? '99+' : String(unread))
    assert.ok((await sideScroll(page)) <= 0, 'the header with the bell fits 390 px')

    await page.getByTestId('notification-bell').click()
    await page.waitForURL((u) => u.pathname === '/notifications')
    const row = page.locator(`[data-testid=notification-row][data-id="${message.id}"]`)
    await row.waitFor()
    assert.equal(await row.getAttribute('data-read'), '0', 'unread ones are marked')
    assert.equal(await row.getAttribute('data-urgent'), '1')
    assert.ok((await row.innerText()).includes(message.subject))
    assert.ok((await sideScroll(page)) <= 0, 'the inbox fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-inbox.png`, fullPage: true })

    const read = answer(page, 'POST', (u) => u.pathname === `/api/v1/notifications/${message.id}/read`)
    await row.click()
    const rres = await read
    assert.equal(rres.status(), 204, `read answered ${rres.status()}`)
    await bellCount(page, unread - 1)
    // A message with a link opens that page; back in the inbox (through the bell) it shows read.
    if (message.link) {
      await page.waitForURL((u) => u.pathname !== '/notifications')
      await page.getByTestId('notification-bell').click()
      await page.waitForURL((u) => u.pathname === '/notifications')
    }
    await page.locator(`[data-testid=notification-row][data-id="${message.id}"][data-read="1"]`).waitFor()

    const later = await must(resident.get('/api/v1/notifications?unread=1&page_size=50'), 200, 'inbox after')
    assert.ok(!later.items.some((n) => n.id === message.id), 'no longer unread on the server')
    assert.equal(later.unread, unread - 1)
  } finally {
    await context.close()
  }
})

test('(c) quiet hours chosen in the notification settings are still there after a reload', async () => {
  const resident = await apiAs(env.url, 'resident')
  const prev = await must(resident.get('/api/v1/notifications/preferences'), 200, 'preferences')
  const start = prev.quiet_start === '21:30' ? '20:30' : '21:30'
  const end = prev.quiet_end === '06:30' ? '05:30' : '06:30'

  const { context, page } = await phone('resident')
  try {
    await page.getByTestId('notification-bell').click()
    await page.waitForURL((u) => u.pathname === '/notifications')
    await page.getByTestId('notifications-preferences-link').click()
    await page.waitForURL((u) => u.pathname === '/notifications/preferences')
    await page.locator(`[data-testid=prefs-quiet][data-start="${prev.quiet_start}"][data-end="${prev.quiet_end}"]`).waitFor()

    const pick = async (which, time) => {
      await page.getByTestId(`prefs-quiet-${which}`).click()
      await page.locator(`.quiet-${which}-popper .el-select-dropdown__item`).filter({ hasText: new RegExp(`^\\s*${time}\\s*$`) }).click()
    }
    await pick('start', start)
    await pick('end', end)
    const hint = await page.getByTestId('prefs-quiet-hint').innerText()
    assert.equal(hint.trim(), zhCN.notificationPrefs.quietHint.replace('{start}', start).replace('{end}', end))
    assert.ok((await sideScroll(page)) <= 0, 'the settings fit 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-notification-prefs.png`, fullPage: true })

    const saved = answer(page, 'PUT', (u) => u.pathname === '/api/v1/notifications/preferences')
    await page.getByTestId('prefs-save').click()
    const res = await saved
    assert.equal(res.status(), 200, `save answered ${res.status()}: ${await res.text()}`)
    const sentBody = JSON.parse(res.request().postData())
    assert.equal(sentBody.quiet_start, start)
    assert.equal(sentBody.quiet_end, end)
    assert.equal(sentBody.sms, prev.sms, 'the switches are sent as they were')
    assert.equal(sentBody.email, prev.email)
    assert.ok(!('phone' in sentBody), 'no phone sent when none was typed')
    await page.locator('.el-message--success', { hasText: zhCN.common.saved }).first().waitFor()

    await page.reload()
    await page.locator(`[data-testid=prefs-quiet][data-start="${start}"][data-end="${end}"]`).waitFor()
    assert.ok((await page.getByTestId('prefs-quiet-start').innerText()).includes(start))
    assert.ok((await page.getByTestId('prefs-quiet-end').innerText()).includes(end))
    const now = await must(resident.get('/api/v1/notifications/preferences'), 200, 'preferences after')
    assert.equal(now.quiet_start, start)
    assert.equal(now.quiet_end, end)
  } finally {
    await context.close()
  }
})
