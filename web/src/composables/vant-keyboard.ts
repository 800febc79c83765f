/**
 * Vant's radios, check boxes and switches carry their ARIA role and take the focus (tabindex 0), but act on a click
 * only: Space and Enter did nothing, so a keyboard could not choose a transfer's reason, a visit's purpose or turn on
 * large text. One listener on the document answers those keys on any of them as a click would — for every screen, and
 * for the ones still to come, rather than wrapping each component. Element Plus's (the admin screens') are native
 * inputs and need nothing.
 */
const WIDGETS = '.van-radio[role="radio"], .van-checkbox[role="checkbox"], .van-switch[role="switch"]';

export function installVantKeyboard(target: Document = document): () => void {
  const onKeydown = (event: KeyboardEvent) => {
    if ((event.key !== ' ' && event.key !== 'Enter') || event.defaultPrevented || event.repeat) return;
    const widget = event.target instanceof HTMLElement ? event.target : null;
    if (!widget?.matches(WIDGETS) || widget.getAttribute('aria-disabled') === 'true') return;
    // Space would scroll the page; the widget does what a tap does.
    event.preventDefault();
    widget.click();
  };
  target.addEventListener('keydown', onKeydown);
  return () => target.removeEventListener('keydown', onKeydown);
}
