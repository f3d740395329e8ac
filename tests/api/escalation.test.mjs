// Escalation (吹哨) on the real server, driven by its test clock: a request not resolved by
// its deadline is called blue, then yellow, then red, each once; its handler is told once per
// level; a report-in (报到) is recorded; and a restart (also one after a kill -9, and one
// during which a deadline passed) calls nothing twice and misses nothing. Deadlines are checked
// against the test's own working-time oracle (business_time.mjs), so this holds on any day the
// clock starts on (make test runs it on a Wednesday, a Friday evening, a Sunday and in the
// Spring Festival holiday).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, api, waitFor, as } from './server.mjs'
import { addWorking, calendarOverrides, HOUR } from './business_time.mjs'

let srv, resident, worker
const SECOND = 1000

before(async () => {
  srv = await startServer(['--demo-residents', '200'])
  await signIn()
})
after(async () => srv?.stop())

// Sessions end after 8 idle hours of server time: after each jump, sign in again.
async function signIn() {
  resident = await login(srv.base, 'resident')
  worker = await login(srv.base, 'grid_worker')
}

const file = async (description) => {
  const r = await api(srv.base, 'POST', '/api/v1/requests', { auth: as(resident), body: { category: 'SQ-ZS', description } })
  assert.equal(r.status, 201, r.text)
  return r.json
}
const get = async (id) => {
  const r = await api(srv.base, 'GET', `/api/v1/requests/${id}`, { auth: as(worker) })
  assert.equal(r.status, 200, r.text)
  return r.json
}
const escalations = (r) => r.timeline.filter((e) => e.kind === 'escalate')

/** Moves the server's clock to `instant` (ms) plus a minute; signs in again. */
async function jumpPast(instant) {
  const now = await srv.clockNow()
  if (instant + 60 * SECOND > now) await srv.advanceClock((instant + 60 * SECOND - now) / 1000)
  await signIn()
}

/** Waits (the scheduler polls each second) until the request reaches `level`. */
async function untilLevel(id, level) {
  return waitFor(async () => {
    const r = await get(id)
    return r.escalation?.level === level ? r : undefined
  }, { timeoutMs: 15000, message: `request ${id} at escalation level ${level}` })
}

/** The worker's inbox messages about escalations of request `number`. */
async function toldOf(number) {
  const r = await api(srv.base, 'GET', '/api/v1/notifications?page_size=200', { auth: as(worker) })
  assert.equal(r.status, 200, r.text)
  return r.json.items.filter((m) => m.subject.includes(number) && m.subject.includes('升级'))
}

test('overdue: called blue once, the handler told once, the report-in recorded', async () => {
  const r = await file('广场上每晚放音乐到十二点')
  const overrides = await calendarOverrides(api, srv.base, as(worker), Date.parse(r.created_at))
  assert.equal(Date.parse(r.resolve_due), addWorking(Date.parse(r.created_at), 48 * HOUR, overrides),
    `48 working hours after ${r.created_at}`)
  assert.equal(r.escalation, null)

  await jumpPast(Date.parse(r.resolve_due))
  const blue = await untilLevel(r.id, 1)
  assert.equal(blue.escalation.color, 'blue')
  assert.ok(Date.parse(blue.escalation.at) >= Date.parse(r.resolve_due), 'called after the deadline, not before')
  assert.equal(Date.parse(blue.escalation.report_in_due), addWorking(Date.parse(blue.escalation.at), 24 * HOUR, overrides),
    'the blue level has 24 working hours to report in')
  assert.equal(escalations(blue).length, 1)
  assert.equal((await toldOf(r.number)).length, 1, 'the handler is told of the blue call once')
  assert.ok(blue.actions.includes('report_in'))

  const reported = await api(srv.base, 'POST', `/api/v1/requests/${r.id}/actions/report_in`, { auth: as(worker), body: { note: '已到场' } })
  assert.equal(reported.status, 200, reported.text)
  const after = await get(r.id)
  assert.ok(after.escalation.reported_at, 'the report-in is recorded on the escalation')
  assert.equal(after.timeline.filter((e) => e.kind === 'report_in').length, 1)
  // Regression: report_in was still offered once reported in; a second one is a conflict.
  assert.ok(!after.actions.includes('report_in'), `no second report-in offered: ${after.actions}`)
  const again = await api(srv.base, 'POST', `/api/v1/requests/${r.id}/actions/report_in`, { auth: as(worker), body: {} })
  assert.equal(again.status, 409, again.text)
})

test('still unresolved: yellow after the report-in time, then red, then nothing more', async () => {
  const r = await file('楼下商铺音响很吵')
  await jumpPast(Date.parse(r.resolve_due))
  const blue = await untilLevel(r.id, 1)
  await jumpPast(Date.parse(blue.escalation.report_in_due))
  const yellow = await untilLevel(r.id, 2)
  assert.equal(yellow.escalation.color, 'yellow')
  assert.ok(yellow.actions.includes('report_in'), 'a new level asks for its own report-in')
  await jumpPast(Date.parse(yellow.escalation.report_in_due))
  const red = await untilLevel(r.id, 3)
  assert.equal(red.escalation.color, 'red')
  assert.deepEqual(escalations(red).map((e) => e.note.split('：')[0]), ['blue', 'yellow', 'red'])

  // Past red's own report-in time there is no fourth level: wait until a request filed now has
  // been called (the scheduler has run since), then check nothing more happened to this one.
  await jumpPast(Date.parse(red.escalation.report_in_due))
  const probe = await file('探针：过了红牌时限再吹一次？')
  await jumpPast(Date.parse(probe.resolve_due))
  await untilLevel(probe.id, 1)
  const last = await get(r.id)
  assert.equal(last.escalation.level, 3)
  assert.equal(escalations(last).length, 3)
  assert.equal((await toldOf(r.number)).length, 3, 'told once per level')
})

test('a restart calls nothing twice and misses nothing, also after kill -9 and a deadline passed while down', async () => {
  const overrides = await calendarOverrides(api, srv.base, as(worker), await srv.clockNow())
  // Each next request is filed once its deadline falls well after the one before's.
  const fileDueAfter = async (description, instant) => {
    while (addWorking(await srv.clockNow(), 48 * HOUR, overrides) < instant + 30 * 60 * SECOND) await srv.advanceClock(6 * 3600)
    await signIn()
    return file(description)
  }
  const called = await file('重启前已吹哨：夜间噪音')
  const pending = await fileDueAfter('停机期间到期：夜间噪音', Date.parse(called.resolve_due))
  const later = await fileDueAfter('重启后才到期：夜间噪音', Date.parse(pending.resolve_due))
  await jumpPast(Date.parse(called.resolve_due))
  await untilLevel(called.id, 1)
  assert.equal((await get(pending.id)).escalation, null)

  // 1. A clean restart (SIGTERM), its clock carrying on.
  const dataDir = srv.dataDir
  const exit = await srv.stop({ keepDir: true })
  assert.equal(exit.code, 0)
  srv = await startServer([], { dataDir })
  await signIn()
  // 2. kill -9, and start again with the clock past `pending`'s deadline: it was due while down.
  const stoppedAt = await srv.clockNow()
  srv.proc.kill('SIGKILL')
  await srv.exited
  const restartAt = Math.max(stoppedAt, Date.parse(pending.resolve_due)) + 5 * 60 * SECOND
  srv = await startServer([], { dataDir, clockStart: new Date(restartAt).toISOString() })
  await signIn()
  const caughtUp = await untilLevel(pending.id, 1)
  assert.equal(escalations(caughtUp).length, 1, 'a deadline passed while down is called once on start')
  await jumpPast(Date.parse(later.resolve_due))
  await untilLevel(later.id, 1)  // the scheduler has run several times since the restarts

  for (const r of [called, pending, later]) {
    const seen = await get(r.id)
    assert.equal(seen.escalation.level, 1, `${r.number} at blue`)
    assert.equal(escalations(seen).length, 1, `${r.number} called once`)
    assert.equal((await toldOf(r.number)).length, 1, `${r.number}: its handler told once`)
  }
})
