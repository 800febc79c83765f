/**
 * Tab and Shift+Tab kept among a dialog's controls, coming round from the last to the first and back: a popup shown
 * over the page (teleported to its end) would otherwise let the focus go on to the page behind it while it stays open.
 * Focus outside the controls goes to the first (or, with Shift, the last). Other keys are left alone.
 */
export function keepTabWithin(e: KeyboardEvent, controls: HTMLElement[]): void {
  if (e.key !== 'Tab' || !controls.length) return;
  const at = controls.indexOf(document.activeElement as HTMLElement);
  const next = at < 0 ? (e.shiftKey ? controls.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + controls.length) % controls.length;
  e.preventDefault();
  controls[next].focus();
}
