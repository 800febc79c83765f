import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h, type Component } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { http } from '@/api/http';
import { i18n } from '@/i18n';
import type { fakeServer } from './fake-server';

const originalAdapter = http.defaults.adapter;
let mounted: VueWrapper | null = null;

/**
 * Opens a screen as the only route of a memory router, at `at`, with the API answered by `server`: the screen reads
 * its address (query, params) and may change it, as in the app. Mounted into the document, so parts rendered into
 * the body (Element Plus's lists, message boxes) can be found. `closeRoute()` undoes it after each test.
 */
export async function openRoute(route: { path: string; name: string; component: Component }, at: string, server: ReturnType<typeof fakeServer>): Promise<{ wrapper: VueWrapper; router: Router }> {
  http.defaults.adapter = server.adapter;
  const router = createRouter({ history: createMemoryHistory(), routes: [route] });
  await router.push(at);
  mounted = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper: mounted, router };
}

/** Unmounts what `openRoute` opened, empties the document and gives the API client its own adapter back. */
export function closeRoute(): void {
  mounted?.unmount();
  mounted = null;
  document.body.innerHTML = '';
  http.defaults.adapter = originalAdapter;
}
