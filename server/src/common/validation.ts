import { HttpStatus, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { isISO8601, Matches, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { ErrorCode, isCalendarDate, type FieldError } from '@zhdj/shared';
import { AppException } from './errors/app.exception';
import { cacheValidationMetadata } from './validation-metadata-cache';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) out.push({ field, constraint, message });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * Every input is validated: unknown fields are refused, types converted only where declared, and all problems
 * are reported at once as `VALIDATION_FAILED` with per-field details.
 */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new QueryMemoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.length ? details.map((d) => d.message).join('; ') : 'Invalid request';
      return new AppException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, message, details);
    },
  });
}

/** How many validated query strings are kept per query class (the oldest is dropped past this). */
export const QUERY_MEMO_SIZE = 500;

/**
 * ValidationPipe, remembering what each query string validated to. A query class's instance is a pure function of
 * the query's strings (its rules and conversions read nothing else: no clock, no request), and the same few queries
 * come again and again — every administrator's queue opens on `queue=todo&limit=20`, every member's visits on the
 * same fortnight — each converted by class-transformer and checked by class-validator anew: 40–50 µs a request, a
 * fifth of a branch's to-do page on SQLite (journal, 2026-12-01). A remembered answer is handed out as a copy of its
 * own, so that a handler changing its query changes nothing for the next; a refused query is not remembered (it is
 * checked again, and refused again, each time); bodies and route parameters are validated as before.
 */
class QueryMemoValidationPipe extends ValidationPipe {
  private readonly memo = new WeakMap<object, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (asWritten(value, metadata)) return value;
    const type = metadata.metatype;
    if (metadata.type !== 'query' || !type || !isFlatQuery(value)) return super.transform(value, metadata);
    // Before super.transform, which edits the value in place.
    const key = JSON.stringify(value);
    let known = this.memo.get(type);
    const hit = known?.get(key);
    if (hit) return copyOfQuery(hit);
    const query = await super.transform(value, metadata);
    if (isCopyableQuery(query)) {
      if (!known) this.memo.set(type, (known = new Map()));
      known.set(key, copyOfQuery(query));
      if (known.size > QUERY_MEMO_SIZE) known.delete(known.keys().next().value!);
    }
    return query;
  }
}

/** A parsed query string: an object of strings, or lists of strings (a repeated parameter). */
function isFlatQuery(value: unknown): value is Record<string, string | string[]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')));
}

/** A validated query whose values copyOfQuery copies whole: numbers, strings, booleans, dates, lists of those. */
function isCopyableQuery(query: unknown): query is object {
  const plain = (v: unknown) => v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date;
  return typeof query === 'object' && query !== null && Object.values(query).every((v) => plain(v) || (Array.isArray(v) && v.every(plain)));
}

function copyOfQuery<T extends object>(query: T): T {
  const copy = Object.create(Object.getPrototypeOf(query)) as Record<string, unknown>;
  const one = (v: unknown) => (v instanceof Date ? new Date(v.getTime()) : v);
  for (const [k, v] of Object.entries(query)) copy[k] = Array.isArray(v) ? v.map(one) : one(v);
  return copy as T;
}

/**
 * An optional field that may be left out but not sent as null: @IsOptional lets null through unvalidated, to a NOT
 * NULL column, a `.trim()` or an `id = NULL` look-up (a 500, or worse). Fields where null means "clear" say
 * `nullable: true` and keep their own rule.
 */
export const IsOmittable = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/** A day the calendar has, as YYYY-MM-DD (`isCalendarDate`): never 2026-02-30, which the pattern alone would store. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isCalendarDate', validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value), defaultMessage: (a) => `${a?.property} must be a calendar date, YYYY-MM-DD` } }, options);

/** A name, title or reason that says something: spaces alone pass a length check but print as nothing. */
export const HasText = (options?: ValidationOptions) => Matches(/\S/, { message: (a) => `${a.property} must not be blank`, ...options });

/**
 * An instant in ISO 8601 that names one moment (2026-12-07, 2026-12-07T08:00:00+08:00): not a week (2026-W05) or a day
 * of the year (2026-123), which the standard allows but Date cannot read — a filter on one was silently ignored.
 */
export const IsInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value)),
        defaultMessage: (a) => `${a?.property} must be a date or a date and time in ISO 8601 (2026-12-07, 2026-12-07T08:00:00+08:00)`,
      },
    },
    options,
  );

/**
 * A whole number written in a query string, converted to a number only when it is written as one — decimal digits,
 * an optional minus — so that `@IsInt()` refuses `0x10`, `7e1`, ` 20 ` or `1.0` (which `Number()` would take for 16, 70,
 * 20 and 1) instead of answering for a number the client never wrote.
 */
export const IntegerText = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value));

/**
 * Route parameters reach their own pipes (`ParseIntPipe`) as the client wrote them: the global pipe's conversion of a
 * primitive (`+value`) would hand ParseIntPipe 70 for `/members/7e1` or `/members/0x46`, past its digits-only check.
 */
const asWritten = (value: unknown, metadata: ArgumentMetadata): boolean => metadata.type === 'param' && typeof value === 'string' && metadata.metatype === Number;

/** Keys that reach for an object's prototype: no client of this API sends them, anywhere in a query or a body. */
const PROTOTYPE_KEYS = /(^|[[.])(__proto__|constructor|prototype)($|[[\].])/;
/** Deeper than any request DTO nests; class-transformer recurses and would overflow the stack (a 500). */
export const MAX_BODY_DEPTH = 32;

/** Half of a UTF-16 surrogate pair, which JSON can write (`"\ud800"`) but no person types. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Text no person types (NUL, half a surrogate pair): stored, it breaks exports, PDFs and comparisons further on. */
const untypeable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);

function bodyProblem(body: unknown): FieldError | null {
  // Every body this API takes is a JSON object (or an array): a bare string, number or null is refused, as Express's
  // strict JSON parser did, rather than ignored by an operation that takes no body.
  if (body !== undefined && (body === null || typeof body !== 'object')) {
    return { field: 'body', constraint: 'isObject', message: 'The request body must be a JSON object' };
  }
  const stack: [unknown, string, number][] = [[body, '', 0]];
  while (stack.length) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string' && untypeable(value)) {
      return { field: path || 'body', constraint: 'text', message: `${path || 'The body'} holds a character no text may hold (NUL, or half a surrogate pair)` };
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { field: path || 'body', constraint: 'maxDepth', message: `The body nests deeper than ${MAX_BODY_DEPTH} levels` };
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.test(key)) return { field: path ? `${path}.${key}` : key, constraint: 'forbiddenKey', message: `${key} is not an accepted field name` };
      stack.push([(value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1]);
    }
  }
  return null;
}

function queryProblem(url: string): FieldError | null {
  const at = url.indexOf('?');
  if (at < 0) return null;
  for (const pair of url.slice(at + 1).split('&')) {
    let key = pair.split('=')[0];
    try {
      key = decodeURIComponent(key.replace(/\+/g, ' '));
    } catch {
      return { field: 'query', constraint: 'encoding', message: 'The query string is not valid percent-encoded UTF-8' };
    }
    if (PROTOTYPE_KEYS.test(key)) return { field: key, constraint: 'forbiddenKey', message: `${key} is not an accepted query parameter` };
  }
  return null;
}

/**
 * Refuses, before anything reads them, request shapes no client sends: prototype keys (`__proto__`, `constructor`,
 * `prototype`) in the query or the JSON body — the query parser drops some silently and class-transformer would
 * assign others to the DTO's prototype, past the whitelist — and bodies nested deeper than MAX_BODY_DEPTH.
 */
export function refuseHostileShapes(req: { originalUrl: string; body?: unknown }, _res: unknown, next: (e?: unknown) => void): void {
  const problem = queryProblem(req.originalUrl) ?? bodyProblem(req.body);
  next(problem ? new AppException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, problem.message, [problem]) : undefined);
}
