// A one-off visit from a resident's page at phone width (390 px): the grid worker opens 居民档案,
// finds a resident no visit rule selects, taps 记录走访, records a visit with a concern (发现问题,
// description and category), and sees it at the top of the resident's visit history with the
// request it filed; the server has both. The taps it took are printed.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { answer, apiAs, must, navigate, phonePage, setup, SHOTS, sideScroll, uniq, zhCN } from './server.mjs'

let env
let worker
let someone // a resident of the worker's grid that no visit rule selects
const notes = `路过看望，老人在家看电视。（${uniq()}）`
const concern = `阳台晾衣架松动，有掉落危险。（${uniq()}）`

before(async () => {
  env = await setup()
  worker = await apiAs(env.url, 'grid_worker')
  const due = await must(worker.get('/api/v1/visits/due?page_size=200'), 200, 'due list')
  const onList = new Set(due.items.map((d) => d.resident_id))
  const people = await must(worker.get('/api/v1/registry/residents?page_size=200'), 200, 'residents of the grid')
  someone = people.items.find((r) => !onList.has(r.id) && r.status === 'active')
  assert.ok(someone, 'a resident no rule selects')
})
after(async () => {
  await env?.teardown()
})

test('a resident\'s page records a one-off visit with a concern; the history shows it', async () => {
  const { context, page } = await phonePage(env, 'grid_worker')
  let taps = 0
  let typed = 0
  const tap = async (testid) => {
    await page.getByTestId(testid).click()
    taps++
  }
  const type = async (testid, text) => {
    await page.getByTestId(testid).fill(text)
    typed++
  }
  try {
    await navigate(page, 'nav-residents', '/registry/residents')
    taps += 2
    await type('residents-search', someone.name)
    const searched = answer(page, 'GET', (u) => u.pathname === '/api/v1/registry/residents' && u.searchParams.get('q') === someone.name)
    await tap('residents-search-submit')
    assert.equal((await searched).status(), 200)
    await page.locator(`[data-testid=resident-row]`).filter({ hasText: someone.name }).first().click()
    taps++
    await page.waitForURL((u) => u.pathname === `/registry/residents/${someone.id}`)

    const record = page.getByTestId('resident-visit-record')
    await record.waitFor()
    const box = await record.boundingBox()
    assert.ok(box.width >= 44 && box.height >= 44, `记录走访 is a 44 px tap target: ${JSON.stringify(box)}`)
    assert.equal((await record.innerText()).trim(), zhCN.visits.recordTitle)
    await page.getByTestId('resident-visits').getByTestId('visit-history').waitFor()
    assert.equal(await page.getByTestId('resident-visits').getByTestId('visit-history-row').count(), 0, 'never visited')

    await tap('resident-visit-record')
    const dialog = page.getByTestId('resident-visit-dialog')
    await dialog.getByTestId('visit-form').waitFor()
    assert.ok((await dialog.innerText()).includes(zhCN.visits.recordFor.replace('{name}', someone.name)))
    await type('visit-notes', notes)
    await tap('visit-concern')
    await type('visit-concern-description', concern)
    await tap('visit-concern-category-class')
    await tap('category-class-SQ')
    await tap('visit-concern-category-sub')
    await tap('category-option-SQ-WX')
    assert.ok((await sideScroll(page)) <= 0, 'the visit form fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-resident-visit-form.png`, fullPage: true })

    const saved = answer(page, 'POST', (u) => u.pathname === '/api/v1/visits')
    const reloaded = answer(page, 'GET', (u) => u.pathname === '/api/v1/visits' && u.searchParams.get('resident_id') === someone.id)
    await tap('visit-submit')
    const res = await saved
    assert.equal(res.status(), 201, `record answered ${res.status()}: ${await res.text()}`)
    const posted = JSON.parse(res.request().postData())
    assert.deepEqual([posted.resident_id, posted.outcome, posted.notes, posted.concern], [someone.id, 'met', notes, { description: concern, category: 'SQ-WX' }])
    const visit = await res.json()
    assert.ok(visit.request?.number, `the concern filed a request: ${JSON.stringify(visit)}`)
    assert.equal((await reloaded).status(), 200)

    await dialog.waitFor({ state: 'hidden' })
    const row = page.getByTestId('resident-visits').getByTestId('visit-history-row').first()
    await row.waitFor()
    assert.equal(await row.getAttribute('data-id'), visit.id)
    const text = await row.innerText()
    assert.ok(text.includes(notes) && text.includes(zhCN.visits.outcome.met), `history: ${text}`)
    const link = row.getByTestId('visit-history-request')
    assert.ok((await link.innerText()).includes(visit.request.number))
    assert.equal(await link.getAttribute('href'), `/requests/${visit.request.id}`)
    assert.ok((await sideScroll(page)) <= 0, 'the resident page fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-resident-visit-saved.png`, fullPage: true })

    const history = await must(worker.get(`/api/v1/visits?resident_id=${someone.id}`), 200, 'history')
    assert.deepEqual(history.items.map((v) => v.id), [visit.id])
    const request = await must(worker.get(`/api/v1/requests/${visit.request.id}`), 200, 'the filed request')
    assert.ok(request.description.includes(concern))
    console.log(`record a one-off visit with a concern from a resident's page: ${taps} taps, ${typed} fields typed (search, notes, concern)`)
  } finally {
    await context.close()
  }
})
