import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import LoginView from '@/views/LoginView.vue'
import { configureHttp } from '@/api/http'
import { i18n, setLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'

const Stub = defineComponent({ template: '<div />' })

function setup(answer: (url: string, init: RequestInit) => Response) {
  const fetch = vi.fn(async (url: string, init: RequestInit) => answer(url, init))
  configureHttp({ fetch: fetch as unknown as typeof globalThis.fetch })
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/password', component: Stub },
      { path: '/:rest(.*)*', component: Stub },
    ],
  })
  return { fetch, pinia, router }
}

async function fillAndSubmit(wrapper: ReturnType<typeof mount>, username: string, password: string) {
  await wrapper.find('input[name=username]').setValue(username)
  await wrapper.find('input[name=password]').setValue(password)
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

beforeEach(() => setLocale('zh-CN'))
afterEach(() => configureHttp({ fetch: (...a) => globalThis.fetch(...a) }))

describe('LoginView', () => {
  it('shows the server message when the login is throttled', async () => {
    const { pinia, router } = setup(() => json(429, { error: { code: 'throttled', message: '尝试次数过多，请 5 分钟后再试' } }))
    await router.push('/login')
    const wrapper = mount(LoginView, { global: { plugins: [pinia, router, i18n] } })
    await fillAndSubmit(wrapper, 'admin', 'wrong-password')
    expect(wrapper.text()).toContain('尝试次数过多，请 5 分钟后再试')
  })

  it('has a local message for a bare 429', async () => {
    const { pinia, router } = setup(() => new Response('', { status: 429 }))
    await router.push('/login')
    const wrapper = mount(LoginView, { global: { plugins: [pinia, router, i18n] } })
    await fillAndSubmit(wrapper, 'admin', 'wrong-password')
    expect(wrapper.text()).toContain(i18n.global.t('errors.throttled'))
  })

  it('logs in and goes to the change-password page when required', async () => {
    const user = { id: 1, username: 'admin', role: 'admin', must_change_password: true }
    const { fetch, pinia, router } = setup(() => json(200, { user }))
    await router.push('/login?redirect=/admin/users')
    const wrapper = mount(LoginView, { global: { plugins: [pinia, router, i18n] } })
    await fillAndSubmit(wrapper, ' admin ', 'initial-secret')
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/api/v1/session')
    expect(JSON.parse(init.body as string)).toEqual({ username: 'admin', password: 'initial-secret' })
    expect(useSessionStore().user?.username).toBe('admin')
    expect(router.currentRoute.value.path).toBe('/password')
  })

  it('follows ?redirect= after a normal login', async () => {
    const user = { id: 2, username: 'li', role: 'admin', must_change_password: false }
    const { pinia, router } = setup(() => json(200, { user }))
    await router.push('/login?redirect=/admin/users')
    const wrapper = mount(LoginView, { global: { plugins: [pinia, router, i18n] } })
    await fillAndSubmit(wrapper, 'li', 'a-good-password')
    expect(router.currentRoute.value.fullPath).toBe('/admin/users')
  })
})
