// The one request wrapper. Every API call goes through `request`:
// - sends the session cookie (credentials: same-origin),
// - adds X-CSRF-Token on writes (the token lives in the auth store),
// - turns the error body {error:{code,message,field,request_id}} into an ApiError and,
//   unless the caller handles it (silent), shows a localized ElMessage,
// - on 401 clears the session and returns to /login?redirect=<current page>.
import { ElMessage } from 'element-plus'
import { t, te } from '@/locales'
import { catalogText } from '@/locales/catalog'

export interface ErrorBody {
  code: string
  message: string
  field?: string
  request_id?: string
  /** The catalog message (src/common/messages) and its values, rendered in the worker's language. */
  key?: string
  params?: Record<string, string>
  /** Extra facts, e.g. {"errors": [...]} when an import commit finds bad rows. */
  details?: Record<string, unknown>
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly key?: string
  readonly params?: Record<string, string>
  readonly requestId?: string
  readonly retryAfter?: number
  readonly details?: Record<string, unknown>

  constructor(status: number, body: Partial<ErrorBody>, retryAfter?: number) {
    super(body.message || body.code || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code || codeForStatus(status)
    this.field = body.field || undefined
    this.key = body.key || undefined
    this.params = body.params && typeof body.params === 'object' ? body.params : undefined
    this.requestId = body.request_id || undefined
    this.retryAfter = retryAfter
    this.details = body.details && typeof body.details === 'object' ? body.details : undefined
  }
}

function codeForStatus(status: number): string {
  switch (status) {
    case 0: return 'Network'
    case 400: return 'InvalidArgument'
    case 401: return 'Unauthenticated'
    case 403: return 'PermissionDenied'
    case 404: return 'NotFound'
    case 405: return 'MethodNotAllowed'
    case 409: return 'Conflict'
    case 412: return 'FailedPrecondition'
    case 413: return 'PayloadTooLarge'
    case 429: return 'ResourceExhausted'
    case 431: return 'HeadersTooLarge'
    case 500: return 'Internal'
    case 503: return 'Unavailable'
    default: return 'Unknown'
  }
}

/** Localized name of an input field, or the raw name when no translation exists. */
export function fieldLabel(field: string): string {
  const key = `fields.${field.replace(/\./g, '_')}`
  return te(key) ? t(key) : field
}

/** Localized, human-readable text for an API error. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.Network')
  const specific = keyedText(err)
  if (specific) return specific
  let message: string
  if (err.code === 'ResourceExhausted' && err.retryAfter !== undefined) {
    message = t('errors.ResourceExhaustedWait', { seconds: err.retryAfter })
  } else if (te(`errors.${err.code}`)) {
    message = t(`errors.${err.code}`)
  } else {
    message = t('errors.Unknown', { status: err.status })
  }
  if (err.field) message = t('errors.withField', { message, field: fieldLabel(err.field) })
  return message
}

export function showError(err: unknown) {
  ElMessage({ type: 'error', message: errorText(err), grouping: true, showClose: true, duration: 5000 })
}

interface HttpHooks {
  csrfToken: () => string | null
  onUnauthorized: () => void
}
let hooks: HttpHooks = { csrfToken: () => null, onUnauthorized: () => {} }

/** Wired once in main.ts, so the wrapper needs no import of the store or router. */
export function configureHttp(h: HttpHooks) {
  hooks = h
}

export type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Do not show an ElMessage; the caller presents the error itself. */
  silent?: boolean
  /** A 401 is an expected answer (login, session probe): do not redirect to /login. */
  allowUnauthenticated?: boolean
  /** Send this as the body as-is (a file upload) instead of JSON. */
  rawBody?: Blob | ArrayBuffer
  /** Content-Type of rawBody. */
  contentType?: string
  /** Return the response body as a Blob (file downloads) with its file name. */
  asBlob?: boolean
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>
}

/** A downloaded file. */
export interface DownloadedFile {
  blob: Blob
  filename: string
}

/** File name from a Content-Disposition header (RFC 6266 filename* first). */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : fallback
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: opts.asBlob ? '*/*' : 'application/json', ...opts.headers }
  if (opts.rawBody !== undefined) headers['Content-Type'] = opts.contentType || 'application/octet-stream'
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (WRITE_METHODS.has(method)) {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }

  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.rawBody !== undefined ? opts.rawBody : opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    })
  } catch {
    const err = new ApiError(0, { code: 'Network' })
    if (!opts.silent) showError(err)
    throw err
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T
    if (opts.asBlob) {
      const blob = await res.blob()
      const file: DownloadedFile = { blob, filename: dispositionFilename(res.headers.get('Content-Disposition'), 'download') }
      return file as T
    }
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  let body: Partial<ErrorBody> = {}
  try {
    const parsed = await res.json()
    if (parsed && typeof parsed === 'object' && parsed.error) body = parsed.error
  } catch {
    /* not JSON: keep the status only */
  }
  const ra = res.headers.get('Retry-After')
  const retryAfter = ra !== null && /^\d+$/.test(ra.trim()) ? Number(ra.trim()) : undefined
  const err = new ApiError(res.status, body, retryAfter)

  if (res.status === 401 && !opts.allowUnauthenticated) {
    ElMessage({ type: 'warning', message: t('errors.sessionExpired'), grouping: true })
    hooks.onUnauthorized()
    throw err
  }
  if (!opts.silent) showError(err)
  throw err
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
  del: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

/** Normalized form field an error points at ("scope.id" -> "scope"). */
export function errorField(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || !err.field) return undefined
  return err.field.split('.')[0]
}

/** The server's own message for the error, in the worker's language, when it sent a key. */
function keyedText(err: ApiError): string | undefined {
  const params = { ...(err.params ?? {}) }
  if (params.column) params.column = fieldLabel(params.column)
  return catalogText(err.key, params)
}

/** Text shown under a form field: the server's keyed message, else a field-specific hint when
 *  one exists, else the code's text. */
export function fieldErrorText(err: unknown): string {
  if (err instanceof ApiError && err.key) {
    const specific = keyedText(err)
    if (specific) return specific
  }
  if (err instanceof ApiError && err.field) {
    for (const f of [err.field.replace(/\./g, '_'), err.field.split('.')[0]]) {
      const key = `fieldErrors.${err.code}.${f}`
      if (te(key)) return t(key)
    }
    return te(`errors.${err.code}`) ? t(`errors.${err.code}`) : errorText(err)
  }
  return errorText(err)
}
