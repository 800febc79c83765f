import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { setSessionExpiredHandler } from './api/http';
import { i18n } from './i18n';
import { router } from './router';
import { fetchMe } from './features/auth/api';
import { installVantKeyboard } from './composables/vant-keyboard';
import { useLocaleStore } from './stores/locale';
import { SESSION_STORAGE_KEY, useSessionStore } from './stores/session';
import './styles/base.css';

installVantKeyboard();

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
const locale = useLocaleStore(pinia);

setSessionExpiredHandler(() => {
  // The session may end during the first navigation (a stale session restored from storage): let it settle first.
  void router.isReady().then(() => {
    const current = router.currentRoute.value;
    if (current.name === 'login') return;
    void router.replace({ name: 'login', query: { reason: 'expired', redirect: current.fullPath } });
  });
});

app.use(router);

// Logged out in another tab: leave the screens that need a session (the store has already dropped it).
window.addEventListener('storage', (event) => {
  if (event.key !== SESSION_STORAGE_KEY || event.newValue !== null) return;
  if (!router.currentRoute.value.matched.some((r) => r.meta.public)) void router.replace({ name: 'login' });
});
// The saved language (English is loaded on demand) is in place before the first screen renders.
void locale.whenReady().finally(() => app.mount('#app'));

// A session restored from storage may carry roles that changed since: refresh them quietly (an ended session is
// handled by the http client, which sends the user to the login page).
const session = useSessionStore(pinia);
if (session.isLoggedIn) {
  fetchMe()
    .then(async (user) => {
      session.setUser(user);
      // Two-step verification became mandatory since this session began: only enrolment is open now.
      if (user.mfaEnrolmentRequired) {
        await router.isReady();
        if (router.currentRoute.value.name !== 'mfa-enrol') await router.replace({ name: 'mfa-enrol' });
      }
    })
    .catch(() => undefined);
}
