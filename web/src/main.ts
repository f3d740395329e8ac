import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './locales'
import { router, goToLogin } from './router'
import { configureHttp } from './api/http'
import { useAuthStore } from './stores/auth'
import './styles.css'
import './tap-targets.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)

const auth = useAuthStore(pinia)
configureHttp({
  csrfToken: () => auth.csrfToken,
  onUnauthorized: goToLogin,
})

app.use(router)
app.mount('#app')
