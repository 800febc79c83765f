/**
 * Vant's radios, check boxes and switches carry their ARIA role and take the focus (tabindex 0), but act on a click
 * only: Space, Enter and a radio group's arrows did nothing, so a keyboard could not choose a transfer's reason or a
 * visit's purpose, nor turn on large text. One listener on the document answers those keys on any of them as a click
 * would — for every screen, and for the ones still to come, rather than wrapping each component. Element Plus's (the
 * admin screens') are native inputs and need nothing.
 */
const WIDGETS = '.van-radio[role="radio"], .van-checkbox[role="checkbox"], .van-switch[role="switch"]';

const STEPS: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

/** The radio `step` places from this one in its group, over disabled ones, round the ends (the ARIA radio group). */
function neighbour(radio: HTMLElement, step: number): HTMLElement | null {
  const group = radio.closest('[role="radiogroup"]');
  if (!group) return null;
  // Vant leaves a disabled choice without a tabindex (and marks it with a class, not aria-disabled).
  const radios = [...group.querySelectorAll<HTMLElement>('.van-radio[role="radio"][tabindex]')];
  const at = radios.indexOf(radio);
  return radios.length > 1 && at >= 0 ? radios[(at + step + radios.length) % radios.length] : null;
}

export function installVantKeyboard(target: Document = document): () => void {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const widget = event.target instanceof HTMLElement ? event.target : null;
    if (!widget?.matches(WIDGETS)) return;
    const step = STEPS[event.key];
    if (step && widget.matches('.van-radio')) {
      // Arrows move to the next choice of the group and choose it, as in a native radio group.
      const next = neighbour(widget, step);
      if (!next) return;
      event.preventDefault();
      next.focus();
      next.click();
      return;
    }
    if ((event.key !== ' ' && event.key !== 'Enter') || event.repeat || !widget.hasAttribute('tabindex')) return;
    // Space would scroll the page; the widget does what a tap does.
    event.preventDefault();
    widget.click();
  };
  target.addEventListener('keydown', onKeydown);
  return () => target.removeEventListener('keydown', onKeydown);
}
