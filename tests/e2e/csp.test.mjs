// Issue 13, finding 8: the web build works under the server's Content-Security-Policy
// (script-src 'self', no inline script): the app loads, logs in and opens its main pages
// with no CSP violation, counted both from `securitypolicyviolation` events and from the
// console's "Content Security Policy" messages.
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

/** A page that records every CSP violation it meets. */
async function watchedPage() {
  const context = await env.browser.newContext()
  const violations = []
  await context.exposeBinding('__cspViolation', (_source, v) => violations.push(v))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // eslint-disable-next-line no-undef
      __cspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`)
    })
  })
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(`console: ${m.text()}`)
  })
  return { context, page, violations }
}

test('the app loads, logs in and opens its pages under the CSP with no violation', async () => {
  const { context, page, violations } = await watchedPage()
  try {
    const first = await page.goto(`${env.url}/login`)
    const csp = first.headers()['content-security-policy'] || ''
    assert.match(csp, /script-src 'self'(;|$)/, `the app is served under the CSP: ${csp}`)
    assert.match(csp, /frame-ancestors 'none'/)
    await loginUI(page, env.url, 'street_admin')
    await page.getByTestId('home-role').waitFor()
    for (const p of ['/requests', '/registry/residents', '/registry/buildings', '/reports', '/visits', '/notices', '/users', '/audit']) {
      await page.goto(`${env.url}${p}`)
      await page.waitForLoadState('networkidle')
      await page.locator('.el-main, main, #app').first().waitFor()
    }
    assert.deepEqual(violations, [], `CSP violations:\n${violations.join('\n')}`)
    // The watch itself works: an inline handler is refused and seen.
    await page.evaluate(() => {
      const d = document.createElement('div')
      d.innerHTML = '<img src="data:," onload="window.__ran = 1">'
      document.body.append(d)
    })
    await page.waitForTimeout(300)
    assert.equal(await page.evaluate(() => window.__ran), undefined, 'inline script must not run')
    assert.ok(violations.length > 0, 'the test sees a violation when there is one')
  } finally {
    await context.close()
  }
})
