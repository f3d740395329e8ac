// Photos on a request, at phone width (a resident):
// (a) the file page refuses, at once and by name, a text file named .png, a picture over 5 MB and
//     a seventh picture; removing thumbnails works; the request is filed with one PNG, which the
//     detail page shows in its gallery (the full-size preview opens) with a 照片 timeline entry;
// (b) a PNG the server refuses (its structure is broken, only the signature is right) leaves the
//     request filed: the detail page names the photo and why, and a new photo added there is
//     stored.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import zlib from 'node:zlib'
import { navigate, phonePage, setup, SHOTS, sideScroll, uniq, zhCN } from './server.mjs'

let env

before(async () => {
  env = await setup()
})
after(async () => {
  await env?.teardown()
})

// ---- a small, valid PNG made here (RGB, 8 bits, one IDAT), so no image file is needed ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/** A w×h PNG of one colour. */
function png(w, h, [r, g, b]) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB, deflate, no filter method, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3).map((_, i) => [r, g, b][i % 3])])
  const raw = Buffer.concat(Array.from({ length: h }, () => row))
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}
const file = (name, buffer) => ({ name, mimeType: 'image/png', buffer })
const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replaceAll(`{${k}}`, String(v)), s)

const phone = (username) => phonePage(env, username)

const isFile = (r) => new URL(r.url()).pathname === '/api/v1/requests' && r.request().method() === 'POST'
const isPhotoUpload = (r) => /^\/api\/v1\/requests\/\d+\/photos$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST'

/** Waits until the gallery's image has been fetched and decoded. */
async function photoLoaded(page, index = 0) {
  const img = page.getByTestId('request-photo').nth(index).locator('img')
  await img.waitFor()
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle())
}

test('(a) resident files a request with a photo; a text file named .png, a big file and a 7th photo are refused', async () => {
  const { context, page } = await phone('resident')
  const good = png(24, 16, [64, 158, 255])
  try {
    await navigate(page, 'nav-request-file', '/requests/new')
    await page.getByTestId('file-description').fill(`小区门口的井盖松动了，踩上去会翘起来，很危险。（${uniq()}）`)
    const input = page.getByTestId('photo-input')
    const refused = page.getByTestId('photo-refused')
    const thumbs = page.getByTestId('photo-thumb')

    // A text file with a picture's name: refused by its content, named, nothing added.
    await input.setInputFiles(file('notes.png', Buffer.from('这不是图片，只是一段文字。', 'utf8')))
    await refused.waitFor()
    let text = await refused.innerText()
    assert.ok(text.includes('notes.png') && text.includes(zhCN.requests.photos.notImage), `refusal: ${text}`)
    assert.equal(await thumbs.count(), 0)

    // A picture over 5 MB: refused before any upload.
    const big = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(5 * 1024 * 1024)])
    await input.setInputFiles(file('big.png', big))
    await refused.filter({ hasText: 'big.png' }).waitFor()
    text = await refused.innerText()
    assert.ok(text.includes(zhCN.requests.photos.tooLarge), `refusal: ${text}`)
    assert.equal(await thumbs.count(), 0)

    // Seven pictures at once: six are kept, the seventh is refused, the add tile goes away.
    await input.setInputFiles(Array.from({ length: 7 }, (_, i) => file(`photo-${i + 1}.png`, png(8, 8, [40 * i, 120, 80]))))
    await thumbs.nth(5).waitFor()
    assert.equal(await thumbs.count(), 6)
    text = await refused.innerText()
    assert.ok(text.includes('photo-7.png') && text.includes(fill(zhCN.requests.photos.tooMany, { n: 6 })), `refusal: ${text}`)
    assert.equal(await page.getByTestId('photo-add').count(), 0, 'no add tile at six photos')

    // Remove all but one, then swap that one for the photo to send.
    for (let left = 5; left >= 1; left--) {
      await page.getByTestId('photo-remove').first().click()
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=photo-thumb]').length === n, left)
    }
    assert.equal(await thumbs.first().getAttribute('data-name'), 'photo-6.png')
    await page.getByTestId('photo-remove').first().click()
    await thumbs.first().waitFor({ state: 'detached' })
    await input.setInputFiles(file('manhole.png', good))
    await thumbs.first().waitFor()
    assert.equal(await refused.count(), 0, 'no refusal left on screen')
    assert.ok((await sideScroll(page)) <= 0, 'the form with photos fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-photo-pick.png`, fullPage: true })

    const filedRes = page.waitForResponse(isFile)
    const photoRes = page.waitForResponse(isPhotoUpload)
    await page.getByTestId('file-submit').click()
    const res = await filedRes
    assert.equal(res.status(), 201, `file answered ${res.status()}: ${await res.text()}`)
    const filed = await res.json()
    const up = await photoRes
    assert.equal(up.status(), 201, `photo answered ${up.status()}: ${await up.text()}`)
    assert.equal(new URL(up.url()).pathname, `/api/v1/requests/${filed.id}/photos`)
    assert.equal(up.request().headers()['content-type'], 'image/png')
    assert.ok(up.request().headers()['x-csrf-token'], 'the upload carries the CSRF header')
    const stored = await up.json()
    assert.equal(stored.content_type, 'image/png')
    // Served back as the same picture (24×16), with the session cookie alone.
    const served = await page.request.get(`${env.url}/api/v1/requests/${filed.id}/photos/${stored.id}`)
    assert.equal(served.status(), 200)
    assert.equal(served.headers()['content-type'], 'image/png')
    const bytes = await served.body()
    assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG')
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [24, 16], 'the picture sent')

    // The detail page: one photo in the gallery, loaded from the server; the preview opens.
    await page.waitForURL((u) => u.pathname === `/requests/${filed.id}`)
    await page.locator('[data-testid=request-photos][data-count="1"]').waitFor()
    assert.equal(await page.getByTestId('request-photo').first().getAttribute('data-id'), stored.id)
    await photoLoaded(page)
    assert.equal(await page.getByTestId('photo-failures').count(), 0)
    await page.getByTestId('request-photo-add').waitFor() // the filer may add more while it is open
    const entry = page.getByTestId('timeline-item').and(page.locator('[data-kind=photo]'))
    await entry.waitFor()
    assert.ok((await entry.innerText()).includes(zhCN.vocab.requestEvent.photo))
    assert.ok((await sideScroll(page)) <= 0, 'the detail page with its gallery fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-photo-detail.png`, fullPage: true })

    await page.getByTestId('request-photo').first().locator('img').click()
    const viewer = page.locator('.el-image-viewer__wrapper')
    await viewer.waitFor({ state: 'visible' })
    await page.locator('.el-image-viewer__close').click()
    await viewer.waitFor({ state: 'hidden' })
  } finally {
    await context.close()
  }
})

test('(b) a photo the server refuses leaves the request filed; the detail page names it and takes a new one', async () => {
  const { context, page } = await phone('resident')
  try {
    await navigate(page, 'nav-request-file', '/requests/new')
    await page.getByTestId('file-description').fill(`楼下垃圾桶满了两天没人清运，味道很大。（${uniq()}）`)
    // The right signature (so the browser takes it) but no picture behind it: only the server can tell.
    const broken = Buffer.concat([PNG_SIGNATURE, Buffer.from('not really a picture after all')])
    await page.getByTestId('photo-input').setInputFiles([file('bins.png', png(16, 16, [103, 194, 58])), file('broken.png', broken)])
    await page.getByTestId('photo-thumb').nth(1).waitFor()

    const answers = []
    page.on('response', (r) => isPhotoUpload(r) && answers.push(r))
    const filedRes = page.waitForResponse(isFile)
    await page.getByTestId('file-submit').click()
    const res = await filedRes
    assert.equal(res.status(), 201, `file answered ${res.status()}: ${await res.text()}`)
    const filed = await res.json()

    await page.waitForURL((u) => u.pathname === `/requests/${filed.id}`)
    assert.deepEqual(answers.map((r) => r.status()), [201, 400], 'the good photo stored, the broken one refused')
    assert.equal((await answers[1].json()).error?.field, 'photo')

    const failures = page.getByTestId('photo-failures')
    await failures.waitFor()
    const text = await failures.innerText()
    assert.ok(text.includes('broken.png') && text.includes(zhCN.fieldErrors.InvalidArgument.photo), `failure: ${text}`)
    assert.ok(!text.includes('bins.png'), 'only the failed photo is named')
    await page.locator('[data-testid=request-photos][data-count="1"]').waitFor()
    assert.ok((await sideScroll(page)) <= 0, 'the failure notice fits 390 px')
    await page.screenshot({ path: `${SHOTS}/linli-phone-request-photo-failed.png`, fullPage: true })

    // Retry from the detail page with a good picture.
    const again = page.waitForResponse(isPhotoUpload)
    await page.getByTestId('request-photo-input').setInputFiles(file('bins-again.png', png(20, 12, [230, 162, 60])))
    assert.equal((await again).status(), 201)
    await page.locator('[data-testid=request-photos][data-count="2"]').waitFor()
    await failures.waitFor({ state: 'detached' })
    await photoLoaded(page, 1)
  } finally {
    await context.close()
  }
})
