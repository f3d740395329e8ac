// The classifier from a fresh start (docs/http-api.md "Requests"): with no request filed yet it
// already suggests from the seed corpus linli ships (src/requests/corpus/), and the street
// admin's category keywords lean it at once.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, login, api, assertError, REPO } from './server.mjs'

let srv, admin, resident, worker
before(async () => {
  srv = await startServer(['--demo-requests', '0'])
  ;[admin, resident, worker] = await Promise.all(['street_admin', 'resident', 'grid_worker'].map((u) => login(srv.base, u)))
})
after(() => srv?.stop())

const S = (who) => ({ cookie: who.cookie, csrf: who.csrf })
const classify = (who, description) => api(srv.base, 'POST', '/api/v1/requests/classify', { auth: S(who), body: { description } })
const corpus = ['train.tsv', 'eval.tsv'].map((f) => fs.readFileSync(path.join(REPO, 'src/requests/corpus', f), 'utf8')).join('\n')

// Everyday complaints as a caller says them, none of them in the corpus files.
const COMPLAINTS = [
  ['SQ-DT', '我们楼那个电梯这两天老是卡着不动，爷爷奶奶出不了门'],
  ['SQ-ZS', '楼上那家每天半夜还在蹦蹦跳跳的，我都快神经衰弱了'],
  ['JM-TC', '有个司机把小轿车横在消防通道口，一整天都没挪'],
  ['SQ-CW', '对面那条大黄狗一到晚上就汪汪叫个不停'],
  ['TF-SS', '小区大门口地底下一直往外冒水，路上都成小河了'],
]

test('on a fresh start with no request filed, everyday complaints get the right first suggestion', async () => {
  const listed = await api(srv.base, 'GET', '/api/v1/requests', { auth: S(admin) })
  assert.equal(listed.status, 200, listed.text)
  assert.equal(listed.json.total, 0, 'nothing filed: the suggestions come from the corpus alone')
  for (const [code, text] of COMPLAINTS) {
    assert.ok(!corpus.includes(text), `not in the corpus: ${text}`)
    const g = await classify(resident, text)
    assert.equal(g.status, 200, g.text)
    assert.equal(g.json.categories[0]?.code, code, `${text}: ${JSON.stringify(g.json.categories)}`)
    assert.ok(g.json.categories[0].confidence > 0.5, `confident: ${JSON.stringify(g.json.categories[0])}`)
  }
})

test('the street admin lists and edits category keywords, and the classifier uses them at once', async () => {
  const list = await api(srv.base, 'GET', '/api/v1/requests/keywords', { auth: S(admin) })
  assert.equal(list.status, 200, list.text)
  const codes = list.json.items.map((i) => i.code)
  assert.equal(codes.length, 22, 'every leaf category')
  assert.ok(!codes.includes('SQ') && codes.includes('QT') && codes.includes('SQ-CW'))
  const pets = list.json.items.find((i) => i.code === 'SQ-CW')
  assert.equal(pets.name, '宠物扰民')
  assert.ok(pets.keywords.includes('遛狗'), JSON.stringify(pets))

  // A word nothing in the corpus has: before the keyword no suggestion leans to SQ-CW.
  const word = '喵星人'
  assert.ok(!corpus.includes(word))
  const before = await classify(resident, `${word}${word}`)
  assert.notEqual(before.json.categories[0]?.code, 'SQ-CW')
  const put = (code, keywords, who = admin) => api(srv.base, 'PUT', `/api/v1/requests/categories/${code}/keywords`, { auth: S(who), body: { keywords } })
  const saved = await put('SQ-CW', [...pets.keywords, ` ${word} `, word])
  assert.equal(saved.status, 200, saved.text)
  assert.deepEqual(saved.json.keywords, [...pets.keywords, word], 'trimmed, repeats dropped, order kept')
  assert.equal((await classify(resident, `${word}${word}`)).json.categories[0]?.code, 'SQ-CW')
  const again = await api(srv.base, 'GET', '/api/v1/requests/keywords', { auth: S(admin) })
  assert.deepEqual(again.json.items.find((i) => i.code === 'SQ-CW').keywords, saved.json.keywords)
  // Dropped again: the lean goes with it.
  assert.equal((await put('SQ-CW', pets.keywords)).status, 200)
  assert.notEqual((await classify(resident, `${word}${word}`)).json.categories[0]?.code, 'SQ-CW')

  // Bad input names its field; a class or an unknown code is not a leaf category.
  assertError(await put('SQ-CW', 'dog'), 400, 'InvalidArgument', 'keywords')
  assertError(await put('SQ-CW', [7]), 400, 'InvalidArgument', 'keywords')
  assertError(await put('SQ-CW', ['']), 400, 'InvalidArgument', 'keywords')
  assertError(await put('SQ-CW', ['一二三四五六七八九十一二三四五六七']), 400, 'InvalidArgument', 'keywords')
  assertError(await put('SQ-CW', Array.from({ length: 31 }, (_, i) => `词${i}`)), 400, 'InvalidArgument', 'keywords')
  assertError(await put('SQ', ['狗']), 404, 'NotFound')
  assertError(await put('NOPE', ['狗']), 404, 'NotFound')
  // Only the street admin edits them; the change is audited.
  assertError(await put('SQ-CW', ['狗'], worker), 403, 'PermissionDenied')
  assertError(await api(srv.base, 'GET', '/api/v1/requests/keywords', { auth: S(worker) }), 403, 'PermissionDenied')
  const audit = await api(srv.base, 'GET', '/api/v1/audit?action=requests.keywords', { auth: S(admin) })
  assert.equal(audit.status, 200, audit.text)
  assert.ok(audit.json.items.some((e) => e.action === 'requests.keywords' && e.target_id === 'SQ-CW'), audit.text)
})
