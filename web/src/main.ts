import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { configureClient } from './api/client';
import { i18n } from './i18n';
import { applyDocumentTitle, router } from './router';
import { useAuthStore } from './stores/auth';
import './styles/base.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(router);

configureClient({
  unauthorized: () => {
    useAuthStore(pinia).clear();
    const route = router.currentRoute.value;
    if (route.meta.area === 'admin' && route.name !== 'admin-login') {
      void router.replace({ name: 'admin-login', query: { redirect: route.fullPath } });
    }
  },
});

watch(i18n.global.locale, () => applyDocumentTitle());

app.mount('#app');
