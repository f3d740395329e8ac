// Requests: the street admin's category keywords (分类关键词) at phone width.
// (a) street_admin opens 分类关键词 from the menu, adds a word to 宠物扰民 and the classifier
//     suggests 宠物扰民 for a text of that word alone; removing the word takes the lean away;
// (b) a grid worker (no requests.keywords) has no menu entry and is refused the page.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { answer, apiAs, menuEntry, must, navigate, phonePage, setup, SHOTS, sideScroll, zhCN } from './server.mjs'

let env
before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

const PETS = 'SQ-CW'
const WORD = '喵星人'
const top = async (api) => (await must(api.post('/api/v1/requests/classify', { description: `${WORD}${WORD}` }), 200, 'classify')).categories[0]?.code

test('(a) street_admin adds a keyword to a category, and the suggestion follows it', async () => {
  const { context, page } = await phonePage(env, 'street_admin')
  try {
    await navigate(page, 'nav-request-keywords', '/requests/keywords')
    const pets = page.locator(`[data-testid=keywords-category][data-code=${PETS}]`)
    await pets.waitFor()
    assert.ok((await pets.innerText()).includes('宠物扰民'))
    assert.ok((await page.getByTestId('keywords-page').innerText()).includes(zhCN.requestKeywords.title))
    const admin = await apiAs(env.url, 'street_admin')
    assert.notEqual(await top(admin), PETS, 'no lean before the word is added')

    await pets.getByTestId('keywords-input').fill(WORD) // el-input hands data-testid to its <input>
    const saved = answer(page, 'PUT', (u) => u.pathname === `/api/v1/requests/categories/${PETS}/keywords`)
    await pets.getByTestId('keywords-add').click()
    const res = await saved
    assert.equal(res.status(), 200, await res.text())
    const word = pets.getByTestId('keywords-word').filter({ hasText: WORD })
    await word.waitFor()
    assert.equal(await top(admin), PETS, 'the next suggestion uses the word')
    const add = await pets.getByTestId('keywords-add').boundingBox()
    assert.ok(add.height >= 44 && add.width >= 44, `add button ${add.width}×${add.height}`)
    assert.ok((await sideScroll(page)) <= 0, 'the page fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-keywords.png`, fullPage: true })

    const removed = answer(page, 'PUT', (u) => u.pathname === `/api/v1/requests/categories/${PETS}/keywords`)
    await word.locator('.el-tag__close').click()
    assert.equal((await removed).status(), 200)
    await word.waitFor({ state: 'detached' })
    assert.notEqual(await top(admin), PETS, 'the lean went with the word')
  } finally {
    await context.close()
  }
})

test('(b) a grid worker has no keywords entry and is refused the page', async () => {
  const { context, page } = await phonePage(env, 'grid_worker')
  try {
    await menuEntry(page, 'nav-requests')
    assert.equal(await page.getByTestId('nav-request-keywords').count(), 0)
    await page.goto(`${env.url}/requests/keywords`)
    await page.getByTestId('forbidden').waitFor()
  } finally {
    await context.close()
  }
})
