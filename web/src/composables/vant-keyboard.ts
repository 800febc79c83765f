/**
 * Vant's radios, check boxes, switches and clickable cells carry their ARIA role and take the focus (tabindex 0), but
 * act on a click only: Space, Enter and a radio group's arrows did nothing, so a keyboard could not choose a transfer's reason or a
 * visit's purpose, nor turn on large text, and a cell drawn as a button (the wizard's 党费交至 and 修改) was announced
 * as a button that Enter did not press. One listener on the document answers those keys on any of them as a click
 * would — for every screen, and for the ones still to come, rather than wrapping each component. Element Plus's (the
 * admin screens') are native inputs and need nothing.
 *
 * A radio group is also one Tab stop, as the ARIA radio group and a native one are: Vant gives every radio tabindex 0,
 * so Tab walked through all six reasons of a transfer before reaching the field below them. The radio that holds the
 * focus keeps tabindex 0 and the others get -1 when Tab leaves the group (a roving tabindex), and Tab into a group
 * lands on its chosen radio. Vue does not write tabindex back while Vant's own value for it (0) is unchanged.
 */
const WIDGETS = '.van-radio[role="radio"], .van-checkbox[role="checkbox"], .van-switch[role="switch"], .van-cell[role="button"]';
const RADIO = '.van-radio[role="radio"]';

const STEPS: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

/** The group's radios that can be chosen: Vant leaves a disabled one without a tabindex (and marks it with a class). */
function choices(group: Element): HTMLElement[] {
  return [...group.querySelectorAll<HTMLElement>(`${RADIO}[tabindex]`)];
}

/** The radio `step` places from this one in its group, over disabled ones, round the ends (the ARIA radio group). */
function neighbour(radio: HTMLElement, step: number): HTMLElement | null {
  const group = radio.closest('[role="radiogroup"]');
  if (!group) return null;
  const radios = choices(group);
  const at = radios.indexOf(radio);
  return radios.length > 1 && at >= 0 ? radios[(at + step + radios.length) % radios.length] : null;
}

/** Leave `stop` as the group's only Tab stop. */
function rove(group: Element, stop: HTMLElement): void {
  for (const radio of choices(group)) radio.tabIndex = radio === stop ? 0 : -1;
}

export function installVantKeyboard(target: Document = document): () => void {
  // Whether the focus is moving by Tab: a tap on a radio focuses it too, and that focus must stay where it was tapped.
  let tabbing = false;

  const onKeydown = (event: KeyboardEvent) => {
    tabbing = event.key === 'Tab';
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const widget = event.target instanceof HTMLElement ? event.target : null;
    if (!widget?.matches(WIDGETS)) return;
    if (event.key === 'Tab') {
      // Before the browser moves on: the group's other radios step out of the Tab order, this one stays in it.
      const group = widget.closest('[role="radiogroup"]');
      if (group && widget.matches(RADIO) && widget.hasAttribute('tabindex')) rove(group, widget);
      return;
    }
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

  const onFocusin = (event: FocusEvent) => {
    const radio = event.target instanceof HTMLElement && event.target.matches(RADIO) ? event.target : null;
    const group = radio?.closest('[role="radiogroup"]');
    if (!radio || !group || !tabbing) return;
    if (event.relatedTarget instanceof Node && group.contains(event.relatedTarget)) return;
    // Tab came into the group: it lands on the chosen radio (on the one it reached when none is chosen yet).
    const chosen = choices(group).find((r) => r.getAttribute('aria-checked') === 'true');
    const stop = chosen ?? radio;
    rove(group, stop);
    if (stop !== radio) stop.focus();
  };

  const onPointerdown = () => (tabbing = false);

  target.addEventListener('keydown', onKeydown);
  target.addEventListener('focusin', onFocusin);
  target.addEventListener('pointerdown', onPointerdown, true);
  return () => {
    target.removeEventListener('keydown', onKeydown);
    target.removeEventListener('focusin', onFocusin);
    target.removeEventListener('pointerdown', onPointerdown, true);
  };
}
