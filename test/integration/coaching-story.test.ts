import { beforeAll, describe, expect, it } from 'vitest';
import { useClockFrom } from '../support/clock.js';
import { useApi } from '../support/api.js';
import { clientRequest, createProgram, formOn, programItems, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/**
 * The loop the product exists for, through the API and the client's page: a coach records a session with an action
 * agreed in it, the client gets the capture email, adds two actions, marks one done and one not done with an
 * obstacle, undoes and redoes a change; the coach's program page shows it all, the obstacle first on the agenda.
 */
// The fixtures' sessions and due dates are in late November 2026: the story runs as of then.
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
type Body = Record<string, any>;

let F: FirmFixture;
let P: ProgramFixture;

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F);
}, 120_000);

describe('recording a session', () => {
  it('emails the client a capture link in the firm’s look, without the coach’s notes or the session content', async () => {
    const [mail] = await emailsTo(P.clientEmail);
    expect(mail!.subject).toMatch(/session 1/i);
    expect(mail!.body.text).toContain('/client?token=');
    expect(mail!.body.text).not.toMatch(/Private note|seems tired|where your week goes/);
    expect(mail!.body.html).not.toMatch(/Private note|seems tired/);
  });

  it('shows on the program page: the session, its pre-filled action, counters', async () => {
    const page = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.sessions).toHaveLength(1);
    expect(page.body.sessions[0]).toMatchObject({ number: 1, sharedSummary: 'We looked at where your week goes.', completion: { total: 1, open: 1 } });
    expect(page.body.actions.map((a: Body) => a.title)).toEqual(['Block two focus hours on Monday']);
    expect(page.body.program).toMatchObject({ sessionsHeld: 1, completion: { open: 1 } });
  });
});

describe('the client page', () => {
  it('opens from the link: the program, the latest session’s summary, the action; never the private notes', async () => {
    const page = await clientRequest(api, 'GET', P.linkPath);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Leading the new team');
    expect(page.html).toContain('We looked at where your week goes.');
    expect(page.html).toContain('Block two focus hours on Monday');
    expect(page.html).not.toMatch(/Private note|seems tired/);
  });

  it('GET and HEAD change nothing', async () => {
    const before = await programItems(F.tenantId, P.programId);
    await clientRequest(api, 'GET', P.linkPath);
    await clientRequest(api, 'HEAD', P.linkPath);
    expect(await programItems(F.tenantId, P.programId)).toBe(before);
  });

  let own: string;
  let second: string;
  it('adds two actions, marks one done and the other not done with an obstacle; a double submit records once', async () => {
    let page = await clientRequest(api, 'GET', P.linkPath);
    const add1 = { ...formOn(page.html, 'add'), title: 'Ask Sam to run the Friday stand-up', dueDate: '2026-11-27', competency: 'Delegation' };
    const first = await clientRequest(api, 'POST', '/client', add1);
    expect(first.status, first.html.slice(0, 2000)).toBe(200);
    expect(first.html).toContain('Added: Ask Sam to run the Friday stand-up');
    const again = await clientRequest(api, 'POST', '/client', add1);
    expect(again.status).toBe(200);
    expect(again.html).toMatch(/recorded already/);

    page = await clientRequest(api, 'GET', P.linkPath);
    const add2 = { ...formOn(page.html, 'add'), title: 'Give Alex feedback on the report', ifThenPlan: 'When I see Alex on Tuesday, I will ask for ten minutes' };
    expect((await clientRequest(api, 'POST', '/client', add2)).status).toBe(200);

    const coachView = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    const titles = coachView.body.actions.map((a: Body) => a.title);
    expect(titles.filter((t: string) => t === 'Ask Sam to run the Friday stand-up')).toHaveLength(1);
    own = coachView.body.actions.find((a: Body) => a.title === 'Ask Sam to run the Friday stand-up').actionId;
    second = coachView.body.actions.find((a: Body) => a.title === 'Give Alex feedback on the report').actionId;
    expect(coachView.body.actions.find((a: Body) => a.actionId === own).createdBy).toEqual({ kind: 'client' });

    page = await clientRequest(api, 'GET', P.linkPath);
    const done = await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'mark', own), status: 'done', reflection: 'Sam was glad to do it.', challenge: '3', skill: '3' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Recorded: Ask Sam to run the Friday stand-up is done.');

    page = await clientRequest(api, 'GET', P.linkPath);
    const notDone = await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'mark', second), status: 'not_done', obstacleCategory: 'time', obstacleText: 'Alex was off sick all week.' });
    expect(notDone.status).toBe(200);
    expect(notDone.html).toContain('Alex was off sick all week.');
  });

  it('undoes a change and redoes it: the history keeps all three', async () => {
    let page = await clientRequest(api, 'GET', P.linkPath);
    const marked = await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'mark', P.actionId), status: 'partly' });
    expect(marked.html).toContain('Undo');
    const undone = await clientRequest(api, 'POST', '/client', formOn(marked.html, 'undo'));
    expect(undone.status, undone.html.slice(0, 1500)).toBe(200);
    expect(undone.html).toContain('Taken back');
    let action = await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${P.actionId}`);
    expect(action.body.action.status).toBe('open');

    page = await clientRequest(api, 'GET', P.linkPath);
    await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'mark', P.actionId), status: 'partly' });
    action = await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${P.actionId}`);
    expect(action.body.action.status).toBe('partly');
    expect(action.body.history.map((c: Body) => c.kind)).toEqual(['created', 'updated', 'undone', 'updated']);
    expect(action.body.history[2].fields.status).toEqual({ from: 'partly', to: 'open' });
  });

  it('the coach’s program page shows it all, the obstacle at the top of the agenda, and can resolve it from there', async () => {
    const page = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(page.body.completion).toMatchObject({ total: 3, done: 1, partly: 1, notDone: 1, open: 0 });
    expect(page.body.agenda[0]).toMatchObject({ kind: 'obstacle', actionId: second, text: 'Alex was off sick all week.', category: 'time' });
    expect(page.body.latestFlowChecks[0]).toMatchObject({ actionId: own, challenge: 3, skill: 3 });
    expect(page.body.flow).toMatchObject({ counts: { flow: 1, anxiety: 0, boredom: 0, apathy: 0 }, recent: [{ actionId: own, challenge: 3, skill: 3, zone: 'flow' }] });
    const delegation = page.body.competencies.find((c: Body) => c.competency === 'Delegation');
    expect(delegation.inProgram).toBe(true);
    expect(delegation.actions).toContainEqual({ actionId: own, title: 'Ask Sam to run the Friday stand-up', status: 'done' });
    expect(page.body.program.lastClientActivityAt).toEqual(expect.any(String));
    const resolve = page.body.agenda[0].resolve;
    const resolved = await F.as('coach', resolve.method, resolve.path, { resolved: true, resolutionNote: 'Agreed to try again next week.' });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const after = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(after.body.agenda.find((i: Body) => i.kind === 'obstacle')).toBeUndefined();
    expect(after.body.program.openObstacles).toBe(0);
    // Resolving it again keeps who resolved it and when; only the note changes.
    const again = await F.as('admin', resolve.method, resolve.path, { resolved: true, resolutionNote: 'Agreed: next week, with Sam.' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.obstacle.resolved).toEqual({ ...resolved.body.obstacle.resolved, note: 'Agreed: next week, with Sam.' });
    // The blocked action's history holds the client's "not done" with its obstacle, and the coach's resolution.
    const history = (await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${second}`)).body.history as Body[];
    expect(history.map((c) => `${c.subject}:${c.kind}:${c.by.kind}`)).toEqual(['action:created:client', 'action:updated:client', 'obstacle:updated:staff', 'obstacle:updated:staff']);
    expect(history[2]).toMatchObject({ by: { kind: 'staff', id: F.coach.userId }, fields: { resolved: { from: null, to: { note: 'Agreed to try again next week.' } } } });
    // A flow check that says it was too hard puts a split on the agenda, after what was not done.
    expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}/actions/${second}`, { flow: { challenge: 5, skill: 2 } })).status).toBe(200);
    const suggested = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    const agenda = suggested.body.agenda.map((i: Body) => `${i.kind}:${i.actionId}`) as string[];
    expect(agenda.filter((i) => i.endsWith(second))).toEqual([`not-done:${second}`, `split:${second}`]);
    expect(agenda.at(-1)).toBe(`split:${second}`);
    expect(suggested.body.flow.counts).toMatchObject({ anxiety: 1, flow: 1 });
  });
});

describe('program settings', () => {
  it('takes an end date away, pauses and completes a program; lists filter by the new status, the client page turns read-only', async () => {
    const set = await F.as('coach', 'PATCH', `/v1/programs/${P.programId}`, { endDate: '2027-03-31', sessionsPlanned: 10 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.program).toMatchObject({ endDate: '2027-03-31', sessionsPlanned: 10 });
    const cleared = await F.as('coach', 'PATCH', `/v1/programs/${P.programId}`, { endDate: null, status: 'paused' });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.program.endDate).toBeUndefined();
    const paused = await F.as('coach', 'GET', '/v1/programs?status=paused');
    expect(paused.body.programs.map((p: Body) => p.programId)).toContain(P.programId);
    expect((await F.as('coach', 'GET', '/v1/programs?status=active')).body.programs.map((p: Body) => p.programId)).not.toContain(P.programId);

    expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}`, { status: 'completed' })).status).toBe(200);
    const page = await clientRequest(api, 'GET', P.linkPath);
    expect(page.status).toBe(200);
    expect(page.html).toContain('This program takes no more changes');
    expect(page.html).not.toContain('name="intent" value="mark"');
    // Reopened, it takes changes again.
    expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}`, { status: 'active' })).status).toBe(200);
    expect((await clientRequest(api, 'GET', P.linkPath)).html).toContain('name="intent" value="mark"');
  });
});

describe('a page with many actions', () => {
  it('carries forms for a few, and a link for every other action that opens the page with its forms', async () => {
    const Q = await createProgram(F, 'coach', { program: { title: 'Many small steps' } });
    for (let i = 0; i < 10; i += 1) {
      const made = await F.as('coach', 'POST', `/v1/programs/${Q.programId}/actions`, { title: `Step ${i}`, dueDate: `2026-12-${String(10 + i).padStart(2, '0')}` });
      expect(made.status).toBe(201);
    }
    const page = await clientRequest(api, 'GET', Q.linkPath);
    const marks = page.html.match(/name="intent" value="mark"/g) ?? [];
    expect(marks.length).toBe(8);
    // The latest-due steps have a link instead; it opens the page with that step's forms (and only those).
    const link = /href="(\/client\?token=[^"]+&amp;action=([0-9A-Z]{26})#action-[0-9A-Z]{26})"/.exec(page.html);
    expect(link).not.toBeNull();
    const focused = await clientRequest(api, 'GET', link![1]!.replace(/&amp;/g, '&').replace(/#.*$/, ''));
    expect(focused.status).toBe(200);
    expect(focused.html.match(/name="intent" value="mark"/g)).toHaveLength(1);
    expect(formOn(focused.html, 'mark', link![2]!).action).toBe(link![2]);
    // A malformed action id in the address just shows the page.
    expect((await clientRequest(api, 'GET', `${Q.linkPath}&action=nope`)).status).toBe(200);

    // However many actions a session gathers, the page stays under 50 KB: the newest are listed, the rest counted.
    for (let i = 10; i < 70; i += 1) {
      expect((await F.as('coach', 'POST', `/v1/programs/${Q.programId}/actions`, { title: `A rather long title of small step number ${i}, to weigh like a real one`, dueDate: '2026-12-28' })).status).toBe(201);
    }
    const full = await clientRequest(api, 'GET', Q.linkPath);
    expect(Buffer.byteLength(full.html)).toBeLessThanOrEqual(50 * 1024);
    expect(full.html).toMatch(/And 26 earlier actions/);
  }, 60_000);
});

describe('an archived client', () => {
  it('keeps a readable page that takes no changes, and gets no session email until reactivated', async () => {
    const R = await createProgram(F, 'coach', { program: { title: 'Ending well' } });
    expect((await F.as('coach', 'PATCH', `/v1/clients/${R.clientId}`, { status: 'archived' })).status).toBe(200);
    const page = await clientRequest(api, 'GET', R.linkPath);
    expect(page.status).toBe(200);
    expect(page.html).toContain('This program takes no more changes');
    expect(page.html).not.toContain('name="intent" value="mark"');
    const session = await F.as('coach', 'POST', `/v1/programs/${R.programId}/sessions`, { heldAt: '2026-11-26T10:00:00+01:00' });
    expect(session.status).toBe(409);
    expect(session.body.error.message).toMatch(/archived/);
    expect((await F.as('coach', 'PATCH', `/v1/clients/${R.clientId}`, { status: 'active' })).status).toBe(200);
    expect((await clientRequest(api, 'GET', R.linkPath)).html).toContain('name="intent" value="mark"');
  });
});
