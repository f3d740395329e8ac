// Login per role, the home page's role and scope, and the sidebar each role sees.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO, loginUI, setup, zhCN } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

async function signedIn(username) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await loginUI(page, env.url, username)
  return { context, page }
}

describe('login per role', () => {
  for (const acct of DEMO) {
    test(`${acct.username} signs in and home shows role and scope`, async () => {
      const { context, page } = await signedIn(acct.username)
      try {
        assert.equal(new URL(page.url()).pathname, '/')
        const role = page.getByTestId('home-role')
        await role.waitFor()
        assert.equal(await role.getAttribute('data-role'), acct.role)
        assert.equal((await role.innerText()).trim(), zhCN.roles[acct.role])
        const scope = page.getByTestId('home-scope')
        assert.equal(await scope.getAttribute('data-scope-kind'), acct.kind)
        const scopeText = await scope.innerText()
        assert.ok(scopeText.includes(acct.scope), `scope "${scopeText}" should name ${acct.scope}`)
        assert.ok(scopeText.includes(zhCN.scopeKinds[acct.kind]), `scope "${scopeText}" should name the kind`)
        assert.equal((await page.getByTestId('home-username').innerText()).trim(), acct.username)
      } finally {
        await context.close()
      }
    })
  }
})

describe('sidebar per role', () => {
  const expected = {
    street_admin: { users: true, audit: true },
    community_admin: { users: true, audit: true },
    community_staff: { users: true, audit: false },
    grid_worker: { users: false, audit: false },
    resident: { users: false, audit: false },
    volunteer: { users: false, audit: false },
    department: { users: false, audit: false },
    org: { users: false, audit: false },
  }
  for (const [username, want] of Object.entries(expected)) {
    test(`${username} sees users=${want.users} audit=${want.audit}`, async () => {
      const { context, page } = await signedIn(username)
      try {
        await page.getByTestId('nav-home').waitFor()
        assert.equal(await page.getByTestId('nav-users').count(), want.users ? 1 : 0, 'Users entry')
        assert.equal(await page.getByTestId('nav-audit').count(), want.audit ? 1 : 0, 'Audit entry')
        if (want.users) {
          await page.getByTestId('nav-users').click()
          await page.getByTestId('users-table').getByTestId('users-cell-username').first().waitFor()
          assert.equal(new URL(page.url()).pathname, '/users')
          // Write buttons only with users.manage (the admins, not community_staff).
          const manage = username !== 'community_staff'
          assert.equal(await page.getByTestId('users-create').count(), manage ? 1 : 0, 'create button')
          assert.equal(await page.getByTestId('users-edit-resident').count(), manage ? 1 : 0, 'edit button')
        }
      } finally {
        await context.close()
      }
    })
  }

  test('resident navigating straight to /audit sees no audit data', async () => {
    const { context, page } = await signedIn('resident')
    try {
      const auditAnswers = []
      page.on('response', (r) => {
        if (new URL(r.url()).pathname === '/api/v1/audit') auditAnswers.push(r.status())
      })
      await page.goto(`${env.url}/audit`)
      await page.getByTestId('forbidden').waitFor()
      assert.equal(await page.getByTestId('audit-table').count(), 0)
      assert.equal(await page.getByTestId('audit-row').count(), 0)
      assert.ok(!auditAnswers.includes(200), `audit API answered ${auditAnswers}`)
      // The server refuses as well, whatever the UI does.
      const direct = await context.request.get(`${env.url}/api/v1/audit`)
      assert.equal(direct.status(), 403)
    } finally {
      await context.close()
    }
  })
})
