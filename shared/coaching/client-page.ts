import { clientPreferencesItem, getItems, getProgramCollection, programClientPreferencesItem, programsOfClient } from '../db/coaching.js';
import { keys, type Key, type TenantScope } from '../db/keys.js';
import { transact, withoutKeys } from '../db/transact.js';
import type { Action, ActionUpdate, Change, Obstacle } from '../domain/coaching.js';
import type { ClientForm } from '../domain/client-forms.js';
import { programRuns, splitCollection, type ProgramCollection } from '../domain/program.js';
import type { ReminderFrequency } from '../domain/reminders.js';
import type { Tenant } from '../domain/tenant.js';
import { NotFoundError } from '../errors.js';
import { judgeLink, LinkNotUsableError, parseLinkToken, type LinkRecord } from '../links/tokens.js';
import { addAction, AlreadyRecorded, changeAction, undoChange, type ChangeContext, type ChangeResult } from './actions.js';

/**
 * The client's side of a program, behind their emailed link. The link names the tenant, the client and the program;
 * nothing the client sends can widen that: every action, obstacle and change is looked up inside the link's program.
 * A page is two round trips (link and firm in one BatchGet, then the program's one Query); a change is three (the
 * same two, then one transaction with the change, its history and the program's counters).
 */
export interface ClientView {
  scope: TenantScope;
  tenant: Tenant;
  link: LinkRecord;
  collection: ProgramCollection;
  /** Completed programs are shown, not changed. */
  readOnly: boolean;
}

/** A dead link's page shows the firm it names (read with the link), or no firm at all: never a second read. */
const dead = (problem: ConstructorParameters<typeof LinkNotUsableError>[0], scope?: TenantScope, tenant?: Tenant) =>
  new LinkNotUsableError(problem, 'client', tenant ? scope : undefined, tenant);

/** Reads and checks a client link, and the program it opens. `also`: keys to read in the same BatchGet. */
export async function openClientLink(token: string, now: Date, also: (scope: TenantScope) => Key[] = () => []): Promise<ClientView & { also: Record<string, unknown>[] }> {
  const parsed = parseLinkToken(token);
  if (!parsed) throw dead('malformed');
  const { scope, hash } = parsed;
  const linkKey = keys.link(scope, hash);
  const items = await getItems([linkKey, keys.tenant(scope), ...also(scope)]);
  const checked = judgeLink(scope, hash, items.find((i) => i.PK === linkKey.PK && i.SK === linkKey.SK), 'client', now);
  const tenant = withoutKeys<Tenant>(items.find((i) => i.type === 'Tenant'));
  if (!checked.ok) throw dead(checked.problem, checked.scope, tenant);
  if (!tenant || tenant.status !== 'active') throw dead('revoked');
  const collection = splitCollection(await getProgramCollection(scope, checked.link.subjectId));
  const program = collection?.program;
  // A link of an older generation (revoked by the coach), another client's or an archived program opens nothing.
  if (!collection || !program || program.clientId !== checked.link.clientId || program.clientLinkGeneration !== checked.link.generation || program.status === 'archived') {
    throw dead('revoked', scope, tenant);
  }
  const others = items.filter((i) => i.type !== 'Link' && i.type !== 'Tenant');
  // The page of an archived client stays readable (the engagement ended), not changeable.
  const readOnly = !programRuns(program);
  return { scope, tenant, link: checked.link, collection, readOnly, also: others };
}

/**
 * The client's reminder preferences, from their page: on the client and on each of their programs (where the sweep
 * reads them), in one transaction. Reminders already scheduled keep their time once; the next ones follow the new
 * hour, and "off" ends them at the next sweep.
 */
export async function setReminderPreferences(view: ClientView, preferences: { reminders: ReminderFrequency; hour: number }, now: Date): Promise<void> {
  const clientId = view.collection.program.clientId;
  const programs = await programsOfClient(view.scope, clientId);
  await transact([
    clientPreferencesItem(view.scope, clientId, preferences, now),
    ...programs.slice(0, 90).map((p) => programClientPreferencesItem(view.scope, p.programId, preferences)),
  ]);
}

/** What the page says after a change: what was recorded, and the change it can take back. */
export interface Recorded {
  kind: 'added' | 'edited' | 'marked' | 'undone' | 'again';
  action: Action;
  obstacle?: Obstacle;
  change?: Change;
}

const actionIn = (view: ClientView, actionId: string): Action => {
  const action = view.collection.actions.find((a) => a.actionId === actionId && !a.archived);
  if (!action) throw new NotFoundError('No such action on your page');
  return action;
};

/** The page's collection with a change applied, so the answer shows it without reading the program again. */
function applied(view: ClientView, result: ChangeResult): ProgramCollection {
  const { collection } = view;
  const actions = result.action
    ? collection.actions.some((a) => a.actionId === result.action!.actionId)
      ? collection.actions.map((a) => (a.actionId === result.action!.actionId ? result.action! : a))
      : [...collection.actions, result.action]
    : collection.actions;
  const obstacles = result.obstacle
    ? [...collection.obstacles.filter((o) => o.obstacleId !== result.obstacle!.obstacleId), result.obstacle]
    : collection.obstacles;
  return { ...collection, actions, obstacles };
}

/**
 * Records one form of the client's page. A form sent twice (a double click, a reload) is the same change: the
 * second time nothing is written and the page says it was recorded already.
 */
export async function recordClientForm(view: ClientView & { also: Record<string, unknown>[] }, form: Exclude<ClientForm, { intent: 'fresh-link' | 'preferences' }>, now: Date): Promise<{ recorded: Recorded; collection: ProgramCollection }> {
  const ctx: ChangeContext = { scope: view.scope, program: view.collection.program, by: { kind: 'client' }, now, linkGeneration: view.link.generation, policy: view.tenant.reminderPolicy };
  const inProgram = form.program === view.collection.program.programId;
  const changes = inProgram ? view.also.filter((i) => i.type === 'Change').map((i) => withoutKeys<Change>(i)!) : [];
  if (changes.some((c) => c.changeId === form.change)) {
    const action = view.collection.actions.find((a) => a.actionId === (form.intent === 'add' ? form.change : form.action));
    return { recorded: { kind: 'again', action: action ?? view.collection.actions.at(-1)! }, collection: view.collection };
  }
  const latestSession = view.collection.sessions.filter((s) => !s.archived).at(-1);
  try {
    let result: ChangeResult;
    let kind: Recorded['kind'];
    switch (form.intent) {
      case 'add':
        result = await addAction(ctx, { title: form.title, ifThenPlan: form.ifThenPlan, dueDate: form.dueDate, competency: form.competency, ...(latestSession ? { sessionId: latestSession.sessionId } : {}) }, form.change);
        kind = 'added';
        break;
      case 'edit': {
        const update: ActionUpdate = { title: form.title, ifThenPlan: form.ifThenPlan ?? null, dueDate: form.dueDate ?? null, competency: form.competency ?? null };
        result = await changeAction(ctx, actionIn(view, form.action), update, { changeId: form.change });
        kind = 'edited';
        break;
      }
      case 'mark': {
        const update: ActionUpdate = {
          status: form.status,
          ...(form.reflection !== undefined ? { reflection: form.reflection } : {}),
          ...(form.challenge !== undefined && form.skill !== undefined ? { flow: { challenge: form.challenge, skill: form.skill } } : {}),
        };
        const obstacle = form.obstacleText && form.obstacleCategory ? { text: form.obstacleText, category: form.obstacleCategory } : undefined;
        result = await changeAction(ctx, actionIn(view, form.action), update, { changeId: form.change, ...(obstacle ? { obstacle } : {}) });
        kind = 'marked';
        break;
      }
      case 'undo': {
        // The change was read with the link; it must be a change of this program's action, made through a client link.
        const change = changes.find((c) => c.changeId === form.undo);
        if (!change || change.subjectId !== form.action || change.by.kind !== 'client') throw new NotFoundError('No such change on your page');
        const action = view.collection.actions.find((a) => a.actionId === form.action);
        if (!action) throw new NotFoundError('No such action on your page');
        const obstacle = change.obstacleId ? view.collection.obstacles.find((o) => o.obstacleId === change.obstacleId) : undefined;
        result = await undoChange(ctx, change, action, obstacle, { changeId: form.change });
        kind = 'undone';
        break;
      }
    }
    return { recorded: { kind, action: result.action!, ...(result.obstacle ? { obstacle: result.obstacle } : {}), change: result.change }, collection: applied(view, result) };
  } catch (error) {
    if (!(error instanceof AlreadyRecorded)) throw error;
    const action = form.intent === 'add' ? undefined : view.collection.actions.find((a) => a.actionId === form.action);
    return { recorded: { kind: 'again', action: action ?? view.collection.actions.at(-1)! }, collection: view.collection };
  }
}

/**
 * What a form needs read with the link, in the same BatchGet: the change it would record (a second submit finds it
 * there and is answered "recorded already"), and for an undo the change it takes back; both in the program the form
 * names, which is trusted only when it is the link's own.
 */
export function formKeys(form: ClientForm): (scope: TenantScope) => Key[] {
  return (scope) => {
    if (form.intent === 'fresh-link' || form.intent === 'preferences' || !form.program) return [];
    // An added action takes the change id as its id, so its first change is keyed by it.
    const actionId = form.intent === 'add' ? form.change : form.action;
    return [keys.change(scope, form.program, actionId, form.change), ...(form.intent === 'undo' ? [keys.change(scope, form.program, form.action, form.undo)] : [])];
  };
}
