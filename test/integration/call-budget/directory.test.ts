import { afterAll, expect } from 'vitest';
import { api, callBudget, firm, seedCoaching, type SeededProgram } from '../../support/call-budget.js';
import { unique } from '../../support/factories.js';
import { signedIn, type PageAnswer } from '../../support/web.js';

/**
 * DynamoDB calls per request (test/support/call-budget.ts): the staff web app's clients, sponsors and program settings,
 * in a firm with thousands of clients, a thousand programs and hundreds of sponsors (seedCoaching). Every page pays
 * the session check, one BatchGet that also reads the client, sponsor or program the page names; a list is one Query
 * of one page; owners and admins also read the firm's active staff (to name and choose coaches), in parallel.
 */
let P: SeededProgram;
const sizes: Record<string, number> = {};

/** The answer as the budget wants it; the page must stay within 100 KB however much the firm holds. */
const measured = (name: string, paged = false) => (answer: PageAnswer) => {
  // A list of thousands answers one page and the link to the next.
  if (paged) expect(answer.html).toMatch(/<a href="\/app\/\w+\?cursor=[\w-]+">Next page<\/a>/);
  const bytes = Buffer.byteLength(answer.html, 'utf8');
  if (answer.status === 200) sizes[name] = bytes;
  expect(bytes, `${name} is ${bytes} bytes`).toBeLessThanOrEqual(100_000);
  return { status: answer.status, headers: new Headers(), body: {} };
};
const browsers = new Map<string, ReturnType<typeof signedIn>>();
/** One signed-in browser per role for the file (signing in again and again would meet the sign-in rate limit). */
const as = (role: 'owner' | 'admin' | 'coach') => {
  if (!browsers.has(role)) browsers.set(role, signedIn(api, firm[role].email, firm[role].password));
  return browsers.get(role)!;
};
const version = async (path: string, field: string) => String((await firm.as('owner', 'GET', path)).body[field].version);
const person = () => ({ name: `Budget ${unique()}`, email: `budget-${unique()}@client.example`, locale: 'en', timeZone: 'Europe/Zurich' });
const programForm = { title: 'Budgeted', goals: 'One\nTwo', competencies: 'Listening', startDate: '2026-12-01', sessionsPlanned: '6', reportCadence: 'monthly', sharingLevel: 'metrics', assessmentEveryWeeks: '4' };

afterAll(() => console.info(`directory page bytes: ${JSON.stringify(sizes)}`));

callBudget('directory', {
  // The session (1), a page of the firm's clients (1) and its active staff (1).
  clientsPage: async () => {
    const user = await as('owner');
    return { calls: 3, status: 200, run: async () => measured('clientsPage', true)(await user.get('/app/clients')) };
  },
  // The session (1) and the coaches to choose from (1).
  clientNewPage: async () => {
    const user = await as('admin');
    return { calls: 2, status: 200, run: async () => measured('clientNewPage')(await user.get('/app/clients/new')) };
  },
  // The session (1); the client, the coach's check, the plan's counter and the audit event in one transaction (1).
  clientCreate: async () => {
    const user = await as('coach');
    return { calls: 2, status: 303, run: async () => measured('clientCreate')(await user.post('/app/clients', person())) };
  },
  // The session with the client (1), the client's programs (1) and the firm's active staff (1).
  clientDetailsPage: async () => {
    const user = await as('owner');
    return { calls: 3, status: 200, run: async () => measured('clientDetailsPage')(await user.get(`/app/clients/${P.clientId}`)) };
  },
  // A new name: the session with the client (1), their four programs (their copy of the name follows) (1), one transaction (1).
  clientDetailsSubmit: async () => {
    const user = await as('coach');
    const current = (await firm.as('coach', 'GET', `/v1/clients/${P.clientId}`)).body.client;
    const form = { intent: 'save', version: String(current.version), name: `Renamed ${unique()}`, email: current.email, locale: current.locale, timeZone: current.timeZone, 'emailPreferences.reminders': 'daily', 'emailPreferences.hour': '8' };
    return { calls: 3, status: 303, run: async () => measured('clientDetailsSubmit')(await user.post(`/app/clients/${P.clientId}`, form)) };
  },
  // The session with the client (1), their programs, which move with them (1), one transaction (1).
  clientReassign: async () => {
    const user = await as('admin');
    return { calls: 3, status: 303, run: async () => measured('clientReassign')(await user.post(`/app/clients/${P.otherClientId}/coach`, { coachId: firm.admin.userId })) };
  },
  // The session (1) and one page of the sponsors (1), of hundreds.
  sponsorsPage: async () => {
    const user = await as('coach');
    return { calls: 2, status: 200, run: async () => measured('sponsorsPage', true)(await user.get('/app/sponsors')) };
  },
  sponsorNewPage: async () => {
    const user = await as('coach');
    return { calls: 1, status: 200, run: async () => measured('sponsorNewPage')(await user.get('/app/sponsors/new')) };
  },
  // The session (1); the sponsor and its audit event in one transaction (1).
  sponsorCreate: async () => {
    const user = await as('coach');
    return { calls: 2, status: 303, run: async () => measured('sponsorCreate')(await user.post('/app/sponsors', { ...person(), role: 'HR' })) };
  },
  // The sponsor is read with the session.
  sponsorPage: async () => {
    const user = await as('coach');
    return { calls: 1, status: 200, run: async () => measured('sponsorPage')(await user.get(`/app/sponsors/${P.sponsorId}`)) };
  },
  sponsorSubmit: async () => {
    const user = await as('coach');
    const form = { intent: 'save', version: await version(`/v1/sponsors/${P.sponsorId}`, 'sponsor'), ...person(), role: 'Line manager' };
    return { calls: 2, status: 303, run: async () => measured('sponsorSubmit')(await user.post(`/app/sponsors/${P.sponsorId}`, form)) };
  },
  // The session with the client (1) and the active sponsors to tick (1).
  programNewPage: async () => {
    const user = await as('coach');
    return { calls: 2, status: 200, run: async () => measured('programNewPage')(await user.get(`/app/programs/new?clientId=${P.clientId}`)) };
  },
  // The session with the client (1); the program, its checks, schedules, invitation and audit event in one transaction (1).
  programCreate: async () => {
    const user = await as('coach');
    return { calls: 2, status: 303, run: async () => measured('programCreate')(await user.post('/app/programs', { ...programForm, clientId: P.clientId, sponsorIds: P.sponsorId })) };
  },
  // The session with the program (1) and the active sponsors (1).
  programEditPage: async () => {
    const user = await as('coach');
    return { calls: 2, status: 200, run: async () => measured('programEditPage')(await user.get(`/app/programs/${P.programId}/edit`)) };
  },
  // The session with the program (1) and one transaction (1).
  programEditSubmit: async () => {
    const user = await as('coach');
    const form = { ...programForm, title: `Renamed ${unique()}`, sponsorIds: P.sponsorId, startDate: '2026-02-01', sessionsPlanned: '48', status: 'active', version: await version(`/v1/programs/${P.programId}`, 'program') };
    return { calls: 2, status: 303, run: async () => measured('programEditSubmit')(await user.post(`/app/programs/${P.programId}/edit`, form)) };
  },
}, { seed: async (f) => void (P = await seedCoaching(f)) });
