import type { Directive } from 'vue';

/**
 * `v-field-errors` on an `<el-form>`: ties each field's error text to its control, as a screen reader needs it. Element
 * Plus shows a refused field's message under it but leaves the control silent about it, so a blind administrator hears
 * "Name, edit text" and nothing of "Name is required". On every render the directive gives each shown message an id,
 * names it in the control's `aria-describedby` with `aria-invalid="true"`, and takes both off once the message goes.
 *
 * After a save is refused, focus goes to the first refused field (WCAG 3.3.1): when a render shows a message on a field
 * that had none, the first field in error takes the focus, unless the focus is already in a field in error (typing in
 * one must not be interrupted by a message appearing on another).
 */

/** What can take a field's description: native inputs and the kit's selects and pickers (their inputs). */
const CONTROLS = 'input:not([type="hidden"]), textarea, select, [role="combobox"], [role="radiogroup"], [role="group"]';
const ERROR = '.el-form-item__error';
/** The ids this directive gave to messages, so only ours are taken out of a control's description. */
const OURS = 'fe-';

let nextId = 0;
const errored = new WeakMap<HTMLElement, Set<Element>>();

function describedBy(control: Element, id: string | null): void {
  const others = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((t) => t && !t.startsWith(OURS));
  const ids = id ? [...others, id] : others;
  if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
  else control.removeAttribute('aria-describedby');
  if (id) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/** The controls of one form item, not those of an item nested in it; a group of options is described once, as a group. */
function controlsOf(item: Element): Element[] {
  return [...item.querySelectorAll(CONTROLS)].filter((c) => c.closest('.el-form-item') === item && !c.matches('[role="radiogroup"] input, [role="group"] input'));
}

/** Where focus goes in a refused field: its first control that takes focus (a group's first option). */
const focusTarget = (item: Element): HTMLElement | undefined =>
  [...item.querySelectorAll<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled])')].find((c) => c.closest('.el-form-item') === item);

function tie(form: HTMLElement): void {
  const before = errored.get(form) ?? new Set<Element>();
  const now = new Set<Element>();
  for (const item of form.querySelectorAll('.el-form-item')) {
    const message = [...item.querySelectorAll(ERROR)].find((e) => e.closest('.el-form-item') === item);
    const controls = controlsOf(item);
    if (message && message.textContent?.trim()) {
      if (!message.id) message.id = `${OURS}${++nextId}`;
      for (const c of controls) describedBy(c, message.id);
      now.add(item);
    } else {
      for (const c of controls) describedBy(c, null);
    }
  }
  errored.set(form, now);
  const appeared = [...now].some((item) => !before.has(item));
  const active = document.activeElement;
  const typingInError = active instanceof Element && [...now].some((item) => item.contains(active));
  if (appeared && !typingInError) {
    [...now].map(focusTarget).find(Boolean)?.focus();
  }
}

/**
 * The kit draws a message a tenth of a second after its field is refused (its state is debounced), in the form item's
 * own render, which no hook of the form's parent sees: the form's nodes are watched instead. Tying sets attributes
 * only, which the watch ignores, so it does not wake itself.
 */
const watches = new WeakMap<HTMLElement, MutationObserver>();

export const fieldErrors: Directive<HTMLElement> = {
  mounted(form) {
    tie(form);
    const watch = new MutationObserver(() => tie(form));
    watch.observe(form, { childList: true, subtree: true, characterData: true });
    watches.set(form, watch);
  },
  beforeUnmount(form) {
    watches.get(form)?.disconnect();
    watches.delete(form);
    errored.delete(form);
  },
};
