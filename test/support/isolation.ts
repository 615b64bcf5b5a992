import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../shared/domain/tenant.js';
import { useApi, type ApiResponse } from './api.js';
import { clientRequest, createProgram, programItems, type ProgramFixture } from './coaching.js';
import { unique } from './factories.js';
import { createFirm, linkTokenSentTo, signIn, type FirmFixture } from './firms.js';
import { emailsTo } from './inbox.js';
import { signedIn, type WebUser } from './web.js';
import { expectCoversAreas, matrixFiles, routesOf, type MatrixFile, type RouteIdOf } from './matrices.js';

/**
 * The cross-tenant matrix, shared by its area files (test/integration/isolation/*.test.ts): firm B's staff, each with
 * a valid token of B, attack firm A through every route. Nothing of A may be read, listed, changed or deleted, and no
 * answer may reveal that A's ids exist. A and B are made anew for each file.
 */
export const api = useApi();

export type Body = Record<string, any>;
export type Check = () => Promise<void>;
export type Attack = { auth: 'staff' | 'session'; byRole: Record<StaffRole, Check> } | { auth: 'public' | 'link'; check: Check };

export const ROLES: readonly StaffRole[] = ['owner', 'admin', 'coach'];

export let A: FirmFixture;
export let B: FirmFixture;
export let aInvitation: { invitationId: string; email: string };
/** A's coaching data, made by A's coach: a client with a sponsor, a program with a session, its action and an obstacle. */
export let aProgram: ProgramFixture & { obstacleId: string };
/** A's firm as its owner saw it right after setup, as JSON text. */
let aBefore: Awaited<ReturnType<typeof snapshotOf>>;

const snapshotOf = async (firm: FirmFixture) => {
  const read = async (path: string) => {
    const res = await firm.as('owner', 'GET', path);
    expect(res.status, `GET ${path} as owner`).toBe(200);
    return JSON.stringify(res.body);
  };
  return {
    settings: await read('/v1/settings'),
    staff: await read('/v1/staff'),
    invitations: await read('/v1/invitations'),
    audit: await read('/v1/audit?limit=100'),
    clients: await read('/v1/clients'),
    sponsors: await read('/v1/sponsors'),
    programs: await read('/v1/programs'),
    programPage: await read(`/v1/programs/${aProgram.programId}`),
    programItems: await programItems(firm.tenantId, aProgram.programId),
    // A link sent to A's client by anyone but A would show here (a session, a fresh link).
    clientEmails: (await emailsTo(aProgram.clientEmail)).length,
  };
};

/** Everything that identifies A: none of it may appear in an answer to B. */
const secretsOfA = () => [
  A.tenantId,
  A.slug,
  A.owner.userId,
  A.owner.email,
  A.admin.userId,
  A.admin.email,
  A.coach.userId,
  A.coach.email,
  aInvitation.invitationId,
  aInvitation.email,
  aProgram.clientId,
  aProgram.clientEmail,
  aProgram.sponsorId,
  aProgram.programId,
  aProgram.sessionId,
  aProgram.actionId,
  aProgram.obstacleId,
  aProgram.token,
];

export function expectNothingOfA(res: ApiResponse<Body>): void {
  const text = JSON.stringify(res.body);
  for (const secret of secretsOfA()) expect(text, `answer leaks ${secret} of firm A`).not.toContain(secret);
}

export function expectStatus(res: ApiResponse<Body>, status: number, code?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (code) expect(res.body.error?.code).toBe(code);
  expectNothingOfA(res);
}

/** Owner and admin of B: 404 (no existence leak); coach of B: 403 (refused before any lookup). */
export const byIdRefusal = (run: (role: StaffRole) => Promise<ApiResponse<Body>>): Record<StaffRole, Check> => ({
  owner: async () => expectStatus(await run('owner'), 404, 'not_found'),
  admin: async () => expectStatus(await run('admin'), 404, 'not_found'),
  coach: async () => expectStatus(await run('coach'), 403, 'forbidden'),
});

export const sameForEveryRole = (check: (role: StaffRole) => Promise<void>): Record<StaffRole, Check> => ({
  owner: () => check('owner'),
  admin: () => check('admin'),
  coach: () => check('coach'),
});

export const managersOnly = (check: (role: StaffRole) => Promise<void>, coachRequest: () => Promise<ApiResponse<Body>>): Record<StaffRole, Check> => ({
  owner: () => check('owner'),
  admin: () => check('admin'),
  coach: async () => expectStatus(await coachRequest(), 403, 'forbidden'),
});

/** A real link token of B with its tenant-id prefix replaced by A's tenant id. */
export const retargetToA = (token: string): string => {
  const dot = token.indexOf('.');
  expect(dot).toBeGreaterThan(0);
  expect(token.slice(0, dot)).toBe(B.tenantId);
  return `${A.tenantId}${token.slice(dot)}`;
};

const browsersOfB = new Map<StaffRole, Promise<WebUser>>();
/** A browser of B's staff user, signed in to the web app (one per role and file). */
export const browserOfB = (role: StaffRole): Promise<WebUser> => {
  if (!browsersOfB.has(role)) browsersOfB.set(role, signedIn(api, B[role].email, B[role].password));
  return browsersOfB.get(role)!;
};

/** A page of the web app that reveals nothing of A. */
export function expectNothingOfAInHtml(html: string): void {
  for (const secret of secretsOfA()) expect(html, `page leaks ${secret} of firm A`).not.toContain(secret);
}

/** A page request; `retarget` swaps the tenant of the link token in it for A's. */
export async function pageRequest(method: string, path: string, retarget: boolean, fields?: Record<string, string>): Promise<{ status: number; html: string }> {
  const swap = (value: string) => (retarget ? value.replace(/token=([^&]+)/, (_m, t: string) => `token=${retargetToA(decodeURIComponent(t))}`) : value);
  const form = fields ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, k === 'token' && retarget ? retargetToA(v) : v])) : undefined;
  const response = await fetch(`${api.url()}${swap(path)}`, {
    method,
    ...(form ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: response.status, html: await response.text() };
}

export function expectNothingOfAInPage(res: { html: string }): void {
  for (const secret of secretsOfA()) expect(res.html, `page leaks ${secret} of firm A`).not.toContain(secret);
}

export function expectDeadLinkPage(res: { status: number; html: string }): void {
  expect(res.status).toBe(410);
  expectNothingOfAInPage(res);
}

export async function freshResetLinkOfB(): Promise<string> {
  // A fresh period each time would be needed for a second reset email; the newest reset link of B's coach will do.
  await api.request('POST', '/v1/auth/password-reset', { json: { email: B.coach.email } });
  return linkTokenSentTo(B.coach.email);
}

export async function freshInvitationLinkOfB(): Promise<string> {
  const email = `b-invitee-${unique()}@firm.example`;
  // B's sessions may have ended in the sign-out cases: a fresh one.
  const token = await signIn(api, B.owner.email, B.owner.password);
  const invited = await api.request('POST', '/v1/invitations', { json: { email, name: 'B invitee', role: 'coach' }, headers: { authorization: `Bearer ${token}` } });
  expect(invited.status).toBe(201);
  return linkTokenSentTo(email);
}


const fileSetups: (() => Promise<void>)[] = [];

/**
 * A file's own setup (B's data, or more of A's), run by the matrix's setup once A and B exist and before A's snapshot
 * is taken, so that what it does to A is part of "as it was".
 */
export function beforeAttacks(setup: () => Promise<void>): void {
  fileSetups.push(setup);
}

/**
 * Registers one area file's part of the matrix: firms A and B (A's pending invitation and coaching data) made before,
 * every attack of the file, then the proof that A is exactly as it was.
 */
export function crossTenantMatrix<F extends MatrixFile>(file: F, matrix: Record<RouteIdOf<F>, Attack>): void {
  beforeAll(async () => {
    A = await createFirm(api);
    B = await createFirm(api);
    const email = `pending-${unique()}@firm.example`;
    const invited = await A.as('owner', 'POST', '/v1/invitations', { email, name: 'Pending', role: 'coach' });
    if (invited.status !== 201) throw new Error(`invitation in A failed: ${invited.status} ${JSON.stringify(invited.body)}`);
    aInvitation = { invitationId: invited.body.invitation.invitationId, email };
    const program = await createProgram(A, 'coach');
    const obstacle = await A.as('coach', 'POST', `/v1/programs/${program.programId}/obstacles`, { actionId: program.actionId, text: 'The week filled up with meetings.', category: 'time' });
    if (obstacle.status !== 201) throw new Error(`obstacle in A failed: ${obstacle.status} ${JSON.stringify(obstacle.body)}`);
    aProgram = { ...program, obstacleId: obstacle.body.obstacle.obstacleId };
    // A secret that is not a string would make every leak check pass.
    for (const secret of secretsOfA()) if (typeof secret !== 'string' || secret.length < 8) throw new Error(`not a secret of A: ${JSON.stringify(secret)}`);
    for (const setup of fileSetups) await setup();
    aBefore = await snapshotOf(A);
  }, 120_000);

  describe(`the cross-tenant matrix: ${file} (${matrixFiles[file].join(', ')})`, () => {
    it('has an entry for every route of its areas, and only those, of the route’s auth kind', () => {
      expectCoversAreas(file, matrix);
      for (const route of routesOf(file)) expect(matrix[route.id as RouteIdOf<F>].auth, route.id).toBe(route.auth);
    });

    const cases = routesOf(file).flatMap((route) => {
      const attack = matrix[route.id as RouteIdOf<F>];
      return 'byRole' in attack
        ? ROLES.map((role) => ({ name: `${route.method} ${route.path} (${route.id}) as B's ${role}`, run: attack.byRole[role] }))
        : [{ name: `${route.method} ${route.path} (${route.id}, ${attack.auth})`, run: attack.check }];
    });

    // A loop rather than it.each, so the whole route and role is in each test name (it.each truncates).
    for (const { name, run } of cases) it(name, run);
  });

  describe('after every attack', () => {
    it('firm A is exactly as it was: settings, staff, invitations and audit trail', async () => {
      const after = await snapshotOf(A);
      expect(after.settings).toBe(aBefore.settings);
      expect(after.staff).toBe(aBefore.staff);
      expect(after.invitations).toBe(aBefore.invitations);
      expect(after.audit).toBe(aBefore.audit);
    });

    it('A’s coaching data is exactly as it was: clients, sponsors, programs, the program page and every item of the program', async () => {
      const after = await snapshotOf(A);
      expect(after.clients).toBe(aBefore.clients);
      expect(after.sponsors).toBe(aBefore.sponsors);
      expect(after.programs).toBe(aBefore.programs);
      expect(after.programPage).toBe(aBefore.programPage);
      expect(after.programItems).toBe(aBefore.programItems);
      expect(after.clientEmails).toBe(aBefore.clientEmails);
    });

    it('A’s client link still opens A’s program', async () => {
      const page = await clientRequest(api, 'GET', aProgram.linkPath);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Leading the new team');
    });

    it('A’s invitation is still pending, sent once, and A’s staff all still work', async () => {
      const res = await A.as('owner', 'GET', '/v1/invitations');
      const invitation = (res.body.invitations as Body[]).find((i) => i.invitationId === aInvitation.invitationId);
      expect(invitation).toMatchObject({ status: 'pending', sends: 1, expired: false });
      for (const role of ROLES) {
        const me = await A.as(role, 'GET', '/v1/me');
        expect(me.status).toBe(200);
        expect(me.body.user).toMatchObject({ userId: A[role].userId, role });
        expect(me.body.tenant.tenantId).toBe(A.tenantId);
      }
    });
  });
}
