import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { Locale } from 'vant';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, onMounted } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { useLocaleStore } from '@/stores/locale';
import MobileLayout from './MobileLayout.vue';

const page = { render: () => null };
/** A record's screen that notes each time it is set up (a screen loads its record when mounted). */
const mounted: string[] = [];
const record = defineComponent({
  props: { id: { type: String, required: true } },
  setup(props) {
    onMounted(() => mounted.push(props.id));
    return () => h('p', props.id);
  },
});

async function layoutAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      {
        path: '/m',
        component: MobileLayout,
        children: [
          { path: 'profile', name: 'member-profile', component: page },
          { path: 'settings', name: 'member-settings', component: page },
          { path: 'bookings', name: 'member-bookings', component: page },
          { path: 'bookings/new', component: page },
          { path: 'bookings/:id', component: page },
          { path: 'study', component: page },
          { path: 'transfers', name: 'member-transfers', component: page },
          { path: 'transfers/:id', component: record, props: true },
          { path: 'notifications', name: 'member-notifications', component: page },
        ],
      },
    ],
  });
  await router.push(path);
  await router.isReady();
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [router, i18n, pinia] } });
  return Object.assign(wrapper, { router });
}

describe('the member’s tab bar', () => {
  it.each([
    ['/m/transfers/2001', 'tab-transfers'],
    ['/m/bookings/new', 'tab-bookings'],
    ['/m/bookings/12485', 'tab-bookings'],
    ['/m/bookings', 'tab-bookings'],
    ['/m/profile', 'tab-profile'],
  ])('on %s lights %s alone', async (path, tab) => {
    const wrapper = await layoutAt(path);
    expect(wrapper.findAll('.m-tabbar__item.is-active').map((a) => a.attributes('data-testid'))).toEqual([tab]);
    wrapper.unmount();
  });

  it('lights no tab on a page outside the five sections', async () => {
    const wrapper = await layoutAt('/m/notifications');
    expect(wrapper.findAll('.m-tabbar__item.is-active')).toHaveLength(0);
    wrapper.unmount();
  });
});

describe('the member’s screens', () => {
  it('mark the page as a member screen while shown, for the scroll padding that keeps focus clear of the fixed bars', async () => {
    const wrapper = await layoutAt('/m/profile');
    expect(document.documentElement.classList.contains('zd-member')).toBe(true);
    wrapper.unmount();
    expect(document.documentElement.classList.contains('zd-member')).toBe(false);
  });

  it('start afresh when opened for another record (a link from one visit’s move to another’s), as from the menu', async () => {
    mounted.length = 0;
    const wrapper = await layoutAt('/m/transfers/7');
    await wrapper.router.push('/m/transfers/8');
    await wrapper.vm.$nextTick();
    expect(mounted).toEqual(['7', '8']);
    expect(wrapper.get('main').text()).toBe('8');
    wrapper.unmount();
  });
});

describe('Vant’s own words (dialog buttons, pull to refresh)', () => {
  const confirmWord = () => (Locale.messages() as { confirm: string }).confirm;

  it('follow the switch to English once its words have arrived, and back to Chinese', async () => {
    const wrapper = await layoutAt('/m/profile');
    expect(confirmWord()).toBe('确认');
    useLocaleStore().setLocale('en');
    await vi.waitFor(() => expect(confirmWord()).toBe('Confirm'));
    useLocaleStore().setLocale('zh-CN');
    await vi.waitFor(() => expect(confirmWord()).toBe('确认'));
    wrapper.unmount();
  });

  it('stay Chinese when the member switches back before the English words arrive', async () => {
    const wrapper = await layoutAt('/m/profile');
    const store = useLocaleStore();
    store.setLocale('en');
    await wrapper.vm.$nextTick();
    store.setLocale('zh-CN');
    // The fetch of the English words resolves after the switch back; it must not overwrite the Chinese.
    await import('vant/es/locale/lang/en-US');
    await new Promise((r) => setTimeout(r, 20));
    expect(confirmWord()).toBe('确认');
    wrapper.unmount();
  });
});
