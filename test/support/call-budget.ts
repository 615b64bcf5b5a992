import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, tenantScope, type Key } from '../../shared/db/keys.js';
import { actionItem, changeItem, clientItem, newProgramItem, obstacleItem, sessionItem, sponsorItem } from '../../shared/db/coaching.js';
import { reportSnapshotItem } from '../../shared/db/reports.js';
import { withoutKeys, type TransactItem } from '../../shared/db/transact.js';
import type { ReportContent } from '../../shared/domain/reports.js';
import { clientSummary, type Action, type ActionStatus, type Actor, type Change, type Client, type Obstacle, type Program, type Session, type Sponsor } from '../../shared/domain/coaching.js';
import { ACTION_HISTORY_FIELDS, addDays, changedFields, localDate, OBSTACLE_HISTORY_FIELDS } from '../../shared/domain/program.js';
import { newId } from '../../shared/ids.js';
import { useApi, type ApiResponse } from './api.js';
import { createProgram, type ProgramFixture } from './coaching.js';
import { unique } from './factories.js';
import { createFirm, type FirmFixture } from './firms.js';
import { expectCoversAreas, matrixFiles, routesOf, type MatrixFile, type RouteIdOf } from './matrices.js';

/**
 * DynamoDB round trips per request, route by route, shared by the area files (test/integration/call-budget/*.test.ts):
 * what each request's data needs, and no more. Every staff request pays one BatchGet for "firm + caller"; the rest is
 * the route's own work. Handlers run in this process, so the SDK middleware counter sees every call. A new route
 * fails until its area's file has a budget for it.
 */
export const api = useApi();
/** A firm with years of history (seedHistory), made anew for each file. */
export let firm: FirmFixture;

export type Case = { calls: number; status: number; run: () => Promise<ApiResponse<Record<string, any>>> };

/** A pending invitation of the firm, and the address it went to. */
export const invite = async () => {
  const email = `budget-${unique()}@firm.example`;
  const res = await firm.as('owner', 'POST', '/v1/invitations', { email, name: 'Budget', role: 'coach' });
  return { id: res.body.invitation.invitationId as string, email };
};

/** A page request as a browser sends it (a form post, or a GET); the body is HTML, so only the status matters here. */
export async function form(method: string, path: string, fields?: Record<string, string>): Promise<ApiResponse<Record<string, any>>> {
  const response = await fetch(`${api.url()}${path}`, {
    method,
    ...(fields ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() } : {}),
  });
  await response.text();
  return { status: response.status, headers: response.headers, body: {} };
}

type Item = Record<string, unknown>;

/** Writes items straight to the table, 25 to a BatchWrite, a few BatchWrites at a time. */
async function writeAll(items: readonly Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25) as Item[]);
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let requests: Record<string, any>[] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests?.length) {
        const result: BatchWriteCommandOutput = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
        requests = result.UnprocessedItems?.[tableName()];
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** A former staff user of the firm (seedHistory writes them): the coach of many archived clients. */
const formerStaffId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/**
 * Years of history in the firm's partitions (closed invitations, audit events, former staff, sent emails), written
 * straight to the table: no request may read through it, so every budget must hold on top of it.
 */
async function seedHistory(tenantId: string, each: number) {
  const scope = tenantScope(tenantId);
  const old = (i: number) => new Date(Date.UTC(2022, 0, 1) + i * 3_600_000).toISOString();
  // Whole items, as the product writes them: lists answer them, and every answer must match its declared schema.
  const items = Array.from({ length: each }, (_, i) => {
    const invitationId = newId(Date.UTC(2022, 0, 1) + i * 1000);
    const userId = formerStaffId(i);
    const at = old(i);
    return [
      {
        ...keys.invitation(scope, invitationId),
        type: 'Invitation',
        invitationId,
        name: `Old ${i}`,
        email: `old-${i}@firm.example`,
        role: 'coach',
        status: 'accepted',
        invitedBy: 'x',
        createdAt: at,
        closedAt: at,
        validUntil: 1_641_600_000,
        sends: 1,
        linkGeneration: 0,
      },
      { ...keys.audit(scope, at, newId()), type: 'AuditEvent', tenantId, at, action: 'staff.updated', actor: { kind: 'staff', id: 'x' }, resource: 'staff/x' },
      { ...keys.staff(scope, userId), type: 'Staff', tenantId, userId, status: 'deactivated', role: 'coach', email: `former-${i}@firm.example`, name: `Former ${i}`, createdAt: at },
      { ...keys.email(scope, `old#${i}`), type: 'Email', status: 'sent', kind: 'invitation', to: `old-${i}@firm.example` },
    ];
  }).flat();
  await writeAll(items);
}

/** The program the coaching budgets work on (seedCoaching): a lived-in program in a firm of thousands of items. */
export interface SeededProgram extends ProgramFixture {
  /** An action whose flow check was re-rated over and over: its history is longer than one page. */
  busyActionId: string;
  /** Open actions of the latest sessions, for the client to mark. */
  openActionIds: string[];
  /** An open obstacle (logged through the API). */
  obstacleId: string;
  /** A seeded active client of the firm's coach, with a program of their own. */
  otherClientId: string;
  sessions: number;
  actions: number;
  obstacles: number;
}

const SEED = { clients: 2000, activeClients: 12, programs: 1000, sponsors: 300, sessions: 40, actionsPerSession: 4, busyChanges: 120, reports: 400 } as const;

/** The record an item holds (keys and type tag dropped), to build more of its kind from. */
const recordOf = <T>(item: Item | undefined): T => {
  if (!item) throw new Error('seedCoaching: a template item the API should have written is missing');
  return withoutKeys<T>(item)!;
};
/** The item a product write puts, as its own builder makes it (keys, index keys, type tag). */
const itemOf = (write: TransactItem): Item => write.Put!.Item as Item;

/**
 * The coaching core's data of a firm that has worked for years, written straight to the table on top of seedHistory:
 * 2,000 clients (most archived, of current and former coaches) with their index entries, 300 sponsors, 1,000 other
 * programs, and the program under test: made through the API (so its link and forms are real), then grown to 40
 * sessions with 4 actions each, their obstacles and every change in its history partition, and 400 sent reports
 * (over 1 MB of snapshots); one action has a history of more than one page. Records copy what the API wrote (read back with the SDK) and their items come from the
 * product's own item builders, so every answer matches its schema. Counters are set as the changes would have left them.
 */
export async function seedCoaching(firm: FirmFixture): Promise<SeededProgram> {
  const scope = tenantScope(firm.tenantId);
  const made = await createProgram(firm, 'coach', { program: { startDate: '2026-02-01', sessionsPlanned: 48 } });
  const logged = await firm.as('coach', 'POST', `/v1/programs/${made.programId}/obstacles`, { actionId: made.actionId, text: 'The Monday meeting ran over.', category: 'time' });
  expect(logged.status, JSON.stringify(logged.body)).toBe(201);
  const obstacleId = logged.body.obstacle.obstacleId as string;

  const read = async (key: Key) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
  const history = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :subject)',
      ExpressionAttributeValues: { ':pk': keys.historyPartition(scope, made.programId), ':subject': `${made.actionId}#` },
      ConsistentRead: true,
    }),
  );
  const t = {
    client: recordOf<Client>(await read(keys.client(scope, made.clientId))),
    sponsor: recordOf<Sponsor>(await read(keys.sponsor(scope, made.sponsorId))),
    program: recordOf<Program>(await read(keys.program(scope, made.programId))),
    session: recordOf<Session>(await read(keys.session(scope, made.programId, made.sessionId))),
    action: recordOf<Action>(await read(keys.action(scope, made.programId, made.actionId))),
    obstacle: recordOf<Obstacle>(await read(keys.obstacle(scope, made.programId, obstacleId))),
    change: recordOf<Change>(history.Items?.[0]),
  };
  const items: Item[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const hour = 3_600_000;
  const day = 24 * hour;
  const coachId = firm.coach.userId;

  // Clients: a dozen active, the rest archived, of the current staff and of former coaches.
  const current = [firm.coach.userId, firm.admin.userId, firm.owner.userId];
  const since = Date.UTC(2022, 0, 3, 9);
  const clients: Client[] = Array.from({ length: SEED.clients }, (_, i) => {
    const active = i < SEED.activeClients;
    const at = iso(since + i * 12 * hour);
    return {
      ...t.client,
      clientId: newId(since + i * 12 * hour),
      name: `Client ${i}`,
      email: `client-${i}@seed.example`,
      coachId: active || i % 2 ? current[i % 3]! : formerStaffId(i % 1500),
      status: active ? 'active' : 'archived',
      createdAt: at,
      updatedAt: at,
      version: active ? 1 : 2,
    };
  });
  items.push(...clients.map((c) => itemOf(clientItem(scope, c))));
  items.push(
    ...Array.from({ length: SEED.sponsors }, (_, i) =>
      itemOf(sponsorItem(scope, { ...t.sponsor, sponsorId: newId(since + i * day), name: `Sponsor ${i}`, email: `sponsor-${i}@seed.example`, status: i % 4 ? 'active' : 'archived' })),
    ),
  );

  // Other programs: one for each of the first thousand clients, and three earlier ones of the client under test.
  const settled = { sessionsHeld: 8, actionsOpen: 0, actionsDone: 18, actionsPartly: 4, actionsNotDone: 3, actionsDropped: 1, obstaclesOpen: 0, dueOpen: {}, actionsTotal: 26, obstaclesTotal: 5 };
  const otherProgram = (client: Pick<Client, 'clientId' | 'coachId'> & Program['client'], i: number, status: Program['status']): Program => {
    const at = since + i * 12 * hour;
    return {
      ...t.program,
      ...settled,
      ...(status === 'active' || status === 'paused' ? { actionsOpen: 2, actionsTotal: 28, dueOpen: { [newId(at)]: '2026-01-15' } } : {}),
      programId: newId(at),
      clientId: client.clientId,
      coachId: client.coachId,
      client: clientSummary(client),
      title: `Program ${i}`,
      status,
      lastSessionAt: iso(at + 60 * day),
      lastClientActivityAt: iso(at + 61 * day),
      createdAt: iso(at),
      updatedAt: iso(at + 90 * day),
      version: 3,
    };
  };
  const programs = clients
    .slice(0, SEED.programs)
    .map((c, i) => otherProgram(c, i, c.status === 'active' ? (i % 4 === 3 ? 'paused' : 'active') : i % 3 ? 'completed' : 'archived'));
  const earlier = [0, 1, 2].map((i) => otherProgram({ ...t.program.client, clientId: made.clientId, coachId }, SEED.clients + i, 'completed'));
  items.push(...[...programs, ...earlier].map((p) => itemOf(newProgramItem(scope, p))));

  // The program under test: sessions 1-39 a week apart before the one the API recorded, which becomes number 40.
  const programId = made.programId;
  const today = localDate(new Date(), t.program.client.timeZone);
  const last = Date.parse(t.session.heldAt);
  const sessions: Session[] = Array.from({ length: SEED.sessions - 1 }, (_, k) => {
    const at = iso(last - (SEED.sessions - 1 - k) * 7 * day);
    return { ...t.session, sessionId: newId(Date.parse(at)), number: k + 1, heldAt: at, sharedSummary: `Session ${k + 1}: what we looked at.`, privateNotes: `Private note ${k + 1}.`, createdAt: at, updatedAt: at, version: 1 };
  });
  sessions.push({ ...t.session, number: SEED.sessions });

  const actions: Action[] = [t.action];
  const obstacles: Obstacle[] = [t.obstacle];
  const changes: Change[] = [];
  const change = (subject: Change['subject'], subjectId: string, at: string, by: Actor, kind: Change['kind'], fields: Change['fields'], versionAfter: number, extra: Partial<Change> = {}): Change => {
    const { undoUntil: _undo, ...base } = t.change;
    return {
      ...base,
      changeId: newId(Date.parse(at)),
      subject,
      subjectId,
      // An action's history holds its obstacles' changes: those name the action they blocked (in `extra`).
      actionId: subjectId,
      at,
      by,
      kind,
      fields,
      versionAfter,
      ...(by.kind === 'client' ? { undoUntil: iso(Date.parse(at) + 15 * 60_000) } : {}),
      ...extra,
    };
  };
  /** An action through its life: created, then each step a change in its history, as the product records them. */
  const live = (first: Action, steps: { at: string; by: Actor; set: Partial<Action>; obstacleId?: string }[]) => {
    changes.push(change('action', first.actionId, first.createdAt, first.createdBy, 'created', changedFields(undefined, first, ACTION_HISTORY_FIELDS), 1));
    let now = first;
    for (const step of steps) {
      const next: Action = { ...now, ...step.set, updatedAt: step.at, version: now.version + 1 };
      changes.push(change('action', now.actionId, step.at, step.by, 'updated', changedFields(now, next, ACTION_HISTORY_FIELDS), next.version, step.obstacleId ? { obstacleId: step.obstacleId } : {}));
      now = next;
    }
    actions.push(now);
  };
  const categories = ['time', 'energy', 'skill', 'support', 'environment', 'other'] as const;
  const openActionIds: string[] = [];
  let busyActionId = '';
  for (const session of sessions.slice(0, -1)) {
    const held = Date.parse(session.heldAt);
    const recent = session.number >= SEED.sessions - 2;
    for (let j = 0; j < SEED.actionsPerSession; j++) {
      const createdAt = iso(held + (j + 1) * 60_000);
      const byClient = j % 2 === 1;
      const status: ActionStatus = recent ? (['open', 'open', 'done', 'not_done'] as const)[j]! : session.number % 5 === 0 && j === 1 ? 'dropped' : (['done', 'done', 'partly', 'not_done'] as const)[j]!;
      const first: Action = {
        ...t.action,
        actionId: newId(Date.parse(createdAt)),
        sessionId: session.sessionId,
        title: `Step ${j + 1} of session ${session.number}`,
        dueDate: recent && j === 1 ? addDays(today, 3) : addDays(session.heldAt.slice(0, 10), 7),
        competency: byClient ? 'Feedback' : 'Delegation',
        createdBy: byClient ? { kind: 'client' } : { kind: 'staff', id: coachId },
        createdAt,
        updatedAt: createdAt,
        version: 1,
      };
      if (j === 0) first.ifThenPlan = 'When the week starts, I will block the time first';
      if (status === 'open') {
        openActionIds.push(first.actionId);
        live(first, []);
        continue;
      }
      const decided = iso(held + 3 * day + j * hour);
      const set: Partial<Action> = { status, decidedAt: decided };
      if (j === 0) Object.assign(set, { reflection: 'It went better than I thought.', flow: { challenge: 3, skill: 3, at: decided } });
      let obstacle: Obstacle | undefined;
      if (status === 'not_done') {
        const resolved = !recent && session.number < SEED.sessions - 4;
        obstacle = {
          ...t.obstacle,
          obstacleId: newId(Date.parse(decided)),
          actionId: first.actionId,
          text: `What got in the way in week ${session.number}.`,
          category: categories[session.number % categories.length]!,
          at: decided,
          createdBy: { kind: 'client' },
          createdAt: decided,
          updatedAt: decided,
          version: 1,
        };
        obstacles.push(obstacle);
        if (resolved) {
          const at = iso(held + 7 * day);
          const next: Obstacle = { ...obstacle, resolved: { at, by: coachId, note: 'Talked it through in the session.' }, updatedAt: at, version: 2 };
          changes.push(change('obstacle', obstacle.obstacleId, at, { kind: 'staff', id: coachId }, 'updated', changedFields(obstacle, next, OBSTACLE_HISTORY_FIELDS), 2, { actionId: obstacle.actionId }));
          obstacles[obstacles.length - 1] = next;
        }
      }
      const steps = [{ at: decided, by: { kind: 'client' } as Actor, set, ...(obstacle ? { obstacleId: obstacle.obstacleId } : {}) }];
      if (session.number === 1 && j === 0) {
        // Re-rated every other day since: a history of several pages.
        busyActionId = first.actionId;
        for (let n = 1; n < SEED.busyChanges; n++) {
          const at = iso(held + 3 * day + n * 2 * day);
          steps.push({ at, by: { kind: 'client' }, set: { flow: { challenge: 1 + (n % 5), skill: 1 + ((n + 2) % 5), at } } });
        }
      }
      live(first, steps);
    }
  }
  items.push(...sessions.map((s) => itemOf(sessionItem(scope, s))));
  items.push(...actions.slice(1).map((a) => itemOf(actionItem(scope, a))));
  items.push(...obstacles.slice(1).map((o) => itemOf(obstacleItem(scope, o))));
  items.push(...changes.map((c) => itemOf(changeItem(scope, programId, c))));
  // Reports sent over the years, each with its content (together well over DynamoDB's 1 MB page): the program page's
  // one Query must never read through them.
  items.push(
    ...Array.from({ length: SEED.reports }, (_, k) => {
      const end = addDays('2019-01-07', 7 * k);
      const content: ReportContent = {
        programTitle: t.program.title,
        clientName: t.program.client.name,
        sharingLevel: 'full',
        period: { start: addDays(end, -7), end },
        sessions: { heldInPeriod: 1, heldSoFar: k, planned: 48 },
        actions: { period: { captured: 4, done: 2, partly: 1, notDone: 1 }, overall: { captured: 4 * k, done: 2 * k, partly: k, notDone: k, open: 0 } },
        trend: Array.from({ length: 12 }, (_, i) => ({ start: addDays(end, -7 * (12 - i)), completion: 60 + i })),
        reflections: Array.from({ length: 6 }, (_, i) => ({ actionTitle: `Step ${i + 1}`, text: 'What I noticed this week, in a few sentences. '.repeat(8) })),
      };
      return itemOf(reportSnapshotItem(scope, { reportId: `${end}#${made.sponsorId}`, sponsorId: made.sponsorId, period: content.period, sentAt: `${end}T07:00:00.000Z`, trigger: 'scheduled', programId, sponsorName: 'Sponsor', locale: 'en', content }));
    }),
  );

  // A self-assessment every four weeks since the start, both sides answered with notes: rounds of the collection.
  for (let k = 0; k < 10; k += 1) {
    const round = addDays('2026-02-01', 28 * k);
    const answers = ['Delegation', 'Feedback'].map((competency, i) => ({ competency, stage: Math.min(4, 1 + Math.floor((k + i) / 3)), note: 'What makes me say so, in a few sentences. '.repeat(10) }));
    const at = `${round}T18:00:00.000Z`;
    items.push({ ...keys.assessment(scope, programId, round), type: 'Assessment', programId, round, kind: k ? 'periodic' : 'start', client: { answers, at }, firstClientAnswerAt: at, coach: { answers, at, by: coachId }, createdAt: at, updatedAt: at, version: 1 });
  }

  // The program item's counters, as the changes would have left them.
  const counted = actions.filter((a) => !a.archived);
  const n = (status: ActionStatus) => counted.filter((a) => a.status === status).length;
  const clientActivity = changes.filter((c) => c.by.kind === 'client').map((c) => c.at).sort().at(-1);
  items.push(
    itemOf(
      newProgramItem(scope, {
        ...t.program,
        sessionsHeld: sessions.length,
        actionsOpen: n('open'),
        actionsDone: n('done'),
        actionsPartly: n('partly'),
        actionsNotDone: n('not_done'),
        actionsDropped: n('dropped'),
        obstaclesOpen: obstacles.filter((o) => !o.archived && !o.resolved).length,
        dueOpen: Object.fromEntries(counted.filter((a) => a.status === 'open' && a.dueDate).map((a) => [a.actionId, a.dueDate!])),
        actionsTotal: actions.length,
        obstaclesTotal: obstacles.length,
        ...(clientActivity ? { lastClientActivityAt: clientActivity } : {}),
      }),
    ),
  );
  await writeAll(items);
  // The firm's count of active clients, which holds its plan limit.
  const active = clients.filter((c) => c.status === 'active').length;
  await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.firmCounters(scope), UpdateExpression: 'ADD activeClients :n', ExpressionAttributeValues: { ':n': active } }));
  return {
    ...made,
    busyActionId,
    openActionIds,
    obstacleId,
    otherClientId: clients[0]!.clientId,
    sessions: sessions.length,
    actions: actions.length,
    obstacles: obstacles.length,
  };
}

/**
 * Registers one area file's budgets: each route's request, with the DynamoDB calls it may make and its status.
 * `firm: false` for files whose routes read no firm's data (no firm, no history to make).
 */
export function callBudget<F extends MatrixFile>(
  file: F,
  budget: Record<RouteIdOf<F>, () => Promise<Case>>,
  opts: { firm?: boolean; seed?: (firm: FirmFixture) => Promise<void> } = {},
): void {
  beforeAll(async () => {
    if (opts.firm === false) return;
    firm = await createFirm(api);
    await seedHistory(firm.tenantId, 1500);
    await opts.seed?.(firm);
  }, 180_000);

  describe(`DynamoDB calls per request: ${file} (${matrixFiles[file].join(', ')})`, () => {
    it('has a budget for every route of its areas, and only those', () => expectCoversAreas(file, budget));

    it.each(routesOf(file).map((r) => [r.id, r] as const))('%s stays within its budget', async (id) => {
      const c = await budget[id as RouteIdOf<F>]();
      const before = dynamoCallCount();
      const res = await c.run();
      const calls = dynamoCallCount() - before;
      expect(res.status, JSON.stringify(res.body)).toBe(c.status);
      expect(calls).toBe(c.calls);
    });
  });
}
