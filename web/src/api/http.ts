// A small fetch wrapper for the Tuijin JSON API: same-origin cookie session,
// Accept-Language from the UI language, and one error type for every failure.

/** Field name → localized message, as sent by the server for 422-style errors. */
export type FieldErrors = Record<string, string>

/** ApiError is what every failed call throws. status 0 means no response. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: FieldErrors

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }

  /** Someone else changed the record since it was loaded (optimistic locking). */
  get isConflict(): boolean {
    return this.status === 409
  }

  get isUnauthorized(): boolean {
    return this.status === 401
  }
}

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
  /** Called when a request is refused with 403, e.g. a password must change first. */
  onForbidden: () => void
  fetch: typeof fetch
}

const config: HttpConfig = {
  language: () => 'zh-CN',
  fallbackMessage: (kind, status) =>
    kind === 'network' ? 'Network error' : `Request failed (HTTP ${status})`,
  onUnauthorized: () => {},
  onForbidden: () => {},
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
  let body: string | undefined
  if (opts.body !== undefined) {
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

  const err = await errorFrom(res)
  if (err.isUnauthorized && !opts.allowUnauthorized) config.onUnauthorized()
  if (err.status === 403) config.onForbidden()
  throw err
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
  return new ApiError(res.status, code, message, fields)
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
