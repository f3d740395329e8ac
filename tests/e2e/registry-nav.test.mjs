// Registry and report pages in the sidebar follow the permissions; life events on a resident.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, idNumber, loginUI, must, setup, uniq } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

const ENTRIES = ['nav-residents', 'nav-buildings', 'nav-assets', 'nav-import', 'nav-reports']
const WANT = {
  street_admin: ENTRIES,
  community_staff: ENTRIES,
  grid_worker: ['nav-residents', 'nav-buildings', 'nav-assets', 'nav-reports'],
  volunteer: [],
  resident: [],
}

test('registry sidebar per role; a page without the permission answers 403', async () => {
  for (const [username, want] of Object.entries(WANT)) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    try {
      await loginUI(page, env.url, username)
      await page.getByTestId('nav-home').waitFor()
      for (const e of ENTRIES) {
        assert.equal(await page.getByTestId(e).count(), want.includes(e) ? 1 : 0, `${username}: ${e}`)
      }
      if (!want.includes('nav-import')) {
        await page.goto(`${env.url}/registry/import`)
        await page.waitForURL((u) => u.pathname === '/403')
      }
    } finally {
      await context.close()
    }
  }
})

test('life event: a resident moves to another household, the history shows it', async () => {
  const u = uniq()
  const admin = await apiAs(env.url, 'community_admin')
  const b = await must(admin.post('/api/v1/registry/buildings', { grid_id: '1', name: `E2E迁移${u}号楼`, address: `和平路${u}号` }), 201, 'building')
  const h1 = await must(admin.post('/api/v1/registry/households', { building_id: b.id, unit: '1', room: '101' }), 201, 'h1')
  const h2 = await must(admin.post('/api/v1/registry/households', { building_id: b.id, unit: '1', room: '102' }), 201, 'h2')
  const r = await must(admin.post('/api/v1/registry/residents', { household_id: h1.id, name: `郑国华${u}`, id_number: idNumber('330106', '19600101', 15) }), 201, 'resident')
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_staff')
    await page.goto(`${env.url}/registry/residents/${r.id}`)
    await page.getByTestId('resident-event').click()
    await page.getByTestId('event-kind-moved').click()
    await page.getByTestId('event-form-building').click()
    await page.getByTestId('event-form-building').locator('input').fill(`E2E迁移${u}`)
    await page.getByTestId(`building-option-${b.id}`).click()
    await page.getByTestId('event-form-household').click()
    await page.getByTestId(`household-option-${h2.id}`).click()
    const sent = page.waitForResponse((res) => res.url().endsWith(`/residents/${r.id}/events`))
    await page.getByTestId('event-form-submit').click()
    const res = await sent
    assert.equal(res.status(), 200, `event answered ${res.status()}: ${await res.text()}`)
    const body = JSON.parse(res.request().postData())
    assert.equal(body.kind, 'moved')
    assert.equal(body.household_id, h2.id)
    assert.match(body.date, /^\d{4}-\d{2}-\d{2}$/)
    await page.locator('[data-testid=history-item][data-kind=moved]').waitFor()
    assert.ok((await page.getByTestId('resident-household-link').innerText()).includes('102'))
    assert.ok((await page.locator('[data-testid=history-item][data-kind=moved]').innerText()).includes('户内迁移'))
  } finally {
    await context.close()
  }
})
