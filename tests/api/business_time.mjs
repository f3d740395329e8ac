// The test's own idea of working time (an oracle written apart from the server's
// requests/business_calendar.cc): a working day is Monday to Friday in Asia/Shanghai,
// unless the street's calendar says 'holiday' or 'workday' for that date; working time
// is the time inside working days. Tests compare the server's deadlines with it, so they
// hold on any day the server's clock is set to.
const HOUR = 3600e3
const DAY = 24 * HOUR
const SHANGHAI = 8 * HOUR

/** "YYYY-MM-DD" of the Shanghai date that instant t (ms) falls on. */
export function shanghaiDate(t) {
  return new Date(t + SHANGHAI).toISOString().slice(0, 10)
}

/** overrides: Map or object of "YYYY-MM-DD" -> 'holiday' | 'workday'. */
export function isWorkday(date, overrides = {}) {
  const kind = overrides instanceof Map ? overrides.get(date) : overrides[date]
  if (kind === 'holiday') return false
  if (kind === 'workday') return true
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** Midnight (Shanghai) after instant t, in ms. */
function nextMidnight(t) {
  return Date.parse(`${shanghaiDate(t)}T00:00:00+08:00`) + DAY
}

/** The instant `ms` of working time after `from`. */
export function addWorking(from, ms, overrides = {}) {
  let t = from
  let left = ms
  for (let guard = 0; guard < 4000; ++guard) {
    const end = nextMidnight(t)
    if (isWorkday(shanghaiDate(t), overrides)) {
      if (left <= end - t) return t + left
      left -= end - t
    }
    t = end
  }
  throw new Error('no working time within 4000 days')
}

/** Working time between instants a and b (0 when b <= a). */
export function workingBetween(a, b, overrides = {}) {
  let total = 0
  while (a < b) {
    const end = Math.min(nextMidnight(a), b)
    if (isWorkday(shanghaiDate(a), overrides)) total += end - a
    a = end
  }
  return total
}

/** The next n working days strictly after instant t, as "YYYY-MM-DD". */
export function nextWorkdays(t, n, overrides = {}) {
  const days = []
  for (let m = nextMidnight(t); days.length < n; m += DAY) {
    const d = shanghaiDate(m)
    if (isWorkday(d, overrides)) days.push(d)
  }
  return days
}

/** The street's calendar overrides for the years around instant t, read from the server. */
export async function calendarOverrides(api, base, auth, t) {
  const year = Number(shanghaiDate(t).slice(0, 4))
  const overrides = new Map()
  for (const y of [year - 1, year, year + 1]) {
    const r = await api(base, 'GET', `/api/v1/requests/calendar?year=${y}`, { auth })
    if (r.status !== 200) throw new Error(`calendar ${y}: ${r.status} ${r.text}`)
    for (const { date, kind } of r.json.items) overrides.set(date, kind)
  }
  return overrides
}

export { HOUR, DAY }
