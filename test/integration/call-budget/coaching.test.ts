import { describe, expect, it } from 'vitest';
import { dynamoCallCount } from '../../../shared/db/client.js';
import { callBudget, firm, seedCoaching, type Case, type SeededProgram } from '../../support/call-budget.js';
import { clientBody } from '../../support/coaching.js';
import { unique } from '../../support/factories.js';

/**
 * DynamoDB calls per request (test/support/call-budget.ts): the coaching core's staff API, in a firm with thousands of
 * clients, programs and changes (seedCoaching). A program route reads the program (and the child it names) in the
 * auth's BatchGet; a list is that BatchGet and one Query, however many items there are; the program page is one
 * Query of the program's collection. Where a list answers a `next`, there was more than one page to read.
 */
let P: SeededProgram;
const program = () => `/v1/programs/${P.programId}`;
type Res = Awaited<ReturnType<Case['run']>>;

/** A request whose answer is checked too: the budget holds for the work the route was asked to do. */
const checked = (request: () => Promise<Res>, check: (body: Record<string, any>) => void) => async () => {
  const res = await request();
  if (res.status < 300) check(res.body);
  return res;
};
const paged = (list: string) => (body: Record<string, any>) => {
  expect(body[list].length).toBeGreaterThan(0);
  expect(body.next, 'a list with more than one page').toEqual(expect.any(String));
};

callBudget('coaching', {
    createClient: async () => ({ calls: 2, status: 201, run: () => firm.as('coach', 'POST', '/v1/clients', clientBody()) }),
    listClients: async () => ({ calls: 2, status: 200, run: checked(() => firm.as('coach', 'GET', '/v1/clients'), paged('clients')) }),
    // The client is read in the auth's BatchGet.
    getClient: async () => ({ calls: 1, status: 200, run: () => firm.as('coach', 'GET', `/v1/clients/${P.clientId}`) }),
    // A new name: the auth's BatchGet (with the client), its programs (their copy of the name follows), one transaction.
    updateClient: async () => ({ calls: 3, status: 200, run: () => firm.as('coach', 'PATCH', `/v1/clients/${P.otherClientId}`, { name: `Renamed ${unique()}` }) }),
    createSponsor: async () => ({
      calls: 2,
      status: 201,
      run: () => firm.as('coach', 'POST', '/v1/sponsors', { name: `Sponsor ${unique()}`, email: `sponsor-${unique()}@client.example`, role: 'HR' }),
    }),
    listSponsors: async () => ({ calls: 2, status: 200, run: checked(() => firm.as('coach', 'GET', '/v1/sponsors?status=active'), paged('sponsors')) }),
    getSponsor: async () => ({ calls: 1, status: 200, run: () => firm.as('coach', 'GET', `/v1/sponsors/${P.sponsorId}`) }),
    updateSponsor: async () => ({ calls: 2, status: 200, run: () => firm.as('coach', 'PATCH', `/v1/sponsors/${P.sponsorId}`, { role: 'HR' }) }),
    // The client the body names is read in the auth's BatchGet, then one transaction.
    createProgram: async () => ({
      calls: 2,
      status: 201,
      run: () => firm.as('coach', 'POST', '/v1/programs', { clientId: P.clientId, sponsorIds: [P.sponsorId], title: 'The next phase', startDate: '2026-12-01', sessionsPlanned: 6 }),
    }),
    listPrograms: async () => ({ calls: 2, status: 200, run: checked(() => firm.as('coach', 'GET', '/v1/programs'), paged('programs')) }),
    getProgram: async () => ({
      calls: 2,
      status: 200,
      run: checked(
        () => firm.as('coach', 'GET', program()),
        (body) => {
          // At least the seeded ones (other budgets may have added some already).
          expect(body.sessions.length).toBeGreaterThanOrEqual(P.sessions);
          expect(body.actions.length).toBeGreaterThanOrEqual(P.actions);
          expect(body.agenda[0]).toMatchObject({ kind: 'obstacle' });
        },
      ),
    }),
    updateProgram: async () => ({ calls: 2, status: 200, run: () => firm.as('coach', 'PATCH', program(), { title: `Leading the new team ${unique()}` }) }),
    // The transaction, then the capture email marked sent.
    recordSession: async () => ({
      calls: 3,
      status: 201,
      run: () =>
        firm.as('coach', 'POST', `${program()}/sessions`, {
          heldAt: '2026-11-24T10:00:00+01:00',
          sharedSummary: 'Where the team is now.',
          privateNotes: 'Better.',
          actions: [{ title: 'Ask for feedback twice', dueDate: '2026-12-01', competency: 'Feedback' }],
        }),
    }),
    listSessions: async () => ({ calls: 2, status: 200, run: checked(() => firm.as('coach', 'GET', `${program()}/sessions?limit=10`), paged('sessions')) }),
    getSession: async () => ({ calls: 1, status: 200, run: () => firm.as('coach', 'GET', `${program()}/sessions/${P.sessionId}`) }),
    updateSession: async () => ({ calls: 2, status: 200, run: () => firm.as('coach', 'PATCH', `${program()}/sessions/${P.sessionId}`, { privateNotes: `Seems rested ${unique()}.` }) }),
    createAction: async () => ({
      calls: 2,
      status: 201,
      run: () => firm.as('coach', 'POST', `${program()}/actions`, { sessionId: P.sessionId, title: 'Write the delegation list', dueDate: '2026-12-02', competency: 'Delegation' }),
    }),
    listActions: async () => ({ calls: 2, status: 200, run: checked(() => firm.as('coach', 'GET', `${program()}/actions`), paged('actions')) }),
    // The action with the auth; its history (more than one page) in one Query.
    getAction: async () => ({
      calls: 2,
      status: 200,
      run: checked(
        () => firm.as('coach', 'GET', `${program()}/actions/${P.busyActionId}`),
        (body) => {
          expect(body.history).toHaveLength(50);
          expect(body.historyNext).toEqual(expect.any(String));
        },
      ),
    }),
    updateAction: async () => ({ calls: 2, status: 200, run: () => firm.as('coach', 'PATCH', `${program()}/actions/${P.busyActionId}`, { reflection: `Noted ${unique()}.` }) }),
    createObstacle: async () => ({
      calls: 2,
      status: 201,
      run: () => firm.as('coach', 'POST', `${program()}/obstacles`, { actionId: P.openActionIds[0], text: 'No time this week.', category: 'time' }),
    }),
    listObstacles: async () => ({ calls: 2, status: 200, run: checked(() => firm.as('coach', 'GET', `${program()}/obstacles?limit=10`), paged('obstacles')) }),
    getObstacle: async () => ({ calls: 1, status: 200, run: () => firm.as('coach', 'GET', `${program()}/obstacles/${P.obstacleId}`) }),
    updateObstacle: async () => ({ calls: 2, status: 200, run: () => firm.as('coach', 'PATCH', `${program()}/obstacles/${P.obstacleId}`, { resolved: true, resolutionNote: 'Moved the meeting.' }) }),
    // The transaction (link, email, rate counter), then the email marked sent.
    sendClientLink: async () => ({ calls: 3, status: 202, run: () => firm.as('coach', 'POST', `${program()}/client-link`) }),
    revokeClientLinks: async () => ({ calls: 2, status: 204, run: () => firm.as('coach', 'DELETE', `${program()}/client-link`) }),
    // The auth BatchGet, then the program's one Query (its sent reports not among what it reads).
    previewReport: async () => ({ calls: 2, status: 200, run: () => firm.as('coach', 'GET', `${program()}/report-preview`) }),
    // Auth, the program's Query, sponsor and coach in one BatchGet, one transaction, the sponsor's suppression entry,
    // then each email marked sent (the sponsor's and the coach's copy).
    sendReports: async () => ({ calls: 7, status: 202, run: () => firm.as('coach', 'POST', `${program()}/reports`) }),
    // The auth BatchGet, then the program's one Query.
    listAssessments: async () => ({ calls: 2, status: 200, run: () => firm.as('coach', 'GET', `${program()}/assessments`) }),
    // Auth, the program's Query, the transaction (round, link, email, rate counter), then the email marked sent.
    openAssessment: async () => ({ calls: 4, status: 202, run: () => firm.as('coach', 'POST', `${program()}/assessments`, {}) }),
    // Auth, the program's Query, the transaction (the round's coach side, the audit entry).
    recordCoachView: async () => ({ calls: 3, status: 200, run: () => firm.as('coach', 'PUT', `${program()}/assessments/2026-02-01/coach-view`, { answers: [{ competency: 'Delegation', stage: 2 }] }) }),
}, { seed: async (f) => void (P = await seedCoaching(f)) });

describe('every list and filter is the auth BatchGet and one Query, with thousands of items present', () => {
  const lists: [string, 'owner' | 'admin' | 'coach', () => string, string][] = [
    ['clients of the firm (owner)', 'owner', () => '/v1/clients', 'clients'],
    ['clients of one coach (admin)', 'admin', () => `/v1/clients?coachId=${firm.coach.userId}`, 'clients'],
    ['archived clients of the firm', 'owner', () => '/v1/clients?status=archived', 'clients'],
    ['archived clients of a coach', 'coach', () => '/v1/clients?status=archived', 'clients'],
    ['programs of the firm (owner)', 'owner', () => '/v1/programs', 'programs'],
    ['completed programs of the firm', 'admin', () => '/v1/programs?status=completed', 'programs'],
    ['programs of one coach (admin)', 'admin', () => `/v1/programs?coachId=${firm.coach.userId}`, 'programs'],
    ['programs of one client', 'coach', () => `/v1/programs?clientId=${P.clientId}`, 'programs'],
    ['sponsors of the firm', 'owner', () => '/v1/sponsors', 'sponsors'],
  ];

  it.each(lists)('%s: 2 calls', async (_name, role, path, list) => {
    const before = dynamoCallCount();
    const res = await firm.as(role, 'GET', path());
    expect(dynamoCallCount() - before).toBe(2);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body[list].length).toBeGreaterThan(0);
  });

  it.each([
    ['clients', '/v1/clients'],
    ['programs', '/v1/programs'],
    ['actions', () => `${program()}/actions`],
  ] as const)('the next page of %s: 2 calls', async (list, path) => {
    const url = typeof path === 'string' ? path : path();
    const first = await firm.as('owner', 'GET', url);
    expect(first.body.next).toEqual(expect.any(String));
    const before = dynamoCallCount();
    const second = await firm.as('owner', 'GET', `${url}?cursor=${first.body.next}`);
    expect(dynamoCallCount() - before).toBe(2);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body[list]).toHaveLength(50);
    expect(second.body[list][0]).not.toEqual(first.body[list][0]);
  });
});

describe('changing a client', () => {
  it('a change that programs do not copy: the auth read (with the client) and one transaction (2)', async () => {
    const before = dynamoCallCount();
    const res = await firm.as('coach', 'PATCH', `/v1/clients/${P.otherClientId}`, { organisation: `Org ${Date.now()}` });
    expect(dynamoCallCount() - before).toBe(2);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('moving the client to another coach, with their programs: the auth read, their programs, one transaction (3)', async () => {
    const before = dynamoCallCount();
    const res = await firm.as('admin', 'PATCH', `/v1/clients/${P.otherClientId}`, { coachId: firm.admin.userId });
    expect(dynamoCallCount() - before).toBe(3);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});
