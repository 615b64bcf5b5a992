import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { addStaff, createFirm, type FirmFixture, type StaffFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';
import { tenantSnapshot } from '../support/tenant-items.js';
import { signedIn, type WebUser } from '../support/web.js';

/**
 * What the JSON API let staff do and the program page now does too: ask for a self-assessment now (once a day), give
 * the coach's own view of a round, edit and archive a session. Bad input comes back with the message by the field and
 * the typed values kept, nothing written; another coach of the firm gets the 404 page for each and writes nothing.
 */
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();

let F: FirmFixture;
let P: ProgramFixture;
let coach: WebUser;
let otherCoach: StaffFixture;
const page = (path = '') => `/app/programs/${P.programId}${path}`;
const today = '2026-11-25';

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach');
  otherCoach = await addStaff(api, F.owner.token, 'coach');
  coach = await signedIn(api, F.coach.email, F.coach.password);
}, 120_000);

describe('the self-assessment from the coach’s side', () => {
  it('asks for one now: the client is emailed once, a second ask the same day says so and sends nothing', async () => {
    const before = (await emailsTo(P.clientEmail)).length;
    const program = await coach.get(page());
    expect(program.html).toContain(`action="/app/programs/${P.programId}/assessments"`);
    expect(program.html).toContain('Ask for a self-assessment now');

    const sent = await coach.post(page('/assessments'));
    expect(sent.status, sent.html.slice(0, 500)).toBe(303);
    expect(sent.location).toBe(page('?done=assessmentSent'));
    expect(await emailsTo(P.clientEmail)).toHaveLength(before + 1);
    const after = await coach.get(sent.location!);
    expect(after.html).toContain('A self-assessment is open today;');
    // Today's round is listed, with the link to the coach's view of it.
    expect(after.html).toContain(`href="/app/programs/${P.programId}/assessments/${today}/coach-view"`);

    const again = await coach.post(page('/assessments'));
    expect(again.location).toBe(page('?done=assessmentSentAlready'));
    expect(await emailsTo(P.clientEmail)).toHaveLength(before + 1);
    expect((await coach.get(again.location!)).html).toContain('was already asked for a self-assessment today; nothing was sent again.');
  });

  it('saves the coach’s view of a round and shows it in the form again (and to the API)', async () => {
    const form = await coach.get(page(`/assessments/${today}/coach-view`));
    expect(form.status, form.html.slice(0, 500)).toBe(200);
    expect(form.html.match(/<h1>/g)).toHaveLength(1);
    expect(form.html).toContain('Stage 3: I can, with effort');
    expect(form.html).toContain('The client has not answered this one.');
    expect(form.html).toContain('name="competency-1" value="Feedback"');

    const saved = await coach.post(page(`/assessments/${today}/coach-view`), { 'competency-0': 'Delegation', 'stage-0': '3', 'note-0': 'Hands over the stand-up now.', 'competency-1': 'Feedback', 'note-1': '' });
    expect(saved.status, saved.html.slice(0, 1500)).toBe(303);
    expect(saved.location).toBe(page('?done=coachView'));
    expect((await coach.get(saved.location!)).html).toContain('Your view of the round is saved.');

    const shown = await coach.get(page(`/assessments/${today}/coach-view`));
    expect(shown.html).toMatch(/id="stage-0-3" name="stage-0" value="3" checked/);
    expect(shown.html).toContain('Hands over the stand-up now.</textarea>');
    // Feedback was left out: its "no view" stays chosen.
    expect(shown.html).toMatch(/id="stage-1-5" name="stage-1" value="" checked/);

    const api_ = await F.as('coach', 'GET', `/v1/programs/${P.programId}/assessments`);
    const round = api_.body.rounds.find((r: { round: string }) => r.round === today);
    expect(round.coach.answers).toEqual([{ competency: 'Delegation', stage: 3, note: 'Hands over the stand-up now.' }]);
  });

  it('refuses a stage that is none of the four, and a note without a stage: the messages by the fields, the values kept, nothing written', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const answer = await coach.post(page(`/assessments/${today}/coach-view`), { 'competency-0': 'Delegation', 'stage-0': '7', 'note-0': 'Typed by the coach.', 'competency-1': 'Feedback', 'note-1': 'Asks for feedback weekly.' });
    expect(answer.status).toBe(400);
    const html = answer.html;
    expect(html).toContain('class="errors" role="alert"');
    expect(html).toContain('href="#stage-0-1"');
    expect(html).toContain('href="#stage-1-1"');
    expect(html).toMatch(/<p class="error" id="stage-0-error">Choose one of the four stages/);
    expect(html).toMatch(/<p class="error" id="stage-1-error">Choose one of the four stages/);
    expect(html).toContain('Typed by the coach.</textarea>');
    expect(html).toContain('Asks for feedback weekly.</textarea>');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });

  it('has no round on a day none opened, nor one still to come', async () => {
    expect((await coach.get(page('/assessments/2026-11-02/coach-view'))).status).toBe(404);
    expect((await coach.get(page('/assessments/2026-12-27/coach-view'))).status).toBe(404);
  });
});

describe('a session edited', () => {
  it('shows the form, saves a new day, summary and notes, and the program page shows them', async () => {
    const program = await coach.get(page());
    expect(program.html).toContain(`href="/app/programs/${P.programId}/sessions/${P.sessionId}"`);
    const form = await coach.get(page(`/sessions/${P.sessionId}`));
    expect(form.status, form.html.slice(0, 500)).toBe(200);
    expect(form.html).toContain('value="2026-11-20"');
    expect(form.html).toContain('We looked at where your week goes.</textarea>');

    const saved = await coach.post(page(`/sessions/${P.sessionId}`), { date: '2026-11-19', sharedSummary: 'Where your week goes, and what to drop.', privateNotes: 'Rested now.' });
    expect(saved.status, saved.html.slice(0, 1500)).toBe(303);
    expect(saved.location).toBe(page('?done=sessionSaved'));
    const after = await coach.get(saved.location!);
    expect(after.html).toContain('Session saved.');
    expect(after.html).toContain('Where your week goes, and what to drop.');
    expect(after.html).toContain('Rested now.');
    const session = await F.as('coach', 'GET', `/v1/programs/${P.programId}/sessions/${P.sessionId}`);
    expect(session.body.session.heldAt.slice(0, 10)).toBe('2026-11-19');
    expect(session.body.session.privateNotes).toBe('Rested now.');
  });

  it('refuses a day that does not exist: the message by the field, the values kept, nothing written', async () => {
    const before = await tenantSnapshot(F.tenantId);
    const answer = await coach.post(page(`/sessions/${P.sessionId}`), { date: '2026-02-30', sharedSummary: 'Typed summary.', privateNotes: 'Typed notes.' });
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('href="#date"');
    expect(answer.html).toMatch(/<p class="error" id="date-error">Enter the date as YYYY-MM-DD/);
    expect(answer.html).toContain('value="2026-02-30"');
    expect(answer.html).toContain('Typed summary.</textarea>');
    expect(answer.html).toContain('Typed notes.</textarea>');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });

  it('archives it: gone from the program page, archived for the API', async () => {
    const archived = await coach.post(page(`/sessions/${P.sessionId}`), { date: '2026-11-19', sharedSummary: 'Where your week goes, and what to drop.', privateNotes: 'Rested now.', archived: 'on' });
    expect(archived.location).toBe(page('?done=sessionArchived'));
    const after = await coach.get(archived.location!);
    expect(after.html).toContain('Session archived');
    expect(after.html).not.toContain('Where your week goes, and what to drop.');
    const session = await F.as('coach', 'GET', `/v1/programs/${P.programId}/sessions/${P.sessionId}`);
    expect(session.body.session.archived).toBe(true);
  });
});

describe('another coach of the firm', () => {
  it('gets the 404 page for each form and each post, and nothing is written or sent', async () => {
    const other = await signedIn(api, otherCoach.email, otherCoach.password);
    const before = await tenantSnapshot(F.tenantId);
    const mails = (await emailsTo(P.clientEmail)).length;
    for (const path of [page(`/assessments/${today}/coach-view`), page(`/sessions/${P.sessionId}`)]) {
      const answer = await other.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.html).not.toContain('Leading the new team');
    }
    const posts: [string, Record<string, string>][] = [
      [page('/assessments'), {}],
      [page(`/assessments/${today}/coach-view`), { 'competency-0': 'Delegation', 'stage-0': '1' }],
      [page(`/sessions/${P.sessionId}`), { date: '2026-11-18', sharedSummary: 'Not mine.', privateNotes: '' }],
    ];
    for (const [path, form] of posts) expect((await other.post(path, form)).status, path).toBe(404);
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
    expect(await emailsTo(P.clientEmail)).toHaveLength(mails);
  });
});

describe('in German', () => {
  it('shows the button, the rounds, the coach-view and edit-session forms and their messages in the firm’s words', async () => {
    const G = await createFirm(api, { locale: 'de' });
    const Q = await createProgram(G);
    const user = await signedIn(api, G.coach.email, G.coach.password);
    const program = await user.get(`/app/programs/${Q.programId}`);
    expect(program.html).toContain('Jetzt um eine Selbsteinschätzung bitten');
    expect(program.html).toContain('Ihre Einschätzung dieser Runde');
    expect(program.html).toContain('>Bearbeiten</a>');
    const view = await user.get(`/app/programs/${Q.programId}/assessments/2026-11-01/coach-view`);
    expect(view.html).toContain('Stufe 3: Ich kann es, mit Mühe');
    const bad = await user.post(`/app/programs/${Q.programId}/assessments/2026-11-01/coach-view`, { 'competency-0': 'Delegation', 'stage-0': '9' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Wählen Sie eine der vier Stufen');
    const session = await user.post(`/app/programs/${Q.programId}/sessions/${Q.sessionId}`, { date: 'morgen', sharedSummary: '', privateNotes: '' });
    expect(session.status).toBe(400);
    expect(session.html).toContain('Geben Sie das Datum als JJJJ-MM-TT ein');
    const sent = await user.post(`/app/programs/${Q.programId}/assessments`);
    expect((await user.get(sent.location!)).html).toContain('Eine Selbsteinschätzung ist ab heute offen');
  });
});
