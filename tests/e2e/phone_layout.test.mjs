// Phones first (issue 14), the layout: at 390×844 the bottom tab bar holds each role's four most
// used pages and navigates in one tap; the drawer menu is grouped (诉求, 居民档案, 走访提醒, 通知,
// 管理) with only the current page's group open; a wide table (users) is one card per row on a
// phone and a table at 1280 px; the street's report by ~60 grids draws the top grids and 其他 as
// horizontal bars, behind the list on a phone. Prints the taps each task took.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, loginUI, menuEntry, must, phonePage, setup, sideScroll, SHOTS, until, zhCN } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

/** Each role's tabs, in order: [route name, label, path]. */
const TABS = {
  grid_worker: [['home', 'today', '/'], ['requests', 'requests', '/requests'], ['visits', 'visits', '/visits'], ['residents', 'residents', '/registry/residents']],
  community_admin: [['home', 'today', '/'], ['requests', 'requests', '/requests'], ['residents', 'residents', '/registry/residents'], ['reports', 'reports', '/reports']],
  street_admin: [['home', 'today', '/'], ['reports', 'reports', '/reports'], ['requests', 'requests', '/requests'], ['users', 'admin', '/users']],
  resident: [['home', 'today', '/'], ['request-new', 'file', '/requests/new'], ['requests', 'myRequests', '/requests'], ['notifications', 'inbox', '/notifications']],
}

for (const [role, tabs] of Object.entries(TABS)) {
  test(`${role}: the tab bar holds the role's four pages, each one tap away`, async () => {
    const { context, page } = await phonePage(env, role)
    try {
      const bar = page.getByTestId('tab-bar')
      await bar.waitFor()
      const shown = await bar.locator('a').evaluateAll((els) => els.map((a) => a.dataset.testid))
      assert.deepEqual(shown, tabs.map(([name]) => `tab-${name}`))
      let taps = 0
      // From the last tab back to the first, so every tap changes the page.
      for (const [name, label, path] of [...tabs].reverse()) {
        const tab = page.getByTestId(`tab-${name}`)
        assert.equal((await tab.innerText()).trim(), zhCN.menu.tabs[label])
        const box = await tab.boundingBox()
        assert.ok(box.width >= 44 && box.height >= 44, `tab ${name} is ${box.width}×${box.height}`)
        await tab.click()
        taps++
        await page.waitForURL((u) => u.pathname === path)
        assert.equal(await tab.getAttribute('aria-current'), 'page', `${name} marked as the current page`)
      }
      // The bar stays on screen at the bottom and the page above it does not scroll sideways.
      const barBox = await bar.boundingBox()
      assert.ok(Math.abs(barBox.y + barBox.height - 844) <= 1, `tab bar at the bottom (${barBox.y}+${barBox.height})`)
      assert.ok((await sideScroll(page)) <= 0, 'no sideways scrolling')
      console.log(`${role}: ${tabs.length} tabs, ${taps} taps for ${tabs.length} pages`)
      await page.screenshot({ path: `${SHOTS}/linli-phone-tabs-${role}.png` })
    } finally {
      await context.close()
    }
  })
}

test('community_admin: the drawer menu is grouped, the current page’s group open, the others one tap away', async () => {
  const { context, page } = await phonePage(env, 'community_admin')
  try {
    await page.goto(`${env.url}/requests`)
    await page.getByTestId('menu-toggle').click()
    const menu = page.getByTestId('nav-menu')
    await menu.waitFor({ state: 'visible' })
    const groups = await menu.locator('.el-sub-menu').evaluateAll((els) => els.map((e) => e.dataset.testid))
    assert.deepEqual(groups, ['nav-group-requests', 'nav-group-registry', 'nav-group-visits', 'nav-group-notices', 'nav-group-admin'])
    for (const g of ['requests', 'registry', 'visits', 'notices', 'admin']) {
      const title = (await page.getByTestId(`nav-group-${g}`).locator('.el-sub-menu__title').innerText()).trim()
      assert.equal(title, zhCN.menu.groups[g])
    }
    // Only 诉求 (the page's group) is open: the drawer lists 5 groups, Home and the requests entries.
    const visible = await menu.locator('.el-menu-item:visible').count()
    const all = await menu.locator('.el-menu-item').count()
    assert.ok(visible < all, `${visible} of ${all} entries shown`)
    assert.ok(await page.getByTestId('nav-requests').isVisible())
    assert.equal(await page.getByTestId('nav-users').isVisible(), false)
    // The whole drawer fits the screen: no scrolling to find a group.
    const bottom = await menu.evaluate((m) => m.getBoundingClientRect().bottom)
    assert.ok(bottom <= 844, `menu ends at ${bottom}px`)
    await page.screenshot({ path: `${SHOTS}/linli-phone-menu-groups.png` })

    // 管理 → 用户管理: two taps after opening the drawer.
    await page.getByTestId('nav-group-admin').locator('.el-sub-menu__title').click()
    await page.getByTestId('nav-users').click()
    await page.waitForURL((u) => u.pathname === '/users')
    console.log(`menu: ${groups.length} groups, ${visible} of ${all} entries shown at first; users in 3 taps (menu, 管理, 用户)`)
    // Reopened on the users page, the drawer opens 管理 instead.
    await page.getByTestId('menu-toggle').click()
    await page.getByTestId('nav-users').waitFor({ state: 'visible' })
    assert.equal(await page.getByTestId('nav-requests').isVisible(), false)
  } finally {
    await context.close()
  }
})

test('users: one card per user at 390 px with every column, a table at 1280 px', async () => {
  const admin = await apiAs(env.url, 'community_admin')
  const users = await must(admin.get('/api/v1/auth/users?page=1&page_size=20&q=grid_worker'), 200, 'users')
  const gw = users.items.find((u) => u.username === 'grid_worker')
  assert.ok(gw, 'the grid worker is listed')

  const { context, page } = await phonePage(env, 'community_admin')
  try {
    await page.goto(`${env.url}/users`)
    const list = page.getByTestId('users-table')
    await list.locator('[data-testid=users-card]').first().waitFor()
    assert.equal(await list.getAttribute('data-layout'), 'cards')
    assert.equal(await list.locator('.el-table').count(), 0, 'no table on a phone')
    const card = list.locator('[data-testid=users-card]', { has: page.locator('[data-testid=users-cell-username]', { hasText: /^grid_worker$/ }) })
    const text = await card.innerText()
    // What the 3-column table hid: display name, role, scope and status, each on the card.
    for (const want of [gw.display_name, zhCN.roles.grid_worker, '和平社区第一网格', zhCN.users.statusActive]) {
      assert.ok(text.includes(want), `card shows "${want}": ${text}`)
    }
    const edit = await card.getByTestId('users-edit-grid_worker').boundingBox()
    assert.ok(edit.height >= 44 && edit.width >= 44, `edit button ${edit.width}×${edit.height}`)
    assert.ok((await sideScroll(page)) <= 0, 'no sideways scrolling')
    await page.screenshot({ path: `${SHOTS}/linli-phone-users-cards.png` })
  } finally {
    await context.close()
  }

  const desk = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await desk.newPage()
    await loginUI(page, env.url, 'community_admin')
    await page.goto(`${env.url}/users`)
    const list = page.getByTestId('users-table')
    await list.locator('.el-table__row').first().waitFor()
    assert.equal(await list.getAttribute('data-layout'), 'table')
    const headers = await list.locator('.el-table__header th').allInnerTexts()
    const want = [zhCN.users.colUsername, zhCN.users.colDisplayName, zhCN.users.colRole, zhCN.users.colScope, zhCN.users.colStatus, zhCN.common.actions]
    assert.deepEqual(headers.map((h) => h.trim()).filter(Boolean), want)
    assert.equal(await page.getByTestId('users-card').count(), 0)
    assert.equal(await page.getByTestId('tab-bar').count(), 0, 'no tab bar on a wide screen')
  } finally {
    await desk.close()
  }
})

test('street_admin: the report by 60 grids lists first on a phone, then shows the top 10 grids and 其他 as bars', async () => {
  const street = await apiAs(env.url, 'street_admin')
  const direct = await must(street.post('/api/v1/reports/query', { filter: {}, group_by: ['grid'] }), 200, 'query')
  const grids = direct.groups.grid
  assert.ok(grids.length > 50, `the demo street has ~60 grids (${grids.length})`)

  const { context, page } = await phonePage(env, 'street_admin')
  try {
    let taps = 0
    await page.getByTestId('tab-reports').click()
    taps++
    await page.waitForURL((u) => u.pathname === '/reports')
    await page.getByTestId('report-run').click()
    taps++
    await page.getByTestId('report-row').first().waitFor()
    // The list first: no chart above it, and once the answer has scrolled into view the first
    // resident's card is on the screen above the tab bar.
    assert.equal(await page.getByTestId('chart-grid').count(), 0)
    const row = page.getByTestId('report-row').first()
    const tabTop = (await page.getByTestId('tab-bar').boundingBox()).y
    const box = await until(async () => {
      const b = await row.boundingBox()
      return b.y >= 0 && b.y + b.height <= tabTop && b
    }, { what: 'the first resident on the screen' })
    console.log(`report: first resident at ${Math.round(box.y)}–${Math.round(box.y + box.height)} px on the screen after the query`)

    await page.getByTestId('report-tabs').getByText(zhCN.report.tabCharts, { exact: true }).click()
    taps++
    const chart = page.getByTestId('chart-grid')
    await chart.locator('svg text', { hasText: zhCN.report.otherGroups }).waitFor()
    assert.equal(await chart.getAttribute('data-kind'), 'bars')
    const labels = await chart.locator('svg text').allTextContents()
    const gridLabels = labels.filter((l) => l.endsWith('网格') && l !== zhCN.report.byGrid)
    // Ten bars, the largest grids by count (ties in any order), and one 其他 summing the rest.
    assert.equal(gridLabels.length, 10, `grid bars: ${gridLabels.join(', ')}`)
    const count = new Map(grids.map((g) => [g.label, g.count]))
    const shown = gridLabels.map((l) => count.get(l))
    assert.ok(shown.every((c) => c !== undefined), `bars name the server's grids: ${gridLabels.join(', ')}`)
    const hidden = grids.filter((g) => !gridLabels.includes(g.label)).map((g) => g.count)
    assert.ok(Math.min(...shown) >= Math.max(...hidden), `shown ${shown} ≥ the rest's largest ${Math.max(...hidden)}`)
    const rest = hidden.reduce((s, c) => s + c, 0)
    assert.ok(labels.includes(String(rest)), `其他 counts the other ${grids.length - 10} grids: ${rest}`)
    assert.ok((await sideScroll(page)) <= 0, 'no sideways scrolling')
    await page.screenshot({ path: `${SHOTS}/linli-phone-report-grids.png`, fullPage: true })
    console.log(`report by grid: ${grids.length} grids → 10 bars + 其他 (${rest} residents); ${taps} taps from home to the chart`)
  } finally {
    await context.close()
  }
})
