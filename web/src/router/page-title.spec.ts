import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, nextTick, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { applyLocale, i18n } from '@/i18n';
import { deepMerge } from '@/i18n/screen-messages';
import { followPageTitle, usePageSubject } from './page-title';

const Screen = defineComponent({ render: () => null });
const addWords = (locale: 'zh-CN' | 'en', words: Record<string, unknown>) =>
  i18n.global.setLocaleMessage(locale, deepMerge(i18n.global.getLocaleMessage(locale), words) as never);

describe('the tab’s title', () => {
  let stop: (() => void) | undefined;
  afterEach(async () => {
    stop?.();
    await applyLocale('zh-CN');
  });

  const routerWithScreens = () =>
    createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/profile', component: Screen, meta: { titleKey: 'titleSpec.profile' } },
        { path: '/m/nameless', component: Screen },
      ],
    });

  /** The title followed on a router that has just shown the profile screen (in Chinese, while nothing else has come). */
  async function onProfile() {
    addWords('zh-CN', { titleSpec: { profile: '我的' } });
    const router = routerWithScreens();
    stop = followPageTitle(router);
    await router.push('/m/profile');
    await nextTick();
    expect(document.title).toBe('我的 - 智慧党建');
    return router;
  }

  it('names the screen and then the app, and follows each navigation', async () => {
    const router = await onProfile();
    await router.push('/m/nameless');
    await nextTick();
    expect(document.title).toBe('智慧党建');
  });

  it('turns English when English arrives after the first screen, and again when the screen’s own English joins', async () => {
    // A fresh load in English: the first navigation ends while English is still on its way.
    await onProfile();

    await applyLocale('en');
    await nextTick();
    // The app's English is in; the screen's own words fall back to Chinese until they come.
    expect(document.title).toBe('我的 - Smart Party Building');

    addWords('en', { titleSpec: { profile: 'Me' } });
    await nextTick();
    expect(document.title).toBe('Me - Smart Party Building');
  });

  it('puts first what the screen is about while it is shown, following it as it changes', async () => {
    await onProfile();
    const name = ref<string | null>(null);
    const Detail = defineComponent({
      setup() {
        usePageSubject(() => name.value);
        return () => null;
      },
    });
    const shown = mount(Detail);
    await nextTick();
    // Still loading: the screen's title alone.
    expect(document.title).toBe('我的 - 智慧党建');
    name.value = '王建国';
    await nextTick();
    expect(document.title).toBe('王建国 - 我的 - 智慧党建');
    shown.unmount();
    await nextTick();
    expect(document.title).toBe('我的 - 智慧党建');
  });
});
