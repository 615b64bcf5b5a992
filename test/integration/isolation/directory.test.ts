import { expect } from 'vitest';
import { encodeCursor } from '../../../shared/db/page.js';
import type { StaffRole } from '../../../shared/domain/tenant.js';
import { unique } from '../../support/factories.js';
import { A, aProgram, B, browserOfB, crossTenantMatrix, expectNothingOfAInHtml, sameForEveryRole } from '../../support/isolation.js';
import type { PageAnswer } from '../../support/web.js';

/**
 * The cross-tenant matrix (test/support/isolation.ts): the staff web app's clients, sponsors and program settings. B's
 * staff, signed in to the web app, open and post A's clients, sponsors and programs by their ids (a 404 page, the
 * same as an id of nothing), name A's coach and sponsors in their forms, and hand A's list cursors to B's lists.
 */
const notFound = (answer: PageAnswer) => {
  expect(answer.status, answer.html.slice(0, 500)).toBe(404);
  expectNothingOfAInHtml(answer.html);
};
const manager = (role: StaffRole) => role !== 'coach';
/** A `next` of one of A's lists: B's list refuses it (the list from its start). */
const cursorOfA = (partition: 'CLIENT' | 'SPONSOR', id: string) => encodeCursor({ PK: `T#${A.tenantId}#${partition}`, SK: id })!;
const personForm = () => ({ name: `B person ${unique()}`, email: `b-${unique()}@client.example`, locale: 'en', timeZone: 'Europe/Zurich' });

crossTenantMatrix('directory', {
  clientsPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const b = await browserOfB(role);
      const filtered = await b.get(`/app/clients?coachId=${A.coach.userId}&status=active`);
      expect(filtered.status).toBe(200);
      expectNothingOfAInHtml(filtered.html);
      const walked = await b.get(`/app/clients?cursor=${cursorOfA('CLIENT', aProgram.clientId)}`);
      expect(walked.status).toBe(303);
      expect(walked.location).toBe('/app/clients');
    }),
  },
  clientNewPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const page = await (await browserOfB(role)).get('/app/clients/new');
      expect(page.status).toBe(200);
      expectNothingOfAInHtml(page.html);
    }),
  },
  clientCreate: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      // A's coach is no coach of B: a problem on the form for owners and admins, a refusal for a coach (themselves only).
      const answer = await (await browserOfB(role)).post('/app/clients', { ...personForm(), coachId: A.coach.userId });
      expect(answer.status).toBe(manager(role) ? 400 : 403);
      expectNothingOfAInHtml(answer.html);
    }),
  },
  clientDetailsPage: { auth: 'session', byRole: sameForEveryRole(async (role) => notFound(await (await browserOfB(role)).get(`/app/clients/${aProgram.clientId}`))) },
  clientDetailsSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const b = await browserOfB(role);
      notFound(await b.post(`/app/clients/${aProgram.clientId}`, { intent: 'save', version: '1', ...personForm() }));
      notFound(await b.post(`/app/clients/${aProgram.clientId}`, { intent: 'archive', version: '1' }));
    }),
  },
  clientReassign: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const answer = await (await browserOfB(role)).post(`/app/clients/${aProgram.clientId}/coach`, { coachId: B.coach.userId });
      // A coach is refused before anything is read.
      if (manager(role)) notFound(answer);
      else expect(answer.status).toBe(403);
      expectNothingOfAInHtml(answer.html);
    }),
  },
  sponsorsPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const b = await browserOfB(role);
      const list = await b.get('/app/sponsors');
      expect(list.status).toBe(200);
      expectNothingOfAInHtml(list.html);
      const walked = await b.get(`/app/sponsors?cursor=${cursorOfA('SPONSOR', aProgram.sponsorId)}`);
      expect(walked.status).toBe(303);
      expect(walked.location).toBe('/app/sponsors');
    }),
  },
  sponsorNewPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const page = await (await browserOfB(role)).get('/app/sponsors/new');
      expect(page.status).toBe(200);
      expectNothingOfAInHtml(page.html);
    }),
  },
  sponsorCreate: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      // B's own sponsor, whatever A holds: its page is B's.
      const answer = await (await browserOfB(role)).post('/app/sponsors', { ...personForm(), role: 'HR' });
      expect(answer.status).toBe(303);
      const page = await (await browserOfB(role)).get(answer.location!);
      expect(page.status).toBe(200);
      expectNothingOfAInHtml(page.html);
    }),
  },
  sponsorPage: { auth: 'session', byRole: sameForEveryRole(async (role) => notFound(await (await browserOfB(role)).get(`/app/sponsors/${aProgram.sponsorId}`))) },
  sponsorSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const b = await browserOfB(role);
      notFound(await b.post(`/app/sponsors/${aProgram.sponsorId}`, { intent: 'save', version: '1', ...personForm(), role: 'HR' }));
      notFound(await b.post(`/app/sponsors/${aProgram.sponsorId}`, { intent: 'archive', version: '1' }));
    }),
  },
  programNewPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => notFound(await (await browserOfB(role)).get(`/app/programs/new?clientId=${aProgram.clientId}`))),
  },
  programCreate: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) =>
      notFound(await (await browserOfB(role)).post('/app/programs', { clientId: aProgram.clientId, sponsorIds: aProgram.sponsorId, title: 'Taken over', startDate: '2026-12-01', sessionsPlanned: '4' })),
    ),
  },
  programEditPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => notFound(await (await browserOfB(role)).get(`/app/programs/${aProgram.programId}/edit`))),
  },
  programEditSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) =>
      notFound(await (await browserOfB(role)).post(`/app/programs/${aProgram.programId}/edit`, { title: 'Taken over', startDate: '2026-12-01', sessionsPlanned: '4', status: 'archived', version: '1' })),
    ),
  },
});
