import { expect } from 'vitest';
import type { StaffRole } from '../../../shared/domain/tenant.js';
import { clientBody, createProgram, programItems, type ProgramFixture } from '../../support/coaching.js';
import { unique } from '../../support/factories.js';
import { emailsTo } from '../../support/inbox.js';
import { A, aProgram, B, beforeAttacks, crossTenantMatrix, expectStatus, sameForEveryRole, type Body, type Check } from '../../support/isolation.js';

/**
 * The cross-tenant matrix (test/support/isolation.ts): the coaching core's staff API. Every role may read and write
 * coaching data, so nothing is refused before the lookup: whatever of A's a request names (in the path, in the body
 * or as a filter), B's owner, admin and coach get a 404 `not_found`, or a 400 naming the field that names it, and
 * nothing is written in A (the matrix's closing checks) or in B.
 */
type Fixture = ProgramFixture & { obstacleId: string };

/** B's own coaching data, made by B's coach (so every role of B may see it): the control for every attack. */
let bProgram: Fixture;

type Kind = 'sessions' | 'actions' | 'obstacles';
const childIdOf = { sessions: 'sessionId', actions: 'actionId', obstacles: 'obstacleId' } as const;

/** A child of A's program, and the mixes that name one firm's program with the other's child. */
const childPaths = (kind: Kind) => {
  const field = childIdOf[kind];
  return [
    `/v1/programs/${aProgram.programId}/${kind}/${aProgram[field]}`,
    `/v1/programs/${bProgram.programId}/${kind}/${aProgram[field]}`,
    `/v1/programs/${aProgram.programId}/${kind}/${bProgram[field]}`,
  ];
};

/** B's program as JSON text of all its items: a refused request must not have written anything in B either. */
const bItems = () => programItems(B.tenantId, bProgram.programId);

/**
 * Each of `paths` (built when the test runs, once the firms exist) answers B's `role` with a 404 `not_found`; a
 * change leaves B's program as it was. `control`: the same route on B's own data works, so the 404s are about
 * the firm, not the route.
 */
const notFoundAt = (method: string, paths: () => string[], body?: Body, control?: (role: StaffRole) => Promise<void>): Record<StaffRole, Check> =>
  sameForEveryRole(async (role) => {
    const before = method === 'GET' ? undefined : await bItems();
    for (const path of paths()) expectStatus(await B.as(role, method, path, body), 404, 'not_found');
    if (before !== undefined) expect(await bItems()).toBe(before);
    await control?.(role);
  });

/** B's `role` reads B's own resource at `path`: 200, and `pick` finds the id it expects in the answer. */
const readsOwn = (path: () => string, pick: (body: Body) => unknown, id: () => string) => async (role: StaffRole) => {
  const res = await B.as(role, 'GET', path());
  expectStatus(res, 200);
  expect(pick(res.body)).toBe(id());
};

/** B's `role` lists at `path`: 200, B's own ids are there, none of A's (expectStatus checks every answer for A's ids). */
const listsOwnOnly = async (role: StaffRole, path: string, key: string, idField: string, own: string[]) => {
  const res = await B.as(role, 'GET', path);
  expectStatus(res, 200);
  expect((res.body[key] as Body[]).map((item) => item[idField])).toEqual(expect.arrayContaining(own));
};

const fieldsOf = (body: Body) => (body.error?.fields as Body[] | undefined)?.map((f) => f.field);

/** A tenant id in the body or the query is not a known field: refused, never used. */
const tenantIdRefused = async (role: StaffRole, method: string, path: string, body?: Body) => {
  const res = await B.as(role, method, path, body);
  expectStatus(res, 400, 'validation_failed');
  expect(res.body.error.fields).toEqual([{ field: method === 'GET' ? 'query.tenantId' : 'tenantId', message: 'is not a known field' }]);
};

beforeAttacks(async () => {
  const program = await createProgram(B, 'coach');
  const obstacle = await B.as('coach', 'POST', `/v1/programs/${program.programId}/obstacles`, { actionId: program.actionId, text: 'B’s own obstacle.', category: 'energy' });
  expect(obstacle.status, JSON.stringify(obstacle.body)).toBe(201);
  bProgram = { ...program, obstacleId: obstacle.body.obstacle.obstacleId };
});

crossTenantMatrix('coaching', {
  // Clients
  createClient: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      await tenantIdRefused(role, 'POST', '/v1/clients', clientBody({ tenantId: A.tenantId }));
      // A's coach as the coach of B's new client: not a staff user of B (a coach of B may not name anyone else).
      const body = clientBody({ coachId: A.coach.userId });
      const res = await B.as(role, 'POST', '/v1/clients', body);
      if (role === 'coach') expectStatus(res, 403, 'forbidden');
      else {
        expectStatus(res, 400, 'validation_failed');
        expect(fieldsOf(res.body)).toEqual(['coachId']);
      }
      const listed = await B.as('owner', 'GET', '/v1/clients');
      expect(JSON.stringify(listed.body)).not.toContain(body.email);
    }),
  },
  listClients: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      await listsOwnOnly(role, '/v1/clients', 'clients', 'clientId', [bProgram.clientId]);
      await tenantIdRefused(role, 'GET', `/v1/clients?tenantId=${A.tenantId}`);
      // A's coach as a filter: nothing (owner, admin look in B only), or refused (a coach lists their own only).
      const res = await B.as(role, 'GET', `/v1/clients?coachId=${A.coach.userId}`);
      if (role === 'coach') expectStatus(res, 403, 'forbidden');
      else {
        expectStatus(res, 200);
        expect(res.body.clients).toEqual([]);
      }
    }),
  },
  getClient: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => [`/v1/clients/${aProgram.clientId}`], undefined, readsOwn(() => `/v1/clients/${bProgram.clientId}`, (b) => b.client.clientId, () => bProgram.clientId)),
  },
  updateClient: {
    auth: 'staff',
    byRole: {
      ...notFoundAt('PATCH', () => [`/v1/clients/${aProgram.clientId}`], { name: 'Taken over', status: 'archived' }),
      owner: async () => {
        for (const body of [{ name: 'Taken over' }, { status: 'archived' }, { coachId: B.coach.userId }, { email: `taken-${unique()}@client.example` }]) {
          expectStatus(await B.as('owner', 'PATCH', `/v1/clients/${aProgram.clientId}`, body), 404, 'not_found');
        }
        // Moving B's own client to A's coach: not a staff user of B; B's client stays with B's coach.
        const before = await bItems();
        const moved = await B.as('owner', 'PATCH', `/v1/clients/${bProgram.clientId}`, { coachId: A.coach.userId });
        expectStatus(moved, 400, 'validation_failed');
        expect(fieldsOf(moved.body)).toEqual(['coachId']);
        const own = await B.as('owner', 'GET', `/v1/clients/${bProgram.clientId}`);
        expect(own.body.client.coachId).toBe(B.coach.userId);
        expect(await bItems()).toBe(before);
      },
    },
  },

  // Sponsors
  createSponsor: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      const body = { name: `Sponsor ${unique()}`, email: `sponsor-${unique()}@client.example`, role: 'HR' };
      await tenantIdRefused(role, 'POST', '/v1/sponsors', { ...body, tenantId: A.tenantId });
      // A tenant id in the query is not read: the sponsor lands in B, and only there (A's sponsors are checked after every attack).
      const res = await B.as(role, 'POST', `/v1/sponsors?tenantId=${A.tenantId}`, body);
      expectStatus(res, 201);
      await listsOwnOnly('owner', '/v1/sponsors', 'sponsors', 'sponsorId', [res.body.sponsor.sponsorId]);
    }),
  },
  listSponsors: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      await listsOwnOnly(role, '/v1/sponsors', 'sponsors', 'sponsorId', [bProgram.sponsorId]);
      await tenantIdRefused(role, 'GET', `/v1/sponsors?tenantId=${A.tenantId}`);
    }),
  },
  getSponsor: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => [`/v1/sponsors/${aProgram.sponsorId}`], undefined, readsOwn(() => `/v1/sponsors/${bProgram.sponsorId}`, (b) => b.sponsor.sponsorId, () => bProgram.sponsorId)),
  },
  updateSponsor: {
    auth: 'staff',
    byRole: notFoundAt('PATCH', () => [`/v1/sponsors/${aProgram.sponsorId}`], { name: 'Taken over', status: 'archived' }),
  },

  // Programs
  createProgram: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      const programsOfB = async () => JSON.stringify((await B.as('owner', 'GET', '/v1/programs')).body);
      const before = await programsOfB();
      const program = { title: `Taken over ${unique()}`, startDate: '2026-12-01', sessionsPlanned: 4 };
      // A's client, or A's sponsor for B's client: named as the field that names them, nothing created.
      const cases: [Body, string[]][] = [
        [{ ...program, clientId: aProgram.clientId }, ['clientId']],
        [{ ...program, clientId: aProgram.clientId, sponsorIds: [aProgram.sponsorId] }, ['clientId']],
        [{ ...program, clientId: bProgram.clientId, sponsorIds: [aProgram.sponsorId] }, ['sponsorIds.0']],
        [{ ...program, clientId: bProgram.clientId, sponsorIds: [bProgram.sponsorId, aProgram.sponsorId] }, ['sponsorIds.1']],
      ];
      for (const [body, fields] of cases) {
        const res = await B.as(role, 'POST', '/v1/programs', body);
        expectStatus(res, 400, 'validation_failed');
        expect(fieldsOf(res.body), JSON.stringify(body)).toEqual(fields);
      }
      await tenantIdRefused(role, 'POST', '/v1/programs', { ...program, clientId: bProgram.clientId, tenantId: A.tenantId });
      expect(await programsOfB()).toBe(before);
    }),
  },
  listPrograms: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      await listsOwnOnly(role, '/v1/programs', 'programs', 'programId', [bProgram.programId]);
      await tenantIdRefused(role, 'GET', `/v1/programs?tenantId=${A.tenantId}`);
      const ofAClient = await B.as(role, 'GET', `/v1/programs?clientId=${aProgram.clientId}`);
      expectStatus(ofAClient, 200);
      expect(ofAClient.body.programs).toEqual([]);
      const ofACoach = await B.as(role, 'GET', `/v1/programs?coachId=${A.coach.userId}`);
      if (role === 'coach') expectStatus(ofACoach, 403, 'forbidden');
      else {
        expectStatus(ofACoach, 200);
        expect(ofACoach.body.programs).toEqual([]);
      }
    }),
  },
  getProgram: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => [`/v1/programs/${aProgram.programId}`], undefined, readsOwn(() => `/v1/programs/${bProgram.programId}`, (b) => b.program.programId, () => bProgram.programId)),
  },
  updateProgram: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      for (const body of [{ title: 'Taken over' }, { status: 'archived' }, { sponsorIds: [bProgram.sponsorId] }]) {
        expectStatus(await B.as(role, 'PATCH', `/v1/programs/${aProgram.programId}`, body), 404, 'not_found');
      }
      // A's sponsor on B's program: refused, B's program as it was.
      const before = await bItems();
      const res = await B.as(role, 'PATCH', `/v1/programs/${bProgram.programId}`, { sponsorIds: [bProgram.sponsorId, aProgram.sponsorId] });
      expectStatus(res, 400, 'validation_failed');
      expect(fieldsOf(res.body)).toEqual(['sponsorIds']);
      expect(await bItems()).toBe(before);
    }),
  },
  sendClientLink: {
    auth: 'staff',
    // No email to A's client (counted after every attack).
    byRole: notFoundAt('POST', () => [`/v1/programs/${aProgram.programId}/client-link`]),
  },
  revokeClientLinks: {
    auth: 'staff',
    // A's link still opens A's page (checked after every attack).
    byRole: notFoundAt('DELETE', () => [`/v1/programs/${aProgram.programId}/client-link`]),
  },
  previewReport: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => [`/v1/programs/${aProgram.programId}/report-preview`], undefined, readsOwn(() => `/v1/programs/${bProgram.programId}/report-preview`, (b) => b.content.programTitle, () => 'Leading the new team')),
  },
  listAssessments: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => [`/v1/programs/${aProgram.programId}/assessments`], undefined, readsOwn(() => `/v1/programs/${bProgram.programId}/assessments`, (b) => b.progress[0].competency, () => 'Delegation')),
  },
  openAssessment: {
    auth: 'staff',
    // No round opened in A's program (its items are checked after every attack), no email to A's client.
    byRole: sameForEveryRole(async (role) => {
      expectStatus(await B.as(role, 'POST', `/v1/programs/${aProgram.programId}/assessments`, {}), 404, 'not_found');
      expect((await emailsTo(aProgram.clientEmail)).filter((m) => m.subject.includes('where do you stand'))).toHaveLength(0);
    }),
  },
  recordCoachView: {
    auth: 'staff',
    byRole: notFoundAt('PUT', () => [`/v1/programs/${aProgram.programId}/assessments/2026-11-01/coach-view`], { answers: [{ competency: 'Delegation', stage: 2 }] }),
  },
  sendReports: {
    auth: 'staff',
    // No report to A's sponsor, and no snapshot in A's program (both checked here; A's program item by item after every attack).
    byRole: sameForEveryRole(async (role) => {
      expectStatus(await B.as(role, 'POST', `/v1/programs/${aProgram.programId}/reports`), 404, 'not_found');
      expect(await emailsTo(aProgram.sponsorEmail)).toHaveLength(0);
    }),
  },

  // Sessions
  recordSession: {
    auth: 'staff',
    byRole: notFoundAt('POST', () => [`/v1/programs/${aProgram.programId}/sessions`], {
      heldAt: '2026-11-24T10:00:00+01:00',
      sharedSummary: 'Taken over',
      actions: [{ title: 'Taken over' }],
    }),
  },
  listSessions: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => [`/v1/programs/${aProgram.programId}/sessions`], undefined, (role) =>
      listsOwnOnly(role, `/v1/programs/${bProgram.programId}/sessions`, 'sessions', 'sessionId', [bProgram.sessionId]),
    ),
  },
  getSession: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => childPaths('sessions'), undefined, readsOwn(() => `/v1/programs/${bProgram.programId}/sessions/${bProgram.sessionId}`, (b) => b.session.sessionId, () => bProgram.sessionId)),
  },
  updateSession: {
    auth: 'staff',
    byRole: notFoundAt('PATCH', () => childPaths('sessions'), { sharedSummary: 'Taken over', privateNotes: 'Taken over' }),
  },

  // Micro actions
  createAction: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      expectStatus(await B.as(role, 'POST', `/v1/programs/${aProgram.programId}/actions`, { title: 'Taken over' }), 404, 'not_found');
      expectStatus(await B.as(role, 'POST', `/v1/programs/${aProgram.programId}/actions`, { title: 'Taken over', sessionId: aProgram.sessionId }), 404, 'not_found');
      // A's session as the session of an action of B's program: named as the field, nothing written in B.
      const before = await bItems();
      const res = await B.as(role, 'POST', `/v1/programs/${bProgram.programId}/actions`, { title: 'Taken over', sessionId: aProgram.sessionId });
      expectStatus(res, 400, 'validation_failed');
      expect(fieldsOf(res.body)).toEqual(['sessionId']);
      expect(await bItems()).toBe(before);
    }),
  },
  listActions: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => [`/v1/programs/${aProgram.programId}/actions`], undefined, (role) =>
      listsOwnOnly(role, `/v1/programs/${bProgram.programId}/actions`, 'actions', 'actionId', [bProgram.actionId]),
    ),
  },
  getAction: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => childPaths('actions'), undefined, readsOwn(() => `/v1/programs/${bProgram.programId}/actions/${bProgram.actionId}`, (b) => b.action.actionId, () => bProgram.actionId)),
  },
  updateAction: {
    auth: 'staff',
    byRole: notFoundAt('PATCH', () => childPaths('actions'), { status: 'done', reflection: 'Taken over' }),
  },

  // Obstacles
  createObstacle: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      const obstacle = { text: 'Taken over', category: 'other' };
      expectStatus(await B.as(role, 'POST', `/v1/programs/${aProgram.programId}/obstacles`, { ...obstacle, actionId: aProgram.actionId }), 404, 'not_found');
      expectStatus(await B.as(role, 'POST', `/v1/programs/${aProgram.programId}/obstacles`, { ...obstacle, actionId: bProgram.actionId }), 404, 'not_found');
      // A's action as the action an obstacle of B's program blocked: named as the field, nothing written in B.
      const before = await bItems();
      const res = await B.as(role, 'POST', `/v1/programs/${bProgram.programId}/obstacles`, { ...obstacle, actionId: aProgram.actionId });
      expectStatus(res, 400, 'validation_failed');
      expect(fieldsOf(res.body)).toEqual(['actionId']);
      expect(await bItems()).toBe(before);
    }),
  },
  listObstacles: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => [`/v1/programs/${aProgram.programId}/obstacles`], undefined, (role) =>
      listsOwnOnly(role, `/v1/programs/${bProgram.programId}/obstacles`, 'obstacles', 'obstacleId', [bProgram.obstacleId]),
    ),
  },
  getObstacle: {
    auth: 'staff',
    byRole: notFoundAt('GET', () => childPaths('obstacles'), undefined, readsOwn(() => `/v1/programs/${bProgram.programId}/obstacles/${bProgram.obstacleId}`, (b) => b.obstacle.obstacleId, () => bProgram.obstacleId)),
  },
  updateObstacle: {
    auth: 'staff',
    byRole: notFoundAt('PATCH', () => childPaths('obstacles'), { resolved: true, resolutionNote: 'Taken over' }),
  },
});
