import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { setSessionExpiredHandler } from './api/http';
import { i18n } from './i18n';
import { router } from './router';
import { useLocaleStore } from './stores/locale';
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
