// Issue 13, findings 9 (API tokens), 12 (passwords) and 13 (a new login replaces the old
// session): tokens are listed and revoked by admins in their area and on the command line,
// and stop working for good when their user is disabled or has their password reset;
// passwords are 10+ characters, not the username, not a common one; logging in over a
// session ends that session.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, assertError, runCli, DEMO_PASSWORD } from './server.mjs'

let srv
before(async () => { srv = await startServer() })
after(async () => { await srv?.stop() })

const S = (who) => ({ cookie: who.cookie, csrf: who.csrf })

async function newToken(username, name = 'integration') {
  const t = await runCli(['token', 'add', '--data-dir', srv.dataDir, '--username', username, '--name', name])
  assert.equal(t.code, 0, t.stderr)
  return t.stdout.trim().split('\n').pop().trim()
}

async function newUser(admin, username, role, scope, password = 'Tok3n-Owner-Pw') {
  const r = await api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S(admin), body: { username, display_name: username, password, role, scope },
  })
  assert.equal(r.status, 201, r.text)
  return r.json
}

const me = (bearer) => api(srv.base, 'GET', '/api/v1/auth/me', { auth: { bearer } })

test('finding 9: admins list the API tokens of their area and revoke them; revocation is audited', async () => {
  const street = await login(srv.base, 'street_admin')
  const community = await login(srv.base, 'community_admin')
  const staff = await login(srv.base, 'community_staff')
  const mine = await newToken('grid_worker', 'gis-sync')
  const other = await newToken('department', 'street-hotline')
  assert.equal((await me(mine)).status, 200)

  const listed = await api(srv.base, 'GET', '/api/v1/auth/tokens', { auth: S(community) })
  assert.equal(listed.status, 200, listed.text)
  const names = listed.json.items.map((t) => `${t.user.username}/${t.name}`)
  assert.ok(names.includes('grid_worker/gis-sync'), names.join())
  assert.ok(!names.includes('department/street-hotline'), `outside the community: ${names}`)
  assert.ok(!listed.text.includes(mine) && !listed.text.includes(other), 'never the token itself')
  const item = listed.json.items.find((t) => t.name === 'gis-sync')
  assert.equal(item.revoked, false)
  assert.ok(item.last_used_at, 'last use is shown')
  const all = await api(srv.base, 'GET', '/api/v1/auth/tokens?page_size=100', { auth: S(street) })
  assert.ok(all.json.items.some((t) => t.name === 'street-hotline'))

  // Outside the area: as if it did not exist. Staff may not manage tokens at all.
  const hotline = all.json.items.find((t) => t.name === 'street-hotline')
  assertError(await api(srv.base, 'POST', `/api/v1/auth/tokens/${hotline.id}/revoke`, { auth: S(community) }), 404, 'NotFound')
  assertError(await api(srv.base, 'GET', '/api/v1/auth/tokens', { auth: S(staff) }), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'POST', `/api/v1/auth/tokens/${item.id}/revoke`, { auth: S(staff) }), 403, 'PermissionDenied')

  const revoked = await api(srv.base, 'POST', `/api/v1/auth/tokens/${item.id}/revoke`, { auth: S(community) })
  assert.equal(revoked.status, 200, revoked.text)
  assert.equal(revoked.json.revoked, true)
  assert.equal(revoked.json.revoked_reason, 'revoked')
  assertError(await me(mine), 401, 'Unauthenticated')
  assert.equal((await me(other)).status, 200)
  // Revoked tokens leave the default list, and are there with include_revoked=true.
  const after1 = await api(srv.base, 'GET', '/api/v1/auth/tokens', { auth: S(community) })
  assert.ok(!after1.json.items.some((t) => t.id === item.id))
  const withRevoked = await api(srv.base, 'GET', '/api/v1/auth/tokens?include_revoked=true', { auth: S(community) })
  assert.ok(withRevoked.json.items.some((t) => t.id === item.id && t.revoked))

  const log = await api(srv.base, 'GET', '/api/v1/audit?action=tokens.revoke', { auth: S(street) })
  assert.equal(log.status, 200, log.text)
  assert.ok(log.json.items.some((e) => e.target_id === item.id && e.actor_username === 'community_admin'), log.text)
})

test('finding 9: linli token list and linli token revoke on the command line', async () => {
  const token = await newToken('org', 'cli-listed')
  const list = await runCli(['token', 'list', '--data-dir', srv.dataDir])
  assert.equal(list.code, 0, list.stderr)
  const line = list.stdout.split('\n').find((l) => l.includes('cli-listed'))
  assert.ok(line, list.stdout)
  assert.ok(!list.stdout.includes(token), 'the token itself is never printed again')
  assert.match(line, /\torg\t.*\tactive$/)
  const id = line.split('\t')[0]
  const revoke = await runCli(['token', 'revoke', '--data-dir', srv.dataDir, id])
  assert.equal(revoke.code, 0, revoke.stderr)
  // The running server stops accepting it once its 10-second cache has passed.
  await srv.advanceClock(11)
  assertError(await me(token), 401, 'Unauthenticated')
  const again = await runCli(['token', 'list', '--data-dir', srv.dataDir, '--username', 'org', '--all'])
  assert.match(again.stdout.split('\n').find((l) => l.includes('cli-listed')), /revoked \(revoked\)$/)
  const missing = await runCli(['token', 'revoke', '--data-dir', srv.dataDir, '999999'])
  assert.notEqual(missing.code, 0)
  const street = await login(srv.base, 'street_admin')
  const log = await api(srv.base, 'GET', '/api/v1/audit?action=tokens.revoke', { auth: S(street) })
  assert.ok(log.json.items.some((e) => e.target_id === id && e.actor_username === 'operator'), log.text)
})

test('finding 9: a disabled user\'s tokens stop working and do not come back when enabled again', async () => {
  const admin = await login(srv.base, 'street_admin')
  const u = await newUser(admin, 'tok_disabled', 'org', { kind: 'street', id: '1' })
  const token = await newToken('tok_disabled')
  assert.equal((await me(token)).status, 200)
  assert.equal((await api(srv.base, 'PATCH', `/api/v1/auth/users/${u.id}`, { auth: S(admin), body: { disabled: true } })).status, 200)
  assertError(await me(token), 401, 'Unauthenticated')
  assert.equal((await api(srv.base, 'PATCH', `/api/v1/auth/users/${u.id}`, { auth: S(admin), body: { disabled: false } })).status, 200)
  assertError(await me(token), 401, 'Unauthenticated')
  const listed = await api(srv.base, 'GET', `/api/v1/auth/tokens?user_id=${u.id}&include_revoked=true`, { auth: S(admin) })
  assert.equal(listed.json.items[0].revoked_reason, 'user_disabled')
  // A new token works again.
  assert.equal((await me(await newToken('tok_disabled'))).status, 200)
})

test('finding 9: a password reset ends the user\'s tokens', async () => {
  const admin = await login(srv.base, 'street_admin')
  const u = await newUser(admin, 'tok_reset', 'org', { kind: 'street', id: '1' })
  const token = await newToken('tok_reset')
  assert.equal((await me(token)).status, 200)
  const r = await api(srv.base, 'POST', `/api/v1/auth/users/${u.id}/password`, { auth: S(admin), body: { password: 'Brand-New-Secret-9' } })
  assert.equal(r.status, 204, r.text)
  assertError(await me(token), 401, 'Unauthenticated')
  const listed = await api(srv.base, 'GET', `/api/v1/auth/tokens?user_id=${u.id}&include_revoked=true`, { auth: S(admin) })
  assert.equal(listed.json.items[0].revoked_reason, 'password_reset')
})

test('finding 12: passwords have 10+ characters, do not contain the username and are not common', async () => {
  const admin = await login(srv.base, 'street_admin')
  const create = (username, password) => api(srv.base, 'POST', '/api/v1/auth/users', {
    auth: S(admin), body: { username, display_name: username, password, role: 'org', scope: { kind: 'street', id: '1' } },
  })
  for (const bad of ['aaaaaaaa', 'aaaaaaaaaa', 'Abc12345!', 'pw_owner_2026!', 'xPW_OWNER-x9', '1234567890', 'qwertyuiop', 'Password123', 'ababababab']) {
    assertError(await create('pw_owner', bad), 400, 'InvalidArgument', 'password')
  }
  assert.equal((await create('pw_owner', 'Correct-Horse-7')).status, 201)
  const id = (await api(srv.base, 'GET', '/api/v1/auth/users?q=pw_owner', { auth: S(admin) })).json.items[0].id
  // The same rules on a reset…
  for (const bad of ['short-pw', 'my-pw_owner-pass', 'iloveyou123']) {
    assertError(await api(srv.base, 'POST', `/api/v1/auth/users/${id}/password`, { auth: S(admin), body: { password: bad } }), 400, 'InvalidArgument', 'password')
  }
  await login(srv.base, 'pw_owner', 'Correct-Horse-7')
  // …and on the command line.
  const cli = (password) => runCli(['user', 'add', '--data-dir', srv.dataDir, '--username', 'pw_cli', '--password', password, '--role', 'org'])
  const refused = await cli('aaaaaaaa')
  assert.equal(refused.code, 2, refused.stderr)
  assert.match(refused.stderr, /password/)
  assert.notEqual((await cli('pw_cli-12345')).code, 0)
  assert.equal((await cli('Good-Cli-Pass-1')).code, 0)
  // The demo password still passes, so the README's way in stays true.
  await login(srv.base, 'resident', DEMO_PASSWORD)
})

test('finding 13: logging in over a session ends the old session', async () => {
  const first = await login(srv.base, 'grid_worker')
  assert.equal((await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { cookie: first.cookie } })).status, 200)
  // The browser logs in again (as anyone) while carrying the first session's cookie.
  const res = await fetch(`${srv.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: first.cookie, 'X-CSRF-Token': first.csrf },
    body: JSON.stringify({ username: 'resident', password: DEMO_PASSWORD }),
  })
  assert.equal(res.status, 200, await res.text())
  const second = res.headers.getSetCookie().find((c) => c.startsWith('linli_session=')).split(';')[0]
  assert.notEqual(second, first.cookie)
  assertError(await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { cookie: first.cookie } }), 401, 'Unauthenticated')
  const now = await api(srv.base, 'GET', '/api/v1/auth/me', { auth: { cookie: second } })
  assert.equal(now.json.user.username, 'resident')
})
