import type { Key, TenantScope } from '../../shared/db/keys.js';
import { withoutKeys } from '../../shared/db/transact.js';
import { ULID_PATTERN } from '../../shared/ids.js';
import type { HttpEvent } from '../middleware/http.js';

/**
 * What a staff route reads in the same BatchGet as its auth (staffHandler's `load`): the item its path or body names.
 * Ids that are not ids are left out here; the route's schema answers them with a 400.
 */
export const isId = (value: unknown): value is string => typeof value === 'string' && ULID_PATTERN.test(value);

/** A field of the JSON body, if the body is JSON; the route's own parsing reports anything wrong with it. */
export function bodyField(event: HttpEvent, field: string): unknown {
  try {
    const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    return (JSON.parse(raw) as Record<string, unknown>)?.[field];
  } catch {
    return undefined;
  }
}

/** Loads the item whose id is the path parameter or body field `name`. */
export const loadNamed =
  (name: string, from: 'path' | 'body', key: (scope: TenantScope, id: string) => Key) =>
  (scope: TenantScope, event: HttpEvent): Key[] => {
    const id = from === 'path' ? event.pathParameters?.[name] : bodyField(event, name);
    return isId(id) ? [key(scope, id)] : [];
  };

/** The loaded item of a type with `idField` = `id`, as a record (keys stripped). */
export const loadedItem = <T>(loaded: readonly Record<string, unknown>[], type: string, idField: string, id: string | undefined): T | undefined =>
  id === undefined ? undefined : withoutKeys<T>(loaded.find((i) => i.type === type && i[idField] === id));
