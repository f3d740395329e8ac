// API tokens page (issue 13, finding 9): an admin sees the tokens of their area and revokes
// one; on a phone (390 px) the list is cards whose revoke button is a 44 px tap target.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { setup, loginUI, phonePage, navigate, sideScroll, answer, zhCN, LINLI_BIN, SHOTS } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

const addToken = (username, name) =>
  execFileSync(LINLI_BIN, ['token', 'add', '--data-dir', env.server.dataDir, '--username', username, '--name', name], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString().trim().split('\n').pop().trim()

const me = (token) => fetch(`${env.url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } })

test('tokens: a street admin sees tokens by user and revokes one (desktop)', async () => {
  const token = addToken('department', 'hotline-sync')
  assert.equal((await me(token)).status, 200)
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  try {
    await loginUI(page, env.url, 'street_admin')
    await page.getByTestId('nav-tokens').click()
    await page.waitForURL((u) => u.pathname === '/tokens')
    const list = page.getByTestId('tokens-list')
    const row = list.locator('tr', { hasText: 'hotline-sync' })
    await row.waitFor()
    assert.ok((await row.innerText()).includes('department'))
    assert.ok((await row.innerText()).includes(zhCN.tokens.active))
    assert.ok(!(await page.content()).includes(token), 'the token itself is never shown')
    await row.getByRole('button', { name: zhCN.tokens.revoke }).click()
    const done = answer(page, 'POST', (u) => u.pathname.endsWith('/revoke'))
    await page.locator('.el-message-box__btns .el-button--primary').click()
    assert.equal((await done).status(), 200)
    await page.getByText(zhCN.tokens.revokedMsg.replace('{name}', 'hotline-sync')).waitFor()
    await list.locator('tr', { hasText: 'hotline-sync' }).waitFor({ state: 'detached' })
    assert.equal((await me(token)).status, 401)
    // With revoked ones shown it is there, marked revoked.
    await page.getByTestId('tokens-include-revoked').click()
    await list.locator('tr', { hasText: 'hotline-sync' }).getByText(zhCN.tokens.reason.revoked, { exact: true }).waitFor()
  } finally {
    await context.close()
  }
})

test('tokens: on a phone a community admin revokes with a 44 px button; other communities are not listed', async () => {
  const mine = addToken('grid_worker', 'grid-app')
  addToken('department', 'street-only')
  const { context, page } = await phonePage(env, 'community_admin')
  try {
    await navigate(page, 'nav-tokens', '/tokens')
    const list = page.getByTestId('tokens-list')
    const card = list.locator('[data-testid^=token-]', { hasText: 'grid-app' })
    await card.waitFor()
    assert.equal(await list.getByText('street-only').count(), 0, 'a street-level token is outside the community')
    assert.ok(await sideScroll(page) <= 0, 'no sideways scrolling at 390 px')
    const button = card.getByRole('button', { name: zhCN.tokens.revoke })
    const box = await button.boundingBox()
    assert.ok(box.height >= 44 && box.width >= 44, `tap target ${box.width}x${box.height}`)
    await page.screenshot({ path: `${SHOTS}/linli-phone-tokens.png` })
    await button.click()
    const done = answer(page, 'POST', (u) => u.pathname.endsWith('/revoke'))
    await page.locator('.el-message-box__btns .el-button--primary').click()
    assert.equal((await done).status(), 200)
    await card.waitFor({ state: 'detached' })
    assert.equal((await me(mine)).status, 401)
  } finally {
    await context.close()
  }
})
