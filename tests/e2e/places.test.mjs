// A real street's first start in the browser at phone width (390 px): the first-run page while
// no street exists, `linli setup` on the server, then the new street admin adds a community and
// a grid on the places page (cards, tap targets of 44 px, nothing wider than the screen).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { LINLI_BIN, PHONE, SHOTS, loginUI, setup, sideScroll, zhCN } from './server.mjs'

const run = promisify(execFile)
let env
before(async () => {
  env = await setup({ demo: false })
})
after(async () => {
  await env?.teardown()
})

/** Visible buttons and inputs of `selector` smaller than 44×44 px, described. */
const smallTargets = (page, selector) =>
  page.evaluate((sel) => {
    const out = []
    for (const el of document.querySelectorAll(`${sel} button, ${sel} [role=button]`)) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (r.width < 44 || r.height < 44) out.push(`${el.textContent.trim() || el.getAttribute('aria-label')} ${Math.round(r.width)}×${Math.round(r.height)}`)
    }
    return out
  }, selector)

test('phone: the first-run page, then setup, log in and add a community and a grid', async () => {
  const context = await env.browser.newContext(PHONE)
  const page = await context.newPage()
  try {
    await page.goto(`${env.url}/login`)
    await page.waitForURL((u) => u.pathname === '/setup')
    await page.getByTestId('setup-page').waitFor()
    assert.match(await page.getByTestId('setup-command').textContent(), /linli setup --data-dir/)
    assert.ok((await page.textContent('body')).includes(zhCN.setup.title))
    assert.ok((await sideScroll(page)) <= 0, 'the first-run page fits 390 px')
    assert.deepEqual(await smallTargets(page, '[data-testid=setup-page] .setup-card'), [])
    await page.screenshot({ path: `${SHOTS}/linli-phone-setup.png` })
    await page.getByTestId('setup-recheck').click()
    await page.getByTestId('setup-still-empty').waitFor()

    // The operator runs setup on the server while it serves.
    await run(LINLI_BIN, ['setup', '--data-dir', env.server.dataDir, '--street-name', '清河街道', '--street-code', '110108001000',
      '--admin-username', 'qinghe_admin', '--admin-password', 'Qinghe@2026street'])
    await page.getByTestId('setup-recheck').click()
    await page.waitForURL((u) => u.pathname === '/login')
    await loginUI(page, env.url, 'qinghe_admin', 'Qinghe@2026street')

    await page.goto(`${env.url}/places`)
    await page.getByTestId('places-street').waitFor()
    await page.getByTestId('places-community-create').click()
    await page.getByTestId('place-form-name').fill('清河一社区')
    const code = page.getByTestId('place-form-code')
    assert.equal(await code.inputValue(), '110108001', 'the street\'s 9 digits lead a new community\'s code')
    await code.fill('110108002001')
    await page.getByTestId('place-form-submit').click()
    await page.locator('[data-testid=place-dialog] .el-form-item__error').first().waitFor()
    await code.fill('110108001001')
    await page.getByTestId('place-form-submit').click()
    await page.getByTestId('places-community').filter({ hasText: '清河一社区' }).waitFor()

    const community = page.getByTestId('places-community').filter({ hasText: '清河一社区' })
    await community.locator('[data-testid^=places-grid-create-]').click()
    await page.getByTestId('place-form-name').fill('清河一社区第一网格')
    await page.getByTestId('place-form-code').fill('110108001001-1')
    await page.getByTestId('place-form-submit').click()
    await page.getByTestId('places-grid').filter({ hasText: '清河一社区第一网格' }).waitFor()
    assert.ok((await page.getByTestId('places-grid').first().textContent()).includes(zhCN.places.noWorker))

    assert.ok((await sideScroll(page)) <= 0, 'the places page fits 390 px')
    assert.deepEqual(await smallTargets(page, '[data-testid=places-page]'), [], 'every button of the places page is at least 44×44 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-places.png`, fullPage: true })

    // Retiring the empty grid asks first, then it leaves the list.
    await page.locator('[data-testid^=places-grid-retire-]').first().click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.getByTestId('places-grid').filter({ hasText: '清河一社区第一网格' }).waitFor({ state: 'detached' })
  } finally {
    await context.close()
  }
})
