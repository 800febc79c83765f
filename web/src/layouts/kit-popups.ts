/**
 * Element Plus draws two of its pop-ups with roles a screen reader stumbles on, and no prop reaches either:
 * - a date picker's panel is a `role="dialog"` with no name (axe: aria-dialog-name, serious), so it is announced
 *   as "dialog" and nothing more; it is named here after its field (the field's `aria-controls` points at it);
 * - a dialog's or drawer's `<header>` is a second banner landmark beside the page's own, so landmark navigation
 *   lists the page's header twice; it is given `role="none"` (its title still names the dialog, through the kit's
 *   `aria-labelledby`).
 * The kit teleports these to `<body>`, outside anything our components render, so one observer on the document
 * mends each as it is drawn, and again when the kit removes a panel's `aria-label` or a label's words change with
 * the language. A select's scroll box, which axe also reports (scrollable-region-focusable), is left alone: its
 * options are reached by the arrow keys through the combobox's `aria-activedescendant`, a pattern the rule does not
 * yet recognise (dequelabs/axe-core#4914).
 */

const PICKER_PANEL = '.el-picker__popper[role="dialog"]';
const KIT_HEADERS = 'header.el-dialog__header, header.el-drawer__header';

/** The words a field is known by: its own label, the elements naming it, its `<label>`, else its placeholder. */
export function fieldName(field: Element): string {
  const own = field.getAttribute('aria-label')?.trim();
  if (own) return own;
  const doc = field.ownerDocument;
  const byIds = (field.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? doc.getElementById(id)?.textContent?.trim() : ''))
    .filter(Boolean)
    .join(' ');
  if (byIds) return byIds;
  const label = field.id ? doc.querySelector(`label[for="${CSS.escape(field.id)}"]`)?.textContent?.trim() : '';
  if (label) return label;
  return field.getAttribute('placeholder')?.trim() ?? '';
}

/** Mends every kit pop-up under `root` as described above; safe to run again (it changes only what differs). */
export function mendKitPopups(root: ParentNode): void {
  for (const panel of root.querySelectorAll<HTMLElement>(PICKER_PANEL)) {
    if (!panel.id) continue;
    // A range picker's two inputs both control the panel; the first names it (the range's own label, when given).
    const field = panel.ownerDocument.querySelector(`[aria-controls="${CSS.escape(panel.id)}"]`);
    const name = field ? fieldName(field) : '';
    if (name && panel.getAttribute('aria-label') !== name) panel.setAttribute('aria-label', name);
  }
  for (const header of root.querySelectorAll(KIT_HEADERS)) {
    if (!header.hasAttribute('role')) header.setAttribute('role', 'none');
  }
}

/** Keeps the document's kit pop-ups mended until the returned function is called (the administrators' layout). */
export function watchKitPopups(doc: Document = document): () => void {
  mendKitPopups(doc.body);
  const observer = new MutationObserver(() => mendKitPopups(doc.body));
  // Attributes: only aria-label, which the kit removes from a panel as it mounts it and whenever the panel's role or id
  // changes, possibly after our write; our own write lands here too and finds nothing left to change, so it settles.
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-label'] });
  return () => observer.disconnect();
}
