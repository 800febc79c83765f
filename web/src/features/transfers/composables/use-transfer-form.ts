import { applicationProblems, MOBILE_PATTERN, type FieldError, type TransferApplicationFields, type OrgRef, type TransferChannel, type TransferDetail, type TransferReason } from '@zhdj/shared';
import { computed, reactive, ref, shallowRef } from 'vue';
import { duesState } from '@/composables/use-format';
import type { TransferFields } from '../api';
import { classifyFailure, fieldMap, type TransferFailure } from './transfer-errors';

export type OutgoingChannel = Exclude<TransferChannel, 'INBOUND'>;
export const OUTGOING_CHANNELS: OutgoingChannel[] = ['IN_COUNTY', 'IN_PROVINCE', 'CROSS_PROVINCE', 'OUT_OF_SYSTEM'];

/** The wizard's steps: where to, why, dues and phone, then a last look before submitting. */
export const STEPS = ['destination', 'reason', 'contact', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** The step on which each field is entered, to send the member back to the first problem. */
export const FIELD_STEP: Record<string, number> = {
  channel: 0,
  destinationOrgId: 0,
  destinationName: 0,
  destinationRegion: 0,
  destinationAddressee: 0,
  reason: 1,
  reasonDetail: 1,
  duesPaidThrough: 2,
  phone: 2,
};

/** An in-county destination as the picker shows it. */
export interface PickedOrg {
  id: number;
  name: string;
  shortName: string;
  level: OrgRef['level'];
  parentName?: string | null;
}

export interface TransferFormModel {
  channel: OutgoingChannel;
  destination: PickedOrg | null;
  destinationName: string;
  destinationRegion: string;
  destinationAddressee: string;
  /** None until the member chooses: a preselected reason would be submitted unread. */
  reason: TransferReason | null;
  reasonDetail: string;
  duesPaidThrough: string;
  phone: string;
}

export interface TransferFormDeps {
  create(fields: TransferFields): Promise<TransferDetail>;
  update(id: number, version: number, fields: TransferFields): Promise<TransferDetail>;
  submit(id: number, version: number): Promise<TransferDetail>;
  reload(id: number): Promise<TransferDetail>;
}

const emptyModel = (): TransferFormModel => ({
  channel: 'IN_COUNTY',
  destination: null,
  destinationName: '',
  destinationRegion: '',
  destinationAddressee: '',
  reason: null,
  reasonDetail: '',
  duesPaidThrough: '',
  phone: '',
});

/** Whether the application can still be edited by its applicant. */
export function isEditable(t: TransferDetail | null): boolean {
  return !t || ((t.state === 'DRAFT' || t.state === 'RETURNED') && t.allowedActions.includes('submit'));
}

/** The fields to send: only those the channel uses, and never an empty phone or month (they would fail validation). */
export function toFields(m: TransferFormModel): TransferFields {
  const fields: TransferFields = { channel: m.channel, reasonDetail: m.reasonDetail.trim() };
  if (m.reason) fields.reason = m.reason;
  if (m.channel === 'IN_COUNTY') {
    if (m.destination) fields.destinationOrgId = m.destination.id;
  } else {
    fields.destinationName = m.destinationName.trim();
    fields.destinationRegion = m.destinationRegion.trim();
    fields.destinationAddressee = m.destinationAddressee.trim();
  }
  if (m.duesPaidThrough) fields.duesPaidThrough = m.duesPaidThrough;
  if (m.phone.trim()) fields.phone = m.phone.trim();
  return fields;
}

/** The wizard's values as the shared completeness rules read them (the same rules the server applies on submit). */
export function asApplication(m: TransferFormModel): TransferApplicationFields {
  return {
    channel: m.channel,
    destinationOrgId: m.destination?.id ?? null,
    destinationName: m.destinationName,
    destinationRegion: m.destinationRegion,
    destinationAddressee: m.destinationAddressee,
    reason: m.reason,
    reasonDetail: m.reasonDetail,
    duesPaidThrough: m.duesPaidThrough,
    phone: m.phone,
  };
}

/**
 * The member's application as a short wizard. Every step saves the draft (created on the first save, then edited
 * with the version last seen); submitting saves, then submits, and when the server lists what is missing — all of it
 * at once — the problems are shown beside their fields and the member is taken back to the first step concerned.
 */
export function useTransferForm(deps: TransferFormDeps) {
  const form = reactive<TransferFormModel>(emptyModel());
  const transfer = shallowRef<TransferDetail | null>(null);
  const step = ref(0);
  const saving = ref(false);
  const submitting = ref(false);
  const errors = ref<Record<string, FieldError>>({});
  const failure = shallowRef<TransferFailure | null>(null);
  const savedAt = ref<Date | null>(null);
  /** What the server holds, so that a step with no change writes nothing (and no "edit" event). */
  let lastSaved: string | null = null;
  /** The values as last saved or loaded (or first shown, for a new application): anything else is unsaved typing. */
  const baseline = ref(JSON.stringify(toFields(form)));
  const dirty = computed(() => JSON.stringify(toFields(form)) !== baseline.value);

  const editable = computed(() => isEditable(transfer.value));
  const busy = computed(() => saving.value || submitting.value);

  function fill(t: TransferDetail): void {
    transfer.value = t;
    if (t.channel !== 'INBOUND') form.channel = t.channel;
    const org = t.destination.org;
    form.destination = org ? { id: org.id, name: org.name, shortName: org.shortName, level: org.level } : null;
    form.destinationName = t.channel === 'IN_COUNTY' ? '' : t.destination.name;
    form.destinationRegion = t.destination.region ?? '';
    form.destinationAddressee = t.channel === 'IN_COUNTY' ? '' : (t.destination.addressee ?? '');
    form.reason = t.reason;
    form.reasonDetail = t.reasonDetail;
    form.duesPaidThrough = t.duesPaidThrough;
    // The member's own transfer, or the source side's: the phone is theirs to see.
    form.phone = t.phone ?? '';
    lastSaved = JSON.stringify(toFields(form));
    baseline.value = lastSaved;
  }

  /** The form as it stands is the starting point (a new application after its phone and month are filled in). */
  function markClean(): void {
    baseline.value = JSON.stringify(toFields(form));
  }

  function clearError(field: string): void {
    if (!errors.value[field]) return;
    const next = { ...errors.value };
    delete next[field];
    errors.value = next;
  }

  /** Checks what can be checked here (the phone's format); the server checks everything again. */
  function localProblems(): FieldError[] {
    const phone = form.phone.trim();
    if (phone && !MOBILE_PATTERN.test(phone)) return [{ field: 'phone', constraint: 'matches', message: 'phone' }];
    return [];
  }

  function stillEmpty(field: string): boolean {
    if (field === 'destinationOrgId') return !form.destination;
    const value = (form as unknown as Record<string, unknown>)[field];
    return typeof value === 'string' ? !value.trim() : value === null || value === undefined;
  }

  /** What keeps step `n` from being complete: its own fields, by the shared rules, and the phone's format. */
  function stepProblems(n: number): FieldError[] {
    const local = localProblems();
    const missing = applicationProblems(asApplication(form)).filter((p) => !local.some((l) => l.field === p.field));
    return [...local, ...missing].filter((p) => (FIELD_STEP[p.field] ?? STEPS.length - 1) === n);
  }

  function showProblems(problems: FieldError[]): void {
    errors.value = { ...errors.value, ...fieldMap(problems) };
    failure.value = { kind: 'fields', fields: problems };
  }

  function stepHasErrors(n: number): boolean {
    return Object.keys(errors.value).some((f) => (FIELD_STEP[f] ?? 3) === n);
  }

  async function handle(error: unknown): Promise<void> {
    const f = classifyFailure(error);
    failure.value = f;
    if (f.kind === 'fields') {
      errors.value = fieldMap(f.fields);
      const steps = f.fields.map((x) => FIELD_STEP[x.field]).filter((n): n is number => n !== undefined);
      if (steps.length) step.value = Math.min(...steps);
    } else if (f.kind === 'conflict' && transfer.value) {
      // Changed elsewhere (another device, or an administrator acting for the member): show what is there now.
      try {
        fill(await deps.reload(transfer.value.id));
      } catch {
        // The reload failing leaves the form as the member typed it; the conflict message still shows.
      }
    }
  }

  /** Saves the draft; resolves false (with the problems shown) when it could not. */
  async function save(): Promise<boolean> {
    if (busy.value && !submitting.value) return false;
    failure.value = null;
    const local = localProblems();
    if (local.length) {
      showProblems(local);
      return false;
    }
    const fields = toFields(form);
    const snapshot = JSON.stringify(fields);
    if (transfer.value && snapshot === lastSaved) return true;
    saving.value = true;
    try {
      const current = transfer.value;
      const saved = current ? await deps.update(current.id, current.version, fields) : await deps.create(fields);
      transfer.value = saved;
      lastSaved = snapshot;
      baseline.value = snapshot;
      savedAt.value = new Date();
      // The save passed validation; what is still reported missing stays marked until it is filled in.
      const kept: Record<string, FieldError> = {};
      for (const [k, v] of Object.entries(errors.value)) if (v.constraint === 'required' && stillEmpty(k)) kept[k] = v;
      errors.value = kept;
      return true;
    } catch (e) {
      await handle(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** Moves on once this step is complete (said beside its fields at once, not first at the end) and saved. */
  async function next(): Promise<boolean> {
    if (step.value >= STEPS.length - 1) return false;
    failure.value = null;
    const problems = stepProblems(step.value);
    // This step's marks are what its fields lack now (a channel changed since leaves nothing of the other's behind).
    const n = step.value;
    errors.value = Object.fromEntries(Object.entries(errors.value).filter(([f]) => (FIELD_STEP[f] ?? STEPS.length - 1) !== n));
    if (problems.length) {
      showProblems(problems);
      return false;
    }
    if (!(await save())) return false;
    step.value++;
    return true;
  }

  function goTo(n: number): void {
    if (n >= 0 && n < STEPS.length) step.value = n;
  }

  /** Saves, then submits. Resolves with the submitted transfer, or null with the problems shown. */
  async function submit(): Promise<TransferDetail | null> {
    if (submitting.value) return null;
    submitting.value = true;
    try {
      if (!(await save())) return null;
      const t = transfer.value!;
      try {
        const submitted = await deps.submit(t.id, t.version);
        transfer.value = submitted;
        errors.value = {};
        return submitted;
      } catch (e) {
        await handle(e);
        return null;
      }
    } finally {
      submitting.value = false;
    }
  }

  /** Months of dues still owed for this month (0 when paid up): said beside the field, not first at the pre-review's return. */
  const duesOwing = computed(() => (form.duesPaidThrough ? duesState(form.duesPaidThrough).months : 0));

  return { form, transfer, step, saving, duesOwing, submitting, busy, errors, failure, savedAt, editable, dirty, fill, markClean, clearError, stepHasErrors, save, next, goTo, submit };
}
