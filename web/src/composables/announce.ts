/**
 * Says a short message to screen readers through a live region: a polite one (role="status") for news, an urgent one
 * (role="alert") for failures. The regions are created on first use and kept, visually hidden, at the end of the page.
 * Used by the members' toasts (member-toast.ts): Vant draws a toast as an unnamed dialog that no screen reader reads
 * out, so a member using TalkBack heard nothing after 已保存 or a failure.
 */
export function announce(message: string, { urgent = false }: { urgent?: boolean } = {}): void {
  if (!message || typeof document === 'undefined') return;
  const region = liveRegion(urgent);
  // Emptied first and filled a moment later: a region just created is then already watched, and the same words twice
  // in a row (saved, saved again) are said twice.
  region.textContent = '';
  setTimeout(() => {
    region.textContent = message;
  }, ANNOUNCE_DELAY_MS);
}

/** How long after emptying a region its new words are put in (screen readers notice the change, not the words). */
export const ANNOUNCE_DELAY_MS = 100;

const regions = new Map<boolean, HTMLElement>();

function liveRegion(urgent: boolean): HTMLElement {
  const existing = regions.get(urgent);
  if (existing?.isConnected) return existing;
  const region = document.createElement('div');
  region.className = 'zd-visually-hidden';
  region.setAttribute('role', urgent ? 'alert' : 'status');
  region.setAttribute('aria-live', urgent ? 'assertive' : 'polite');
  region.setAttribute('aria-atomic', 'true');
  region.dataset.testid = urgent ? 'announce-urgent' : 'announce';
  document.body.append(region);
  regions.set(urgent, region);
  return region;
}
