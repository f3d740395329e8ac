// Residents (居民档案) at phone width: search by name and by phone last 4; a grid worker sees
// only their own grid. Household page: adding a resident shows the server's field error
// (wrong ID check digit) next to the ID number field, then a valid one joins the members.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, badCheck, idNumber, loginUI, must, PHONE, setup, SHOTS, sideScroll, uniq, menuEntry } from './server.mjs'

let env
const u = uniq()
const own = { name: `林秀英${u}`, phone: `139${u.slice(-4)}${String(Math.floor(Math.random() * 9000) + 1000)}` }
const other = { name: `赵桂兰${u}`, phone: `137${u.slice(-4)}5678` }
let householdId
before(async () => {
  env = await setup()
  const admin = await apiAs(env.url, 'community_admin')
  // grid 1 = 和平社区第一网格 (the grid_worker's), grid 2 = 和平社区第二网格.
  const b1 = await must(admin.post('/api/v1/registry/buildings', { grid_id: '1', name: `E2E-${u}-1号楼`, address: `和平路${u}号` }), 201, 'building 1')
  const b2 = await must(admin.post('/api/v1/registry/buildings', { grid_id: '2', name: `E2E-${u}-2号楼`, address: `友爱路${u}号` }), 201, 'building 2')
  const h1 = await must(admin.post('/api/v1/registry/households', { building_id: b1.id, unit: '1', room: '101' }), 201, 'household 1')
  const h2 = await must(admin.post('/api/v1/registry/households', { building_id: b2.id, unit: '2', room: '202' }), 201, 'household 2')
  householdId = h1.id
  await must(admin.post('/api/v1/registry/residents', {
    household_id: h1.id, name: own.name, id_number: idNumber('330106', '19400312', 21), phone: own.phone,
    relation: 'householder', residence_status: 'registered', tags: ['advanced_age', 'living_alone'],
  }), 201, 'own resident')
  await must(admin.post('/api/v1/registry/residents', {
    household_id: h2.id, name: other.name, id_number: idNumber('330106', '19520708', 42), phone: other.phone,
  }), 201, 'other resident')
})
after(async () => {
  await env?.teardown()
})

const cardNames = (page) => page.getByTestId('resident-row').getByTestId('resident-cell-name').allInnerTexts()

/**
 * Fills the search, submits it and waits until the list shows the server's answer (the same
 * names in the same order, or the empty state); resolves with the names the server answered.
 */
async function searchWith(page, fill) {
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/registry/residents?') && r.request().method() === 'GET')
  await fill()
  await page.getByTestId('residents-search-submit').click()
  const res = await answered
  assert.equal(res.status(), 200)
  const names = (await res.json()).items.map((r) => r.name)
  if (names.length === 0) await page.getByTestId('residents-list').getByText('没有找到居民').waitFor()
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('[data-testid=resident-row] [data-testid=resident-cell-name]')].map((e) => e.textContent.trim())
      return JSON.stringify(got) === JSON.stringify(want)
    },
    names,
    { polling: 50, timeout: 10000 },
  )
  return names
}

test('residents: grid worker searches by name and phone last 4 at phone width, sees only their grid', async () => {
  const context = await env.browser.newContext(PHONE)
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'grid_worker')
    await (await menuEntry(page, 'nav-residents')).click()
    await page.waitForURL((url) => url.pathname === '/registry/residents')
    await page.getByTestId('residents-list').waitFor()

    // By name.
    assert.deepEqual(await searchWith(page, () => page.getByTestId('residents-search').fill(own.name)), [own.name])
    assert.deepEqual(await cardNames(page), [own.name])
    const card = page.getByTestId('resident-row').first()
    const text = await card.innerText()
    assert.ok(text.includes('高龄') && text.includes('独居'), `tags are localized chips: ${text}`)
    assert.ok(text.includes(`*${own.phone.slice(-4)}`), `phone is masked: ${text}`)
    assert.ok(!text.includes(own.phone), 'full phone never shown in the list')
    assert.ok(text.includes('和平社区第一网格'))
    assert.ok((await sideScroll(page)) <= 0, 'no sideways scrolling at 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-residents.png` })

    // By phone last 4 (name cleared).
    await searchWith(page, async () => {
      await page.getByTestId('residents-search').fill('')
      await page.getByTestId('residents-phone-last4').fill(own.phone.slice(-4))
    })
    const names = await cardNames(page)
    assert.ok(names.includes(own.name), `phone last 4 finds ${own.name} (got ${names.join(', ')})`)
    for (const row of await page.getByTestId('resident-row').allInnerTexts()) {
      assert.ok(row.includes(`*${own.phone.slice(-4)}`), `every hit ends in the last 4: ${row}`)
    }

    // Another grid's resident: neither by name nor by phone.
    assert.deepEqual(
      await searchWith(page, async () => {
        await page.getByTestId('residents-phone-last4').fill('')
        await page.getByTestId('residents-search').fill(other.name)
      }),
      [],
      'the server finds nobody of that name for the grid 1 worker',
    )
    assert.equal(await page.getByTestId('resident-row').count(), 0, 'grid 2 resident is hidden from the grid 1 worker')
    const byPhone = await searchWith(page, async () => {
      await page.getByTestId('residents-search').fill('')
      await page.getByTestId('residents-phone-last4').fill(other.phone.slice(-4))
    })
    assert.ok(!byPhone.includes(other.name), `not found by phone either: ${byPhone.join(', ')}`)
    assert.ok(!(await cardNames(page)).includes(other.name))

    // Opening a card shows the record.
    await searchWith(page, async () => {
      await page.getByTestId('residents-phone-last4').fill('')
      await page.getByTestId('residents-search').fill(own.name)
    })
    await page.getByTestId('resident-row').first().click()
    await page.waitForURL((url) => /^\/registry\/residents\/\d+$/.test(url.pathname))
    assert.equal((await page.getByTestId('resident-name').innerText()).trim(), own.name)
    await page.getByTestId('history-item').first().waitFor()
    assert.ok((await sideScroll(page)) <= 0, 'detail page fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-resident.png`, fullPage: true })
  } finally {
    await context.close()
  }
})

test('residents: community admin also sees the other grid; the API agrees with the grid scope', async () => {
  const gw = await apiAs(env.url, 'grid_worker')
  const r = await must(gw.get(`/api/v1/registry/residents?q=${encodeURIComponent(other.name)}`), 200, 'grid_worker search')
  assert.equal(r.total, 0)
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_admin')
    await page.goto(`${env.url}/registry/residents?q=${encodeURIComponent(String(u))}`)
    await page.getByTestId('residents-table').getByTestId('resident-cell-name').first().waitFor()
    const names = await page.getByTestId('residents-table').getByTestId('resident-cell-name').allInnerTexts()
    assert.ok(names.includes(own.name) && names.includes(other.name), `community admin sees both (got ${names.join(', ')})`)
  } finally {
    await context.close()
  }
})

test('household: adding a resident with a wrong ID check digit shows the error at the field', async () => {
  const context = await env.browser.newContext(PHONE)
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_staff')
    await page.goto(`${env.url}/registry/households/${householdId}`)
    await page.getByTestId('member-row').first().waitFor()
    await page.getByTestId('household-add-resident').click()
    await page.getByTestId('resident-form-name').waitFor({ state: 'visible' })
    const good = idNumber('330106', '19880406', 63)
    const name = `林小军${u}`
    await page.getByTestId('resident-form-name').fill(name)
    await page.getByTestId('resident-form-id-number').fill(badCheck(good))
    await page.getByTestId('resident-form-phone').fill('13600001111')
    const first = page.waitForResponse((r) => r.url().endsWith('/api/v1/registry/residents') && r.request().method() === 'POST')
    await page.getByTestId('resident-form-submit').click()
    const res = await first
    assert.equal(res.status(), 400)
    assert.equal((await res.json()).error.field, 'id_number')
    const errItem = page.getByTestId('resident-dialog').locator('.el-form-item.is-error')
    await errItem.first().waitFor()
    const errText = await errItem.first().innerText()
    assert.ok(errText.includes('身份证号'), `the ID number field carries the error: ${errText}`)
    await page.getByTestId('resident-dialog').screenshot({ path: `${SHOTS}/linli-phone-resident-id-error.png` })

    await page.getByTestId('resident-form-id-number').fill(good)
    await page.getByTestId('resident-form-tag-party_member').click()
    const second = page.waitForResponse((r) => r.url().endsWith('/api/v1/registry/residents') && r.request().method() === 'POST')
    await page.getByTestId('resident-form-submit').click()
    assert.equal((await second).status(), 201)
    await page.getByTestId('resident-dialog').waitFor({ state: 'hidden' })
    await page.getByTestId('member-name').filter({ hasText: name }).waitFor()
    const row = await page.getByTestId('member-row').filter({ hasText: name }).innerText()
    assert.ok(row.includes('党员') && row.includes('男'), `new member with tag and sex from the ID: ${row}`)
  } finally {
    await context.close()
  }
})
