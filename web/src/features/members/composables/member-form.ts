import {
  DATE_PATTERN,
  EDUCATIONS,
  ETHNICITIES,
  ErrorCode,
  MEMBER_NAME_PATTERN,
  MOBILE_PATTERN,
  YEAR_MONTH_PATTERN,
  chinaDate,
  idBirthDate,
  idNumberProblem,
  idSex,
  memberDateProblems,
  normalizeIdNumber,
  type Education,
  type FieldError,
  type MemberCategory,
  type MemberDetail,
  type MemberPost,
  type Sex,
} from '@zhdj/shared';
import { isApiError } from '@/api/errors';

/**
 * The add-member and edit-member form: its model, the checks the server makes (server/src/members/dto/member.dto.ts
 * and MembersService.checkConsistency), the bodies of POST /members and PATCH /members/:id, and the server's refusals
 * turned into a problem per field. No words here: the screens say each problem in the user's language.
 */


export type PostChoice = MemberPost | 'NONE';

export interface MemberFormModel {
  name: string;
  sex: Sex | '';
  ethnicity: string;
  birthDate: string | null;
  /** On edit: empty keeps the stored number (the screen only knows it masked). */
  idNumber: string;
  phone: string;
  education: Education | '';
  category: MemberCategory;
  joinedAt: string | null;
  probationEndsAt: string | null;
  duesPaidThrough: string | null;
  post: PostChoice;
  isRetired: boolean;
  isMobile: boolean;
  isGraduate: boolean;
  /** The branch (create only: a member changes branch by transfer). */
  orgId: number | null;
}

export type MemberFormField = keyof MemberFormModel;
export type FormMode = 'create' | 'edit';

/** What is wrong with a field; the screen words it. */
export type FieldProblem =
  | 'required'
  | 'invalid'
  | 'name'
  | 'phone'
  | 'idFormat'
  | 'idBirthDate'
  | 'idCheckDigit'
  | 'idInvalid'
  | 'mismatchId'
  | 'phoneTaken'
  | 'idTaken'
  | 'notBranch'
  | 'afterBirth'
  | 'notFuture'
  | 'tooFarAhead';

export type FormProblems = Partial<Record<MemberFormField, FieldProblem>>;

/** The fields of a member the server stores as given (everything but the ID number and the branch). */
export interface MemberFields {
  name: string;
  sex: Sex;
  ethnicity: string;
  birthDate: string;
  phone: string;
  education: Education;
  category: MemberCategory;
  joinedAt: string;
  probationEndsAt: string | null;
  duesPaidThrough: string;
  post: MemberPost | null;
  isRetired: boolean;
  isMobile: boolean;
  isGraduate: boolean;
}

export interface CreateMemberInput extends Omit<MemberFields, 'probationEndsAt' | 'post'> {
  idNumber: string;
  orgId: number;
  probationEndsAt?: string;
  post?: MemberPost;
}

export type UpdateMemberInput = Partial<MemberFields & { idNumber: string }> & { version: number };

const FIELDS: MemberFormField[] = [
  'name',
  'sex',
  'ethnicity',
  'birthDate',
  'idNumber',
  'phone',
  'education',
  'category',
  'joinedAt',
  'probationEndsAt',
  'duesPaidThrough',
  'post',
  'isRetired',
  'isMobile',
  'isGraduate',
  'orgId',
];
const isFormField = (f: string): f is MemberFormField => (FIELDS as string[]).includes(f);

/** Fields chosen rather than typed (lists, dates, the branch): a missing one reads 请选择, not 请填写. */
export const CHOSEN_FIELDS = new Set<MemberFormField>(['sex', 'ethnicity', 'birthDate', 'education', 'category', 'joinedAt', 'probationEndsAt', 'duesPaidThrough', 'orgId']);

export function emptyMemberForm(orgId: number | null = null): MemberFormModel {
  return {
    name: '',
    sex: '',
    // The first of the standard's order, and by far the most common.
    ethnicity: ETHNICITIES[0],
    birthDate: null,
    idNumber: '',
    phone: '',
    education: '',
    category: 'FULL',
    joinedAt: null,
    probationEndsAt: null,
    duesPaidThrough: null,
    post: 'NONE',
    isRetired: false,
    isMobile: false,
    isGraduate: false,
    orgId,
  };
}

export function memberFormFrom(m: MemberDetail): MemberFormModel {
  return {
    name: m.name,
    sex: m.sex,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    idNumber: '',
    phone: m.phone,
    education: m.education,
    category: m.category,
    joinedAt: m.joinedAt,
    probationEndsAt: m.probationEndsAt,
    duesPaidThrough: m.duesPaidThrough,
    post: m.post ?? 'NONE',
    isRetired: m.isRetired,
    isMobile: m.isMobile,
    isGraduate: m.isGraduate,
    orgId: m.org.id,
  };
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && !v.trim());

/** The server's checks, made before anything is sent. */
export function checkMemberForm(form: MemberFormModel, mode: FormMode): FormProblems {
  const problems: FormProblems = {};
  const required: MemberFormField[] = ['name', 'sex', 'ethnicity', 'birthDate', 'phone', 'education', 'category', 'joinedAt', 'duesPaidThrough'];
  if (mode === 'create') required.push('idNumber', 'orgId');
  if (form.category === 'PROBATIONARY') required.push('probationEndsAt');
  for (const f of required) if (blank(form[f])) problems[f] = 'required';

  if (!problems.name && !MEMBER_NAME_PATTERN.test(form.name.trim())) problems.name = 'name';
  if (!problems.phone && !MOBILE_PATTERN.test(form.phone.trim())) problems.phone = 'phone';
  if (!problems.ethnicity && !(ETHNICITIES as readonly string[]).includes(form.ethnicity)) problems.ethnicity = 'invalid';
  if (!problems.education && !EDUCATIONS.includes(form.education as Education)) problems.education = 'invalid';
  for (const f of ['birthDate', 'joinedAt', 'probationEndsAt'] as const) {
    const v = form[f];
    if (!problems[f] && v && !DATE_PATTERN.test(v)) problems[f] = 'invalid';
  }
  if (!problems.duesPaidThrough && form.duesPaidThrough && !YEAR_MONTH_PATTERN.test(form.duesPaidThrough)) problems.duesPaidThrough = 'invalid';
  // The server's rule for the dates (shared, as for an arriving member): joined after birth and not after today, dues
  // paid ahead for a year at most. Each applied to the dates it needs that are written correctly.
  const written = (f: 'birthDate' | 'joinedAt' | 'duesPaidThrough') => (problems[f] ? null : form[f]);
  for (const p of memberDateProblems({ birthDate: written('birthDate'), joinedAt: written('joinedAt'), duesPaidThrough: written('duesPaidThrough') }, chinaDate())) {
    problems[p.field as 'joinedAt' | 'duesPaidThrough'] ??= p.constraint as 'afterBirth' | 'notFuture' | 'tooFarAhead';
  }

  if (!blank(form.idNumber)) {
    const id = normalizeIdNumber(form.idNumber);
    const problem = idNumberProblem(id);
    if (problem) problems.idNumber = problem === 'format' ? 'idFormat' : problem === 'birthDate' ? 'idBirthDate' : 'idCheckDigit';
    else {
      // The server refuses a date of birth or a sex the ID number contradicts.
      if (!problems.birthDate && form.birthDate !== idBirthDate(id)) problems.birthDate = 'mismatchId';
      if (!problems.sex && form.sex !== idSex(id)) problems.sex = 'mismatchId';
    }
  }
  return problems;
}

/** The form's values as the server stores them (trimmed; no probation end for a full member; no post as null). */
export function memberFields(form: MemberFormModel): MemberFields {
  return {
    name: form.name.trim(),
    sex: form.sex as Sex,
    ethnicity: form.ethnicity,
    birthDate: form.birthDate ?? '',
    phone: form.phone.trim(),
    education: form.education as Education,
    category: form.category,
    joinedAt: form.joinedAt ?? '',
    probationEndsAt: form.category === 'PROBATIONARY' ? form.probationEndsAt : null,
    duesPaidThrough: form.duesPaidThrough ?? '',
    post: form.post === 'NONE' ? null : form.post,
    isRetired: form.isRetired,
    isMobile: form.isMobile,
    isGraduate: form.isGraduate,
  };
}

/** The body of POST /members (optional fields left out rather than null). */
export function createBody(form: MemberFormModel): CreateMemberInput {
  const { probationEndsAt, post, ...rest } = memberFields(form);
  return {
    ...rest,
    ...(probationEndsAt ? { probationEndsAt } : {}),
    ...(post ? { post } : {}),
    idNumber: normalizeIdNumber(form.idNumber),
    orgId: form.orgId as number,
  };
}

/** The body of PATCH /members/:id: only what differs from the record read, with that record's version. */
export function updateBody(original: MemberDetail, form: MemberFormModel): UpdateMemberInput | null {
  const next = memberFields(form);
  const changed: Partial<MemberFields & { idNumber: string }> = {};
  for (const key of Object.keys(next) as (keyof MemberFields)[]) {
    if (next[key] !== original[key]) (changed as Record<string, unknown>)[key] = next[key];
  }
  if (!blank(form.idNumber)) changed.idNumber = normalizeIdNumber(form.idNumber);
  return Object.keys(changed).length ? { ...changed, version: original.version } : null;
}

const CONSTRAINT_PROBLEMS: Record<string, FieldProblem> = {
  matchesIdNumber: 'mismatchId',
  required: 'required',
  branch: 'notBranch',
  afterBirth: 'afterBirth',
  notFuture: 'notFuture',
  tooFarAhead: 'tooFarAhead',
  isIdNumber: 'idInvalid',
};

/**
 * A refusal of the server as problems beside the form's fields: the field list of a 400 VALIDATION_FAILED (and of the
 * codes the service raises the same way), and the two taken-already conflicts. `other` says the refusal names
 * something the form does not show, so the screen words it as a whole; null when it is no such refusal at all.
 */
export function serverProblems(error: unknown): { fields: FormProblems; other: boolean } | null {
  if (!isApiError(error)) return null;
  if (error.code === ErrorCode.PHONE_TAKEN) return { fields: { phone: 'phoneTaken' }, other: false };
  if (error.code === ErrorCode.ID_NUMBER_TAKEN) return { fields: { idNumber: 'idTaken' }, other: false };
  if (error.statusCode !== 400) return null;
  const details = Array.isArray(error.details) ? (error.details as FieldError[]).filter((d) => typeof d?.field === 'string') : [];
  const fields: FormProblems = {};
  let other = details.length === 0;
  for (const d of details) {
    if (!isFormField(d.field)) {
      other = true;
      continue;
    }
    fields[d.field] ??= CONSTRAINT_PROBLEMS[d.constraint] ?? (d.field === 'orgId' && error.code === ErrorCode.MEMBER_ORG_NOT_BRANCH ? 'notBranch' : 'invalid');
  }
  return { fields, other };
}
