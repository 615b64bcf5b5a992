import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ValidationError, type FieldIssue } from '../errors.js';

// zod/mini ships without messages; the English locale costs ~17 KB and makes every 400 say which field and why. It is
// built on the first message, not at every cold start.
let english: ReturnType<typeof en>['localeError'] | undefined;
z.config({ localeError: (issue) => (english ??= en().localeError)(issue) });

export function toFieldIssues(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldIssue[] {
  return issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [path, key].filter(Boolean).join('.'),
        message: 'is not a known field',
      }));
    }
    return [{ field: path, message: issue.message }];
  });
}

/** Parses untrusted input with a schema; a failure is a 400 naming each bad field. */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error.issues, prefix));
  return result.data;
}

// Text that breaks or disguises what it says: unpaired UTF-16 surrogates (every later encoding of it throws),
// invisible zero-width characters and text-direction controls (spoofing; names travel into email subjects).
const LONE_SURROGATE = /\p{Cs}/u;
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_BUT_LINES = /[^\P{Cc}\n\t]/u;

const wellFormed = () => z.refine<string>((v) => !LONE_SURROGATE.test(v), 'contains a broken character (an unpaired UTF-16 surrogate)');
const visible = () => z.refine<string>((v) => !INVISIBLE.test(v), 'must not contain invisible characters (zero-width or text-direction controls)');

/** Trimmed single-line text of bounded length: names, titles, anything that may end up in a subject or header. */
export const text = (min: number, max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
    wellFormed(),
    z.refine((v) => !CONTROL.test(v), 'must be one line, without line breaks, tabs or other control characters'),
    visible(),
  );

/** Trimmed text that may span lines (notes, descriptions): line breaks (stored as \n) and tabs, no other controls. */
export const multilineText = (min: number, max: number) =>
  z.string().check(
    z.overwrite((v) => v.replace(/\r\n?/g, '\n')),
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
    wellFormed(),
    z.refine((v) => !CONTROL_BUT_LINES.test(v) && !/[\u2028\u2029]/.test(v), 'must not contain control characters other than line breaks and tabs'),
    visible(),
  );

export const email = () => z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email());

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

export const timeZone = () =>
  z.string().check(z.refine(isTimeZone, 'must be an IANA time zone such as Europe/Zurich'));

/** Query fields of every paged list: a bounded page size and the opaque `next` of the previous page. */
export const pageQuery = () => ({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  cursor: z.optional(z.string().check(z.maxLength(600), z.regex(/^[\w-]+$/, 'must be the "next" value of a previous page'))),
});

/**
 * A schema made on first use. Building zod schemas is most of what validation costs a cold start (~9 ms for the
 * domain's schemas against ~4 ms for zod itself), and a function serving one route needs only that route's: the
 * proxy stands in for the schema, typed as it, and builds it when it is first touched.
 */
export function lazySchema<S extends object>(make: () => S): S {
  let made: S | undefined;
  const real = (): S => (made ??= make());
  return new Proxy({} as S, {
    get: (_target, key) => {
      const schema = real();
      const value = Reflect.get(schema, key, schema) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(schema) : value;
    },
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
