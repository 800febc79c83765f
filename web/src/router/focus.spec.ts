import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, onMounted, ref } from 'vue';
import { createMemoryHistory, createRouter, RouterLink, RouterView } from 'vue-router';
import { followFocus } from './focus';

/** A layout like the app's: a skip link, a header with the screen's h1, the main landmark, a nav link. */
const Layout = defineComponent({
  setup: () => () => [
    h('a', { href: '#main', class: 'skip' }, 'skip'),
    h('header', [h('h1', 'title')]),
    h('main', { id: 'main', tabindex: '-1' }, [h(RouterLink, { to: '/b', class: 'kept' }, () => 'kept'), h(RouterView)]),
    h('nav', [h(RouterLink, { to: '/b', class: 'to-b' }, () => 'b')]),
  ],
});
/** A screen that focuses its own search field as it mounts. */
const Search = defineComponent({
  setup() {
    const input = ref<HTMLInputElement | null>(null);
    onMounted(() => input.value?.focus());
    return () => h('input', { ref: input, class: 'search' });
  },
});

async function app() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/a', component: { render: () => h('p', 'a') } },
      { path: '/b', component: { render: () => h('button', { class: 'in-b' }, 'b') } },
      { path: '/search', component: Search },
    ],
  });
  const stop = followFocus(router);
  await router.push('/a');
  const wrapper = mount(Layout, { global: { plugins: [router] }, attachTo: document.body });
  return { router, wrapper, stop };
}

describe('focus after a navigation', () => {
  it('goes to the new screen’s h1 (focusable, not in the tab order), not on the first load', async () => {
    const { router, wrapper, stop } = await app();
    expect(document.activeElement).toBe(document.body);
    (wrapper.get('.to-b').element as HTMLElement).focus();
    await router.push('/b');
    await flushPromises();
    const h1 = wrapper.get('h1').element;
    expect(document.activeElement).toBe(h1);
    expect(h1.getAttribute('tabindex')).toBe('-1');
    stop();
    wrapper.unmount();
  });

  it('stays where it is when only the query changes, where the new screen put it, and on a part of the content that stayed', async () => {
    const { router, wrapper, stop } = await app();
    await router.push('/b');
    await flushPromises();
    const button = wrapper.get('.in-b').element as HTMLElement;
    button.focus();
    await router.push('/b?step=2');
    await flushPromises();
    expect(document.activeElement).toBe(button);
    await router.push('/search');
    await flushPromises();
    expect(document.activeElement).toBe(wrapper.get('.search').element);
    // A part of the content that stays (a tree beside the screen it opens) keeps the focus it had.
    const kept = wrapper.get('.kept').element as HTMLElement;
    kept.focus();
    await router.push('/b');
    await flushPromises();
    expect(document.activeElement).toBe(kept);
    stop();
    wrapper.unmount();
  });
});
