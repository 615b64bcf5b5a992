import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { tenantSnapshot } from '../support/tenant-items.js';
import { signedIn, type PageAnswer, type WebUser } from '../support/web.js';

/**
 * The staff web app's pages of clients, sponsors and program settings, through the local gateway as a browser sends
 * them: what the forms write is what the JSON API reads back; bad input is the form again (400) with its problems by
 * the fields and the typed values kept, and nothing written; a coach cannot open another coach's client or program.
 */
const api = useApi();
let F: FirmFixture;
let coach: WebUser;
let admin: WebUser;
/** A client, sponsor and program of the owner's: not the coach's to see. */
let owners: ProgramFixture;

beforeAll(async () => {
  F = await createFirm(api);
  [coach, admin, owners] = await Promise.all([signedIn(api, F.coach.email, F.coach.password), signedIn(api, F.admin.email, F.admin.password), createProgram(F, 'owner')]);
}, 120_000);

const idIn = (answer: PageAnswer, pattern: RegExp): string => {
  expect(answer.status, answer.html.slice(0, 1500)).toBe(303);
  const id = pattern.exec(answer.location ?? '')?.[1];
  expect(id, answer.location).toBeTruthy();
  return id!;
};

const clientForm = (overrides: Record<string, string> = {}) => ({
  name: `Client ${unique()}`,
  email: `client-${unique()}@client.example`,
  organisation: 'Example AG',
  locale: 'de',
  timeZone: 'Europe/Berlin',
  'emailPreferences.reminders': 'weekly',
  'emailPreferences.hour': '7',
  ...overrides,
});

/** The message of a field and the problem summary's link to it. */
function expectProblemAt(answer: PageAnswer, field: string) {
  expect(answer.html).toContain(`<a href="#${field}">`);
  expect(answer.html).toContain(`id="${field}-error"`);
  expect(answer.html).toContain('There is a problem');
}

describe('clients through the forms', () => {
  let clientId: string;
  const name = `Dana ${unique()}`;

  it('a coach adds a client for themselves; the API sees them with the form’s values', async () => {
    const form = await coach.get('/app/clients/new');
    expect(form.status).toBe(200);
    // The firm's zone and language are the defaults; a coach chooses no coach.
    expect(form.html).toContain('value="Europe/Zurich"');
    expect(form.html).not.toContain('name="coachId"');
    const email = `dana-${unique()}@client.example`;
    clientId = idIn(await coach.post('/app/clients', clientForm({ name, email: ` ${email.toUpperCase()} ` })), /^\/app\/clients\/([0-9A-Z]{26})\?done=created$/);
    const api = await F.as('coach', 'GET', `/v1/clients/${clientId}`);
    expect(api.body.client).toMatchObject({ name, email, organisation: 'Example AG', locale: 'de', timeZone: 'Europe/Berlin', coachId: F.coach.userId, emailPreferences: { reminders: 'weekly', hour: 7 }, status: 'active' });
    const page = await coach.get(`/app/clients/${clientId}?done=created`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<h1>${name}</h1>`);
    expect(page.html).toContain('role="status">Added.');
    expect(page.html).toContain(`href="/app/programs/new?clientId=${clientId}"`);
    // Moving a client is for owners and admins.
    expect(page.html).not.toContain(`/app/clients/${clientId}/coach`);
  });

  it('the list shows a coach their own clients, each linking to its page; owners and admins filter by coach', async () => {
    const mine = await coach.get('/app/clients');
    expect(mine.status).toBe(200);
    expect(mine.html).toContain(`href="/app/clients/${clientId}"`);
    expect(mine.html).not.toContain(owners.clientId);
    expect(mine.html).toContain('href="/app/clients/new"');
    const all = await admin.get('/app/clients');
    expect(all.html).toContain(clientId);
    expect(all.html).toContain(owners.clientId);
    const byCoach = await admin.get(`/app/clients?coachId=${F.coach.userId}&status=active`);
    expect(byCoach.html).toContain(clientId);
    expect(byCoach.html).not.toContain(owners.clientId);
    // A filter edited by hand is no filter.
    expect((await admin.get('/app/clients?cursor=not-a-cursor')).location).toBe('/app/clients');
  });

  it('edits the client (the API sees the change); a form of an older version is shown again, nothing written', async () => {
    const page = await coach.get(`/app/clients/${clientId}`);
    expect(page.html).toContain('name="version" value="1"');
    const saved = await coach.post(`/app/clients/${clientId}`, { intent: 'save', version: '1', ...clientForm({ name: `${name} B.`, email: `dana-b-${unique()}@client.example`, organisation: '' }) });
    expect(saved.location).toBe(`/app/clients/${clientId}?done=saved`);
    const after = (await F.as('coach', 'GET', `/v1/clients/${clientId}`)).body.client;
    expect(after).toMatchObject({ name: `${name} B.`, version: 2 });
    expect(after.organisation).toBeUndefined();

    const before = await tenantSnapshot(F.tenantId);
    const stale = await coach.post(`/app/clients/${clientId}`, { intent: 'save', version: '1', ...clientForm({ name: 'Typed over an old page' }) });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('value="Typed over an old page"');
    expect(stale.html).toContain('Someone else changed this meanwhile');
    expect(stale.html).toContain('name="version" value="2"');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });

  it('archives and reactivates; over the plan’s limit reactivating shows the limit on the form, nothing written', async () => {
    const archived = await coach.post(`/app/clients/${clientId}`, { intent: 'archive', version: '2' });
    expect(archived.location).toBe(`/app/clients/${clientId}?done=archived`);
    expect((await F.as('coach', 'GET', `/v1/clients/${clientId}`)).body.client.status).toBe('archived');
    const page = await coach.get(`/app/clients/${clientId}`);
    expect(page.html).toContain('name="intent" value="reactivate"');
    // No new program for an archived client.
    expect(page.html).not.toContain('/app/programs/new?');
    expect((await coach.get(`/app/programs/new?clientId=${clientId}`)).html).toContain('This client is archived');

    const active = (await F.as('owner', 'GET', '/v1/clients?status=active')).body.clients.length as number;
    expect((await F.as('owner', 'PATCH', '/v1/settings', { limits: { activeClients: active } })).status).toBe(200);
    try {
      const before = await tenantSnapshot(F.tenantId);
      const over = await coach.post(`/app/clients/${clientId}`, { intent: 'reactivate', version: '3' });
      expect(over.status).toBe(409);
      expect(over.html).toContain(`Your plan allows ${active} active clients and all are in use`);
      expect(await tenantSnapshot(F.tenantId)).toBe(before);
      const added = await coach.post('/app/clients', clientForm({ name: 'One too many' }));
      expect(added.status).toBe(409);
      expect(added.html).toContain(`Your plan allows ${active} active clients`);
      expect(added.html).toContain('value="One too many"');
      expect(await tenantSnapshot(F.tenantId)).toBe(before);
    } finally {
      expect((await F.as('owner', 'PATCH', '/v1/settings', { limits: { activeClients: 25 } })).status).toBe(200);
    }
    const back = await coach.post(`/app/clients/${clientId}`, { intent: 'reactivate', version: '3' });
    expect(back.location).toBe(`/app/clients/${clientId}?done=reactivated`);
    expect((await F.as('coach', 'GET', `/v1/clients/${clientId}`)).body.client.status).toBe('active');
  });

  it('an admin moves a client with their programs to another coach; a coach gets the refusal page and nothing changes', async () => {
    const moved = await createProgram(F, 'coach');
    const before = await tenantSnapshot(F.tenantId);
    const refused = await coach.post(`/app/clients/${moved.clientId}/coach`, { coachId: F.admin.userId });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Not allowed');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);

    const page = await admin.get(`/app/clients/${moved.clientId}`);
    expect(page.html).toContain(`action="/app/clients/${moved.clientId}/coach"`);
    const bad = await admin.post(`/app/clients/${moved.clientId}/coach`, { coachId: 'nobody' });
    expect(bad.status).toBe(400);
    expectProblemAt(bad, 'coachId');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);

    const done = await admin.post(`/app/clients/${moved.clientId}/coach`, { coachId: F.admin.userId });
    expect(done.location).toBe(`/app/clients/${moved.clientId}?done=reassigned`);
    expect((await F.as('admin', 'GET', `/v1/clients/${moved.clientId}`)).body.client.coachId).toBe(F.admin.userId);
    expect((await F.as('admin', 'GET', `/v1/programs/${moved.programId}`)).body.program.coachId).toBe(F.admin.userId);
    // No longer the coach's.
    expect((await coach.get(`/app/clients/${moved.clientId}`)).status).toBe(404);
  });

  it('bad input of the new client form: 400, each problem by its field and in the summary, values kept, nothing written', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const bad = await coach.post('/app/clients', clientForm({ name: '', email: 'not-an-address', timeZone: 'Mars/Olympus', 'emailPreferences.hour': '25', organisation: 'Kept & Co' }));
    expect(bad.status).toBe(400);
    for (const field of ['name', 'email', 'timeZone', 'emailPreferences.hour']) expectProblemAt(bad, field);
    expect(bad.html).toContain('value="not-an-address"');
    expect(bad.html).toContain('value="Mars/Olympus"');
    expect(bad.html).toContain('value="Kept &amp; Co"');
    expect(bad.html).toContain('value="25"');
    expect(bad.html).toContain('Enter an email address such as name@example.com.');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });

  it('bad input of a client’s own form: 400 with the values kept, nothing written', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const version = String((await F.as('coach', 'GET', `/v1/clients/${clientId}`)).body.client.version);
    const bad = await coach.post(`/app/clients/${clientId}`, { intent: 'save', version, ...clientForm({ email: 'still wrong', 'emailPreferences.reminders': 'hourly' }) });
    expect(bad.status).toBe(400);
    expectProblemAt(bad, 'email');
    expectProblemAt(bad, 'emailPreferences.reminders');
    expect(bad.html).toContain('value="still wrong"');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });
});

describe('sponsors through the forms', () => {
  let sponsorId: string;

  it('adds a sponsor (the API sees them), lists them, edits and archives them', async () => {
    expect((await coach.get('/app/sponsors/new')).status).toBe(200);
    const email = `hr-${unique()}@client.example`;
    sponsorId = idIn(await coach.post('/app/sponsors', { name: 'Hanna Roth', email, organisation: 'Example AG', role: 'HR', locale: 'en', timeZone: 'Europe/Zurich' }), /^\/app\/sponsors\/([0-9A-Z]{26})\?done=created$/);
    expect((await F.as('coach', 'GET', `/v1/sponsors/${sponsorId}`)).body.sponsor).toMatchObject({ name: 'Hanna Roth', email, role: 'HR', status: 'active' });
    expect((await coach.get('/app/sponsors')).html).toContain(`href="/app/sponsors/${sponsorId}"`);

    const saved = await coach.post(`/app/sponsors/${sponsorId}`, { intent: 'save', version: '1', name: 'Hanna Roth-Meier', email, organisation: '', role: 'HR lead', locale: 'de', timeZone: 'Europe/Zurich' });
    expect(saved.location).toBe(`/app/sponsors/${sponsorId}?done=saved`);
    expect((await F.as('coach', 'GET', `/v1/sponsors/${sponsorId}`)).body.sponsor).toMatchObject({ name: 'Hanna Roth-Meier', role: 'HR lead', locale: 'de', version: 2 });

    const archived = await coach.post(`/app/sponsors/${sponsorId}`, { intent: 'archive', version: '2' });
    expect(archived.location).toBe(`/app/sponsors/${sponsorId}?done=archived`);
    expect((await F.as('coach', 'GET', `/v1/sponsors/${sponsorId}`)).body.sponsor.status).toBe('archived');
    expect((await coach.get(`/app/sponsors/${sponsorId}`)).html).toContain('This sponsor is archived.');
  });

  it('bad input of the sponsor forms: 400, values kept, nothing written', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const bad = await coach.post('/app/sponsors', { name: 'Kept Name', email: 'nope', role: '', locale: 'en', timeZone: 'Europe/Zurich' });
    expect(bad.status).toBe(400);
    expectProblemAt(bad, 'email');
    expectProblemAt(bad, 'role');
    expect(bad.html).toContain('value="Kept Name"');
    const edit = await coach.post(`/app/sponsors/${sponsorId}`, { intent: 'save', version: '3', name: '', email: 'x@client.example', role: 'HR', locale: 'en', timeZone: 'Europe/Zurich' });
    expect(edit.status).toBe(400);
    expectProblemAt(edit, 'name');
    expect(edit.html).toContain('value="x@client.example"');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });
});

describe('programs through the forms', () => {
  let clientId: string;
  let sponsorId: string;
  let programId: string;
  const programForm = (overrides: Record<string, string> = {}) => ({
    clientId,
    title: 'Leading with questions',
    goals: 'Ask before telling\r\n\r\nHold a weekly one-to-one',
    competencies: 'Listening\nDelegation',
    startDate: '2026-12-01',
    endDate: '2027-05-31',
    sessionsPlanned: '10',
    reportCadence: 'monthly',
    sharingLevel: 'actions',
    assessmentEveryWeeks: '6',
    ...overrides,
  });
  /** A form body with the sponsor ticked (a repeated field). */
  const withSponsor = (form: Record<string, string>) => ({ ...form, sponsorIds: sponsorId });

  beforeAll(async () => {
    clientId = idIn(await coach.post('/app/clients', clientForm()), /\/app\/clients\/([0-9A-Z]{26})/);
    sponsorId = idIn(await coach.post('/app/sponsors', { name: 'Max Muster', email: `max-${unique()}@client.example`, role: 'manager', locale: 'en', timeZone: 'Europe/Zurich' }), /\/app\/sponsors\/([0-9A-Z]{26})/);
  });

  it('starts a program for the client through the form; on to its page; the API sees every field', async () => {
    const form = await coach.get(`/app/programs/new?clientId=${clientId}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`name="sponsorIds" type="checkbox" value="${sponsorId}"`);
    expect(form.html).toContain('must agree');
    programId = idIn(await coach.post('/app/programs', withSponsor(programForm())), /^\/app\/programs\/([0-9A-Z]{26})$/);
    const program = (await F.as('coach', 'GET', `/v1/programs/${programId}`)).body.program;
    expect(program).toMatchObject({
      clientId,
      coachId: F.coach.userId,
      title: 'Leading with questions',
      goals: ['Ask before telling', 'Hold a weekly one-to-one'],
      competencies: ['Listening', 'Delegation'],
      sponsorIds: [sponsorId],
      startDate: '2026-12-01',
      endDate: '2027-05-31',
      sessionsPlanned: 10,
      reportCadence: 'monthly',
      sharingLevel: 'actions',
      assessmentEveryWeeks: 6,
      status: 'active',
    });
    const clientPage = await coach.get(`/app/clients/${clientId}`);
    expect(clientPage.html).toContain(`href="/app/programs/${programId}"`);
    expect(clientPage.html).toContain(`href="/app/programs/${programId}/edit"`);
  });

  it('changes the settings and the status; a form of an older version is shown again, nothing written', async () => {
    const page = await coach.get(`/app/programs/${programId}/edit`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Ask before telling\nHold a weekly one-to-one</textarea>');
    expect(page.html).toMatch(new RegExp(`value="${sponsorId}" checked`));
    const version = /name="version" value="(\d+)"/.exec(page.html)![1]!;
    const saved = await coach.post(`/app/programs/${programId}/edit`, { ...programForm({ title: 'Leading with questions, part two', endDate: '', status: 'paused', goals: 'Ask before telling' }), version });
    expect(saved.location).toBe(`/app/programs/${programId}`);
    const program = (await F.as('coach', 'GET', `/v1/programs/${programId}`)).body.program;
    expect(program).toMatchObject({ title: 'Leading with questions, part two', status: 'paused', goals: ['Ask before telling'], sponsorIds: [], version: Number(version) + 1 });
    expect(program.endDate).toBeUndefined();

    const before = await tenantSnapshot(F.tenantId);
    const stale = await coach.post(`/app/programs/${programId}/edit`, { ...programForm({ title: 'From an old tab' }), version });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('value="From an old tab"');
    expect(stale.html).toContain(`name="version" value="${Number(version) + 1}"`);
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });

  it('bad input of the program forms: 400, problems by the fields, typed values (goals and competencies too) kept, nothing written', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const goals = Array.from({ length: 11 }, (_, i) => `Goal ${i + 1}`).join('\n');
    const bad = await coach.post('/app/programs', withSponsor(programForm({ title: '', goals, competencies: 'Listening\nlistening', startDate: '2026-02-30', sessionsPlanned: 'ten', sharingLevel: 'everything' })));
    expect(bad.status).toBe(400);
    for (const field of ['title', 'goals', 'competencies', 'startDate', 'sessionsPlanned', 'sharingLevel']) expectProblemAt(bad, field);
    expect(bad.html).toContain(`${goals}</textarea>`);
    expect(bad.html).toContain('Listening\nlistening</textarea>');
    expect(bad.html).toContain('value="ten"');
    expect(bad.html).toMatch(new RegExp(`value="${sponsorId}" checked`));
    const ends = await coach.post('/app/programs', programForm({ endDate: '2026-11-01' }));
    expect(ends.status).toBe(400);
    expectProblemAt(ends, 'endDate');

    const version = /name="version" value="(\d+)"/.exec((await coach.get(`/app/programs/${programId}/edit`)).html)![1]!;
    const edit = await coach.post(`/app/programs/${programId}/edit`, { ...programForm({ assessmentEveryWeeks: '40', competencies: 'A\nB' }), status: 'finished', version });
    expect(edit.status).toBe(400);
    expectProblemAt(edit, 'assessmentEveryWeeks');
    expectProblemAt(edit, 'status');
    expect(edit.html).toContain('A\nB</textarea>');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });
});

describe('another coach’s clients and programs', () => {
  it('are a 404 page to a coach, read or posted, and nothing changes', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const answers = [
      await coach.get(`/app/clients/${owners.clientId}`),
      await coach.post(`/app/clients/${owners.clientId}`, { intent: 'archive', version: '1' }),
      await coach.get(`/app/programs/${owners.programId}/edit`),
      await coach.post(`/app/programs/${owners.programId}/edit`, { title: 'Mine now', version: '1' }),
      await coach.get(`/app/programs/new?clientId=${owners.clientId}`),
      await coach.post('/app/programs', { clientId: owners.clientId, title: 'Mine now', startDate: '2026-12-01', sessionsPlanned: '3' }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.html).toContain('Not found');
      expect(answer.html).not.toContain(owners.clientEmail);
    }
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
    // The owner opens them.
    const owner = await signedIn(api, F.owner.email, F.owner.password);
    expect((await owner.get(`/app/programs/${owners.programId}/edit`)).status).toBe(200);
    expect((await owner.get(`/app/clients/${owners.clientId}`)).html).toContain(`href="/app/programs/${owners.programId}"`);
  });

  it('pages in German for a German firm', async () => {
    const G = await createFirm(api, { locale: 'de' });
    const user = await signedIn(api, G.coach.email, G.coach.password);
    const page = await user.get('/app/clients/new');
    expect(page.html).toContain('<html lang="de"');
    expect(page.html).toContain('Neue Klient:in');
  });
});
