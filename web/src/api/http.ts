// A small fetch wrapper for the Tuijin JSON API: same-origin cookie session,
// Accept-Language from the UI language, and one error type for every failure.

/** Field name → localized message, as sent by the server for 422-style errors. */
export type FieldErrors = Record<string, string>

/** ApiError is what every failed call throws. status 0 means no response. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: FieldErrors
  /** The whole JSON body of the answer, for errors that carry more than the envelope (an import's preview). */
  readonly payload: unknown

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}, payload?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.payload = payload
  }

  /** Someone else changed the record since it was loaded (optimistic locking). */
  get isConflict(): boolean {
    return this.status === 409
  }

  get isUnauthorized(): boolean {
    return this.status === 401
  }

  /** The session's password was set by someone else and must change before anything else. */
  get isPasswordChangeRequired(): boolean {
    return this.status === 403 && this.code === PASSWORD_CHANGE_REQUIRED
  }
}

/** The error code of a 403 for a session whose password must change first. */
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required'

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Do not call the onUnauthorized hook on 401 (login and session probes). */
  allowUnauthorized?: boolean
}

export interface HttpConfig {
  /** The UI language, sent as Accept-Language. */
  language: () => string
  /** Fallback texts for failures that carry no server message. */
  fallbackMessage: (kind: 'network' | 'status', status: number) => string
  /** Called when a request is refused with 401: the session has ended. */
  onUnauthorized: () => void
  /** Called when a request is refused because the password must change first (403 password_change_required). */
  onPasswordChangeRequired: () => void
  fetch: typeof fetch
}

const config: HttpConfig = {
  language: () => 'zh-CN',
  fallbackMessage: (kind, status) =>
    kind === 'network' ? 'Network error' : `Request failed (HTTP ${status})`,
  onUnauthorized: () => {},
  onPasswordChangeRequired: () => {},
  fetch: (...args) => globalThis.fetch(...args),
}

export function configureHttp(patch: Partial<HttpConfig>): void {
  Object.assign(config, patch)
}

/** buildURL appends the non-empty query parameters to path. */
export function buildURL(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': config.language(),
  }
  let body: string | FormData | undefined
  if (opts.body instanceof FormData) {
    body = opts.body // the browser sets the multipart Content-Type with its boundary
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }

  let res: Response
  try {
    res = await config.fetch(buildURL(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', config.fallbackMessage('network', 0))
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  throw await failure(res, opts)
}

async function failure(res: Response, opts: RequestOptions): Promise<ApiError> {
  const err = await errorFrom(res)
  if (err.isUnauthorized && !opts.allowUnauthorized) config.onUnauthorized()
  if (err.isPasswordChangeRequired) config.onPasswordChangeRequired()
  return err
}

/** A file the server sent, with the name from its Content-Disposition. */
export interface Download {
  blob: Blob
  filename: string
}

/** fetchFile GETs a file (an export) with the session, failing like request does. */
export async function fetchFile(path: string, query?: Query): Promise<Download> {
  let res: Response
  try {
    res = await config.fetch(buildURL(path, query), {
      method: 'GET',
      headers: { 'Accept-Language': config.language() },
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', config.fallbackMessage('network', 0))
  }
  if (!res.ok) throw await failure(res, {})
  return { blob: await res.blob(), filename: filenameFrom(res.headers.get('Content-Disposition')) }
}

/**
 * filenameFrom reads the file name of a Content-Disposition header,
 * preferring the UTF-8 filename* (Chinese names) over the plain one.
 */
export function filenameFrom(header: string | null): string {
  if (!header) return 'download'
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header)
  return (plain?.[1] ?? plain?.[2] ?? 'download').trim()
}

async function errorFrom(res: Response): Promise<ApiError> {
  let payload: unknown
  try {
    payload = await res.json()
  } catch {
    payload = undefined
  }
  const e = (payload as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)?.error
  const message =
    typeof e?.message === 'string' && e.message ? e.message : config.fallbackMessage('status', res.status)
  const code = typeof e?.code === 'string' ? e.code : `http_${res.status}`
  const fields = isFieldErrors(e?.fields) ? e.fields : {}
  return new ApiError(res.status, code, message, fields, payload)
}

function isFieldErrors(v: unknown): v is FieldErrors {
  return typeof v === 'object' && v !== null && Object.values(v).every((m) => typeof m === 'string')
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
}
