import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ValidationError, type FieldIssue } from '../errors.js';

// zod/mini ships without messages; the English locale costs ~17 KB and makes every 400 say which field and why.
z.config(en());

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

/** Trimmed text of bounded length: names, titles. */
export const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

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
