import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { configureHttp } from '@/api/http'
import { useSessionStore } from '@/stores/session'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

function serve(...answers: Response[]) {
  const fetch = vi.fn(async () => answers.shift() ?? json(500, {}))
  configureHttp({ fetch: fetch as unknown as typeof globalThis.fetch })
  return fetch
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => configureHttp({ fetch: (...a) => globalThis.fetch(...a) }))

describe('session store', () => {
  it('asks the server once, even when asked twice at the same time', async () => {
    const fetch = serve(json(200, { user: { id: 1, username: 'admin', role: 'admin' } }))
    const s = useSessionStore()
    await Promise.all([s.load(), s.load()])
    await s.load()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(s.role).toBe('admin')
  })

  it('treats 401 as logged out, without an error', async () => {
    serve(json(401, { error: { code: 'unauthorized', message: '请先登录' } }))
    const s = useSessionStore()
    await s.load()
    expect(s.loaded).toBe(true)
    expect(s.loggedIn).toBe(false)
  })

  it('passes other failures on, and tries again next time', async () => {
    serve(json(500, { error: { code: 'internal', message: '服务器内部错误' } }), json(200, { user: { id: 1, role: 'viewer' } }))
    const s = useSessionStore()
    await expect(s.load()).rejects.toThrow('服务器内部错误')
    await s.refresh()
    expect(s.role).toBe('viewer')
  })

  it('clears the must-change flag after a password change', async () => {
    serve(json(200, { user: { id: 1, role: 'admin', must_change_password: true } }), new Response(null, { status: 204 }))
    const s = useSessionStore()
    await s.login('admin', 'x')
    await s.changePassword('x', 'y')
    expect(s.user?.must_change_password).toBe(false)
  })
})
