import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildURL, configureHttp, fetchFile, filenameFrom, http } from '@/api/http'

function respond(status: number, body?: unknown, raw?: string): typeof fetch {
  return vi.fn(async () => {
    const text = raw ?? (body === undefined ? '' : JSON.stringify(body))
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'Content-Type': raw ? 'text/plain' : 'application/json' },
    })
  }) as unknown as typeof fetch
}

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError)
    return err as ApiError
  }
  throw new Error('expected the call to fail')
}

afterEach(() => {
  configureHttp({ language: () => 'zh-CN', onUnauthorized: () => {}, onPasswordChangeRequired: () => {} })
})

describe('buildURL', () => {
  it('leaves out empty parameters', () => {
    expect(buildURL('/api/v1/users', { q: '', role: 'admin', department_id: null, page: 2, active: false })).toBe(
      '/api/v1/users?role=admin&page=2&active=false',
    )
  })

  it('returns the bare path without parameters', () => {
    expect(buildURL('/api/v1/users', { q: undefined })).toBe('/api/v1/users')
  })

  it('encodes values', () => {
    expect(buildURL('/x', { q: '住建 局&1' })).toBe('/x?q=%E4%BD%8F%E5%BB%BA+%E5%B1%80%261')
  })
})

describe('request', () => {
  it('sends JSON with the UI language and parses the answer', async () => {
    const f = respond(201, { id: 7 })
    configureHttp({ fetch: f, language: () => 'en-US' })
    const r = await http.post<{ id: number }>('/api/v1/departments', { name: '发改局' })
    expect(r).toEqual({ id: 7 })
    const [url, init] = (f as unknown as ReturnType<typeof vi.fn>).mock.calls[0]
    expect(url).toBe('/api/v1/departments')
    expect(init.method).toBe('POST')
    expect(init.credentials).toBe('same-origin')
    expect(init.headers['Accept-Language']).toBe('en-US')
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(init.body)).toEqual({ name: '发改局' })
  })

  it('returns undefined for 204', async () => {
    configureHttp({ fetch: respond(204) })
    await expect(http.delete('/api/v1/tokens/1')).resolves.toBeUndefined()
  })

  it('turns the error envelope into an ApiError with fields', async () => {
    configureHttp({
      fetch: respond(422, {
        error: { code: 'validation_failed', message: '输入有误', fields: { name: '必填', kind: '无效的选项' } },
      }),
    })
    const err = await caught(http.post('/api/v1/departments', {}))
    expect(err.status).toBe(422)
    expect(err.code).toBe('validation_failed')
    expect(err.message).toBe('输入有误')
    expect(err.fields).toEqual({ name: '必填', kind: '无效的选项' })
  })

  it('flags conflicts', async () => {
    configureHttp({ fetch: respond(409, { error: { code: 'conflict', message: '已被他人修改' } }) })
    const err = await caught(http.patch('/api/v1/users/1', { version: 1 }))
    expect(err.isConflict).toBe(true)
    expect(err.fields).toEqual({})
  })

  it('falls back to a local message when the body is not the envelope', async () => {
    configureHttp({
      fetch: respond(502, undefined, '<html>Bad Gateway</html>'),
      fallbackMessage: (kind, status) => `${kind}:${status}`,
    })
    const err = await caught(http.get('/api/v1/users'))
    expect(err.status).toBe(502)
    expect(err.code).toBe('http_502')
    expect(err.message).toBe('status:502')
  })

  it('reports a network failure as status 0', async () => {
    configureHttp({
      fetch: vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }) as unknown as typeof fetch,
      fallbackMessage: (kind) => kind,
    })
    const err = await caught(http.get('/api/v1/users'))
    expect(err.status).toBe(0)
    expect(err.message).toBe('network')
  })

  it('calls onUnauthorized on 401 unless the call expects it', async () => {
    const hook = vi.fn()
    configureHttp({ fetch: respond(401, { error: { code: 'unauthorized', message: '请先登录' } }), onUnauthorized: hook })
    await caught(http.get('/api/v1/users'))
    expect(hook).toHaveBeenCalledTimes(1)
    await caught(http.get('/api/v1/session', undefined, { allowUnauthorized: true }))
    expect(hook).toHaveBeenCalledTimes(1)
  })
})

describe('onPasswordChangeRequired', () => {
  it('is called on 403 password_change_required so that the app can check the session again', async () => {
    const hook = vi.fn()
    configureHttp({
      fetch: respond(403, { error: { code: 'password_change_required', message: '请先修改初始密码' } }),
      onPasswordChangeRequired: hook,
    })
    const err = await caught(http.get('/api/v1/users'))
    expect(err.status).toBe(403)
    expect(err.isPasswordChangeRequired).toBe(true)
    expect(hook).toHaveBeenCalledTimes(1)
  })

  it('is not called for an ordinary 403', async () => {
    const hook = vi.fn()
    configureHttp({
      fetch: respond(403, { error: { code: 'forbidden', message: '您没有权限执行此操作' } }),
      onPasswordChangeRequired: hook,
    })
    const err = await caught(http.patch('/api/v1/projects/1', { leader_id: 2, version: 1 }))
    expect(err.isPasswordChangeRequired).toBe(false)
    expect(hook).not.toHaveBeenCalled()
  })
})

describe('payload', () => {
  it('keeps the whole body of an error, e.g. an import preview with cell errors', async () => {
    configureHttp({
      fetch: respond(422, { error: { code: 'validation_failed', message: '导入未执行' }, summary: { errors: 1 } }),
    })
    const err = await caught(http.post('/api/v1/ledger/import', new FormData()))
    expect((err.payload as { summary: { errors: number } }).summary.errors).toBe(1)
  })
})

describe('multipart bodies', () => {
  it('sends FormData as is, without a JSON content type', async () => {
    const f = respond(200, { dry_run: true })
    configureHttp({ fetch: f })
    const fd = new FormData()
    fd.append('file', new Blob(['a,b']), 'x.csv')
    await http.post('/api/v1/ledger/import', fd, { query: { dry_run: true } })
    const [url, init] = (f as unknown as ReturnType<typeof vi.fn>).mock.calls[0]
    expect(url).toBe('/api/v1/ledger/import?dry_run=true')
    expect(init.body).toBe(fd)
    expect(init.headers['Content-Type']).toBeUndefined()
  })
})

describe('filenameFrom', () => {
  it('prefers the UTF-8 name', () => {
    expect(
      filenameFrom(
        `attachment; filename="ledger-2026.xlsx"; filename*=UTF-8''2026%E5%B9%B4%E9%87%8D%E7%82%B9%E9%A1%B9%E7%9B%AE%E5%8F%B0%E8%B4%A6.xlsx`,
      ),
    ).toBe('2026年重点项目台账.xlsx')
  })

  it('falls back to the plain name, then to "download"', () => {
    expect(filenameFrom('attachment; filename="ledger-2026.csv"')).toBe('ledger-2026.csv')
    expect(filenameFrom(null)).toBe('download')
  })
})

describe('fetchFile', () => {
  it('returns the blob and its name, and fails with the server message', async () => {
    configureHttp({
      fetch: vi.fn(async () => new Response('a,b', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="x.csv"' } })) as unknown as typeof fetch,
    })
    const d = await fetchFile('/api/v1/ledger/export', { format: 'csv' })
    expect(d.filename).toBe('x.csv')
    expect(await d.blob.text()).toBe('a,b')

    configureHttp({ fetch: respond(400, { error: { code: 'validation_failed', message: '参数无效' } }) })
    const err = await caught(fetchFile('/api/v1/ledger/export'))
    expect(err.message).toBe('参数无效')
  })
})
