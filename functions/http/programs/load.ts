import { keys, type Key, type TenantScope } from '../../../shared/db/keys.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { listChildren, type ChildKind } from '../../../shared/db/coaching.js';
import type { StaffPrincipal } from '../../../shared/domain/access.js';
import { programChildListQuerySchema, programPathSchema } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { pathParams, type HttpEvent, type HttpReply } from '../../middleware/http.js';
import { bodyField, isId, loadedItem } from '../load.js';

/**
 * What a program route reads with its auth, in the same BatchGet: the program its path names and the child it names
 * (a session, action or obstacle, from the path or, for a new action or obstacle, the body). Ids that are not ids are
 * left out here; the route's schema answers them with a 400.
 */
type Child = 'session' | 'action' | 'obstacle';


export const loadProgram =
  (child?: { kind: Child; from: 'path' | 'body' }) =>
  (scope: TenantScope, event: HttpEvent): Key[] => {
    const params = event.pathParameters ?? {};
    const programId = params.programId;
    if (!isId(programId)) return [];
    const found: Key[] = [keys.program(scope, programId)];
    if (!child) return found;
    const childId = child.from === 'path' ? params[`${child.kind}Id`] : bodyField(event, `${child.kind}Id`);
    if (isId(childId)) found.push(keys[child.kind](scope, programId, childId));
    return found;
  };

/** The child item a route loaded, by its type and id. */
export const loadedChild = <T>(loaded: readonly Record<string, unknown>[], type: 'Session' | 'Action' | 'Obstacle', idField: string, id: string | undefined): T | undefined =>
  loadedItem<T>(loaded, type, idField, id);

/** The handler of a program's child list (sessions, actions, obstacles): one Query of one page, after the auth read. */
export const childPage =
  <T>(kind: ChildKind, field: string, view: (item: T) => unknown) =>
  async ({ event, principal, loaded }: { event: HttpEvent; principal: StaffPrincipal; loaded: Record<string, unknown>[] }): Promise<HttpReply> => {
    const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
    const query = parseInput(programChildListQuerySchema, event.queryStringParameters ?? {}, 'query');
    const page = await listChildren<T>(principal.scope, program.programId, kind, query.limit, query.cursor);
    return { status: 200, body: { [field]: page.items.map(view), ...(page.next ? { next: page.next } : {}) } };
  };
