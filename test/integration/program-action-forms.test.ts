import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { addStaff, createFirm, type FirmFixture, type StaffFixture } from '../support/firms.js';
import { tenantSnapshot } from '../support/tenant-items.js';
import { signedIn, type WebUser } from '../support/web.js';

/**
 * Actions and obstacles from the staff web app, outside a session: an action added from its form, changed on its page
 * (fields, status, archiving) only while the form shows its current version, an obstacle logged from it (then on the
 * agenda); bad input comes back with the typed values and nothing written; another coach of the firm gets 404s.
 */
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();

let F: FirmFixture;
let P: ProgramFixture;
let coach: WebUser;
let otherCoach: StaffFixture;
const page = (path = '') => `/app/programs/${P.programId}${path}`;
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1];

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach');
  otherCoach = await addStaff(api, F.owner.token, 'coach');
  coach = await signedIn(api, F.coach.email, F.coach.password);
}, 120_000);

describe('adding an action', () => {
  it('offers the form from the program page and adds the action with the API’s rules', async () => {
    const program = await coach.get(page());
    expect(program.html).toContain(`href="/app/programs/${P.programId}/actions/new"`);
    const form = await coach.get(page('/actions/new'));
    expect(form.status).toBe(200);
    expect(form.html).toContain(`action="/app/programs/${P.programId}/actions"`);
    expect(form.html).toContain('<option value="Feedback">Feedback</option>');
    const added = await coach.post(page('/actions'), { title: 'Open the Monday meeting with the agenda', ifThenPlan: 'When I open the meeting, I will show the agenda', dueDate: '2026-12-04', competency: 'Feedback' });
    expect(added.status, added.html.slice(0, 500)).toBe(303);
    expect(added.location).toMatch(new RegExp(`^/app/programs/${P.programId}/actions/[0-9A-Z]{26}\\?done=added$`));
    const shown = await coach.get(added.location!);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('Action added.');
    expect(shown.html).toContain('value="Open the Monday meeting with the agenda"');
    expect(shown.html).toContain('value="2026-12-04"');
    expect(shown.html).toContain('<option value="Feedback" selected>');
    const api_ = await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${added.location!.split('/').at(-1)!.split('?')[0]}`);
    expect(api_.body.action).toMatchObject({ title: 'Open the Monday meeting with the agenda', competency: 'Feedback', dueDate: '2026-12-04', status: 'open', createdBy: { kind: 'staff' } });
  });

  it('keeps the typed values and writes nothing on bad input', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const bad = await coach.post(page('/actions'), { title: 'Keep this title', dueDate: '2026-02-30', ifThenPlan: 'When it rains, I will walk' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('role="alert"');
    expect(bad.html).toMatch(/id="dueDate-error">Enter the due date as YYYY-MM-DD/);
    expect(bad.html).toContain('value="Keep this title"');
    expect(bad.html).toContain('value="2026-02-30"');
    expect(bad.html).toContain('value="When it rains, I will walk"');
    const noTitle = await coach.post(page('/actions'), { title: ' ', competency: 'Not one of them' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.html).toMatch(/id="title-error">/);
    // A competency the program does not name: the domain's own check, by the field.
    const stranger = await coach.post(page('/actions'), { title: 'Fine title', competency: 'Not one of them' });
    expect(stranger.status).toBe(400);
    expect(stranger.html).toMatch(/id="competency-error">Choose one of the program’s competencies/);
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });
});

describe('the same add form sent twice', () => {
  it('adds one action: the form carries the new action’s id from when it was shown', async () => {
    const form = await coach.get(page('/actions/new'));
    const changeId = /name="changeId" value="([0-9A-Z]{26})"/.exec(form.html)?.[1];
    expect(changeId).toBeDefined();
    const count = async () => (await F.as('coach', 'GET', `/v1/programs/${P.programId}`)).body.actions.filter((a: { title: string }) => a.title === 'Only once, please').length;
    const fields = { changeId: changeId!, title: 'Only once, please' };
    const first = await coach.post(page('/actions'), fields);
    const second = await coach.post(page('/actions'), fields);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    expect(first.location).toBe(page(`/actions/${changeId}?done=added`));
    expect(await count()).toBe(1);
  });
});

describe('changing an action on its page', () => {
  it('changes fields and status, then archives it; each change joins the history', async () => {
    const opened = await coach.get(page(`/actions/${P.actionId}`));
    expect(opened.status).toBe(200);
    expect(opened.html.match(/<h1>/g)).toHaveLength(1);
    const version = versionOn(opened.html)!;
    const changed = await coach.post(page(`/actions/${P.actionId}`), { version, title: 'Block three focus hours on Monday', ifThenPlan: '', dueDate: '2026-12-01', competency: 'Feedback', status: 'partly' });
    expect(changed.status, changed.html.slice(0, 500)).toBe(303);
    expect(changed.location).toBe(page(`/actions/${P.actionId}?done=changed`));
    const after = await coach.get(changed.location!);
    expect(after.html).toContain('Action changed.');
    expect(after.html).toMatch(/title: “?Block two focus hours on Monday”? → “?Block three focus hours on Monday/);
    expect(Number(versionOn(after.html))).toBe(Number(version) + 1);
    let action = (await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${P.actionId}`)).body.action;
    expect(action).toMatchObject({ title: 'Block three focus hours on Monday', dueDate: '2026-12-01', competency: 'Feedback', status: 'partly', archived: false });
    // The same values again: nothing to record, said so.
    const same = await coach.post(page(`/actions/${P.actionId}`), { version: versionOn(after.html)!, title: 'Block three focus hours on Monday', dueDate: '2026-12-01', competency: 'Feedback', status: 'partly' });
    expect(same.location).toBe(page(`/actions/${P.actionId}?done=unchanged`));
    const archived = await coach.post(page(`/actions/${P.actionId}`), { version: versionOn(after.html)!, title: 'Block three focus hours on Monday', dueDate: '2026-12-01', competency: 'Feedback', status: 'done', archived: 'on' });
    expect(archived.status).toBe(303);
    action = (await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${P.actionId}`)).body.action;
    expect(action).toMatchObject({ status: 'done', archived: true });
    expect((await coach.get(page(`/actions/${P.actionId}`))).html).toMatch(/name="archived" type="checkbox" checked/);
  });

  it('refuses a stale form with a 409 page and writes nothing', async () => {
    const opened = await coach.get(page(`/actions/${P.actionId}`));
    const version = versionOn(opened.html)!;
    // The client (or a colleague) changes it meanwhile, through the API.
    const meanwhile = await F.as('owner', 'PATCH', `/v1/programs/${P.programId}/actions/${P.actionId}`, { status: 'open' });
    expect(meanwhile.status, JSON.stringify(meanwhile.body)).toBe(200);
    const before = await tenantSnapshot(F.tenantId);
    const stale = await coach.post(page(`/actions/${P.actionId}`), { version, title: 'Overwritten by a stale form', status: 'dropped' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('The action changed meanwhile');
    expect(stale.html).toContain(`href="/app/programs/${P.programId}/actions/${P.actionId}"`);
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });

  it('keeps the typed values on bad input and writes nothing', async () => {
    const opened = await coach.get(page(`/actions/${P.actionId}`));
    const before = await tenantSnapshot(F.tenantId);
    const bad = await coach.post(page(`/actions/${P.actionId}`), { version: versionOn(opened.html)!, title: 'A new title kept', dueDate: 'next week', status: 'open' });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="dueDate-error">/);
    expect(bad.html).toContain('value="A new title kept"');
    expect(bad.html).toContain('value="next week"');
    const badStatus = await coach.post(page(`/actions/${P.actionId}`), { version: versionOn(opened.html)!, title: 'A new title kept', status: 'maybe' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.html).toMatch(/id="status-error">Choose one of the statuses/);
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });
});

describe('logging an obstacle', () => {
  it('logs it from the action’s page; it is then on the program page’s agenda', async () => {
    const logged = await coach.post(page('/obstacles'), { actionId: P.actionId, text: 'The Monday meeting ran over again.', category: 'time' });
    expect(logged.status, logged.html.slice(0, 500)).toBe(303);
    expect(logged.location).toBe(page(`/actions/${P.actionId}?done=obstacle`));
    expect((await coach.get(logged.location!)).html).toContain('Obstacle logged');
    const program = await coach.get(page());
    const agenda = program.html.slice(program.html.indexOf('id="agenda"'), program.html.indexOf('id="sessions"'));
    expect(agenda).toContain('The Monday meeting ran over again.');
  });

  it('keeps the typed text on bad input and writes nothing', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const bad = await coach.post(page('/obstacles'), { actionId: P.actionId, text: 'Kept as typed', category: 'weather' });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="category-error">Choose a category/);
    expect(bad.html).toContain('>Kept as typed</textarea>');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });
});

describe('another coach of the firm', () => {
  it('gets the 404 page for every action form and nothing is written', async () => {
    const other = await signedIn(api, otherCoach.email, otherCoach.password);
    const before = await tenantSnapshot(F.tenantId);
    expect((await other.get(page('/actions/new'))).status).toBe(404);
    expect((await other.post(page('/actions'), { title: 'Not mine' })).status).toBe(404);
    expect((await other.post(page(`/actions/${P.actionId}`), { version: '1', title: 'Not mine', status: 'dropped' })).status).toBe(404);
    expect((await other.post(page('/obstacles'), { actionId: P.actionId, text: 'Not mine', category: 'time' })).status).toBe(404);
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });
});

describe('a German firm', () => {
  it('shows the action forms and their problems in German', async () => {
    const G = await createFirm(api, { locale: 'de' });
    const Q = await createProgram(G);
    const user = await signedIn(api, G.coach.email, G.coach.password);
    const action = await user.get(`/app/programs/${Q.programId}/actions/${Q.actionId}`);
    expect(action.html).toContain('<h2>Aktion ändern</h2>');
    expect(action.html).toContain('<h2>Hindernis erfassen</h2>');
    expect((await user.get(`/app/programs/${Q.programId}`)).html).toContain('>Aktion hinzufügen</a>');
    const bad = await user.post(`/app/programs/${Q.programId}/obstacles`, { actionId: Q.actionId, text: 'Zu viele Termine', category: 'wetter' });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="category-error">Wählen Sie eine Kategorie/);
  });
});
