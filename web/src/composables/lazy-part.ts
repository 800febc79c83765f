import { defineAsyncComponent, h, type Component } from 'vue';

/**
 * A part of a screen whose code is downloaded when it is first shown (a desktop's table, a folded form), so that a
 * phone's first screen does not wait for it. While it arrives, an empty box with `placeholderClass` holds its place
 * (its height set by the screen's styles), so nothing below jumps when it shows. A failed download (a phone's link
 * dropping for a moment) is tried twice more before the part gives up.
 */
export function lazyPart<T extends Component>(loader: () => Promise<T | { default: T }>, placeholderClass: string): T {
  return defineAsyncComponent({
    loader,
    loadingComponent: { render: () => h('div', { class: placeholderClass, 'aria-hidden': 'true' }) },
    delay: 0,
    onError(_error, retry, fail, attempts) {
      if (attempts <= 2) setTimeout(retry, 500 * attempts);
      else fail();
    },
  }) as T;
}
