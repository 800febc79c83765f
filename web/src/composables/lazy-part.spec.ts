import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { lazyPart } from './lazy-part';

const Part = defineComponent({ render: () => h('p', { 'data-testid': 'part' }, 'the part') });

/** A loader that fails `failures` times, then gives the part. */
function flaky(failures: number) {
  let calls = 0;
  const loader = vi.fn(() => (++calls <= failures ? Promise.reject(new Error('Failed to fetch dynamically imported module')) : Promise.resolve(Part)));
  return loader;
}

describe('a part of a screen loaded when shown', () => {
  afterEach(() => vi.useRealTimers());

  it('holds its place with an empty box while it arrives, then shows the part', async () => {
    let arrive!: (part: typeof Part) => void;
    const Lazy = lazyPart(() => new Promise<typeof Part>((resolve) => (arrive = resolve)), 'slot-box');
    const screen = mount(defineComponent({ render: () => h('div', [h(Lazy)]) }));
    await flushPromises();
    expect(screen.find('.slot-box').exists()).toBe(true);
    expect(screen.get('.slot-box').attributes('aria-hidden')).toBe('true');
    arrive(Part);
    await flushPromises();
    expect(screen.find('.slot-box').exists()).toBe(false);
    expect(screen.get('[data-testid=part]').text()).toBe('the part');
  });

  it('tries a failed download twice more, and shows the part if one of them arrives', async () => {
    vi.useFakeTimers();
    const loader = flaky(2);
    const Lazy = lazyPart(loader, 'slot-box');
    const screen = mount(defineComponent({ render: () => h('div', [h(Lazy)]) }));
    for (let i = 0; i < 4; i++) {
      await flushPromises();
      await vi.runAllTimersAsync();
    }
    expect(loader).toHaveBeenCalledTimes(3);
    expect(screen.find('[data-testid=part]').exists()).toBe(true);
  });

  it('gives up after three failed downloads', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    const loader = flaky(5);
    const Lazy = lazyPart(loader, 'slot-box');
    const screen = mount(defineComponent({ render: () => h('div', [h(Lazy)]) }), { global: { config: { errorHandler: (e) => void errors.push(e) } } });
    for (let i = 0; i < 5; i++) {
      await flushPromises();
      await vi.runAllTimersAsync();
    }
    expect(loader).toHaveBeenCalledTimes(3);
    expect(screen.find('[data-testid=part]').exists()).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
