import { ValidationError } from '../errors.js';

/**
 * Every list is paged: a bounded `limit` and an opaque `cursor` (the last key of the page, base64url JSON). A cursor
 * is only accepted for the partition it came from, so one firm's cursor can never walk another firm's items.
 */
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  next?: string;
}

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

/** The start key a cursor stands for, provided it belongs to `partition`; anything else is a 400 on `query.cursor`. */
export function decodeCursor(cursor: string | undefined, partitionAttribute: string, partition: string): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationError([{ field: 'query.cursor', message: 'must be the "next" value of a previous page' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  if (entries.length > 4 || !entries.every(([k, v]) => typeof v === 'string' && v.length <= 200 && /^[A-Z0-9]+$/i.test(k))) throw invalid();
  const start = key as Record<string, string>;
  if (start[partitionAttribute] !== partition) throw invalid();
  return start;
}
