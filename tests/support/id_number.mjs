// Chinese resident ID numbers (GB 11643) for the tests: 6-digit region, YYYYMMDD birth date,
// 3-digit sequence and a check character over the first 17 digits (ISO 7064 MOD 11-2).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** The check character of the 17 digits `first17`. */
export function checkCharacter(first17) {
  if (!/^\d{17}$/.test(first17)) throw new Error(`an ID number's first 17 characters are digits: ${first17}`)
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i]
  return CHECK[s % 11]
}

/** `first17` (17 digits) followed by its check character: a valid 18-character ID number. */
export const withCheck = (first17) => first17 + checkCharacter(first17)

/** A valid ID number from its parts: 6-digit region + YYYYMMDD + sequence (padded to 3) + check. */
export const idNumber = (region, birth, seq) => withCheck(`${region}${birth}${String(seq).padStart(3, '0')}`)

/** The same number with a wrong check character. */
export function badCheck(id) {
  const last = id[17]
  const other = last === '1' ? '2' : '1'
  return id.slice(0, 17) + other
}
