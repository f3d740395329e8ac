// An expired session (cookie gone) sends the user back to /login, with a way back.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { loginUI, setup } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

test('expired session: an API call answered 401 ends on /login?redirect=…', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'street_admin')
    await page.getByTestId('nav-users').waitFor()
    await context.clearCookies()

    const unauth = page.waitForResponse((r) => r.url().includes('/api/v1/auth/users') && r.status() === 401)
    await page.getByTestId('nav-users').click()
    await unauth
    await page.waitForURL((u) => u.pathname === '/login', { timeout: 10000 })
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/users')
    await page.getByTestId('login-username').waitFor()

    // Signing in again returns to the page that was asked for.
    await loginUI(page, env.url, 'street_admin')
    assert.equal(new URL(page.url()).pathname, '/users')
    await page.getByTestId('users-table').waitFor()
  } finally {
    await context.close()
  }
})

test('expired session: reloading a page ends on /login', async () => {
  const context = await env.browser.newContext()
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_admin')
    await page.getByTestId('home-role').waitFor()
    await context.clearCookies()
    await page.goto(`${env.url}/audit`)
    await page.waitForURL((u) => u.pathname === '/login')
    await page.getByTestId('login-username').waitFor()
    assert.equal(await page.getByTestId('audit-table').count(), 0)
  } finally {
    await context.close()
  }
})
