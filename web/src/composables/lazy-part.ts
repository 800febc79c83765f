import { defineAsyncComponent, h, type Component } from 'vue';

/**
 * A part of a screen whose code is downloaded when it is first shown (a desktop's table, a folded form, the study
 * reader's article or video, the member home's transfer card), so that a phone's first screen does not wait for it.
 * With `placeholderClass`, an empty box with that class holds its place while it arrives (its height set by the
 * screen's styles), so nothing below jumps when it shows. A failed download (a phone's link dropping for a moment)
 * is tried twice more before the part gives up, rather than leaving the screen without it at the first failure.
 */
export function lazyPart<T extends Component>(loader: () => Promise<T | { default: T }>, placeholderClass?: string): T {
  return defineAsyncComponent({
    loader,
    ...(placeholderClass ? { loadingComponent: { render: () => h('div', { class: placeholderClass, 'aria-hidden': 'true' }) }, delay: 0 } : {}),
    onError(_error, retry, fail, attempts) {
      if (attempts <= 2) setTimeout(retry, 500 * attempts);
      else fail();
    },
  }) as T;
}
