import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { setSessionExpiredHandler } from './api/http';
import { i18n } from './i18n';
import { router } from './router';
import { fetchMe } from './features/auth/api';
import { useLocaleStore } from './stores/locale';
import { useSessionStore } from './stores/session';
import './styles/base.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
const locale = useLocaleStore(pinia);

setSessionExpiredHandler(() => {
  const current = router.currentRoute.value;
  if (current.name === 'login') return;
  void router.replace({ name: 'login', query: { reason: 'expired', redirect: current.fullPath } });
});

app.use(router);
// The saved language (English is loaded on demand) is in place before the first screen renders.
void locale.whenReady().finally(() => app.mount('#app'));

// A session restored from storage may carry roles that changed since: refresh them quietly (an ended session is
// handled by the http client, which sends the user to the login page).
const session = useSessionStore(pinia);
if (session.isLoggedIn) {
  fetchMe()
    .then((user) => session.setUser(user))
    .catch(() => undefined);
}
