// The shared pickers at phone width (components/ScopeCascader.vue, components/BuildingSelect.vue):
// (a) a notice's audience: the community admin picks a grid by typing part of its name and two
//     buildings by searching each (the first stays chosen, and listed, while the second search
//     runs); one tap on 预览, the list still open, asks for exactly that place and those buildings;
// (b) a grid worker's place picker offers grids only (no community level above them);
// (c) a new asset on a building's page starts with that building chosen and named.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { answer, apiAs, must, navigate, phonePage, setup, sideScroll } from './server.mjs'

let env
let grid // the grid worker's grid { id, name }
let pair // two buildings of the community admin's area, in different grids where possible
let workerBuilding // a building of the grid worker's grid

before(async () => {
  env = await setup()
  const worker = await apiAs(env.url, 'grid_worker')
  const { user } = await must(worker.get('/api/v1/auth/me'), 200, 'grid worker me')
  grid = user.scope
  const mine = await must(worker.get(`/api/v1/registry/buildings?grid_id=${grid.id}&page_size=200`), 200, 'worker buildings')
  workerBuilding = mine.items[mine.items.length - 1]
  assert.ok(workerBuilding, 'the grid has buildings')

  const admin = await apiAs(env.url, 'community_admin')
  const all = await must(admin.get('/api/v1/registry/buildings?page_size=200'), 200, 'admin buildings')
  const first = all.items[0]
  const second = all.items.find((b) => b.grid.id !== first.grid.id && b.name !== first.name) ?? all.items[all.items.length - 1]
  assert.ok(first && second && first.id !== second.id, 'two buildings to pick')
  pair = [first, second]
})
after(async () => {
  await env?.teardown()
})

test('(a) the community admin picks a grid and two buildings as a notice audience', async () => {
  const { context, page } = await phonePage(env, 'community_admin')
  try {
    await navigate(page, 'nav-notice-new', '/notices/new')

    // A grid, found by typing part of its name.
    const place = page.locator('[data-testid=notice-place] input').first()
    await place.click()
    await place.fill(grid.name)
    const suggestion = page.locator('.scope-cascader-popper .el-cascader__suggestion-item', { hasText: grid.name }).first()
    await suggestion.click()

    // Two buildings, each found by a search of its name.
    const select = page.getByTestId('notice-buildings')
    const search = select.locator('input')
    for (const [i, b] of pair.entries()) {
      const searched = answer(page, 'GET', (u) => u.pathname === '/api/v1/registry/buildings' && u.searchParams.get('q') === b.name)
      await select.click()
      await search.fill(b.name)
      assert.equal((await searched).status(), 200)
      if (i === 1) {
        // The building chosen first stays listed (and chosen) while this search shows others.
        const kept = page.getByTestId(`building-option-${pair[0].id}`)
        await kept.waitFor()
        assert.ok((await kept.getAttribute('class')).includes('is-selected'), 'the first building is still chosen')
      }
      await page.getByTestId(`building-option-${b.id}`).click()
    }
    assert.ok((await sideScroll(page)) <= 0, 'the audience fits 390 px')

    // One tap on 预览 with the list still open counts (the typed name is not kept to shift the page).
    const previewed = answer(page, 'POST', (u) => u.pathname === '/api/v1/notices/preview')
    await page.getByTestId('notice-preview-run').click()
    const res = await previewed
    assert.equal(res.status(), 200, `preview answered ${res.status()}: ${await res.text()}`)
    const { audience } = JSON.parse(res.request().postData())
    assert.deepEqual(audience, { grid_id: grid.id, building_ids: pair.map((b) => b.id) })
  } finally {
    await context.close()
  }
})

test('(b) a grid worker’s place picker offers grids only', async () => {
  const { context, page } = await phonePage(env, 'grid_worker')
  try {
    await navigate(page, 'nav-notice-new', '/notices/new')
    await page.locator('[data-testid=notice-place] input').first().click()
    const nodes = page.locator('.scope-cascader-popper .el-cascader-menu').first().locator('.el-cascader-node__label')
    await nodes.first().waitFor()
    const labels = await nodes.allInnerTexts()
    assert.deepEqual(labels, [grid.name], `only the worker's grid: ${JSON.stringify(labels)}`)
  } finally {
    await context.close()
  }
})

test('(c) a new asset on a building’s page starts with that building', async () => {
  const { context, page } = await phonePage(env, 'grid_worker')
  try {
    await page.goto(`${env.url}/registry/buildings/${workerBuilding.id}`)
    await page.getByTestId('building-asset-create').click()
    const select = page.getByTestId('asset-form-building')
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid=asset-form-building]')?.textContent?.includes(name),
      workerBuilding.name,
    )
    assert.ok((await select.innerText()).includes(workerBuilding.name), `the building is named: ${await select.innerText()}`)
  } finally {
    await context.close()
  }
})
