// The password rules the server enforces that a form can check before sending (the list of
// common passwords stays on the server): the locale key of the problem, or null.
export function passwordProblem(password: string, username: string | undefined): string | null {
  if ([...password].length < 10) return 'users.passwordMin'
  const name = (username ?? '').trim().toLowerCase()
  if (name && password.toLowerCase().includes(name)) return 'users.passwordHasUsername'
  return null
}
