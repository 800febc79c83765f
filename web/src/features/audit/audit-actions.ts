import { AUDIT_AREAS, AUDIT_TARGET_TYPES, auditAreaActions, transferEventOf, type AuditArea } from '@zhdj/shared/audit';

/** The actions of an area, as the search offers them (the list lives in `shared`, beside the export's labels). */
export const areaActions = auditAreaActions;

/** The area an action or an area prefix (`member.`) belongs to, if the search knows it. */
export const areaOf = (action: string): AuditArea | '' => AUDIT_AREAS.find((area) => action.startsWith(`${area}.`)) ?? '';

/** The kinds of object the log names, in the search's order. */
export const TARGET_TYPES = AUDIT_TARGET_TYPES;

/**
 * The message key of an action's label: the transfer screens' (`transfers.event.*`, their timeline's words) for a
 * transfer's steps, the log's own otherwise — the same choice the export makes in Chinese (`auditActionLabelZh`).
 */
export function actionKey(action: string): string {
  const event = transferEventOf(action);
  return event ? `transfers.event.${event}` : `audit.action.${action}`;
}
