// Users page on a desktop screen: search, role filter, edit, disable/enable, reset password.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO_PASSWORD, loginAPI, loginUI, setup, until, zhCN } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

const usernames = (page) =>
  page.getByTestId('users-table').getByTestId('users-cell-username').allInnerTexts()

/** Waits until the table's user names pass `predicate`; resolves with them. */
const waitForUsernames = (page, predicate) =>
  until(
    async () => {
      const names = (await usernames(page)).map((s) => s.trim())
      return predicate(names) && names
    },
    { what: 'the users table to match' },
  )

test('users: scope limits the list, search and role filter narrow it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_admin')
    await page.goto(`${env.url}/users`)
    const all = await waitForUsernames(page, (n) => n.length > 0)
    assert.ok(all.includes('resident') && all.includes('grid_worker'))
    assert.ok(!all.includes('street_admin'), 'a community admin does not list street-level accounts')

    await page.getByTestId('users-search').fill('grid')
    await page.getByTestId('users-search-submit').click()
    await waitForUsernames(page, (n) => n.length === 1 && n[0] === 'grid_worker')

    await page.getByTestId('users-search-reset').click()
    await waitForUsernames(page, (n) => n.length === all.length)

    await page.getByTestId('users-role-filter').click()
    await page.getByTestId('role-filter-volunteer').click()
    await waitForUsernames(page, (n) => n.length === 1 && n[0] === 'volunteer')
  } finally {
    await context.close()
  }
})

test('users: edit the name, disable (login refused), enable, reset the password', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'street_admin')
    await page.goto(`${env.url}/users`)
    await waitForUsernames(page, (n) => n.includes('volunteer'))

    // Edit the display name.
    await page.getByTestId('users-edit-volunteer').click()
    const name = page.getByTestId('user-form-display-name')
    await name.waitFor({ state: 'visible' })
    await name.fill('新名字志愿者')
    await page.getByTestId('user-form-submit').click()
    await page.getByTestId('users-table').getByText('新名字志愿者', { exact: true }).waitFor()

    // Disable: the account can no longer sign in.
    await page.getByTestId('users-toggle-volunteer').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    const row = page.getByTestId('users-table').locator('tr', { has: page.getByText('volunteer', { exact: true }) })
    await row.getByText(zhCN.users.statusDisabled, { exact: true }).waitFor()
    assert.equal((await loginAPI(env.url, 'volunteer')).status, 401)

    // Enable again.
    await page.getByTestId('users-toggle-volunteer').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await row.getByText(zhCN.users.statusActive, { exact: true }).waitFor()
    assert.equal((await loginAPI(env.url, 'volunteer')).status, 200)

    // Reset the password: a too-short one is refused in the form, a good one works.
    await page.getByTestId('users-reset-volunteer').click()
    await page.getByTestId('password-form-password').fill('short')
    await page.getByTestId('password-form-confirm').fill('short')
    await page.getByTestId('password-form-submit').click()
    await page.getByTestId('password-dialog').getByText(zhCN.users.passwordMin).waitFor()
    await page.getByTestId('password-form-password').fill('NewPass@2026')
    await page.getByTestId('password-form-confirm').fill('NewPass@2026')
    const done = page.waitForResponse((r) => r.url().endsWith('/password') && r.request().method() === 'POST')
    await page.getByTestId('password-form-submit').click()
    assert.equal((await done).status(), 204)
    assert.equal((await loginAPI(env.url, 'volunteer', DEMO_PASSWORD)).status, 401)
    assert.equal((await loginAPI(env.url, 'volunteer', 'NewPass@2026')).status, 200)
  } finally {
    await context.close()
  }
})

test('users: a field error from the API is shown under the field', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'street_admin')
    await page.goto(`${env.url}/users`)
    await page.getByTestId('users-create').click()
    await page.getByTestId('user-form-username').fill('new_gridder')
    await page.getByTestId('user-form-display-name').fill('新网格员')
    await page.getByTestId('user-form-password').fill('Grid@2026x')
    await page.getByTestId('user-form-role').click()
    await page.getByTestId('role-option-grid_worker').click()
    // A grid worker needs a grid: pick the community instead and let the server object.
    await page.locator('[data-testid=user-form-scope] input').first().click()
    await page.locator('[data-testid=user-form-scope] input').first().fill('和平社区')
    await page.locator('.el-cascader__suggestion-item').filter({ hasNotText: '网格' }).filter({ hasText: '和平社区' }).first().click()
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/users') && r.request().method() === 'POST')
    await page.getByTestId('user-form-submit').click()
    const res = await created
    assert.equal(res.status(), 400)
    const body = await res.json()
    assert.match(body.error.field, /^scope/)
    await page.getByTestId('user-dialog').getByText(zhCN.fieldErrors.InvalidArgument.scope_kind).waitFor()
  } finally {
    await context.close()
  }
})
