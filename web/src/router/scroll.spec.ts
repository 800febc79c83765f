import { createMemoryHistory, createRouter } from 'vue-router';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { scrollBehavior } from './scroll';

const Screen = defineComponent({ render: () => null });

describe('where a navigation leaves the page', () => {
  it('does not scroll on the first navigation of a load, and starts other screens at the top', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/a', component: Screen }, { path: '/b', component: Screen }], scrollBehavior });
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);

    await router.push('/a');
    await router.isReady();
    await new Promise((r) => setTimeout(r, 0));
    expect(scrollTo).not.toHaveBeenCalled();

    await router.push('/b');
    await vi.waitFor(() => expect(scrollTo).toHaveBeenCalledTimes(1));
    expect(scrollTo.mock.calls[0]![0]).toMatchObject({ top: 0 });
  });

  it('returns to the position the browser saved on back and forward', () => {
    const saved = { left: 0, top: 420 };
    // Any location but the start of a load (the behaviour compares `from` with START_LOCATION by identity).
    const from = { path: '/a' } as never;
    expect(scrollBehavior({} as never, from, saved)).toBe(saved);
    expect(scrollBehavior({} as never, from, null)).toEqual({ top: 0 });
  });
});
