import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { useRefreshWhileVisible } from './use-refresh-while-visible';

let visibility: DocumentVisibilityState = 'visible';
function setVisibility(next: DocumentVisibilityState): void {
  visibility = next;
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('useRefreshWhileVisible', () => {
  afterEach(() => {
    vi.useRealTimers();
    visibility = 'visible';
  });

  it('reads now, at each change of screen, each interval and on coming back into view; never while hidden or after unmount', async () => {
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    vi.useFakeTimers();
    const refresh = vi.fn();
    const Screen = defineComponent({ render: () => null });
    const Frame = defineComponent({
      setup() {
        useRefreshWhileVisible(refresh, 1_000);
        return () => h(RouterView);
      },
    });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/a', component: Screen }, { path: '/b', component: Screen }] });
    await router.push('/a');
    const wrapper = mount(Frame, { global: { plugins: [router] } });
    expect(refresh).toHaveBeenCalledTimes(1);

    await router.push('/b');
    expect(refresh).toHaveBeenCalledTimes(2);

    vi.advanceTimersByTime(1_000);
    expect(refresh).toHaveBeenCalledTimes(3);

    setVisibility('hidden');
    vi.advanceTimersByTime(3_000);
    await router.push('/a');
    expect(refresh).toHaveBeenCalledTimes(3);

    setVisibility('visible');
    expect(refresh).toHaveBeenCalledTimes(4);

    wrapper.unmount();
    vi.advanceTimersByTime(5_000);
    setVisibility('visible');
    await router.push('/b');
    expect(refresh).toHaveBeenCalledTimes(4);
  });
});
