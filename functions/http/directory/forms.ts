import type { Key, TenantScope } from '../../../shared/db/keys.js';
import { ConflictError, ValidationError, type FieldIssue } from '../../../shared/errors.js';
import type { DirectoryWords } from '../../../shared/web/directory-words.js';
import { formList, type HttpEvent } from '../../middleware/http.js';
import { isId } from '../load.js';

/**
 * What the directory's handlers share: items named by the query or the form, read with the session (its BatchGet),
 * and a change whose refusal is a form shown again with its problems rather than an error page.
 */
export const loadFromQuery =
  (name: string, key: (scope: TenantScope, id: string) => Key) =>
  (scope: TenantScope, event: HttpEvent): Key[] => {
    const id = event.queryStringParameters?.[name];
    return isId(id) ? [key(scope, id)] : [];
  };

export const loadFromForm =
  (name: string, key: (scope: TenantScope, id: string) => Key) =>
  (scope: TenantScope, event: HttpEvent): Key[] => {
    const id = formList(event, name)[0];
    return isId(id) ? [key(scope, id)] : [];
  };

/** The query's non-empty fields among `names` (an empty filter is no filter). */
export const queryFields = (event: HttpEvent, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, event.queryStringParameters?.[n]]).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

export type Refused = { status: 400 | 409; problems: FieldIssue[] };

/**
 * Runs a change; bad input (400) and a conflict (409: the plan's limit, a change meanwhile) come back as the form's
 * problems, in the page's words where the domain gives a reason. Anything else is an error page.
 */
export async function attempt<T>(d: DirectoryWords, planLimit: number, change: () => Promise<T>): Promise<{ done: T } | Refused> {
  try {
    return { done: await change() };
  } catch (error) {
    if (error instanceof ValidationError) return { status: 400, problems: [...(error.fields ?? [])] };
    if (error instanceof ConflictError) return { status: 409, problems: [{ field: '', message: error.reason === 'plan-limit' ? d.planLimit(planLimit) : d.conflict }] };
    throw error;
  }
}

/** A form sent from a page of an older version of the record: shown again, typed values kept, over the newer one. */
export const staleForm = (d: DirectoryWords): Refused => ({ status: 409, problems: [{ field: '', message: d.changedMeanwhile }] });

export const refused = (outcome: object): outcome is Refused => 'problems' in outcome;
