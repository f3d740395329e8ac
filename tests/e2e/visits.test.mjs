// Visits (走访) at phone width:
// (a) the community admin makes a visit rule through the API (every 7 days, residents with a
//     special-group tag the demo residents of the grid worker's grid have); the grid worker opens
//     走访, sees the covered residents on the due list (overdue first), taps one, records a visit
//     with a concern (description and category), sees the number of the request it filed, finds
//     the visit in the history, and back on the list the resident is due again every_days after
//     today's visit; the grid worker has no 规则 tab;
// (b) the community admin builds a rule in the 规则 tab (every month, 80+ and living alone) and
//     pauses it with its switch;
// (c) 久未走访 with a days input lists what the server answers, without the resident visited today.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { addDays, answer, apiAs, localDate, must, navigate, phonePage, setup, SHOTS, sideScroll, uniq, zhCN } from './server.mjs'

let env
let worker // grid_worker's API client
let admin // community_admin's API client
let gridId // the grid worker's grid
let tag // a special group some residents of that grid belong to
let rule // the rule made through the API
let covered // ids of the grid's residents the rule covers
let visited // { resident_id, visited_on } recorded in (a)
const CATEGORY = 'SQ-WX' // 房屋维修, class SQ 社区需求
const notes = `老人精神不错，子女每周来一次。（${uniq()}）`
const concern = `卫生间地面湿滑，老人起夜不方便，需要加装扶手。（${uniq()}）`

/** The server's today (its local date, +08:00), not this machine's. */
const today = async () => localDate(await env.clockNow())

before(async () => {
  env = await setup()
  worker = await apiAs(env.url, 'grid_worker')
  const { user } = await must(worker.get('/api/v1/auth/me'), 200, 'grid worker me')
  assert.equal(user.scope?.kind, 'grid', 'the demo grid worker has a grid')
  assert.ok(!user.permissions.includes('visits.rules'), 'the grid worker does not plan visits')
  gridId = user.scope.id

  // A tag some residents of the grid have (the rarest, so the list stays short).
  const groups = await must(
    worker.post('/api/v1/reports/query', { filter: { grid_id: gridId }, group_by: ['tag'], page_size: 1 }),
    200,
    'tags of the grid',
  )
  const tags = (groups.groups?.tag ?? []).filter((g) => g.count > 0).sort((a, b) => a.count - b.count)
  assert.ok(tags.length, `the demo grid has residents in special groups: ${JSON.stringify(groups.groups)}`)
  tag = tags[0].key
  const people = await must(
    worker.post('/api/v1/reports/query', { filter: { grid_id: gridId, tags_any: [tag] }, page_size: 200 }),
    200,
    'residents with the tag',
  )
  covered = people.items.map((r) => r.id)
  assert.ok(covered.length > 0)

  admin = await apiAs(env.url, 'community_admin')
  const me = await must(admin.get('/api/v1/auth/me'), 200, 'admin me')
  assert.ok(me.user.permissions.includes('visits.rules'), 'community_admin plans visits')
  const body = { name: `${zhCN.vocab.tags[tag] ?? tag}：每周（${uniq()}）`, filter: { tags_any: [tag] }, every_days: 7 }
  rule = await must(admin.post('/api/v1/visits/rules', body), 201, 'create a visit rule')
  assert.ok(rule.id, 'the rule has an id')
  assert.equal(rule.name, body.name)
  assert.deepEqual(rule.filter, body.filter)
  assert.equal(rule.every_days, 7)
  assert.equal(rule.active, true, 'a new rule is active')
})
after(async () => {
  await env?.teardown()
})

/** Opens 走访 through the drawer and returns the due list the page was given. */
async function openVisits(page) {
  const due = answer(page, 'GET', (u) => u.pathname === '/api/v1/visits/due')
  await navigate(page, 'nav-visits', '/visits')
  const res = await due
  assert.equal(res.status(), 200, `due list answered ${res.status()}: ${await res.text()}`)
  return (await res.json()).items
}

test('(a) the grid worker records a visit with a concern; the request is filed and the resident moves on', async () => {
  const { context, page } = await phonePage(env, 'grid_worker')
  try {
    const items = await openVisits(page)
    for (const id of covered) {
      const item = items.find((v) => v.resident_id === id)
      assert.ok(item, `resident ${id} (${tag}) is on the due list: ${JSON.stringify(items.map((v) => v.resident_id))}`)
      assert.ok(item.rules.includes(rule.name), `the card names the rule: ${JSON.stringify(item.rules)}`)
    }

    // Every card the server gave, overdue ones first.
    await page.getByTestId('visit-due-row').first().waitFor()
    assert.equal(await page.getByTestId('visits-tab-rules').count(), 0, 'no 规则 tab for the grid worker')
    assert.equal(await page.getByTestId('visit-due-row').count(), items.length)
    const flags = await page.getByTestId('visit-due-row').evaluateAll((els) => els.map((e) => e.dataset.overdue))
    assert.deepEqual(flags, [...flags].sort().reverse(), `overdue first: ${flags.join('')}`)

    const target = items.find((v) => v.resident_id === covered[0])
    const card = page.locator(`[data-testid=visit-due-row][data-resident="${target.resident_id}"]`)
    const text = await card.innerText()
    assert.ok(text.includes(target.name) && text.includes(rule.name), `card: ${text}`)
    assert.equal(await card.getAttribute('data-due'), target.due_on)
    const box = await card.boundingBox()
    assert.ok(box.height >= 56 && box.width >= 300, `a big tap target: ${JSON.stringify(box)}`)
    assert.ok((await sideScroll(page)) <= 0, 'the due list fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-visits-due.png`, fullPage: true })

    // The record form: met, notes, a concern with a category.
    await card.click()
    await page.waitForURL((u) => u.pathname === `/visits/residents/${target.resident_id}`)
    assert.equal((await page.getByTestId('visit-resident-name').innerText()).trim(), target.name)
    await page.getByTestId('visit-outcome-met').click()
    await page.getByTestId('visit-notes').fill(notes)
    await page.getByTestId('visit-concern').click()
    await page.getByTestId('visit-concern-description').fill(concern)
    await page.getByTestId('visit-concern-category-class').click()
    await page.getByTestId('category-class-SQ').click()
    await page.getByTestId('visit-concern-category-sub').click()
    await page.getByTestId(`category-option-${CATEGORY}`).click()
    assert.ok((await sideScroll(page)) <= 0, 'the record form fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-visit-form.png`, fullPage: true })

    const saved = answer(page, 'POST', (u) => u.pathname === '/api/v1/visits')
    await page.getByTestId('visit-submit').click()
    const res = await saved
    assert.equal(res.status(), 201, `record answered ${res.status()}: ${await res.text()}`)
    const posted = JSON.parse(res.request().postData())
    assert.equal(posted.resident_id, target.resident_id)
    assert.equal(posted.visited_on, await today(), 'today by default')
    assert.equal(posted.outcome, 'met')
    assert.equal(posted.notes, notes)
    assert.deepEqual(posted.concern, { description: concern, category: CATEGORY })
    const visit = await res.json()
    assert.ok(visit.request?.id && visit.request?.number, `a concern files a request: ${JSON.stringify(visit)}`)
    visited = { resident_id: target.resident_id, visited_on: posted.visited_on }

    // The number of the filed request, linking to it.
    const link = page.getByTestId('visit-request-link')
    await link.waitFor()
    assert.equal((await link.innerText()).trim(), visit.request.number)
    assert.equal(await link.getAttribute('href'), `/requests/${visit.request.id}`)
    const request = await must(worker.get(`/api/v1/requests/${visit.request.id}`), 200, 'the filed request')
    assert.equal(request.number, visit.request.number)
    assert.ok(request.description.includes(concern), `request description: ${request.description}`)
    assert.equal(request.category, CATEGORY)

    // The history shows the visit (newest first) with the request.
    const row = page.getByTestId('visit-history-row').first()
    await row.locator('[data-testid=visit-history-request]').waitFor()
    const rowText = await row.innerText()
    assert.ok(rowText.includes(posted.visited_on) && rowText.includes(notes), `history: ${rowText}`)
    assert.ok(rowText.includes(zhCN.visits.outcome.met))
    assert.ok((await sideScroll(page)) <= 0, 'the saved visit fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-visit-saved.png`, fullPage: true })

    // Back on the list: due again every_days after today's visit (the rule still covers them).
    const again = answer(page, 'GET', (u) => u.pathname === '/api/v1/visits/due')
    await page.getByTestId('visit-back').click()
    await page.waitForURL((u) => u.pathname === '/visits')
    const later = (await (await again).json()).items
    const moved = later.find((v) => v.resident_id === target.resident_id)
    assert.ok(moved, `the visited resident stays on the list, due later: ${JSON.stringify(later.map((v) => v.resident_id))}`)
    assert.equal(moved.last_visit, posted.visited_on)
    assert.ok(moved.every_days >= 1 && moved.every_days <= rule.every_days, `the most frequent rule: ${moved.every_days}`)
    assert.equal(moved.due_on, addDays(posted.visited_on, moved.every_days), `next due: ${JSON.stringify(moved)}`)
    assert.equal(moved.overdue, false)
    const cardNow = page.locator(`[data-testid=visit-due-row][data-resident="${target.resident_id}"]`)
    await cardNow.and(page.locator(`[data-due="${moved.due_on}"]`)).waitFor()
    assert.ok((await cardNow.innerText()).includes(zhCN.visits.lastVisit.replace('{date}', posted.visited_on)))
  } finally {
    await context.close()
  }
})

test('(b) the community admin builds a rule in the 规则 tab and pauses it', async () => {
  const { context, page } = await phonePage(env, 'community_admin')
  const name = `独居且80岁以上：每月（${uniq()}）`
  try {
    await navigate(page, 'nav-visits', '/visits')
    const listed = answer(page, 'GET', (u) => u.pathname === '/api/v1/visits/rules')
    await page.getByTestId('visits-tab-rules').click()
    assert.equal((await listed).status(), 200)
    const apiRow = page.locator(`[data-testid=visit-rule-row][data-id="${rule.id}"]`)
    await apiRow.waitFor()
    assert.equal((await apiRow.getByTestId('visit-rule-name').innerText()).trim(), rule.name)
    assert.equal(await apiRow.getAttribute('data-active'), '1')

    await page.getByTestId('visit-rule-create').click()
    await page.getByTestId('rule-name').fill(name)
    await page.getByTestId('rule-every-30').click()
    await page.getByTestId('rule-age-80').click()
    await page.getByTestId('rule-living-alone').click()
    const summary = await page.getByTestId('rule-filter-summary').innerText()
    assert.ok(summary.includes(zhCN.report.agePlus.replace('{n}', '80')) && summary.includes(zhCN.report.livingAloneShort), `summary: ${summary}`)
    assert.ok((await sideScroll(page)) <= 0, 'the rule form fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-visit-rule.png`, fullPage: true })

    const created = answer(page, 'POST', (u) => u.pathname === '/api/v1/visits/rules')
    await page.getByTestId('rule-submit').click()
    const res = await created
    assert.equal(res.status(), 201, `create answered ${res.status()}: ${await res.text()}`)
    assert.deepEqual(JSON.parse(res.request().postData()), { name, filter: { age_min: 80, living_alone: true }, every_days: 30 })
    const made = await res.json()
    const row = page.locator(`[data-testid=visit-rule-row][data-id="${made.id}"]`)
    await row.waitFor()
    assert.equal(await row.getAttribute('data-active'), '1')

    // Pause it.
    const patched = answer(page, 'PATCH', (u) => u.pathname === `/api/v1/visits/rules/${made.id}`)
    await row.getByTestId('visit-rule-active').click()
    const pres = await patched
    assert.equal(pres.status(), 200, `pause answered ${pres.status()}: ${await pres.text()}`)
    assert.deepEqual(JSON.parse(pres.request().postData()), { active: false })
    await page.locator(`[data-testid=visit-rule-row][data-id="${made.id}"][data-active="0"]`).waitFor()
    assert.equal(await row.getByTestId('visit-rule-active').locator('input').getAttribute('aria-checked'), 'false')
    const now = await must(admin.get('/api/v1/visits/rules'), 200, 'rules')
    assert.equal(now.items.find((r) => r.id === made.id)?.active, false, 'paused on the server')
    assert.equal(now.items.find((r) => r.id === rule.id)?.active, true, 'the other rule is untouched')
  } finally {
    await context.close()
  }
})

test('(c) 久未走访 lists what the server answers for the days given', async () => {
  assert.ok(visited, 'test (a) recorded no visit')
  const { context, page } = await phonePage(env, 'grid_worker')
  try {
    await openVisits(page)
    const first = answer(page, 'GET', (u) => u.pathname === '/api/v1/visits/stale')
    await page.getByTestId('visits-tab-stale').click()
    assert.equal((await first).status(), 200)

    const asked = answer(page, 'GET', (u) => u.pathname === '/api/v1/visits/stale' && u.searchParams.get('days') === '5')
    const input = page.getByTestId('visits-stale-days').locator('input')
    await input.fill('5')
    await input.press('Enter')
    const res = await asked
    assert.equal(res.status(), 200, `stale answered ${res.status()}: ${await res.text()}`)
    const { items, total } = await res.json()
    assert.ok(items.length <= total && items.length <= 50, `one page of ${total}: ${items.length}`)
    assert.ok(!items.some((s) => s.resident_id === visited.resident_id), 'visited today: not stale')
    await page.locator(`[data-testid=visits-stale-summary][data-count="${total}"]`).waitFor()
    assert.equal(await page.getByTestId('visit-stale-row').count(), items.length)
    for (const s of items.slice(0, 5)) {
      const text = await page.locator(`[data-testid=visit-stale-row][data-resident="${s.resident_id}"]`).innerText()
      assert.ok(text.includes(s.name), `stale row: ${text}`)
    }
    assert.ok((await sideScroll(page)) <= 0, 'the stale list fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-visits-stale.png`, fullPage: true })
  } finally {
    await context.close()
  }
})
