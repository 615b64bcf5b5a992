import { expect } from 'vitest';
import { WEB_SESSION_COOKIE } from '../../../shared/domain/web-session.js';
import { A, aProgram, api, B, browserOfB, crossTenantMatrix, expectNothingOfAInHtml, sameForEveryRole } from '../../support/isolation.js';
import type { StaffRole } from '../../../shared/domain/tenant.js';
import { tenantSnapshot } from '../../support/tenant-items.js';
import { WebUser, type PageAnswer } from '../../support/web.js';

/** B's staff asking for A's program (or anything in it): the 404 page, which names nothing of A. */
const notFoundPage = (answer: PageAnswer) => {
  expect(answer.status).toBe(404);
  expectNothingOfAInHtml(answer.html);
};
const ofA = (path = '') => `/app/programs/${aProgram.programId}${path}`;
const getAsB = (path: () => string) => sameForEveryRole(async (role) => notFoundPage(await (await browserOfB(role)).get(path())));
const postAsB = (path: () => string, form: () => Record<string, string>) => sameForEveryRole(async (role) => notFoundPage(await (await browserOfB(role)).post(path(), form())));

/**
 * The cross-tenant matrix (test/support/isolation.ts): the staff web app. B's staff, signed in to the web app, open
 * and post A's pages; a session cookie of B with A's tenant in it opens nothing.
 */
crossTenantMatrix('app', {
  signInPage: { auth: 'public', check: async () => expectNothingOfAInHtml((await new WebUser(api).get('/sign-in')).html) },
  signInSubmit: {
    auth: 'public',
    check: async () => {
      // B's owner signs in: the session is B's, whatever A holds.
      const user = new WebUser(api);
      const answer = await user.signIn(B.owner.email, B.owner.password);
      expect(answer.status).toBe(303);
      expect(user.sessionCookie!.startsWith(`${B.tenantId}.`)).toBe(true);
      expectNothingOfAInHtml((await user.get('/app')).html);
    },
  },
  signInCode: {
    auth: 'public',
    check: async () => {
      const answer = await new WebUser(api).post('/sign-in/code', { code: '123456' });
      expect(answer.status).toBe(401);
      expectNothingOfAInHtml(answer.html);
    },
  },
  signOutPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      // B's cookie with A's tenant id in it is no session at all.
      const browser = await browserOfB(role);
      const forged = new WebUser(api);
      forged.setCookie(WEB_SESSION_COOKIE, `${A.tenantId}${browser.sessionCookie!.slice(B.tenantId.length)}`);
      const answer = await forged.post('/sign-out');
      expect(answer.status).toBe(303);
      expect(answer.location).toMatch(/^\/sign-in/);
      // B's own session is untouched by the forgery.
      expect((await browser.get('/app')).status).toBe(200);
    }),
  },
  homePage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const answer = await (await browserOfB(role)).get('/app');
      expect(answer.status).toBe(200);
      expectNothingOfAInHtml(answer.html);
    }),
  },
  programPage: { auth: 'session', byRole: getAsB(() => ofA()) },
  recordSessionPage: { auth: 'session', byRole: getAsB(() => ofA('/sessions/new')) },
  recordSessionSubmit: { auth: 'session', byRole: postAsB(() => ofA('/sessions'), () => ({ date: '2026-11-24', sharedSummary: 'B was here', 'actions.0.title': 'B’s action' })) },
  resolveObstacleSubmit: { auth: 'session', byRole: postAsB(() => ofA(`/obstacles/${aProgram.obstacleId}/resolve`), () => ({ note: 'Resolved by B' })) },
  actionHistoryPage: { auth: 'session', byRole: getAsB(() => ofA(`/actions/${aProgram.actionId}`)) },
  sendClientLinkSubmit: { auth: 'session', byRole: postAsB(() => ofA('/client-link'), () => ({})) },
  revokeClientLinksSubmit: { auth: 'session', byRole: postAsB(() => ofA('/client-link/revoke'), () => ({})) },
  sendReportSubmit: { auth: 'session', byRole: postAsB(() => ofA('/reports'), () => ({ sponsorId: aProgram.sponsorId })) },
  addActionPage: { auth: 'session', byRole: getAsB(() => ofA('/actions/new')) },
  addActionSubmit: { auth: 'session', byRole: postAsB(() => ofA('/actions'), () => ({ title: 'B’s action' })) },
  changeActionSubmit: { auth: 'session', byRole: postAsB(() => ofA(`/actions/${aProgram.actionId}`), () => ({ title: 'Changed by B', status: 'dropped', version: '1' })) },
  logObstacleSubmit: { auth: 'session', byRole: postAsB(() => ofA('/obstacles'), () => ({ actionId: aProgram.actionId, text: 'Logged by B', category: 'time' })) },
  openAssessmentSubmit: { auth: 'session', byRole: postAsB(() => ofA('/assessments'), () => ({})) },
  // The program's first round (its start day): one that opened.
  coachViewPage: { auth: 'session', byRole: getAsB(() => ofA('/assessments/2026-11-01/coach-view')) },
  coachViewSubmit: { auth: 'session', byRole: postAsB(() => ofA('/assessments/2026-11-01/coach-view'), () => ({ 'competency-0': 'Delegation', 'stage-0': '3', 'note-0': 'B was here' })) },
  editSessionPage: { auth: 'session', byRole: getAsB(() => ofA(`/sessions/${aProgram.sessionId}`)) },
  editSessionSubmit: { auth: 'session', byRole: postAsB(() => ofA(`/sessions/${aProgram.sessionId}`), () => ({ date: '2026-11-20', sharedSummary: 'B was here', privateNotes: '', archived: 'on' })) },
  // The security pages name no id: B's staff see only their own, and B's cookie with A's tenant in it opens nothing.
  securityPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const answer = await (await browserOfB(role)).get('/app/security');
      expect(answer.status).toBe(200);
      expectNothingOfAInHtml(answer.html);
      await expectForgedRefused(role, 'GET', '/app/security');
    }),
  },
  authenticatorStart: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const answer = await (await browserOfB(role)).post('/app/security/authenticator');
      expect(answer.status).toBe(200);
      expect(answer.html).toMatch(/name="secret" value="[A-Z2-7]+"/);
      expectNothingOfAInHtml(answer.html);
      await expectForgedRefused(role, 'POST', '/app/security/authenticator');
    }),
  },
  authenticatorConfirm: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      // A wrong code for B's own enrolment: the page again, with nothing of A.
      const browser = await browserOfB(role);
      const secret = /name="secret" value="([A-Z2-7]+)"/.exec((await browser.post('/app/security/authenticator')).html)![1]!;
      const answer = await browser.post('/app/security/authenticator/confirm', { secret, code: '000000' });
      expect(answer.status).toBe(400);
      expectNothingOfAInHtml(answer.html);
      await expectForgedRefused(role, 'POST', '/app/security/authenticator/confirm', { secret: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', code: '000000' });
    }),
  },
  authenticatorRemove: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      // B's user has no app: nothing to remove, back to their page.
      const answer = await (await browserOfB(role)).post('/app/security/authenticator/remove');
      expect(answer.status).toBe(303);
      expect(answer.location).toBe('/app/security');
      await expectForgedRefused(role, 'POST', '/app/security/authenticator/remove');
    }),
  },
  securitySignOutEverywhere: {
    auth: 'session',
    // Only the forgery: B's real sign-out everywhere would end the browsers the other checks share.
    byRole: sameForEveryRole((role) => expectForgedRefused(role, 'POST', '/app/security/sign-out-everywhere')),
  },
});

/**
 * B's session cookie with A's tenant id in it: sent to sign in, A's staff untouched (every web session of A still
 * open), and B's own session still good.
 */
async function expectForgedRefused(role: StaffRole, method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<void> {
  const browser = await browserOfB(role);
  const forged = new WebUser(api);
  forged.setCookie(WEB_SESSION_COOKIE, `${A.tenantId}${browser.sessionCookie!.slice(B.tenantId.length)}`);
  const before = await tenantSnapshot(A.tenantId);
  const answer = method === 'GET' ? await forged.get(path) : await forged.post(path, form);
  expect(answer.status).toBe(303);
  expect(answer.location).toMatch(/^\/sign-in/);
  expect(await tenantSnapshot(A.tenantId)).toBe(before);
  expect((await browser.get('/app/security')).status).toBe(200);
}
