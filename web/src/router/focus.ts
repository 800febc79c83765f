import { nextTick } from 'vue';
import { START_LOCATION, type Router } from 'vue-router';

/**
 * Where focus goes when the screen changes: to the new screen's main heading (the layout's h1, which carries the
 * same title as the tab, page-title.ts), else to the main landmark the skip link targets (#main). Without it, focus
 * stayed on the link just used, or fell to <body> with the old screen's DOM, and a screen reader said nothing of the
 * new screen. Not on the first load (the browser starts there anyway), not when only the query or hash changes
 * (a wizard's step, a list's filters: those screens place focus themselves), and not when focus is already somewhere
 * inside the content: put there by the new screen (a search field it focuses on mounting), or kept by a part that
 * stayed (the organisation tree, whose Enter opens another organisation beside it and keeps its place in the tree).
 * No scrolling: the router's own scrollBehavior decides where the page is.
 */
export function focusNewScreen(doc: Document = document): void {
  const main = doc.getElementById('main');
  const heading = main?.querySelector('h1') ?? doc.querySelector('h1');
  const target = heading ?? main;
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

export function followFocus(router: Pick<Router, 'afterEach'>, doc: Document = document): () => void {
  return router.afterEach(async (to, from, failure) => {
    if (failure || from === START_LOCATION || to.path === from.path) return;
    await nextTick();
    const active = doc.activeElement;
    const inContent = !!active && active !== doc.body && active.isConnected && !!doc.getElementById('main')?.contains(active);
    if (!inContent) focusNewScreen(doc);
  });
}
