// Wrong password, language switch (remembered across reloads), logout.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { en, loginUI, setup, zhCN } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

test('wrong password shows an error and stays on /login', async () => {
  const context = await env.browser.newContext()
  const page = await context.newPage()
  try {
    await page.goto(`${env.url}/login`)
    await page.getByTestId('login-username').fill('grid_worker')
    await page.getByTestId('login-password').fill('not-the-password')
    await page.getByTestId('login-submit').click()
    const err = page.getByTestId('login-error')
    await err.waitFor()
    assert.ok((await err.innerText()).includes(zhCN.login.wrongCredentials))
    assert.equal(new URL(page.url()).pathname, '/login')
    assert.equal(await page.getByTestId('home-role').count(), 0)
  } finally {
    await context.close()
  }
})

test('login is throttled after repeated failures and shows the wait', async () => {
  const context = await env.browser.newContext()
  const page = await context.newPage()
  try {
    await page.goto(`${env.url}/login`)
    let text = ''
    // --login-address-failures defaults to 5: after five failures this address is refused for
    // this account, even with the right password (another address would still get in).
    for (let i = 0; i < 6; i++) {
      await page.getByTestId('login-username').fill('org')
      await page.getByTestId('login-password').fill(`wrong-${i}`)
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
      await page.getByTestId('login-submit').click()
      await answer
    }
    await page.getByTestId('login-username').fill('org')
    await page.getByTestId('login-password').fill('Linli@2026')
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
    await page.getByTestId('login-submit').click()
    const res = await answer
    assert.equal(res.status(), 429)
    const seconds = res.headers()['retry-after']
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid=login-error]')?.textContent?.includes(s),
      seconds,
    )
    text = await page.getByTestId('login-error').innerText()
    assert.ok(text.includes(seconds), `"${text}" should mention ${seconds} seconds`)
    assert.equal(new URL(page.url()).pathname, '/login')
  } finally {
    await context.close()
  }
})

test('language: Chinese by default, English after switching, kept after reload', async () => {
  const context = await env.browser.newContext()
  const page = await context.newPage()
  try {
    await page.goto(`${env.url}/login`)
    const submit = page.getByTestId('login-submit')
    assert.equal((await submit.innerText()).trim(), zhCN.login.submit)
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')

    await page.getByTestId('lang-switch').click()
    await page.getByTestId('lang-en').click()
    await page.waitForFunction((s) => document.querySelector('[data-testid=login-submit]')?.textContent?.trim() === s, en.login.submit)

    await page.reload()
    await submit.waitFor()
    assert.equal((await submit.innerText()).trim(), en.login.submit)
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')

    // The app after login speaks English too, role names included.
    await loginUI(page, env.url, 'volunteer')
    await page.getByTestId('home-role').waitFor()
    assert.equal((await page.getByTestId('home-role').innerText()).trim(), en.roles.volunteer)
    assert.equal((await page.getByTestId('nav-home').innerText()).trim(), en.nav.home)

    // And back to Chinese from the header.
    await page.getByTestId('lang-switch').click()
    await page.getByTestId('lang-zh-CN').click()
    await page.waitForFunction((s) => document.querySelector('[data-testid=home-role]')?.textContent?.trim() === s, zhCN.roles.volunteer)
  } finally {
    await context.close()
  }
})

test('logout from the user menu returns to /login and ends the session', async () => {
  const context = await env.browser.newContext()
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'community_staff')
    await page.getByTestId('user-menu').click()
    await page.getByTestId('logout').click()
    await page.waitForURL((u) => u.pathname === '/login')
    const me = await context.request.get(`${env.url}/api/v1/auth/me`)
    assert.equal(me.status(), 401)
    await page.goto(`${env.url}/users`)
    await page.waitForURL((u) => u.pathname === '/login')
  } finally {
    await context.close()
  }
})
