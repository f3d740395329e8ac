// Phone width (390x844): menu drawer, users page, create a user through the dialog.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { loginUI, setup, menuEntry } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
const shots = process.env.LINLI_SCREENSHOTS || '/tmp'

test('phone: log in, open the menu, create a user as community_admin', async () => {
  const context = await env.browser.newContext(PHONE)
  const page = await context.newPage()
  try {
    await page.goto(`${env.url}/login`)
    await page.getByTestId('login-username').waitFor()
    await page.screenshot({ path: `${shots}/linli-phone-login.png` })
    await loginUI(page, env.url, 'community_admin')
    await page.getByTestId('home-role').waitFor()
    await page.screenshot({ path: `${shots}/linli-phone-home.png` })

    // The sidebar is a drawer: its entries are hidden until the toggle opens it.
    assert.equal(await page.getByTestId('nav-users').isVisible(), false)
    await menuEntry(page, 'nav-users')
    // The picture once the drawer has finished sliding in: wholly on screen, nothing animating.
    await page.waitForFunction(() => {
      const d = document.querySelector('.el-drawer')
      const r = d?.getBoundingClientRect()
      return !!r && r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && document.getAnimations().length === 0
    }, undefined, { polling: 50 })
    await page.screenshot({ path: `${shots}/linli-phone-menu.png` })
    await page.getByTestId('nav-users').click()
    await page.waitForURL((u) => u.pathname === '/users')
    await page.getByTestId('users-table').waitFor()
    await page.getByTestId('nav-users').waitFor({ state: 'hidden' })

    // Nothing wider than the screen except the table's own scroller.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`)

    await page.getByTestId('users-create').click()
    const dialog = page.getByTestId('user-dialog')
    await page.getByTestId('user-form-username').waitFor({ state: 'visible' })
    const username = `phone_${Date.now() % 100000}`
    await page.getByTestId('user-form-username').fill(username)
    await page.getByTestId('user-form-display-name').fill('手机新建')
    await page.getByTestId('user-form-password').fill('Phone@2026x')
    await page.getByTestId('user-form-role').click()
    await page.getByTestId('role-option-resident').click()
    // Scope: type in the cascader's filter and take the grid.
    await page.locator('[data-testid=user-form-scope] input').first().click()
    await page.locator('[data-testid=user-form-scope] input').first().fill('第一网格')
    await page.locator('.el-cascader__suggestion-item', { hasText: '和平社区第一网格' }).first().click()
    await page.screenshot({ path: `${shots}/linli-phone-create.png` })

    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/users') && r.request().method() === 'POST')
    await page.getByTestId('user-form-submit').click()
    const res = await created
    assert.equal(res.status(), 201, `create answered ${res.status()}: ${await res.text()}`)
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('users-table').getByText(username, { exact: true }).waitFor()
    await page.screenshot({ path: `${shots}/linli-phone-users.png` })
  } finally {
    await context.close()
  }
})

test('phone: creating a duplicate username shows the field error from the API', async () => {
  const context = await env.browser.newContext(PHONE)
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_admin')
    await page.goto(`${env.url}/users`)
    await page.getByTestId('users-create').click()
    await page.getByTestId('user-form-username').fill('resident')
    await page.getByTestId('user-form-display-name').fill('重复')
    await page.getByTestId('user-form-password').fill('Phone@2026x')
    await page.getByTestId('user-form-role').click()
    await page.getByTestId('role-option-resident').click()
    await page.locator('[data-testid=user-form-scope] input').first().click()
    await page.locator('[data-testid=user-form-scope] input').first().fill('第一网格')
    await page.locator('.el-cascader__suggestion-item', { hasText: '和平社区第一网格' }).first().click()
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/users') && r.request().method() === 'POST')
    await page.getByTestId('user-form-submit').click()
    assert.equal((await created).status(), 409)
    const item = page.getByTestId('user-dialog').locator('.el-form-item.is-error')
    await item.first().waitFor()
    assert.ok((await item.first().innerText()).includes('用户名'))
    await page.getByTestId('user-dialog').screenshot({ path: `${shots}/linli-phone-field-error.png` })
  } finally {
    await context.close()
  }
})
