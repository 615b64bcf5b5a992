import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { newId } from '../../shared/ids.js';
import { useApi, type ApiResponse } from '../support/api.js';
import { clientBody, createProgram, programItems, type ProgramFixture } from '../support/coaching.js';
import { addStaff, createFirm, type FirmFixture, type StaffFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';
import { tenantSnapshot } from '../support/tenant-items.js';

/**
 * #12, the coaching core's rules on the staff API: a coach sees and changes only their own clients and programs
 * (anything else is a 404, whatever the route), moving a client to another coach (owner, admin) moves their programs
 * with them, the plan's limit on active clients, every input schema (a 400 naming the field, nothing written), and
 * resolving an obstacle from the agenda.
 */
const api = useApi();
type Body = Record<string, any>;
type Call = (method: string, path: string, json?: unknown) => Promise<ApiResponse<Body>>;

const as = (staff: StaffFixture): Call => (method, path, json) =>
  api.request(method, path, { ...(json === undefined ? {} : { json }), headers: { authorization: `Bearer ${staff.token}` } });

/** The firm as seen through another coach: `as('coach', …)` is that coach. */
const withCoach = (firm: FirmFixture, coach: StaffFixture): FirmFixture => ({
  ...firm,
  coach,
  as: (role, method, path, json) => as(role === 'coach' ? coach : firm[role])(method, path, json),
});

function expectError(res: ApiResponse<Body>, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error?.code, JSON.stringify(res.body)).toBe(code);
}

function expectFieldError(res: ApiResponse<Body>, field: string): void {
  expectError(res, 400, 'validation_failed');
  expect(res.body.error.fields.map((f: Body) => f.field), JSON.stringify(res.body)).toContain(field);
}

/** Every item of a list route, page by page. */
async function listAll(call: Call, path: string, key: string): Promise<Body[]> {
  const items: Body[] = [];
  let cursor: string | undefined;
  do {
    const res = await call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body[key]);
    cursor = res.body.next;
  } while (cursor);
  return items;
}

const ids = (items: Body[], field: string) => items.map((i) => i[field] as string);

async function firmCounters(tenantId: string): Promise<Body> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.firmCounters(tenantScope(tenantId)), ConsistentRead: true }));
  return result.Item ?? {};
}

let F: FirmFixture;
let coachB: StaffFixture;
let FB: FirmFixture;

beforeAll(async () => {
  F = await createFirm(api);
  coachB = await addStaff(api, F.owner.token, 'coach');
  FB = withCoach(F, coachB);
}, 120_000);

describe('coach A and coach B', () => {
  let A: ProgramFixture;
  let B: ProgramFixture;
  let obstacleB: string;

  beforeAll(async () => {
    A = await createProgram(F);
    B = await createProgram(FB);
    const obstacle = await FB.as('coach', 'POST', `/v1/programs/${B.programId}/obstacles`, { actionId: B.actionId, text: 'Travelled all week', category: 'time' });
    expect(obstacle.status, JSON.stringify(obstacle.body)).toBe(201);
    obstacleB = obstacle.body.obstacle.obstacleId;
  }, 120_000);

  it('coach A gets a 404 on every route with coach B’s client or program, and B’s data stays as it was', async () => {
    const p = `/v1/programs/${B.programId}`;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/v1/clients/${B.clientId}`],
      ['PATCH', `/v1/clients/${B.clientId}`, { name: 'Taken over' }],
      ['PATCH', `/v1/clients/${B.clientId}`, { status: 'archived' }],
      ['GET', p],
      ['PATCH', p, { title: 'Taken over' }],
      ['POST', `${p}/sessions`, { heldAt: '2026-11-27T10:00:00+01:00', actions: [{ title: 'Planted' }] }],
      ['GET', `${p}/sessions`],
      ['GET', `${p}/sessions/${B.sessionId}`],
      ['PATCH', `${p}/sessions/${B.sessionId}`, { privateNotes: 'read by A' }],
      ['POST', `${p}/actions`, { title: 'Planted', sessionId: B.sessionId }],
      ['GET', `${p}/actions`],
      ['GET', `${p}/actions/${B.actionId}`],
      ['PATCH', `${p}/actions/${B.actionId}`, { status: 'done' }],
      ['POST', `${p}/obstacles`, { actionId: B.actionId, text: 'Planted', category: 'other' }],
      ['GET', `${p}/obstacles`],
      ['GET', `${p}/obstacles/${obstacleB}`],
      ['PATCH', `${p}/obstacles/${obstacleB}`, { resolved: true, resolutionNote: 'closed by A' }],
      ['POST', `${p}/client-link`],
      ['DELETE', `${p}/client-link`],
      ['GET', `${p}/report-preview`],
      ['POST', `${p}/reports`],
      // B's children through A's own program: a child is looked up inside the program the path names.
      ['GET', `/v1/programs/${A.programId}/sessions/${B.sessionId}`],
      ['GET', `/v1/programs/${A.programId}/actions/${B.actionId}`],
      ['PATCH', `/v1/programs/${A.programId}/actions/${B.actionId}`, { status: 'done' }],
      ['GET', `/v1/programs/${A.programId}/obstacles/${obstacleB}`],
      ['PATCH', `/v1/programs/${A.programId}/obstacles/${obstacleB}`, { resolved: true, resolutionNote: 'closed by A' }],
    ];
    const items = await programItems(F.tenantId, B.programId);
    const firm = await tenantSnapshot(F.tenantId);
    const client = await F.as('owner', 'GET', `/v1/clients/${B.clientId}`);
    const program = await F.as('owner', 'GET', p);
    const mails = (await emailsTo(B.clientEmail)).length;
    for (const [method, path, json] of attempts) {
      const res = await F.as('coach', method, path, json);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await programItems(F.tenantId, B.programId)).toBe(items);
    expect(await tenantSnapshot(F.tenantId)).toBe(firm);
    expect((await F.as('owner', 'GET', `/v1/clients/${B.clientId}`)).body).toEqual(client.body);
    expect((await F.as('owner', 'GET', p)).body).toEqual(program.body);
    expect(await emailsTo(B.clientEmail)).toHaveLength(mails);
    expect(await emailsTo(B.sponsorEmail)).toHaveLength(0);
    // The same requests work for B: the 404s above were about who asked, not about the requests.
    expect((await FB.as('coach', 'GET', `${p}/obstacles/${obstacleB}`)).status).toBe(200);
    expect((await FB.as('coach', 'GET', `/v1/clients/${B.clientId}`)).status).toBe(200);
  });

  it('lists show a coach only their own; naming another coach is a 403; owner and admin see both', async () => {
    const clientsOfA = ids(await listAll(F.as.bind(null, 'coach'), '/v1/clients', 'clients'), 'clientId');
    const programsOfA = ids(await listAll(F.as.bind(null, 'coach'), '/v1/programs', 'programs'), 'programId');
    expect(clientsOfA).toContain(A.clientId);
    expect(clientsOfA).not.toContain(B.clientId);
    expect(programsOfA).toContain(A.programId);
    expect(programsOfA).not.toContain(B.programId);
    // Filters a coach may use stay inside their own.
    expect(ids(await listAll(F.as.bind(null, 'coach'), `/v1/programs?clientId=${B.clientId}`, 'programs'), 'programId')).toEqual([]);
    expect(ids(await listAll(F.as.bind(null, 'coach'), '/v1/clients?status=active', 'clients'), 'clientId')).not.toContain(B.clientId);
    expect(ids(await listAll(F.as.bind(null, 'coach'), `/v1/clients?coachId=${F.coach.userId}`, 'clients'), 'clientId')).toEqual(clientsOfA);

    expectError(await F.as('coach', 'GET', `/v1/clients?coachId=${coachB.userId}`), 403, 'forbidden');
    expectError(await F.as('coach', 'GET', `/v1/programs?coachId=${coachB.userId}`), 403, 'forbidden');

    for (const role of ['owner', 'admin'] as const) {
      const clients = ids(await listAll(F.as.bind(null, role), '/v1/clients', 'clients'), 'clientId');
      const programs = ids(await listAll(F.as.bind(null, role), '/v1/programs', 'programs'), 'programId');
      expect(clients).toEqual(expect.arrayContaining([A.clientId, B.clientId]));
      expect(programs).toEqual(expect.arrayContaining([A.programId, B.programId]));
      expect(ids(await listAll(F.as.bind(null, role), `/v1/programs?coachId=${coachB.userId}`, 'programs'), 'programId')).toEqual([B.programId]);
      expect((await F.as(role, 'GET', `/v1/programs/${B.programId}`)).status).toBe(200);
      expect((await F.as(role, 'GET', `/v1/clients/${A.clientId}`)).status).toBe(200);
    }
  });
});

describe('moving a client to another coach', () => {
  let M: ProgramFixture;
  let second: string;

  beforeAll(async () => {
    M = await createProgram(F);
    const program = await F.as('coach', 'POST', '/v1/programs', { clientId: M.clientId, title: 'Second phase', startDate: '2027-01-10', sessionsPlanned: 4 });
    expect(program.status, JSON.stringify(program.body)).toBe(201);
    second = program.body.program.programId;
  }, 120_000);

  const state = async () => JSON.stringify([await tenantSnapshot(F.tenantId), await programItems(F.tenantId, M.programId), await programItems(F.tenantId, second)]);

  it('is for owners and admins: a coach gets a 403 and nothing changes', async () => {
    const before = await state();
    expectError(await F.as('coach', 'PATCH', `/v1/clients/${M.clientId}`, { coachId: coachB.userId }), 403, 'forbidden');
    expectError(await F.as('coach', 'PATCH', `/v1/clients/${M.clientId}`, { coachId: coachB.userId, name: 'Renamed' }), 403, 'forbidden');
    // Nor may a coach add a client for another coach.
    expectError(await F.as('coach', 'POST', '/v1/clients', clientBody({ coachId: coachB.userId })), 403, 'forbidden');
    expect(await state()).toBe(before);
    expect((await F.as('owner', 'GET', `/v1/clients/${M.clientId}`)).body.client.coachId).toBe(F.coach.userId);
  });

  it('to a staff user who does not exist or is deactivated is a 400 naming coachId, and nothing changes', async () => {
    const gone = await addStaff(api, F.owner.token, 'coach');
    expect((await F.as('owner', 'PATCH', `/v1/staff/${gone.userId}`, { status: 'deactivated' })).status).toBe(200);
    const before = await state();
    expectFieldError(await F.as('admin', 'PATCH', `/v1/clients/${M.clientId}`, { coachId: randomUUID() }), 'coachId');
    expectFieldError(await F.as('owner', 'PATCH', `/v1/clients/${M.clientId}`, { coachId: gone.userId }), 'coachId');
    expectFieldError(await F.as('admin', 'PATCH', `/v1/clients/${M.clientId}`, { coachId: gone.userId, name: 'Renamed too' }), 'coachId');
    expect(await state()).toBe(before);
    // A new client cannot be given to them either.
    expectFieldError(await F.as('owner', 'POST', '/v1/clients', clientBody({ coachId: gone.userId })), 'coachId');
  });

  it('by an admin moves the client and all their programs: B sees them, A gets 404s', async () => {
    const moved = await F.as('admin', 'PATCH', `/v1/clients/${M.clientId}`, { coachId: coachB.userId });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.client.coachId).toBe(coachB.userId);

    for (const programId of [M.programId, second]) {
      expect((await FB.as('coach', 'GET', `/v1/programs/${programId}`)).status).toBe(200);
      expectError(await F.as('coach', 'GET', `/v1/programs/${programId}`), 404, 'not_found');
    }
    expect((await FB.as('coach', 'GET', `/v1/clients/${M.clientId}`)).status).toBe(200);
    expectError(await F.as('coach', 'GET', `/v1/clients/${M.clientId}`), 404, 'not_found');
    expect(ids(await listAll(FB.as.bind(null, 'coach'), '/v1/programs', 'programs'), 'programId')).toEqual(expect.arrayContaining([M.programId, second]));
    expect(ids(await listAll(FB.as.bind(null, 'coach'), '/v1/clients', 'clients'), 'clientId')).toContain(M.clientId);
    const ofA = ids(await listAll(F.as.bind(null, 'coach'), '/v1/programs', 'programs'), 'programId');
    expect(ofA).not.toContain(M.programId);
    expect(ofA).not.toContain(second);
    expect(ids(await listAll(F.as.bind(null, 'coach'), '/v1/clients', 'clients'), 'clientId')).not.toContain(M.clientId);

    // The program items themselves carry the new coach (they moved in the client's transaction).
    const all = await listAll(F.as.bind(null, 'owner'), '/v1/programs', 'programs');
    for (const programId of [M.programId, second]) expect(all.find((p) => p.programId === programId)?.coachId).toBe(coachB.userId);
    expect(ids(await listAll(F.as.bind(null, 'owner'), `/v1/programs?coachId=${F.coach.userId}`, 'programs'), 'programId')).not.toContain(M.programId);
    // B works with the program now: the change is recorded under B.
    const marked = await FB.as('coach', 'PATCH', `/v1/programs/${M.programId}/actions/${M.actionId}`, { status: 'done' });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
  });
});

describe('the plan’s limit on active clients', () => {
  let G: FirmFixture;
  const activeCount = async () => (await listAll(G.as.bind(null, 'owner'), '/v1/clients?status=active', 'clients')).length;

  beforeAll(async () => {
    G = await createFirm(api);
    for (let i = 0; i < 2; i++) expect((await G.as('coach', 'POST', '/v1/clients', clientBody())).status).toBe(201);
  }, 120_000);

  it('refuses one client too many with a 409 naming the limit; archiving frees a place; reactivating beyond it is a 409 on status', async () => {
    const active = await activeCount();
    expect(active).toBe(2);
    expect((await firmCounters(G.tenantId)).activeClients).toBe(active);
    const limit = active + 1;
    expect((await G.as('admin', 'PATCH', '/v1/settings', { limits: { activeClients: limit } })).status).toBe(403);
    const set = await G.as('owner', 'PATCH', '/v1/settings', { limits: { activeClients: limit } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    const last = await G.as('coach', 'POST', '/v1/clients', clientBody());
    expect(last.status, JSON.stringify(last.body)).toBe(201);
    expect((await firmCounters(G.tenantId)).activeClients).toBe(limit);

    const before = await tenantSnapshot(G.tenantId);
    for (const role of ['coach', 'owner'] as const) {
      const over = await G.as(role, 'POST', '/v1/clients', clientBody());
      expectError(over, 409, 'conflict');
      expect(over.body.error.message).toContain(String(limit));
    }
    expect(await tenantSnapshot(G.tenantId)).toBe(before);
    expect(await activeCount()).toBe(limit);

    const archived = await G.as('coach', 'PATCH', `/v1/clients/${last.body.client.clientId}`, { status: 'archived' });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect((await firmCounters(G.tenantId)).activeClients).toBe(limit - 1);
    const again = await G.as('coach', 'POST', '/v1/clients', clientBody());
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect((await firmCounters(G.tenantId)).activeClients).toBe(limit);
    expect(await activeCount()).toBe(limit);

    const full = await tenantSnapshot(G.tenantId);
    const reactivate = await G.as('coach', 'PATCH', `/v1/clients/${last.body.client.clientId}`, { status: 'active' });
    expectError(reactivate, 409, 'conflict');
    expect(reactivate.body.error.message).toContain(String(limit));
    expect(reactivate.body.error.fields.map((f: Body) => f.field)).toEqual(['status']);
    expect(await tenantSnapshot(G.tenantId)).toBe(full);
    expect((await G.as('owner', 'GET', `/v1/clients/${last.body.client.clientId}`)).body.client.status).toBe('archived');
    // Changing an archived client otherwise is fine: it does not count.
    expect((await G.as('coach', 'PATCH', `/v1/clients/${last.body.client.clientId}`, { name: 'Still archived' })).status).toBe(200);
    expect((await firmCounters(G.tenantId)).activeClients).toBe(await activeCount());
    expect(await activeCount()).toBe(limit);
  });
});

describe('every input schema', () => {
  let P: ProgramFixture;
  let other: ProgramFixture;
  let obstacleId: string;
  let sponsorId: string;

  beforeAll(async () => {
    P = await createProgram(F);
    other = await createProgram(FB);
    const obstacle = await F.as('coach', 'POST', `/v1/programs/${P.programId}/obstacles`, { actionId: P.actionId, text: 'No time', category: 'time' });
    expect(obstacle.status, JSON.stringify(obstacle.body)).toBe(201);
    obstacleId = obstacle.body.obstacle.obstacleId;
    sponsorId = P.sponsorId;
  }, 120_000);

  const program = () => ({ clientId: P.clientId, title: 'Next phase', startDate: '2026-12-01', sessionsPlanned: 6 });
  const session = () => ({ heldAt: '2026-11-27T10:00:00+01:00' });

  /** [route, method, path, body, the field the 400 must name] */
  const cases = (): [string, string, string, unknown, string][] => {
    const p = `/v1/programs/${P.programId}`;
    return [
      ['createClient', 'POST', '/v1/clients', clientBody({ email: 'x' }), 'email'],
      ['createClient', 'POST', '/v1/clients', clientBody({ nickname: 'Bo' }), 'nickname'],
      ['createClient', 'POST', '/v1/clients', clientBody({ name: '' }), 'name'],
      ['createClient', 'POST', '/v1/clients', clientBody({ locale: 'fr' }), 'locale'],
      ['createClient', 'POST', '/v1/clients', clientBody({ timeZone: 'Mars/Olympus' }), 'timeZone'],
      ['createClient', 'POST', '/v1/clients', clientBody({ emailPreferences: { reminders: 'hourly', hour: 8 } }), 'emailPreferences.reminders'],
      ['createClient', 'POST', '/v1/clients', clientBody({ coachId: 'coach-a' }), 'coachId'],
      ['updateClient', 'PATCH', `/v1/clients/${P.clientId}`, { email: 'nope' }, 'email'],
      ['updateClient', 'PATCH', `/v1/clients/${P.clientId}`, { status: 'deleted' }, 'status'],
      ['updateClient', 'PATCH', `/v1/clients/${P.clientId}`, { emailPreferences: { hour: 24 } }, 'emailPreferences.hour'],
      ['updateClient', 'PATCH', `/v1/clients/${P.clientId}`, { clientId: other.clientId }, 'clientId'],
      ['createSponsor', 'POST', '/v1/sponsors', { name: 'Sam', email: 'sam@client.example' }, 'role'],
      ['createSponsor', 'POST', '/v1/sponsors', { name: 'Sam', email: 'sam@', role: 'HR' }, 'email'],
      ['updateSponsor', 'PATCH', `/v1/sponsors/${sponsorId}`, { status: 'gone' }, 'status'],
      ['updateSponsor', 'PATCH', `/v1/sponsors/${sponsorId}`, { role: '' }, 'role'],
      ['createProgram', 'POST', '/v1/programs', { ...program(), endDate: '2026-11-30' }, 'endDate'],
      ['createProgram', 'POST', '/v1/programs', { ...program(), competencies: ['Delegation', 'delegation'] }, 'competencies'],
      ['createProgram', 'POST', '/v1/programs', { ...program(), sessionsPlanned: 0 }, 'sessionsPlanned'],
      ['createProgram', 'POST', '/v1/programs', { ...program(), startDate: '2026-02-30' }, 'startDate'],
      ['createProgram', 'POST', '/v1/programs', { ...program(), clientId: other.clientId }, 'clientId'],
      ['createProgram', 'POST', '/v1/programs', { ...program(), sponsorIds: [newId()] }, 'sponsorIds.0'],
      ['createProgram', 'POST', '/v1/programs', { ...program(), sharingLevel: 'everything' }, 'sharingLevel'],
      ['updateProgram', 'PATCH', p, { endDate: '2026-10-01' }, 'endDate'],
      ['updateProgram', 'PATCH', p, { status: 'finished' }, 'status'],
      ['updateProgram', 'PATCH', p, { sessionsPlanned: 0 }, 'sessionsPlanned'],
      ['updateProgram', 'PATCH', p, { sponsorIds: [sponsorId, sponsorId] }, 'sponsorIds'],
      ['recordSession', 'POST', `${p}/sessions`, { heldAt: '2026-11-27T10:00:00' }, 'heldAt'],
      ['recordSession', 'POST', `${p}/sessions`, { ...session(), actions: Array.from({ length: 11 }, (_, i) => ({ title: `Step ${i}` })) }, 'actions'],
      ['recordSession', 'POST', `${p}/sessions`, { ...session(), actions: [{ title: 'Listen more', competency: 'Listening' }] }, 'actions.0.competency'],
      ['recordSession', 'POST', `${p}/sessions`, { ...session(), actions: [{ title: 'Fine' }, { title: 'Bad date', dueDate: '2026-13-01' }] }, 'actions.1.dueDate'],
      ['recordSession', 'POST', `${p}/sessions`, { ...session(), notifyClient: 'yes' }, 'notifyClient'],
      ['updateSession', 'PATCH', `${p}/sessions/${P.sessionId}`, { heldAt: 'yesterday' }, 'heldAt'],
      ['updateSession', 'PATCH', `${p}/sessions/${P.sessionId}`, { number: 7 }, 'number'],
      ['createAction', 'POST', `${p}/actions`, { title: 'Plan the week', dueDate: '2026-02-30' }, 'dueDate'],
      ['createAction', 'POST', `${p}/actions`, { title: 'Plan the week', competency: 'Listening' }, 'competency'],
      ['createAction', 'POST', `${p}/actions`, { title: '' }, 'title'],
      ['createAction', 'POST', `${p}/actions`, { title: 'From elsewhere', sessionId: other.sessionId }, 'sessionId'],
      ['updateAction', 'PATCH', `${p}/actions/${P.actionId}`, { status: 'finished' }, 'status'],
      ['updateAction', 'PATCH', `${p}/actions/${P.actionId}`, { flow: { challenge: 6, skill: 3 } }, 'flow.challenge'],
      ['updateAction', 'PATCH', `${p}/actions/${P.actionId}`, { competency: 'Listening' }, 'competency'],
      ['createObstacle', 'POST', `${p}/obstacles`, { actionId: P.actionId, text: 'Rain', category: 'weather' }, 'category'],
      ['createObstacle', 'POST', `${p}/obstacles`, { actionId: other.actionId, text: 'Not mine', category: 'time' }, 'actionId'],
      ['createObstacle', 'POST', `${p}/obstacles`, { actionId: P.actionId, text: '', category: 'time' }, 'text'],
      ['updateObstacle', 'PATCH', `${p}/obstacles/${obstacleId}`, { resolved: true }, 'resolutionNote'],
      ['updateObstacle', 'PATCH', `${p}/obstacles/${obstacleId}`, { category: 'weather' }, 'category'],
      ['listPrograms', 'GET', '/v1/programs?status=done', undefined, 'query.status'],
      ['listActions', 'GET', `${p}/actions?limit=0`, undefined, 'query.limit'],
      ['getAction', 'GET', `${p}/actions/not-an-id`, undefined, 'path.actionId'],
    ];
  };

  it('answers each bad input with a 400 naming the field, and writes nothing', async () => {
    const list = cases();
    expect(new Set(list.map(([route]) => route)).size).toBe(15);
    for (const [route, method, path, body, field] of list) {
      const before = await tenantSnapshot(F.tenantId);
      const res = await F.as('coach', method, path, body);
      expect(res.status, `${route} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(400);
      expectFieldError(res, field);
      expect(await tenantSnapshot(F.tenantId), `${route} ${JSON.stringify(body)} wrote something`).toBe(before);
    }
  });

  it('takes the same inputs once they are right, and the snapshot sees each of those writes', async () => {
    const p = `/v1/programs/${P.programId}`;
    const right: [string, string, unknown, number][] = [
      ['POST', `${p}/actions`, { title: 'Plan the week', dueDate: '2026-02-28', competency: 'Feedback' }, 201],
      ['PATCH', `${p}/actions/${P.actionId}`, { flow: { challenge: 5, skill: 3 } }, 200],
      ['PATCH', `${p}/obstacles/${obstacleId}`, { resolved: true, resolutionNote: 'Moved the slot' }, 200],
      ['POST', `${p}/sessions`, { heldAt: '2026-11-27T10:00:00Z', notifyClient: false, actions: [{ title: 'Listen more', competency: 'Feedback' }] }, 201],
      ['PATCH', `/v1/clients/${P.clientId}`, { emailPreferences: { hour: 7 } }, 200],
      ['POST', '/v1/programs', { clientId: P.clientId, title: 'Next phase', startDate: '2026-12-01', endDate: '2027-03-01', sessionsPlanned: 6 }, 201],
    ];
    for (const [method, path, body, status] of right) {
      const before = await tenantSnapshot(F.tenantId);
      const res = await F.as('coach', method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(await tenantSnapshot(F.tenantId)).not.toBe(before);
    }
  });
});

describe('an obstacle on the agenda', () => {
  let P: ProgramFixture;
  let obstacleId: string;

  beforeAll(async () => {
    P = await createProgram(F);
    const obstacle = await F.as('coach', 'POST', `/v1/programs/${P.programId}/obstacles`, { actionId: P.actionId, text: 'The team offsite took the week', category: 'environment' });
    expect(obstacle.status, JSON.stringify(obstacle.body)).toBe(201);
    obstacleId = obstacle.body.obstacle.obstacleId;
  }, 120_000);

  it('is resolved with the agenda item’s own request: it leaves the agenda and the open count drops', async () => {
    const page = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(page.body.program.openObstacles).toBe(1);
    const item = page.body.agenda[0];
    expect(item).toMatchObject({ kind: 'obstacle', obstacleId, actionId: P.actionId, resolve: { method: 'PATCH', path: expect.any(String) } });
    const listed = async () => (await listAll(F.as.bind(null, 'owner'), `/v1/programs?clientId=${P.clientId}`, 'programs')).find((p) => p.programId === P.programId)!;
    expect((await listed()).openObstacles).toBe(1);

    const resolved = await F.as('coach', item.resolve.method, item.resolve.path, { resolved: true, resolutionNote: 'Rescheduled for next week' });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.obstacle.resolved).toMatchObject({ by: F.coach.userId, note: 'Rescheduled for next week', at: expect.any(String) });

    const after = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(after.body.agenda.find((i: Body) => i.obstacleId === obstacleId)).toBeUndefined();
    expect(after.body.openObstacles.find((o: Body) => o.obstacleId === obstacleId)).toBeUndefined();
    expect(after.body.program.openObstacles).toBe(0);
    expect((await listed()).openObstacles).toBe(0);
  });

  it('the action’s history lists each change of it and of its obstacles, with who made it and when', async () => {
    const started = Date.now();
    expect((await F.as('admin', 'PATCH', `/v1/programs/${P.programId}/actions/${P.actionId}`, { dueDate: '2026-12-04' })).status).toBe(200);
    expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}/actions/${P.actionId}`, { status: 'partly', reflection: 'Half of it' })).status).toBe(200);
    const action = await F.as('owner', 'GET', `/v1/programs/${P.programId}/actions/${P.actionId}`);
    expect(action.status).toBe(200);
    const history: Body[] = action.body.history;
    const coach = { kind: 'staff', id: F.coach.userId };
    expect(history.map((c) => [c.subject, c.subjectId, c.kind, c.by])).toEqual([
      ['action', P.actionId, 'created', coach],
      ['obstacle', obstacleId, 'created', coach],
      ['obstacle', obstacleId, 'updated', coach],
      ['action', P.actionId, 'updated', { kind: 'staff', id: F.admin.userId }],
      ['action', P.actionId, 'updated', coach],
    ]);
    expect(history[2]!.fields.resolved).toMatchObject({ from: null, to: { by: F.coach.userId, note: 'Rescheduled for next week' } });
    expect(history[3]!.fields).toEqual({ dueDate: { from: '2026-11-30', to: '2026-12-04' } });
    expect(history[4]!.fields).toMatchObject({ status: { from: 'open', to: 'partly' }, reflection: { from: null, to: 'Half of it' } });
    for (const change of history.slice(3)) {
      expect(Date.parse(change.at)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(change.at)).toBeLessThanOrEqual(Date.now());
    }
    for (const change of history) expect(new Date(change.at).toISOString()).toBe(change.at);
  });
});
