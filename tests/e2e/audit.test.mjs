// The audit page lists logins, newest first, and filters by actor.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { loginAPI, loginUI, setup } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

const actorsShown = (page) =>
  page.getByTestId('audit-table').getByTestId('audit-cell-actor').allInnerTexts()

test('audit: street_admin sees login entries and filters by actor', async () => {
  for (const u of ['community_staff', 'grid_worker', 'volunteer', 'resident']) {
    const res = await loginAPI(env.url, u)
    assert.equal(res.status, 200, `login ${u}`)
  }
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'street_admin')
    await page.getByTestId('nav-audit').click()
    await page.waitForURL((u) => u.pathname === '/audit')
    const table = page.getByTestId('audit-table')
    await table.getByTestId('audit-cell-actor').first().waitFor()

    const actors = (await actorsShown(page)).map((s) => s.trim())
    for (const u of ['community_staff', 'grid_worker', 'volunteer', 'resident', 'street_admin']) {
      assert.ok(actors.includes(u), `audit lists ${u} (got ${actors.join(', ')})`)
    }
    const actions = await table.getByTestId('audit-cell-action').evaluateAll((els) => els.map((e) => e.dataset.action))
    assert.ok(actions.some((a) => /login/.test(a)), `some entry is a login (got ${actions.join(', ')})`)
    // Newest first: street_admin signed in last.
    assert.equal(actors[0], 'street_admin')

    // Filter by actor.
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/audit') && r.url().includes('actor=grid_worker'))
    await page.getByTestId('audit-actor').fill('grid_worker')
    await page.getByTestId('audit-search').click()
    await filtered
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid=audit-table] [data-testid=audit-cell-actor]')]
      return cells.length > 0 && cells.every((c) => c.textContent.trim() === 'grid_worker')
    })
    const only = (await actorsShown(page)).map((s) => s.trim())
    assert.ok(only.length >= 1)
    assert.deepEqual([...new Set(only)], ['grid_worker'])

    // Reset brings everyone back.
    await page.getByTestId('audit-reset').click()
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid=audit-table] [data-testid=audit-cell-actor]')]
      return new Set(cells.map((c) => c.textContent.trim())).size > 1
    })
  } finally {
    await context.close()
  }
})

test('audit: phone width shows entries as cards', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_admin')
    await page.goto(`${env.url}/audit`)
    await page.getByTestId('audit-row').first().waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`)
    await page.screenshot({ path: `${process.env.LINLI_SCREENSHOTS || '/tmp'}/linli-phone-audit.png` })
  } finally {
    await context.close()
  }
})
