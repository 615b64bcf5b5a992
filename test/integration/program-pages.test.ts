import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { agreeToShare, clientRequest, createProgram, formOn, type ProgramFixture } from '../support/coaching.js';
import { addStaff, createFirm, type FirmFixture, type StaffFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';
import { tenantSnapshot } from '../support/tenant-items.js';
import { signedIn, type WebUser } from '../support/web.js';

/**
 * A program's pages in the staff web app: the program page shows every part of a lived-in program; a session is
 * recorded through the form (the client gets the capture email), bad input comes back with every typed value; an
 * obstacle is resolved with a note; the client link is sent again and revoked; another coach of the firm gets 404s.
 */
// The fixture's session and due dates are in late November 2026.
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
type Body = Record<string, any>;

let F: FirmFixture;
let P: ProgramFixture;
let coach: WebUser;
let otherCoach: StaffFixture;
let obstacleId: string;
const page = (path = '') => `/app/programs/${P.programId}${path}`;

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach', { program: { sharingLevel: 'actions' } });
  otherCoach = await addStaff(api, F.owner.token, 'coach');
  // The client acts through their link: a second action, marked not done with an obstacle; a flow check; sharing agreed.
  const client = await clientRequest(api, 'GET', P.linkPath);
  const added = await clientRequest(api, 'POST', '/client', { ...formOn(client.html, 'add'), title: 'Ask Sam to run the Friday stand-up', competency: 'Delegation' });
  expect(added.status).toBe(200);
  const again = await clientRequest(api, 'GET', P.linkPath);
  const marked = await clientRequest(api, 'POST', '/client', { ...formOn(again.html, 'mark', P.actionId), status: 'not_done', obstacleCategory: 'time', obstacleText: 'The Monday meeting ate the slot.', challenge: '5', skill: '2' });
  expect(marked.status, marked.html.slice(0, 1000)).toBe(200);
  await agreeToShare(api, P, 'actions');
  const assessed = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
  obstacleId = assessed.body.openObstacles[0].obstacleId;
  coach = await signedIn(api, F.coach.email, F.coach.password);
}, 120_000);

describe('the program page', () => {
  it('shows the agenda (obstacle first, the split suggestion), sessions with private notes marked, actions, charts, reports, pulse, consent and the client link', async () => {
    const answer = await coach.get(page());
    expect(answer.status, answer.html.slice(0, 500)).toBe(200);
    const html = answer.html;
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('Leading the new team');
    // Agenda: the open obstacle first, with its resolve form; the flow check's split suggestion.
    const agenda = html.slice(html.indexOf('id="agenda"'), html.indexOf('id="sessions"'));
    expect(agenda.indexOf('The Monday meeting ate the slot.')).toBeLessThan(agenda.indexOf('split it into smaller steps'));
    expect(agenda).toContain(`action="/app/programs/${P.programId}/obstacles/${obstacleId}/resolve"`);
    // Sessions: the shared summary and the private notes, marked private.
    expect(html).toContain('We looked at where your week goes.');
    expect(html).toMatch(/class="private"><p><strong>Private notes \(only staff see these/);
    expect(html).toMatch(/Private note \w+: seems tired\./);
    // Actions with status and a link to their history.
    expect(html).toContain(`href="/app/programs/${P.programId}/actions/${P.actionId}"`);
    expect(html).toContain('Ask Sam to run the Friday stand-up');
    expect(html).toMatch(/>not done</);
    // Self-assessment charts, one per competency (no round answered yet: said so).
    expect(html).toContain('class="stage-chart"');
    expect(html).toContain('There is no assessment of Delegation yet.');
    // Reports: consent, the preview and "send now"; the pulse; the client link forms; settings link.
    expect(html).toContain('You proposed:');
    expect(html).toContain('The client agreed to: action titles');
    expect(html).toContain('Preview of the next report');
    expect(html).toContain(`action="/app/programs/${P.programId}/reports"`);
    expect(html).toContain('Sponsors’ pulse');
    expect(html).toContain(`action="/app/programs/${P.programId}/client-link"`);
    expect(html).toContain(`action="/app/programs/${P.programId}/client-link/revoke"`);
    expect(html).toContain(`href="/app/programs/${P.programId}/edit"`);
    expect(Buffer.byteLength(html)).toBeLessThan(100 * 1024);
  });

  it('shows an action’s history, paged', async () => {
    const answer = await coach.get(page(`/actions/${P.actionId}`));
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('History: Block two focus hours on Monday');
    expect(answer.html).toMatch(/Action created by staff/);
    expect(answer.html).toMatch(/Obstacle created by the client|Action changed by the client/);
    // Values in the page's words: the status by its name, the flow check as its two ratings.
    expect(answer.html).toContain('status: open → not done');
    expect(answer.html).toContain('flow check: – → challenge 5, skill 2');
    expect((await coach.get(page(`/actions/${P.actionId}?cursor=bm90LWEtY3Vyc29y`))).status).toBe(404);
  });

  it('sends reports now and lists them as sent', async () => {
    const sent = await coach.post(page('/reports'), { sponsorId: P.sponsorId });
    expect(sent.status, sent.html.slice(0, 500)).toBe(303);
    expect(sent.location).toBe(page('?done=reportSent'));
    expect((await emailsTo(P.sponsorEmail)).length).toBeGreaterThan(0);
    const after = await coach.get(sent.location!);
    expect(after.html).toContain('The report is on its way.');
    // The sponsor by name, as the coach knows them.
    expect(after.html).toMatch(/Sponsor [0-9a-f]{10}: .* sent .*sent on demand/);
  });
});

describe('recording a session', () => {
  it('the form defaults the date to today in the firm’s zone and offers the program’s competencies', async () => {
    const form = await coach.get(page('/sessions/new'));
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="2026-11-25"');
    expect(form.html).toContain('<option value="Feedback">Feedback</option>');
    expect(form.html.match(/name="actions\.\d\.title"/g)).toHaveLength(5);
  });

  it('bad input (a title too long, a bad date, a competency not in the program) comes back with every typed value, and writes nothing', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const typed = {
      date: '2026-11-31',
      sharedSummary: 'We planned the <handover>.',
      privateNotes: 'Keep an eye on energy.',
      'actions.0.title': 'x'.repeat(201),
      'actions.0.ifThenPlan': 'When Sam asks, I will say yes',
      'actions.2.title': 'Write the handover note',
      'actions.2.dueDate': '2026-12-03',
    };
    const bad = await coach.post(page('/sessions'), typed);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('<a href="#date">Enter the date as YYYY-MM-DD');
    expect(bad.html).toContain('<a href="#actions.0.title">Enter what the client will do');
    expect(bad.html).toMatch(/id="actions\.0\.title"[^>]*value="x{201}"[^>]*aria-invalid="true"|value="x{201}"[^>]*aria-describedby="actions\.0\.title-error" aria-invalid="true"/);
    expect(bad.html).toContain('value="2026-11-31"');
    expect(bad.html).toContain('We planned the &lt;handover&gt;.</textarea>');
    expect(bad.html).toContain('Keep an eye on energy.</textarea>');
    expect(bad.html).toContain('value="When Sam asks, I will say yes"');
    expect(bad.html).toContain('value="Write the handover note"');
    expect(bad.html).toContain('value="2026-12-03"');

    const competency = await coach.post(page('/sessions'), { date: '2026-11-24', 'actions.1.title': 'Ask for feedback', 'actions.1.competency': 'Juggling' });
    expect(competency.status).toBe(400);
    expect(competency.html).toContain('<a href="#actions.1.competency">Choose one of the program’s competencies.');
    expect(competency.html).toContain('value="Ask for feedback"');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });

  it('records a session with two actions: 303 with the notice, the capture email arrives, the actions are on the page', async () => {
    const mailsBefore = (await emailsTo(P.clientEmail)).length;
    const done = await coach.post(page('/sessions'), {
      date: '2026-11-24',
      sharedSummary: 'Handing over the stand-up.',
      privateNotes: 'Confident today.',
      'actions.0.title': 'Hand the stand-up to Sam',
      'actions.0.dueDate': '2026-12-01',
      'actions.0.competency': 'Delegation',
      'actions.3.title': 'Ask two peers for feedback',
      'actions.3.ifThenPlan': 'When the retro ends, I will ask two peers',
    });
    expect(done.status, done.html.slice(0, 800)).toBe(303);
    expect(done.location).toBe(page('?done=session'));
    const mails = await emailsTo(P.clientEmail);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.subject).toMatch(/session 2/i);
    expect(mails.at(-1)!.body.text).not.toContain('Confident today.');
    const after = await coach.get(done.location!);
    expect(after.html).toMatch(/Session recorded; Client \S+ has been emailed the link\./);
    expect(after.html).toContain('Hand the stand-up to Sam');
    expect(after.html).toContain('Ask two peers for feedback');
    expect(after.html).toContain('Session 2 ·');
    const api2 = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(api2.body.sessions.at(-1)).toMatchObject({ number: 2, sharedSummary: 'Handing over the stand-up.', completion: { total: 2 } });
    expect(api2.body.actions.find((a: Body) => a.title === 'Ask two peers for feedback').ifThenPlan).toBe('When the retro ends, I will ask two peers');
  });
});

describe('the same session form sent twice', () => {
  it('records one session and sends one email: the form carries the session’s id from when it was shown', async () => {
    const form = await coach.get(page('/sessions/new'));
    const sessionId = /name="sessionId" value="([0-9A-Z]{26})"/.exec(form.html)?.[1];
    expect(sessionId).toBeDefined();
    const before = (await F.as('coach', 'GET', `/v1/programs/${P.programId}`)).body.sessions.length;
    const mailsBefore = (await emailsTo(P.clientEmail)).length;
    const fields = { sessionId: sessionId!, date: '2026-11-24', sharedSummary: 'Sent twice by a double click.', 'actions.0.title': 'Say it once' };
    const [first, second] = [await coach.post(page('/sessions'), fields), await coach.post(page('/sessions'), fields)];
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(page('?done=session'));
    const sessions = (await F.as('coach', 'GET', `/v1/programs/${P.programId}`)).body.sessions;
    expect(sessions).toHaveLength(before + 1);
    expect(sessions.at(-1).sessionId).toBe(sessionId);
    expect(await emailsTo(P.clientEmail)).toHaveLength(mailsBefore + 1);
    // A fresh form is a fresh session.
    expect(/name="sessionId" value="([0-9A-Z]{26})"/.exec((await coach.get(page('/sessions/new'))).html)?.[1]).not.toBe(sessionId);
  });
});

describe('resolving an obstacle', () => {
  it('without a note comes back with the message by the field; with a note it leaves the agenda', async () => {
    const bad = await coach.post(page(`/obstacles/${obstacleId}/resolve`), { note: '  ' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain(`<a href="#note-${obstacleId}">Say in at most 1,000 characters how it was resolved.`);
    const resolved = await coach.post(page(`/obstacles/${obstacleId}/resolve`), { note: 'Moved the slot to Tuesday.' });
    expect(resolved.status).toBe(303);
    expect(resolved.location).toBe(page('?done=resolved'));
    const after = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(after.body.openObstacles).toEqual([]);
    expect((await coach.get(page())).html).not.toContain(`/obstacles/${obstacleId}/resolve`);
  });
});

describe('the client link', () => {
  it('is sent again (a fresh link by email), then revoked: the old links stop working', async () => {
    const before = (await emailsTo(P.clientEmail)).length;
    const sent = await coach.post(page('/client-link'));
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(page('?done=linkSent'));
    expect(await emailsTo(P.clientEmail)).toHaveLength(before + 1);
    expect((await clientRequest(api, 'GET', P.linkPath)).status).toBe(200);
    const revoked = await coach.post(page('/client-link/revoke'));
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe(page('?done=linksRevoked'));
    expect((await clientRequest(api, 'GET', P.linkPath)).status).toBe(410);
  });
});

describe('another coach of the same firm', () => {
  it('gets the 404 page for the program, its form, an action’s history and every post, and nothing is written', async () => {
    const other = await signedIn(api, otherCoach.email, otherCoach.password);
    const before = await tenantSnapshot(F.tenantId);
    const mails = (await emailsTo(P.clientEmail)).length;
    for (const path of [page(), page('/sessions/new'), page(`/actions/${P.actionId}`)]) {
      const answer = await other.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.html).not.toContain('Leading the new team');
    }
    const posts: [string, Record<string, string>][] = [
      [page('/sessions'), { date: '2026-11-24', 'actions.0.title': 'Sneaky' }],
      [page(`/obstacles/${obstacleId}/resolve`), { note: 'Not mine' }],
      [page('/client-link'), {}],
      [page('/client-link/revoke'), {}],
      [page('/reports'), {}],
    ];
    for (const [path, form] of posts) expect((await other.post(path, form)).status, path).toBe(404);
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
    expect(await emailsTo(P.clientEmail)).toHaveLength(mails);
    // The firm's owner sees every program.
    const owner = await signedIn(api, F.owner.email, F.owner.password);
    expect((await owner.get(page())).status).toBe(200);
  });
});

describe('an action with a long history', () => {
  it('is shown a page at a time (oldest first), with a link to the later changes and back', async () => {
    for (let i = 0; i < 26; i += 1) {
      const changed = await F.as('coach', 'PATCH', `/v1/programs/${P.programId}/actions/${P.actionId}`, { title: `Block two focus hours, take ${i}` });
      expect(changed.status).toBe(200);
    }
    const first = await coach.get(page(`/actions/${P.actionId}`));
    expect(first.status).toBe(200);
    const older = /href="([^"]+\?cursor=[\w-]+)">Later changes</.exec(first.html);
    expect(older).not.toBeNull();
    const second = await coach.get(older![1]!);
    expect(second.status).toBe(200);
    expect(second.html).toContain('Back to the first changes');
    console.info(`action history page: ${Buffer.byteLength(first.html)} bytes`);
    expect(Buffer.byteLength(first.html)).toBeLessThan(100 * 1024);
    expect(second.html).toContain('→ Block two focus hours, take 25');
    expect(first.html).not.toContain('→ Block two focus hours, take 25');
    expect(first.html).toContain('title: Block two focus hours on Monday → Block two focus hours, take 0');
  });
});

describe('a German firm', () => {
  it('shows the program page and the form in German', async () => {
    const G = await createFirm(api, { locale: 'de' });
    const Q = await createProgram(G);
    const user = await signedIn(api, G.coach.email, G.coach.password);
    const answer = await user.get(`/app/programs/${Q.programId}`);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('<html lang="de">');
    expect(answer.html).toContain('Agenda der nächsten Sitzung');
    expect(answer.html).toContain('Private Notizen');
    const form = await user.get(`/app/programs/${Q.programId}/sessions/new`);
    expect(form.html).toContain('Sitzung speichern');
    const bad = await user.post(`/app/programs/${Q.programId}/sessions`, { date: 'morgen' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Geben Sie das Datum als JJJJ-MM-TT ein');
  });
});

describe('a program that is not running', () => {
  it('refuses a session and a fresh link with a page that says why, and writes nothing', async () => {
    const Q = await createProgram(F);
    expect((await F.as('coach', 'PATCH', `/v1/programs/${Q.programId}`, { status: 'completed' })).status).toBe(200);
    const before = await tenantSnapshot(F.tenantId);
    const mails = (await emailsTo(Q.clientEmail)).length;
    const session = await coach.post(`/app/programs/${Q.programId}/sessions`, { date: '2026-11-24', 'actions.0.title': 'One more step' });
    expect(session.status).toBe(409);
    expect(session.html).toContain('This could not be done');
    expect(session.html).toContain(`href="/app/programs/${Q.programId}"`);
    expect((await coach.post(`/app/programs/${Q.programId}/client-link`)).status).toBe(409);
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
    expect(await emailsTo(Q.clientEmail)).toHaveLength(mails);
    // Its page still opens, read as it was left.
    expect((await coach.get(`/app/programs/${Q.programId}`)).html).toContain('completed · 1 of 8 sessions held');
  });
});
