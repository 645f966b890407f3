import { createRouter, createWebHistory, type Router } from 'vue-router'
import { routes } from './routes'
import { decide } from './guard'
import { useSessionStore } from '@/stores/session'
import { i18n } from '@/i18n'
import { notifyError } from '@/ui/feedback'

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHistory('/'), routes })

  router.beforeEach(async (to) => {
    const session = useSessionStore()
    try {
      await session.load()
    } catch (err) {
      // The server could not be asked (down, proxy error): show it, then the login page.
      notifyError(err)
    }
    const result = decide(to, { user: session.user })
    return result === true ? true : { path: result.path, query: result.query ?? {} }
  })

  router.afterEach((to) => {
    const { t } = i18n.global
    document.title = to.meta.title ? `${t(to.meta.title)} - ${t('app.title')}` : t('app.title')
  })

  return router
}
