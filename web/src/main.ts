import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { LOGIN_PATH, PASSWORD_PATH } from './router/guard'
import { configureHttp } from './api/http'
import { currentLocale, i18n, setLocale } from './i18n'
import { useSessionStore } from './stores/session'
import { notifyWarning } from './ui/feedback'
import 'element-plus/theme-chalk/base.css'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createAppRouter()
app.use(router)

configureHttp({
  language: currentLocale,
  fallbackMessage: (kind, status) => i18n.global.t(kind === 'network' ? 'errors.network' : 'errors.status', { status }),
  onUnauthorized: () => {
    const session = useSessionStore()
    if (!session.loggedIn) return
    session.clear()
    notifyWarning(i18n.global.t('errors.sessionExpired'))
    const here = router.currentRoute.value.fullPath
    void router.push({ path: LOGIN_PATH, query: { redirect: here } })
  },
  // The server refuses everything but the session routes (403
  // password_change_required) when an admin reset the password meanwhile:
  // ask who we are again and let the guard send us to the password page.
  onPasswordChangeRequired: () => {
    const session = useSessionStore()
    if (!session.loggedIn) return
    session
      .refresh()
      .then(() => {
        if (session.user?.must_change_password) void router.push(PASSWORD_PATH)
      })
      .catch(() => {})
  },
})

setLocale(currentLocale())
app.mount('#app')
